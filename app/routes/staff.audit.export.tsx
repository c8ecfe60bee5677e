import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAuditCsv } from "~/services/audit/query.server";
import { parseAuditFilters } from "~/services/audit/schemas";
import { requireStaff } from "~/http/staff.server";

// A resource route: no ErrorBoundary (Remix would then treat it as a page and render HTML).
// A thrown 403 or redirect from the guard is answered as is.

/** The filtered audit trail as a CSV download (supervisors). The export is audited before it starts. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "supervisor");
  const parsed = parseAuditFilters(new URL(request.url).searchParams);
  if (!parsed.ok) return new Response("Check the filters on the audit page.\n", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const csv = await exportAuditCsv(context.app, actor, context.meta, parsed.filters);
  return new Response(csv.body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csv.filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
