import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

export type SealInit = { pepper: Uint8Array; keyId: string; key: Uint8Array; referenceKey: Uint8Array };
export type SealJob = {
  text: string;
  counterStart: number;
  organizationId: string;
  mailingDate: string;
  enrollBy: string;
  keepCode: boolean;
  mailing: boolean;
};
export type SealResult = {
  /** COPY text (UTF-8), in an ArrayBuffer transferred from the worker. */
  copy: Uint8Array;
  /** Mailing-file lines (UTF-8), empty unless asked. */
  mailing: Uint8Array;
  count: number;
  states: Record<string, [number, number, number]>;
  categories: Record<string, number>;
};

/** The worker file: next to this module in the source tree (also when the server runs from build/). */
function workerPath(): string {
  const here = new URL("./seal-worker.mjs", import.meta.url);
  if (here.protocol === "file:" && existsSync(fileURLToPath(here))) return fileURLToPath(here);
  return path.resolve(process.cwd(), "app/services/batches/seal-worker.mjs");
}

/** How many sealing threads: IMPORT_WORKERS, else one per core. */
export function defaultWorkerCount(): number {
  const fromEnv = Number(process.env.IMPORT_WORKERS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/**
 * A small pool of worker threads that seal chunks of rows (codes, keyed hashes, AES-GCM), so the
 * main thread only parses, validates and feeds COPY. Jobs go to the least busy worker.
 */
export class SealPool {
  private workers: { worker: Worker; busy: number }[] = [];
  private pending = new Map<number, { resolve: (r: SealResult) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private failed: Error | null = null;

  constructor(init: SealInit, size = defaultWorkerCount()) {
    const file = workerPath();
    for (let i = 0; i < size; i++) {
      // Each worker holds one chunk at a time and sends its output away as transferred bytes: a small
      // heap keeps the process under its memory budget (measured: 96/16 MB heaps peaked ~60 MB more
      // RSS for two workers than 48/8, at the same speed).
      const worker = new Worker(file, { workerData: init, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 } });
      const slot = { worker, busy: 0 };
      worker.on("message", (msg: SealResult & { jobId: number; error?: string }) => {
        slot.busy--;
        const p = this.pending.get(msg.jobId);
        this.pending.delete(msg.jobId);
        if (!p) return;
        if (msg.error) p.reject(new Error(`sealing failed: ${msg.error}`));
        else p.resolve(msg);
      });
      worker.on("error", (e) => this.fail(e));
      worker.on("exit", (code) => {
        if (code !== 0) this.fail(new Error(`sealing worker exited with ${code}`));
      });
      this.workers.push(slot);
    }
  }

  private fail(e: Error) {
    this.failed ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  get size(): number {
    return this.workers.length;
  }

  seal(job: SealJob): Promise<SealResult> {
    if (this.failed) return Promise.reject(this.failed);
    const jobId = this.nextId++;
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(jobId, { resolve, reject });
      slot.worker.postMessage({ ...job, jobId });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    this.workers = [];
  }
}
