import { and, desc, eq, sql } from "drizzle-orm";
import { batches, incidents, organizations, type Batch } from "../../../db/schema/index";
import { recordAuditEvent } from "../audit/record.server";
import type { AppContext, RequestMeta } from "../context.server";
import { SUBSTITUTE_NOTICE_THRESHOLD } from "../reports/reports.server";
import type { Actor } from "../actor";
import { describeProblem, reportToCsv, type BatchReport } from "./report";
import { REJECT_REASONS, type RejectReason } from "./validate";

/**
 * Reads for the admin batch pages (issue 4). Batch rows, organizations and counters hold no
 * personal data (the report holds line, column and reason only), so viewing them is not audited;
 * downloads are.
 */

export type BatchListItem = {
  id: string;
  organization: string;
  fileName: string;
  status: Batch["status"];
  phase: string | null;
  rowsTotal: number;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  mailingDate: string;
  mailedOn: string | null;
  source: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

const LIST_COLUMNS = {
  id: batches.id,
  organization: organizations.name,
  fileName: batches.fileName,
  status: batches.status,
  phase: batches.phase,
  rowsTotal: batches.rowsTotal,
  rowsRead: batches.rowsRead,
  rowsImported: batches.rowsImported,
  rowsRejected: batches.rowsRejected,
  mailingDate: batches.mailingDate,
  mailedOn: batches.mailedOn,
  source: batches.source,
  createdAt: batches.createdAt,
  finishedAt: batches.finishedAt,
};

/** The newest batches of an incident (the page shows at most `limit`). */
export async function listBatches(ctx: AppContext, incidentId: string, limit = 200): Promise<BatchListItem[]> {
  return ctx.db
    .select(LIST_COLUMNS)
    .from(batches)
    .innerJoin(organizations, eq(organizations.id, batches.organizationId))
    .where(eq(batches.incidentId, incidentId))
    .orderBy(desc(batches.createdAt))
    .limit(limit);
}

export type BatchDetail = BatchListItem & {
  organizationId: string;
  organizationSlug: string;
  incidentId: string;
  enrollBy: string;
  heartbeatAt: Date | null;
  error: string | null;
  report: BatchReport | null;
};

export async function getBatchDetail(ctx: AppContext, batchId: string): Promise<BatchDetail | null> {
  const [row] = await ctx.db
    .select({
      ...LIST_COLUMNS,
      organizationId: batches.organizationId,
      organizationSlug: organizations.slug,
      incidentId: batches.incidentId,
      enrollBy: incidents.enrollBy,
      heartbeatAt: batches.heartbeatAt,
      error: batches.error,
      report: batches.report,
    })
    .from(batches)
    .innerJoin(organizations, eq(organizations.id, batches.organizationId))
    .innerJoin(incidents, eq(incidents.id, batches.incidentId))
    .where(eq(batches.id, batchId));
  return row ? { ...row, report: (row.report as BatchReport | null) ?? null } : null;
}

/**
 * The web upload counts the lines of the file while it streams to disk: an estimate of the rows
 * (quoted line breaks aside) for the progress bar. The import sets the exact figure at the end.
 */
export async function setExpectedRows(ctx: AppContext, batchId: string, rows: number): Promise<void> {
  await ctx.db
    .update(batches)
    .set({ rowsTotal: Math.max(0, rows) })
    .where(and(eq(batches.id, batchId), eq(batches.status, "importing")));
}

/** The validation report of a batch as CSV (formula-safe); audited `batch.report.download`. */
export async function downloadBatchReport(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta | null,
  batchId: string,
): Promise<{ fileName: string; csv: string } | null> {
  const [batch] = await ctx.db.select({ id: batches.id, report: batches.report }).from(batches).where(eq(batches.id, batchId));
  if (!batch?.report) return null;
  const report = batch.report as BatchReport;
  const csv = reportToCsv(report);
  await ctx.db.transaction((tx) =>
    recordAuditEvent(tx, {
      at: ctx.now(),
      ...actor,
      action: "batch.report.download",
      subjectType: "batch",
      subjectId: batch.id,
      ip: meta?.ip ?? null,
      requestId: meta?.requestId ?? null,
      outcome: "success",
      details: { rows_rejected: report.rowsRejected },
    }),
  );
  return { fileName: `report-${batch.id}.csv`, csv };
}

export type OrganizationSummary = { id: string; slug: string; name: string; notified: number; batches: number; createdAt: Date };

/** Organizations of an incident with their notice counts (from the counters, live batches only). */
export async function listOrganizationsWithCounts(ctx: AppContext, incidentId: string): Promise<OrganizationSummary[]> {
  const rows = await ctx.database.rows<{ id: string; slug: string; name: string; created_at: string | Date; notified: number; batches: number }>(sql`
    select o.id::text as id, o.slug, o.name, o.created_at,
      coalesce((select sum(s.notified) from notice_stats s join batches b on b.id = s.batch_id
                where s.organization_id = o.id and b.status in ('awaiting_mailing', 'mailed')), 0)::int as notified,
      (select count(*) from batches b where b.organization_id = o.id)::int as batches
    from organizations o where o.incident_id = ${incidentId}
    order by o.name`);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    createdAt: new Date(r.created_at),
    notified: Number(r.notified),
    batches: Number(r.batches),
  }));
}

export type SubstituteNoticeStatus = { returned: number; threshold: number; required: boolean };

/** HIPAA substitute notice: 10 or more people of the incident could not be reached by mail. */
export async function substituteNoticeStatus(ctx: AppContext, incidentId: string): Promise<SubstituteNoticeStatus> {
  const [r] = await ctx.database.rows<{ n: number }>(sql`select coalesce(sum(returned_mail), 0)::int as n from notice_stats where incident_id = ${incidentId}`);
  const returned = Number(r?.n ?? 0);
  return { returned, threshold: SUBSTITUTE_NOTICE_THRESHOLD, required: returned >= SUBSTITUTE_NOTICE_THRESHOLD };
}

/** A report as the pages show it: plain data (labels resolved on the server), first rows of each reason. */
export type ReportView = {
  rowsRead: number;
  rowsValid: number;
  rowsRejected: number;
  counts: { reason: string; label: string; count: number }[];
  rows: { line: number; column: string; reason: string; message: string }[];
  /** Rows kept in the stored report but not shown on the page (the CSV has them). */
  hiddenRows: number;
  truncated: boolean;
  ignoredColumns: string[];
  rowsPerReason: number;
};

export function reportView(report: BatchReport, rowsPerReason = 20): ReportView {
  const kept = new Map<string, number>();
  const rows: ReportView["rows"] = report.fileProblems.map((p) => ({ line: p.line, column: p.column, reason: p.reason, message: describeProblem(p) }));
  let hiddenRows = 0;
  for (const p of report.rows) {
    const k = kept.get(p.reason) ?? 0;
    kept.set(p.reason, k + 1);
    if (k < rowsPerReason) rows.push({ line: p.line, column: p.column, reason: p.reason, message: describeProblem(p) });
    else hiddenRows++;
  }
  return {
    rowsRead: report.rowsRead,
    rowsValid: report.rowsValid,
    rowsRejected: report.rowsRejected,
    counts: Object.entries(report.counts).map(([reason, count]) => ({
      reason,
      label: REJECT_REASONS[reason as RejectReason] ?? reason,
      count: count ?? 0,
    })),
    rows,
    hiddenRows,
    truncated: report.truncated,
    ignoredColumns: report.ignoredColumns,
    rowsPerReason,
  };
}
