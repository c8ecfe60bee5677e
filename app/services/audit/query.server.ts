import { and, count, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { auditClientAddresses, auditEvents, notices, staffUsers, type AuditEvent } from "../../../db/schema/index";
import { normalizeReferenceNumber } from "../notices/activation-code.server";
import { csvLine, csvLines } from "~/utils/csv";
import type { AppContext, RequestMeta } from "../context.server";
import { assertRole, type StaffActor } from "../staff/roles";
import { recordAuditEvent } from "./record.server";
import type { AuditFilters } from "./schemas";

export const AUDIT_PAGE_SIZE = 50;
const EXPORT_CHUNK_ROWS = 1000;

export type AuditRowView = {
  id: number;
  at: string;
  actorType: AuditEvent["actorType"];
  actor: string;
  actorRole: string;
  action: string;
  subject: string;
  reason: string;
  callReference: string;
  /** The client address in clear while it is kept (30 days), else empty. */
  ip: string;
  /** The keyed hash of the client address, kept forever: equal hashes, same client address. */
  ipHash: string;
  requestId: string;
  outcome: AuditEvent["outcome"];
  details: string;
};

export type AuditTrailPage = { rows: AuditRowView[]; page: number; pageCount: number; total: number; pageSize: number };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The WHERE clause for the filters; null when it cannot match (an unknown notice reference). */
async function whereFor(db: Db, filters: AuditFilters): Promise<SQL | undefined | null> {
  const parts: SQL[] = [];
  if (filters.staff) parts.push(and(eq(auditEvents.actorType, "staff"), eq(auditEvents.actorId, filters.staff))!);
  if (filters.reference) {
    const ref = normalizeReferenceNumber(filters.reference);
    const [notice] = ref ? await db.select({ id: notices.id }).from(notices).where(eq(notices.referenceNumber, ref)) : [];
    if (!notice) return null;
    parts.push(and(eq(auditEvents.subjectType, "notice"), eq(auditEvents.subjectId, String(notice.id)))!);
  }
  if (filters.action) parts.push(eq(auditEvents.action, filters.action));
  if (filters.from) parts.push(gte(auditEvents.at, new Date(`${filters.from}T00:00:00Z`)));
  if (filters.to) parts.push(lt(auditEvents.at, new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + DAY_MS)));
  return parts.length ? and(...parts) : undefined;
}

/** Filters as they go into the audit row of the view or export (no personal data in them). */
function filterDetails(filters: AuditFilters): Record<string, string | null> {
  return {
    staff: filters.staff ?? null,
    reference: filters.reference ? normalizeReferenceNumber(filters.reference) : null,
    eventType: filters.action ?? null,
    from: filters.from ?? null,
    to: filters.to ?? null,
  };
}

/** Names for ids on a page: staff emails and notice reference numbers. */
async function labelsFor(db: Db, rows: AuditEvent[]) {
  const staffIds = [...new Set(rows.flatMap((r) => [r.actorType === "staff" ? r.actorId : null, r.subjectType === "staff_user" ? r.subjectId : null]))].filter(
    (x): x is string => !!x && /^[0-9a-f-]{36}$/i.test(x),
  );
  const noticeIds = [...new Set(rows.filter((r) => r.subjectType === "notice" && /^\d+$/.test(r.subjectId ?? "")).map((r) => Number(r.subjectId)))];
  const staff = staffIds.length ? await db.select({ id: staffUsers.id, email: staffUsers.email }).from(staffUsers).where(inArray(staffUsers.id, staffIds)) : [];
  const refs = noticeIds.length ? await db.select({ id: notices.id, ref: notices.referenceNumber }).from(notices).where(inArray(notices.id, noticeIds)) : [];
  const withAddress = rows.filter((r) => r.ipHash).map((r) => r.id);
  const addresses = withAddress.length
    ? await db
        .select({ id: auditClientAddresses.auditId, ip: auditClientAddresses.ip })
        .from(auditClientAddresses)
        .where(inArray(auditClientAddresses.auditId, withAddress))
    : [];
  return {
    staff: new Map(staff.map((s) => [s.id, s.email])),
    refs: new Map(refs.map((n) => [String(n.id), n.ref])),
    addresses: new Map(addresses.map((a) => [a.id, a.ip])),
  };
}

function view(row: AuditEvent, labels: Awaited<ReturnType<typeof labelsFor>>): AuditRowView {
  const actor =
    row.actorType === "staff"
      ? row.actorId
        ? (labels.staff.get(row.actorId) ?? row.actorId)
        : "(unknown email)"
      : `${row.actorType}${row.actorId ? `: ${row.actorId}` : ""}`;
  let subject = "";
  if (row.subjectType === "notice" && row.subjectId) subject = `notice ${labels.refs.get(row.subjectId) ?? `#${row.subjectId}`}`;
  else if (row.subjectType === "staff_user" && row.subjectId) subject = `staff ${labels.staff.get(row.subjectId) ?? row.subjectId}`;
  else if (row.subjectType) subject = `${row.subjectType}${row.subjectId ? ` ${row.subjectId}` : ""}`;
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorType: row.actorType,
    actor,
    actorRole: row.actorRole ?? "",
    action: row.action,
    subject,
    reason: row.reason ?? "",
    callReference: row.callReference ?? "",
    ip: labels.addresses.get(row.id) ?? "",
    ipHash: row.ipHash ?? "",
    requestId: row.requestId ?? "",
    outcome: row.outcome,
    details: row.details ? JSON.stringify(row.details) : "",
  };
}

