import { describeError, log } from "~/utils/log.server";
import type { AppContext } from "../context.server";
import { SEAL_INTERVAL_MS, SEAL_MAX_ROWS, sealAuditTrail, sweepClientAddresses } from "./seal.server";

const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/**
 * The sealing loop every server instance runs: seal about once a second (one instance at a time
 * does it, the others skip the round), and sweep clear client addresses past retention once an
 * hour. Returns the stop function, which seals once more after the HTTP drain.
 */
export function startAuditSealer(ctx: AppContext, options: { intervalMs?: number } = {}): () => Promise<void> {
  const intervalMs = options.intervalMs ?? SEAL_INTERVAL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let lastSweep = 0;
  let failing = false;

  const round = async () => {
    try {
      for (;;) {
        const run = await sealAuditTrail(ctx.db, ctx.config.auditSealKey, ctx.now());
        if (run.sealed < SEAL_MAX_ROWS) break;
      }
      if (Date.now() - lastSweep >= SWEEP_INTERVAL_MS) {
        lastSweep = Date.now();
        const swept = await sweepClientAddresses(ctx.db, ctx.now());
        if (swept > 0) log.info("audit.addresses.swept", { count: swept });
      }
      if (failing) log.info("audit.sealer.recovered", {});
      failing = false;
    } catch (error) {
      // The database away: nothing is lost, the rows wait for the next round. Say it once.
      if (!failing) log.warn("audit.sealer.error", describeError(error));
      failing = true;
    }
  };
  let current: Promise<void> = round();
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = round().finally(schedule);
    }, intervalMs);
    timer.unref?.();
  };
  void current.finally(schedule);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await current;
    await round();
  };
}
