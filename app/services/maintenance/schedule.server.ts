import { describeError, log } from "~/utils/log.server";
import type { AppContext } from "../context.server";
import { purgeExpiredIncidents } from "../incidents/purge.server";
import { runHousekeeping } from "./sweep.server";

/** The actor of work the server does on its own schedule. */
export const SCHEDULE_ACTOR = { actorType: "system" as const, actorId: "schedule", actorRole: "system" };

/**
 * What the server does about once an hour besides email (the email worker's loop calls it): the
 * housekeeping sweeps, then the retention purge of any incident whose retainUntil has come. Each
 * part is idempotent and safe on several instances; a failure is logged and tried next hour.
 */
export async function runScheduledMaintenance(ctx: AppContext): Promise<void> {
  try {
    const swept = await runHousekeeping(ctx);
    const total = Object.values(swept).reduce((a, b) => a + b, 0);
    if (total > 0) log.info("housekeeping.swept", swept);
  } catch (error) {
    log.warn("housekeeping.error", describeError(error));
  }
  try {
    const run = await purgeExpiredIncidents(ctx, SCHEDULE_ACTOR, { apply: true });
    for (const i of run.incidents) log.info("purge.done", { incident: i.slug, ...i.counts });
  } catch (error) {
    log.warn("purge.error", describeError(error));
  }
}