/**
 * One page of the audit trail, newest first (supervisors and up). The view itself is audited
 * (`audit.view`, with the filters) in the same transaction as the read.
 */
export async function viewAuditTrail(ctx: AppContext, actor: StaffActor, meta: RequestMeta, filters: AuditFilters, page: number): Promise<AuditTrailPage> {
  assertRole(actor, "supervisor");
  return ctx.db.transaction(async (tx) => {
    const where = await whereFor(tx, filters);
    let total = 0;
    let rows: AuditEvent[] = [];
    if (where !== null) {
      const [c] = await tx.select({ n: count() }).from(auditEvents).where(where);
      total = Number(c?.n ?? 0);
      const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
      const current = Math.min(page, pageCount);
      rows = await tx
        .select()
        .from(auditEvents)
        .where(where)
        .orderBy(desc(auditEvents.id))
        .limit(AUDIT_PAGE_SIZE)
        .offset((current - 1) * AUDIT_PAGE_SIZE);
      page = current;
    } else page = 1;
    const labels = await labelsFor(tx, rows);
    await recordAuditEvent(tx, {
      at: ctx.now(),
      actorType: "staff",
      actorId: actor.id,
      actorRole: actor.role,
      action: "audit.view",
      subjectType: "audit_trail",
      ip: meta.ip,
      requestId: meta.requestId,
      outcome: "success",
      details: { ...filterDetails(filters), page, rows: rows.length, total },
    });
    return { rows: rows.map((r) => view(r, labels)), page, pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)), total, pageSize: AUDIT_PAGE_SIZE };
  });
}

export const AUDIT_CSV_COLUMNS = [
  "id",
  "at",
  "actor_type",
  "actor",
  "actor_role",
  "action",
  "subject",
  "reason",
  "call_reference",
  "ip",
  "request_id",
  "outcome",
  "details",
  "ip_hash",
] as const;

function csvRecord(v: AuditRowView): string[] {
  return [
    String(v.id),
    v.at,
    v.actorType,
    v.actor,
    v.actorRole,
    v.action,
    v.subject,
    v.reason,
    v.callReference,
    v.ip,
    v.requestId,
    v.outcome,
    v.details,
    v.ipHash,
  ];
}

/**
 * The filtered audit trail as CSV (RFC 4180, formula-safe), newest first, streamed in chunks so
 * any size fits in bounded memory. The `audit.export` row (filters and row count) is committed
 * before the first byte: if it cannot be written, there is no export.
 */
export async function exportAuditCsv(
  ctx: AppContext,
  actor: StaffActor,
  meta: RequestMeta,
  filters: AuditFilters,
): Promise<{ filename: string; rows: number; body: ReadableStream<Uint8Array> }> {
  assertRole(actor, "supervisor");
  const now = ctx.now();
  const { where, rows, lastId } = await ctx.db.transaction(async (tx) => {
    const w = await whereFor(tx, filters);
    const [c] =
      w === null
        ? [{ n: 0, max: 0 }]
        : await tx
            .select({ n: count(), max: sql<number>`coalesce(max(${auditEvents.id}), 0)` })
            .from(auditEvents)
            .where(w);
    const n = Number(c?.n ?? 0);
    await recordAuditEvent(tx, {
      at: now,
      actorType: "staff",
      actorId: actor.id,
      actorRole: actor.role,
      action: "audit.export",
      subjectType: "audit_trail",
      ip: meta.ip,
      requestId: meta.requestId,
      outcome: "success",
      details: { ...filterDetails(filters), rows: n },
    });
    return { where: w, rows: n, lastId: Number(c?.max ?? 0) };
  });
  const encoder = new TextEncoder();
  // The export covers the rows that existed when it was audited (ids up to lastId).
  let cursor = lastId + 1;
  let headerSent = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(AUDIT_CSV_COLUMNS)));
        if (where === null || rows === 0) controller.close();
        return;
      }
      const chunk = await ctx.db
        .select()
        .from(auditEvents)
        .where(and(where ?? undefined, lt(auditEvents.id, cursor)))
        .orderBy(desc(auditEvents.id))
        .limit(EXPORT_CHUNK_ROWS);
      if (chunk.length === 0) {
        controller.close();
        return;
      }
      cursor = chunk[chunk.length - 1]!.id;
      const labels = await labelsFor(ctx.db, chunk);
      controller.enqueue(encoder.encode(csvLines(chunk.map((r) => csvRecord(view(r, labels))))));
      if (chunk.length < EXPORT_CHUNK_ROWS) controller.close();
    },
  });
  return { filename: `audit-trail-${now.toISOString().slice(0, 10)}.csv`, rows, body };
}
