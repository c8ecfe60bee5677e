import { z } from "zod";
import { AUDIT_ACTIONS } from "./events";

import { ISO_DATE as DATE, isIsoDate as isRealDate } from "~/utils/dates";

const optionalText = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((s) => (s ? s : undefined));

/**
 * The audit page's filters, from its query string (GET form: the page can be bookmarked and paged).
 * Staff member by id, notice by reference number, event type from the closed list, dates as
 * YYYY-MM-DD (UTC, both inclusive).
 */
export const AuditFilterSchema = z
  .object({
    staff: optionalText.pipe(z.string().uuid("Choose a staff member from the list.").optional()),
    reference: optionalText.pipe(
      z
        .string()
        .regex(/^[\d\s-]+$/, "A notice reference is 12 digits, like 4821-0937-5562.")
        .refine((s) => s.replace(/[\s-]/g, "").length === 12, "A notice reference is 12 digits, like 4821-0937-5562.")
        .optional(),
    ),
    action: optionalText.pipe(z.enum(AUDIT_ACTIONS, { errorMap: () => ({ message: "Choose an event type from the list." }) }).optional()),
    from: optionalText.pipe(z.string().regex(DATE, "Enter the date as YYYY-MM-DD.").refine(isRealDate, "That date does not exist.").optional()),
    to: optionalText.pipe(z.string().regex(DATE, "Enter the date as YYYY-MM-DD.").refine(isRealDate, "That date does not exist.").optional()),
    page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.from > f.to) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["to"], message: "The end date is before the start date." });
  });

export type AuditFilters = Omit<z.infer<typeof AuditFilterSchema>, "page">;
export type AuditFilterValues = Record<"staff" | "reference" | "action" | "from" | "to", string>;

/** Parse the query string; on error, the field errors and what was typed. */
export function parseAuditFilters(
  params: URLSearchParams,
):
  | { ok: true; filters: AuditFilters; page: number; values: AuditFilterValues }
  | { ok: false; errors: { field: string; message: string }[]; values: AuditFilterValues } {
  const values: AuditFilterValues = {
    staff: params.get("staff") ?? "",
    reference: params.get("reference") ?? "",
    action: params.get("action") ?? "",
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
  };
  const parsed = AuditFilterSchema.safeParse({ ...values, page: params.get("page") ?? undefined });
  if (!parsed.success) {
    return { ok: false, values, errors: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? "staff"), message: i.message })) };
  }
  const { page, ...filters } = parsed.data;
  return { ok: true, filters, page, values };
}

/** The query string for the same filters (pagination links, the CSV link). */
export function auditFilterQuery(values: Partial<AuditFilterValues>, page?: number): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) p.set(k, v);
  if (page && page > 1) p.set("page", String(page));
  const s = p.toString();
  return s ? `?${s}` : "";
}
