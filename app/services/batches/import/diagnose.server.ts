// What the unique indexes of `notices` would refuse, found in SQL on the staged rows.
import { sql } from "drizzle-orm";
import type { AppContext } from "../../context.server";
import { generateReferenceNumber } from "../../notices/activation-code.server";
import type { ReportCollector } from "../report";

export function toPgIntArray(xs: number[]): string {
  return `{${xs.join(",")}}`;
}

/**
 * Find, on the staged rows, what the unique indexes of `notices` would refuse: external ids twice
 * in the file (report all but the first, naming it) or already notified for this organization,
 * and reference numbers already taken (those get a fresh random number).
 */
export async function diagnose(
  ctx: AppContext,
  stage: string,
  organizationId: string,
  report: ReportCollector,
  fixReferences: boolean,
): Promise<{ rejectedLines: number[]; remapped: boolean }> {
  const s = sql.raw(stage);
  const dups = await ctx.database.rows<{ line: number; first: number }>(sql`
    select line, first from (select line, min(line) over (partition by external_id_hash) as first from ${s}) x
    where line <> first order by line`);
  const rejected = new Set<number>();
  for (const d of dups) {
    rejected.add(d.line);
    report.rejectLine({ line: d.line, column: "external_id", reason: "duplicate_in_file", detail: `first on line ${d.first}` });
  }
  const earlier = await ctx.database.rows<{ line: number }>(sql`
    select s.line from ${s} s where exists (
      select 1 from notices n where n.organization_id = ${organizationId} and n.external_id_hash = s.external_id_hash)
    order by s.line`);
  for (const d of earlier) {
    if (rejected.has(d.line)) continue;
    rejected.add(d.line);
    report.rejectLine({ line: d.line, column: "external_id", reason: "already_notified" });
  }
  let remapped = false;
  if (fixReferences) {
    for (let round = 0; round < 5; round++) {
      const taken = await ctx.database.rows<{ line: number }>(sql`
        select s.line from ${s} s where exists (select 1 from notices n where n.reference_number = s.reference_number)
        union
        select line from (select line, row_number() over (partition by reference_number order by line) as rn from ${s}) x where rn > 1`);
      if (!taken.length) break;
      remapped = true;
      for (const t of taken) {
        await ctx.database.rows(sql`update ${s} set reference_number = ${generateReferenceNumber()} where line = ${t.line}`);
      }
    }
  }
  return { rejectedLines: [...rejected].sort((a, b) => a - b), remapped };
}
