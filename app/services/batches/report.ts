import { csvCell } from "~/utils/csv";
import { REJECT_REASONS, type RejectReason, type RowProblem } from "./validate";

/** First rows kept per reason; the counts stay exact however large the file. */
export const REPORT_ROWS_PER_REASON = 100;

/**
 * The validation report stored on the batch (jsonb) and shown/downloaded: exact counts by reason,
 * and the first rows of each reason. It never holds a field's value (personal data), only where
 * (line, column) and why.
 */
export type BatchReport = {
  rowsRead: number;
  rowsValid: number;
  rowsRejected: number;
  counts: Partial<Record<RejectReason, number>>;
  rows: RowProblem[];
  truncated: boolean;
  fileProblems: RowProblem[];
  ignoredColumns: string[];
};

export class ReportCollector {
  private counts = new Map<RejectReason, number>();
  private rows: RowProblem[] = [];
  private kept = new Map<RejectReason, number>();
  private truncated = false;
  private rejectedLines = 0;
  fileProblems: RowProblem[] = [];
  ignoredColumns: string[] = [];

  /** Record every problem of one rejected line. */
  reject(problems: RowProblem[]): void {
    this.rejectedLines++;
    for (const p of problems) this.add(p);
  }

  /** A problem found later (duplicates), for a line not counted yet. */
  rejectLine(p: RowProblem): void {
    this.rejectedLines++;
    this.add(p);
  }

  private add(p: RowProblem): void {
    this.counts.set(p.reason, (this.counts.get(p.reason) ?? 0) + 1);
    const kept = this.kept.get(p.reason) ?? 0;
    if (kept < REPORT_ROWS_PER_REASON) {
      this.rows.push(p);
      this.kept.set(p.reason, kept + 1);
    } else this.truncated = true;
  }

  file(p: RowProblem): void {
    this.fileProblems.push(p);
    this.counts.set(p.reason, (this.counts.get(p.reason) ?? 0) + 1);
  }

  get rejected(): number {
    return this.rejectedLines;
  }

  get hasFileProblems(): boolean {
    return this.fileProblems.length > 0;
  }

  build(rowsRead: number, rowsValid: number): BatchReport {
    return {
      rowsRead,
      rowsValid,
      rowsRejected: this.rejectedLines,
      counts: Object.fromEntries(this.counts),
      rows: [...this.rows].sort((a, b) => a.line - b.line || a.column.localeCompare(b.column)),
      truncated: this.truncated,
      fileProblems: this.fileProblems,
      ignoredColumns: this.ignoredColumns,
    };
  }
}

export function describeProblem(p: RowProblem): string {
  const base = REJECT_REASONS[p.reason];
  return p.detail ? `${base} (${p.detail})` : base;
}

/** The report as CSV (formula-safe): `line,column,reason,message`, then the counts. */
export function reportToCsv(report: BatchReport): string {
  const lines = ["line,column,reason,message"];
  for (const p of [...report.fileProblems, ...report.rows]) {
    lines.push([String(p.line), p.column, p.reason, describeProblem(p)].map(csvCell).join(","));
  }
  lines.push("");
  lines.push("reason,count");
  for (const [reason, n] of Object.entries(report.counts)) lines.push([reason, String(n)].map(csvCell).join(","));
  if (report.truncated) lines.push(csvCell(`(only the first ${REPORT_ROWS_PER_REASON} rows of each reason are listed)`));
  return `${lines.join("\r\n")}\r\n`;
}
