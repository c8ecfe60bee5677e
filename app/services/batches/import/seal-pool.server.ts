import { buildSync } from "esbuild";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ChunkJob, ChunkResult } from "./chunk";
import { nativeSealPath } from "../seal-core";

export type SealInit = { pepper: Uint8Array; keyId: string; key: Uint8Array; referenceKey: Uint8Array; nativeSeal?: boolean };
export type { ChunkJob, ChunkResult } from "./chunk";

const here = path.dirname(fileURLToPath(import.meta.url));
/** This directory in the source tree (also when the server runs from build/, where this module is bundled). */
const sourceDir = existsSync(path.join(here, "worker.ts")) ? here : path.resolve(process.cwd(), "app/services/batches/import");

/** Where the workers look for the OpenSSL binding: the batches directory's native/ (see seal-core). */
export function workerNativePath(): string {
  return nativeSealPath(path.dirname(sourceDir));
}

let bundled: string | null = null;
/**
 * The worker as one plain JavaScript file, bundled by esbuild once per process into a private
 * temporary directory (0700): workers then load plain JavaScript, with no TypeScript loader and
 * no module-hooks thread of their own.
 */
function workerBundle(): string {
  if (bundled && existsSync(bundled)) return bundled;
  const dir = mkdtempSync(path.join(os.tmpdir(), "ec-import-"));
  // Removed when the process exits (a crash leaves ~150 KB of our own code in /tmp, nothing personal).
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  const outfile = path.join(dir, "import-worker.mjs");
  buildSync({
    entryPoints: [path.join(sourceDir, "worker.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    logLevel: "silent",
    tsconfig: path.resolve(sourceDir, "../../../../tsconfig.json"),
  });
  bundled = outfile;
  return outfile;
}

/** How many sealing threads: the configured number (IMPORT_WORKERS), else one per core. */
export function workerCount(configured?: number): number {
  return configured ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/**
 * A small pool of worker threads that parse, validate and seal chunks of a batch file (codes,
 * keyed hashes, AES-GCM), so the main thread only cuts the file and feeds COPY. Jobs go to the
 * least busy worker; a job's bytes are copied once and transferred, results come back transferred.
 */
export class SealPool {
  private workers: { worker: Worker; busy: number }[] = [];
  private pending = new Map<number, { resolve: (r: ChunkResult) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private failed: Error | null = null;

  constructor(init: SealInit, size = workerCount()) {
    const file = workerBundle();
    const { nativeSeal = true, ...secrets } = init;
    const workerData = { ...secrets, nativePath: nativeSeal ? workerNativePath() : null };
    for (let i = 0; i < size; i++) {
      // Each worker holds one chunk at a time and sends its output away as transferred bytes: a small
      // heap keeps the process under its memory budget (measured: 96/16 MB heaps peaked ~60 MB more
      // RSS for two workers than 48/8, at the same speed).
      const worker = new Worker(file, { workerData, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 } });
      const slot = { worker, busy: 0 };
      worker.on("message", (msg: ChunkResult & { error?: string }) => {
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

  run(job: Omit<ChunkJob, "jobId">): Promise<ChunkResult> {
    if (this.failed) return Promise.reject(this.failed);
    const jobId = this.nextId++;
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(jobId, { resolve, reject });
      // A copy to transfer: the caller's bytes may share their buffer with the next read.
      const bytes = new Uint8Array(job.bytes);
      slot.worker.postMessage({ ...job, bytes, jobId }, [bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    this.workers = [];
  }
}
