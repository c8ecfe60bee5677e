import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAuditCsv } from "~/services/audit/query.server";
import { parseAuditFilters } from "~/services/audit/schemas";
import { requireStaff } from "~/http/staff.server";
import { csvDownload, plainText } from "~/http/download";

// A resource route: no ErrorBoundary (Remix would then treat it as a page and render HTML).
// A thrown 403 or redirect from the guard is answered as is.

/** The filtered audit trail as a CSV download (supervisors). The export is audited before it starts. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "supervisor");
  const parsed = parseAuditFilters(new URL(request.url).searchParams);
  if (!parsed.ok) return plainText("Check the filters on the audit page.", 400);
  const csv = await exportAuditCsv(context.app, actor, context.meta, parsed.filters);
  return csvDownload(csv.body, csv.filename);
}
