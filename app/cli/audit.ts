import { sealAuditTrail, sweepClientAddresses } from "~/services/audit/seal.server";
import { verifyAuditTrail } from "~/services/audit/verify.server";
import { parseOptions, type CliCommand } from "./types";

/** `npm run cli -- audit …` */
export const auditCommands: CliCommand[] = [
  {
    name: "audit verify",
    usage:
      "[--expect-head <hash>]  (recomputes the keyed seal chain and reports rows not sealed yet; exit 0 when intact, 1 naming the first checkpoint that does not hold; --expect-head: a head kept outside the database must still be in the trail)",
    async run(ctx, args) {
      const opts = parseOptions(args, { "expect-head": { type: "string" } });
      const expectHead = opts["expect-head"] as string | undefined;
      if (expectHead !== undefined && !/^[0-9a-f]{64}$/.test(expectHead)) {
        console.error("--expect-head takes the 64 hexadecimal characters `audit verify` printed.");
        return 2;
      }
      const started = Date.now();
      const report = await verifyAuditTrail(ctx.db, ctx.config.auditSealKey, {
        expectHead,
        onProgress: (rows) => console.error(`  ${rows} rows checked…`),
      });
      const ms = Date.now() - started;
      if (report.ok) {
        console.info(
          `Audit trail intact: ${report.sealedRows} sealed row${report.sealedRows === 1 ? "" : "s"} in ${report.seals} checkpoint${report.seals === 1 ? "" : "s"} checked in ${ms} ms.`,
        );
        console.info(
          `Not sealed yet: ${report.unsealedRows} row${report.unsealedRows === 1 ? "" : "s"} (the sealer adds them within seconds while the server runs; \`audit seal\` does it now).`,
        );
        if (report.head) console.info(`Head: checkpoint ${report.headSeq}, ${report.head} (keep it outside the database; pass it back with --expect-head).`);
        if (expectHead) console.info("The head kept elsewhere is in the trail.");
        return 0;
      }
      console.error(`Audit trail ALTERED${report.badSeq !== null ? ` at checkpoint ${report.badSeq}` : ""}: ${report.message}.`);
      console.error(`  (${report.sealedRows} rows before it are intact.)`);
      return 1;
    },
  },
  {
    name: "audit seal",
    usage: " (seals the committed rows now, and sweeps clear client addresses past 30 days; the server does both by itself)",
    async run(ctx, args) {
      parseOptions(args, {});
      let total = 0;
      let seq: number | null = null;
      for (;;) {
        const run = await sealAuditTrail(ctx.db, ctx.config.auditSealKey, ctx.now());
        if (run.busy) {
          console.error("Another sealer is running (a server instance); it seals within a second.");
          return 0;
        }
        total += run.sealed;
        seq = run.seq ?? seq;
        if (run.sealed === 0) break;
      }
      const swept = await sweepClientAddresses(ctx.db, ctx.now());
      console.info(
        `Sealed ${total} row${total === 1 ? "" : "s"}${seq !== null ? ` (latest checkpoint ${seq})` : ""}; forgot ${swept} clear client address${swept === 1 ? "" : "es"} past retention.`,
      );
      return 0;
    },
  },
];
