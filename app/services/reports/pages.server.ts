import type { Actor } from "../actor";
import type { AppContext, RequestMeta } from "../context.server";
import { csvCell } from "~/utils/csv";
import {
  enrollmentRate,
  enrollmentsPerDay,
  enrollmentsPerOrganization,
  enrollmentsPerProduct,
  enrollmentsPerState,
  type DayCount,
  type EnrollmentRate,
  type OrganizationCount,
  type ProductCount,
  type StateCount,
} from "./enrollment.server";
import { auditReport, downloadReport, getIncidentReport, type IncidentReport } from "./reports.server";

/**
 * The admin reports page in one call: the incident report (per organization, per state, checks
 * per day; audited `report.view`) and the enrollment figures of issue 5.
 */
export type ReportsPage = IncidentReport & {
  enrollment: {
    rate: EnrollmentRate;
    perProduct: ProductCount[];
    perDay: DayCount[];
    perOrganization: OrganizationCount[];
    perState: StateCount[];
  };
};

export async function getReportsPage(ctx: AppContext, actor: Actor, meta: RequestMeta | null, incidentId: string): Promise<ReportsPage> {
  const report = await getIncidentReport(ctx, actor, meta, incidentId);
  const f = { incidentId };
  const enrollment = {
    rate: await enrollmentRate(ctx, f),
    perProduct: await enrollmentsPerProduct(ctx, f),
    perDay: await enrollmentsPerDay(ctx, f),
    perOrganization: await enrollmentsPerOrganization(ctx, f),
    perState: await enrollmentsPerState(ctx, f),
  };
  return { ...report, enrollment };
}

export const REPORT_DOWNLOADS = ["state", "organization", "day", "enrollment-day", "enrollment-product"] as const;
export type ReportDownload = (typeof REPORT_DOWNLOADS)[number];

export function isReportDownload(x: unknown): x is ReportDownload {
  return typeof x === "string" && (REPORT_DOWNLOADS as readonly string[]).includes(x);
}

/** A report table as CSV (formula-safe cells); every download audited `report.download`. */
export async function downloadReportCsv(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta | null,
  input: { incidentId: string; by: ReportDownload },
): Promise<{ fileName: string; csv: string }> {
  if (input.by === "state" || input.by === "organization" || input.by === "day") {
    return downloadReport(ctx, actor, meta, { incidentId: input.incidentId, by: input.by });
  }
  const f = { incidentId: input.incidentId };
  const rows =
    input.by === "enrollment-day"
      ? [["day", "enrolled"], ...(await enrollmentsPerDay(ctx, f)).map((d) => [d.day, String(d.enrolled)])]
      : [["product", "enrolled", "waiting"], ...(await enrollmentsPerProduct(ctx, f)).map((p) => [p.product, String(p.enrolled), String(p.waiting)])];
  const csv = `${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
  await auditReport(ctx, actor, meta, input.incidentId, "report.download", { by: input.by });
  return { fileName: `report-${input.by}.csv`, csv };
}
