// Worker thread of the batch import: seals chunks of validated rows (see seal-core.mjs).
import { parentPort, workerData } from "node:worker_threads";
import { createSealState, sealChunk } from "./seal-core.mjs";

const state = createSealState(workerData);
parentPort.on("message", (job) => {
  try {
    const result = sealChunk(state, job);
    parentPort.postMessage(result, [result.copy.buffer, result.mailing.buffer]);
  } catch (error) {
    parentPort.postMessage({ jobId: job.jobId, error: error instanceof Error ? error.message : String(error) });
  }
});
