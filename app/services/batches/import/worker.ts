// Worker thread of the batch import: parses, validates and seals chunks of the file
// (chunk.ts). seal-pool.server.ts bundles this file with esbuild before starting workers,
// so a worker loads plain JavaScript (no TypeScript loader, no hooks thread per worker).
import { parentPort, workerData } from "node:worker_threads";
import { processChunk, type ChunkJob } from "./chunk";
import { createSealState } from "../seal-core";

const state = createSealState(workerData);
parentPort!.on("message", (job: ChunkJob) => {
  try {
    const result = processChunk(state, job);
    parentPort!.postMessage(result, [result.copy.buffer as ArrayBuffer, result.mailing.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ jobId: job.jobId, error: error instanceof Error ? error.message : String(error) });
  }
});
