import { verifyAuditChain } from "~/services/audit/verify.server";
import { parseOptions, type CliCommand } from "./types";

/** `npm run cli -- audit …` */
export const auditCommands: CliCommand[] = [
  {
    name: "audit verify",
    usage: "  (recomputes the hash chain; exit 0 when intact, 1 naming the first altered row)",
    async run(ctx, args) {
      parseOptions(args, {});
      const started = Date.now();
      const report = await verifyAuditChain(ctx.db, {
        onProgress: (rows) => {
          if (rows % 100_000 === 0) console.error(`  ${rows} rows checked…`);
        },
      });
      const ms = Date.now() - started;
      if (report.ok) {
        console.info(`Audit trail intact: ${report.rows} row${report.rows === 1 ? "" : "s"} checked in ${ms} ms.`);
        if (report.headId !== null) console.info(`Head: row ${report.headId}, hash ${report.headHash} (keep it to detect removal of the newest rows).`);
        return 0;
      }
      console.error(`Audit trail ALTERED: first altered row id ${report.firstAlteredId}.`);
      console.error(`  ${report.message} (${report.rows} rows before it are intact).`);
      return 1;
    },
  },
];
