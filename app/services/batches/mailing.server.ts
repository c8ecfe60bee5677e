import { and, asc, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import { endSessionsOfNotice } from "../patient/session.server";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { batches, incidents, notices, type Batch } from "../../../db/schema/index";
import { recordAuditEvent } from "../audit/record.server";
import type { AppContext, RequestMeta } from "../context.server";
import { formatActivationCode, generateActivationCode, hashActivationCode, normalizeReferenceNumber } from "../notices/activation-code.server";
import type { SealedAddress, SealedName } from "../notices/seal.server";
import type { Actor } from "../actor";
import { csvCell } from "~/utils/csv";
import { rowsOf } from "./sql.server";

export const MAILING_HEADER = [
  "reference_number",
  "external_id",
  "letter_variant",
  "language",
  "full_name",
  "address_line1",
  "address_line2",
  "city",
  "state",
  "zip",
  "activation_code",
  "enroll_by",
] as const;

export class BatchStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BatchStateError";
  }
}

type MailingRow = Pick<
  typeof notices.$inferSelect,
  "id" | "referenceNumber" | "externalIdEnc" | "isMinor" | "isDeceased" | "language" | "nameEnc" | "addressEnc" | "codeEnc"
>;

export function mailingLine(ctx: AppContext, n: MailingRow, code: string, enrollBy: string): string {
  const name = n.nameEnc ? ctx.cipher.decryptJson<SealedName>("name", n.nameEnc) : null;
  const address = n.addressEnc ? ctx.cipher.decryptJson<SealedAddress>("address", n.addressEnc) : null;
  const variant = n.isDeceased ? "deceased" : n.isMinor ? "minor" : "adult";
  const fullName = name ? [name.first, name.middle, name.last, name.suffix].filter(Boolean).join(" ") : "";
  return `${[
    n.referenceNumber,
    n.externalIdEnc ? ctx.cipher.decrypt("external_id", n.externalIdEnc) : "",
    variant,
    n.language,
    fullName,
    address?.line1 ?? "",
    address?.line2 ?? "",
    address?.city ?? "",
    address?.state ?? "",
    address?.zip ?? "",
    formatActivationCode(code),
    enrollBy,
  ]
    .map(csvCell)
    .join(",")}\r\n`;
}

const PAGE_ROWS = 2000;

/** The rows of a batch awaiting mailing, as mailing-file lines, read page by page (bounded memory). */
async function* mailingLines(ctx: AppContext, batch: Batch, enrollBy: string): AsyncGenerator<string> {
  yield `${MAILING_HEADER.join(",")}\r\n`;
  let after = 0;
  for (;;) {
    const page = await ctx.db
      .select({
        id: notices.id,
        referenceNumber: notices.referenceNumber,
        externalIdEnc: notices.externalIdEnc,
        isMinor: notices.isMinor,
        isDeceased: notices.isDeceased,
        language: notices.language,
        nameEnc: notices.nameEnc,
        addressEnc: notices.addressEnc,
        codeEnc: notices.codeEnc,
      })
      .from(notices)
      .where(and(eq(notices.batchId, batch.id), gt(notices.id, after), isNotNull(notices.codeEnc), isNull(notices.revokedAt)))
      .orderBy(asc(notices.id))
      .limit(PAGE_ROWS);
    if (!page.length) return;
    let out = "";
    for (const n of page) out += mailingLine(ctx, n, ctx.cipher.decrypt("code", n.codeEnc!), enrollBy);
    yield out;
    after = page[page.length - 1]!.id;
  }
}

async function loadBatchForExport(ctx: AppContext, batchId: string) {
  const [row] = await ctx.db
    .select({ batch: batches, enrollBy: incidents.enrollBy })
    .from(batches)
    .innerJoin(incidents, eq(incidents.id, batches.incidentId))
    .where(eq(batches.id, batchId));
  return row ?? null;
}

/**
 * The print vendor's mailing file (DESIGN.md "Mailing file") for a batch awaiting mailing. The
 * export is audited first, in its own transaction: no audit row, no file. After the batch is
 * marked mailed the codes are gone and this refuses.
 */
export async function exportMailingFile(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta | null,
  batchId: string,
): Promise<{ fileName: string; lines: AsyncGenerator<string> }> {
  const found = await loadBatchForExport(ctx, batchId);
  if (!found) throw new BatchStateError("no such batch");
  const { batch, enrollBy } = found;
  await ctx.db.transaction(async (tx) => {
    const ok = batch.status === "awaiting_mailing";
    await recordAuditEvent(tx, {
      at: ctx.now(),
      ...actor,
      action: "batch.mailing.export",
      subjectType: "batch",
      subjectId: batch.id,
      ip: meta?.ip ?? null,
      requestId: meta?.requestId ?? null,
      outcome: ok ? "success" : "denied",
      details: { rows: ok ? batch.rowsImported : 0, status: batch.status },
    });
  });
  if (batch.status !== "awaiting_mailing") {
    throw new BatchStateError(
      batch.status === "mailed"
        ? "the letters of this batch are out: its codes can no longer be exported (reprint a letter to issue a new code)"
        : "this batch has no mailing file",
    );
  }
  return { fileName: `mailing-${batch.id}.csv`, lines: mailingLines(ctx, batch, enrollBy) };
}

