import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { rename, rm, writeFile } from "node:fs/promises";
import { incidents, notices, reprintRequests } from "../../../db/schema/index";
import { recordAuditEvent } from "../audit/record.server";
import { MAILING_HEADER, mailingLine } from "../batches/mailing.server";
import type { Actor } from "../actor";
import type { AppContext } from "../context.server";

/**
 * `reprint export --out <csv>`: the mailing file (the batch mailing file's columns) of every letter
 * reissued by the call center since the last export. In one transaction: the pending rows are
 * locked, the file is written (to a temporary name), the rows are marked exported and their
 * encrypted codes wiped, and the export is audited; the file gets its name only after the commit.
 * A failed run leaves the rows pending for the next one. Only admins (the CLI) export: agents cannot.
 */
export async function exportReprints(ctx: AppContext, actor: Actor, outPath: string): Promise<{ letters: number }> {
  const tmp = `${outPath}.partial`;
  try {
    const letters = await ctx.db.transaction(async (tx) => {
      const rows = await tx
        .select({ reprint: reprintRequests, notice: notices, enrollBy: incidents.enrollBy })
        .from(reprintRequests)
        .innerJoin(notices, eq(notices.id, reprintRequests.noticeId))
        .innerJoin(incidents, eq(incidents.id, notices.incidentId))
        .where(and(isNull(reprintRequests.exportedAt), isNull(notices.purgedAt)))
        .orderBy(asc(reprintRequests.id))
        .for("update", { of: reprintRequests });
      let csv = `${MAILING_HEADER.join(",")}\r\n`;
      for (const r of rows) {
        if (!r.reprint.codeEnc) continue;
        csv += mailingLine(ctx, r.notice, ctx.cipher.decrypt("code", r.reprint.codeEnc), r.enrollBy);
      }
      await writeFile(tmp, csv, { mode: 0o600 });
      const now = ctx.now();
      if (rows.length) {
        await tx
          .update(reprintRequests)
          .set({ exportedAt: now, codeEnc: null })
          .where(
            inArray(
              reprintRequests.id,
              rows.map((r) => r.reprint.id),
            ),
          );
      }
      await recordAuditEvent(tx, { at: now, ...actor, action: "reprint.export", outcome: "success", details: { letters: rows.length } });
      return rows.length;
    });
    await rename(tmp, outPath);
    return { letters };
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
