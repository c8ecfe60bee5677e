// The first stage of an import: the organization, the file's SHA-256 and the batch row.
import { and, eq, inArray } from "drizzle-orm";
import { pgCode } from "../../../../db/client";
import { batches, incidents, organizations, type Batch } from "../../../../db/schema/index";
import { recordAuditEvent } from "../../audit/record.server";
import type { Actor } from "../../actor";
import type { AppContext, RequestMeta } from "../../context.server";
import { ACTIVE, sha256File, sweepStaleImports } from "./liveness.server";
import { stageTableName } from "./stage.server";
import type { ImportOptions, ImportResult } from "./types";

/**
 * First half of an import: checks the organization and the file's SHA-256 and creates the batch
 * row (`importing`) with the upload's audit row. The web action calls this, then runs
 * `runImport` in the background and redirects to the progress page.
 */
export async function beginImport(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta | null,
  options: ImportOptions,
): Promise<{ batch: Batch | null } | { result: ImportResult }> {
  const [org] = await ctx.db
    .select({ id: organizations.id, incidentId: organizations.incidentId, noticeDate: incidents.noticeDate })
    .from(organizations)
    .innerJoin(incidents, eq(incidents.id, organizations.incidentId))
    .where(eq(organizations.id, options.organizationId));
  if (!org) throw new Error("unknown organization");
  if (options.dryRun) return { batch: null };
  const sha = options.sha256 ?? (await sha256File(options.filePath));
  await sweepStaleImports(ctx);
  const empty = { rowsRead: 0, imported: 0, rejected: 0, report: null };
  // This process owns the batch from its first moment: until the run takes the advisory lock, a
  // sweep here (a batch page loading meanwhile) must not find it dead. The run lets go at its end.
  const batchId = crypto.randomUUID();
  ACTIVE.add(stageTableName(batchId));
  let created = false;
  try {
    return await ctx.db.transaction(async (tx) => {
      const [same] = await tx
        .select({ id: batches.id, status: batches.status })
        .from(batches)
        .where(and(eq(batches.organizationId, org.id), eq(batches.fileSha256, sha), inArray(batches.status, ["importing", "awaiting_mailing", "mailed"])));
      const audit = (outcome: "success" | "failure", subjectId: string | null, details: Record<string, string | number | boolean | null>) =>
        recordAuditEvent(tx, {
          at: ctx.now(),
          ...actor,
          action: "batch.upload",
          subjectType: "batch",
          subjectId,
          ip: meta?.ip ?? null,
          requestId: meta?.requestId ?? null,
          outcome,
          details: { file_sha256: sha, source: options.source, ...details },
        });
      if (same) {
        await audit("failure", same.id, { reason: same.status === "importing" ? "in_progress" : "duplicate_file" });
        return {
          result: {
            outcome: same.status === "importing" ? ("in_progress" as const) : ("duplicate" as const),
            batchId: same.id,
            duplicateOf: same.id,
            ...empty,
          },
        };
      }
      const [batch] = await tx
        .insert(batches)
        .values({
          id: batchId,
          incidentId: org.incidentId,
          organizationId: org.id,
          fileName: options.fileName.slice(0, 200),
          fileSha256: sha,
          status: "importing",
          phase: "queued",
          mailingDate: options.mailingDate ?? org.noticeDate,
          heartbeatAt: ctx.now(),
          source: options.source,
          createdBy: actor.actorId,
          createdAt: ctx.now(),
        })
        .returning();
      await audit("success", batch!.id, { skip_invalid: Boolean(options.skipInvalid) });
      created = true;
      return { batch: batch! };
    });
  } catch (error) {
    if (pgCode(error) === "23505") return { result: { outcome: "in_progress", batchId: null, ...empty } };
    throw error;
  } finally {
    if (!created) ACTIVE.delete(stageTableName(batchId));
  }
}