/** Write a batch's mailing file from the database (import fallback when reference numbers changed). */
export async function writeMailingFile(ctx: AppContext, batchId: string, filePath: string): Promise<void> {
  const found = await loadBatchForExport(ctx, batchId);
  if (!found) throw new BatchStateError("no such batch");
  const tmp = `${filePath}.partial-${process.pid}`;
  const out = createWriteStream(tmp, { mode: 0o600 });
  try {
    for await (const chunk of mailingLines(ctx, found.batch, found.enrollBy)) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    await rename(tmp, filePath);
  } catch (error) {
    out.destroy();
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * The letters of a batch are out: its codes start working (the patient check requires a mailed
 * batch) and the encrypted copies kept for the mailing file are wiped, so they can never be
 * exported again.
 */
export async function markBatchMailed(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta | null,
  input: { batchId: string; mailedOn?: string },
): Promise<{ batchId: string; mailedOn: string; codesWiped: number }> {
  const mailedOn = input.mailedOn ?? ctx.now().toISOString().slice(0, 10);
  return ctx.db.transaction(async (tx) => {
    const [batch] = await tx.select().from(batches).where(eq(batches.id, input.batchId)).for("update");
    if (!batch) throw new BatchStateError("no such batch");
    if (batch.status !== "awaiting_mailing") throw new BatchStateError(`the batch is ${batch.status.replace("_", " ")}, not awaiting mailing`);
    await tx.update(batches).set({ status: "mailed", mailedOn }).where(eq(batches.id, batch.id));
    const [wiped] = await rowsOf<{ n: number }>(
      tx,
      sql`with w as (update notices set code_enc = null where batch_id = ${batch.id} and code_enc is not null returning 1)
          select count(*)::int as n from w`,
    );
    await recordAuditEvent(tx, {
      at: ctx.now(),
      ...actor,
      action: "batch.mark_mailed",
      subjectType: "batch",
      subjectId: batch.id,
      ip: meta?.ip ?? null,
      requestId: meta?.requestId ?? null,
      outcome: "success",
      details: { mailed_on: mailedOn, codes_wiped: wiped?.n ?? 0 },
    });
    return { batchId: batch.id, mailedOn, codesWiped: wiped?.n ?? 0 };
  });
}

/**
 * Reprint one person's letter: a new activation code replaces the old one (which stops working at
 * once, and every patient session opened with it ends), failed attempts and locks are cleared, and the one-line mailing file for the reprint is
 * returned — the only place the new code exists in clear. Audited as `notice.reissue`.
 */
export async function reprintNotice(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta | null,
  input: { referenceNumber: string; reason: string },
): Promise<{ referenceNumber: string; mailingCsv: string }> {
  const reference = normalizeReferenceNumber(input.referenceNumber);
  if (!reference) throw new BatchStateError("not a reference number");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ notice: notices, batchStatus: batches.status, enrollBy: incidents.enrollBy })
      .from(notices)
      .innerJoin(batches, eq(batches.id, notices.batchId))
      .innerJoin(incidents, eq(incidents.id, notices.incidentId))
      .where(eq(notices.referenceNumber, reference))
      .for("update", { of: notices });
    const audit = (outcome: "success" | "failure", subjectId: string | null) =>
      recordAuditEvent(tx, {
        at: ctx.now(),
        ...actor,
        action: "notice.reissue",
        subjectType: "notice",
        subjectId,
        reason: input.reason.slice(0, 500) || null,
        ip: meta?.ip ?? null,
        requestId: meta?.requestId ?? null,
        outcome,
        details: { kind: "reprint" },
      });
    if (!row || row.notice.purgedAt || !["awaiting_mailing", "mailed"].includes(row.batchStatus)) {
      await audit("failure", row ? String(row.notice.id) : null);
      throw new BatchStateError("no letter to reprint for this reference number");
    }
    const code = generateActivationCode();
    await tx
      .update(notices)
      .set({
        codeHash: hashActivationCode(ctx.config.codePepper, code),
        codeEnc: row.batchStatus === "awaiting_mailing" ? ctx.cipher.encrypt("code", code) : null,
        failedChecks: 0,
        lockedUntil: null,
        revokedAt: null,
      })
      .where(eq(notices.id, row.notice.id));
    // Browsers that opened the person's pages with the old code lose them now (issue 15, finding 6).
    await endSessionsOfNotice(tx, row.notice.id, ctx.now());
    await audit("success", String(row.notice.id));
    const csv = `${MAILING_HEADER.join(",")}\r\n${mailingLine(ctx, row.notice, code, row.enrollBy)}`;
    return { referenceNumber: reference, mailingCsv: csv };
  });
}

/** For tests and tools: count notices of a batch still holding a code for the mailing file. */
export async function countExportableCodes(ctx: AppContext, batchId: string): Promise<number> {
  const [r] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from notices where batch_id = ${batchId} and code_enc is not null`);
  return r?.n ?? 0;
}
