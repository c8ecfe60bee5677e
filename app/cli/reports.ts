import { getCurrentIncident } from "~/services/incidents/current.server";
import { reportByState } from "~/services/reports/reports.server";
import { CliUsageError, parseOptions, type CliCommand } from "./types";

/** `npm run cli -- report …` commands. */
export const reportCommands: CliCommand[] = [
  {
    name: "report states",
    usage: "[--csv]   (notified, checked, enrolled per state, current incident)",
    async run(ctx, args) {
      const o = parseOptions(args, { csv: { type: "boolean" } });
      const incident = await getCurrentIncident(ctx);
      if (!incident) throw new CliUsageError("there is no incident yet");
      const rows = (await reportByState(ctx, incident.id)).filter((r) => r.notified > 0 || r.checked > 0);
      const cols = ["state", "notified", "minors", "deceased", "checked", "locked", "returned_mail", "enrolled"];
      const values = (r: (typeof rows)[number]) => [r.key, r.notified, r.minors, r.deceased, r.checked, r.locked, r.returnedMail, r.enrolled].map(String);
      const total = rows.reduce(
        (t, r) => ({
          ...t,
          notified: t.notified + r.notified,
          minors: t.minors + r.minors,
          deceased: t.deceased + r.deceased,
          checked: t.checked + r.checked,
          locked: t.locked + r.locked,
          returnedMail: t.returnedMail + r.returnedMail,
          enrolled: t.enrolled + r.enrolled,
        }),
        { key: "total", label: "Total", notified: 0, minors: 0, deceased: 0, checked: 0, locked: 0, returnedMail: 0, enrolled: 0 },
      );
      const table = [cols, ...rows.map(values), values(total)];
      if (o.csv) {
        for (const r of table) console.log(r.join(","));
        return 0;
      }
      const widths = cols.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
      console.log(`${incident.name}`);
      for (const r of table) console.log(r.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join("  "));
      return 0;
    },
  },
];
