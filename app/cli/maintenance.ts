import type { PurgeCounts } from "~/services/incidents/purge.server";
import { CLI_ACTOR, parseOptions, type CliCommand } from "./types";

const line = (c: PurgeCounts) =>
  `notices ${c.notices}, enrollments ${c.enrollments}, emails ${c.emails}, monitoring codes ${c.monitoringCodes}, patient sessions ${c.patientSessions}, call notes ${c.callNotes}, reprints ${c.reprints}`;

/** `npm run cli -- purge`, `npm run cli -- sweep`: the retention purge and the housekeeping sweeps. */
export const maintenanceCommands: CliCommand[] = [
  {
    name: "purge",
    usage: "[--apply]   (personal data of incidents past retainUntil; a dry run unless --apply; prints counts only)",
    async run(ctx, args) {
      const o = parseOptions(args, { apply: { type: "boolean" } });
      const apply = o.apply === true;
      // Loaded when the command runs: every CLI start compiles what it imports (tsx).
      const { purgeExpiredIncidents } = await import("~/services/incidents/purge.server");
      const run = await purgeExpiredIncidents(ctx, CLI_ACTOR, { apply });
      if (run.incidents.length === 0) {
        console.log("No incident has reached its retention date with personal data left: nothing to purge.");
        return 0;
      }
      for (const i of run.incidents) {
        console.log(`${i.slug} (retain until ${i.retainUntil}): ${apply ? "erased" : "would erase"} ${line(i.counts)}`);
      }
      console.log(apply ? "Done. Counts, reports and the audit trail are kept." : "Dry run: nothing was erased. Run `purge --apply` to erase.");
      return 0;
    },
  },
  {
    name: "sweep",
    usage: "  (the housekeeping the server runs hourly: old throttle rows, dead sessions, old sent email)",
    async run(ctx, args) {
      parseOptions(args, {});
      const { runHousekeeping } = await import("~/services/maintenance/sweep.server");
      const c = await runHousekeeping(ctx);
      console.log(
        `swept: throttles ${c.throttles}, patient sessions ${c.patientSessions}, staff sessions ${c.staffSessions}, sign-in counters ${c.staffLoginAttempts}, sent emails ${c.sentEmails}`,
      );
      return 0;
    },
  },
];
