import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCurrentIncident } from "~/services/incidents/current.server";
import { downloadReportCsv, isReportDownload } from "~/services/reports/pages.server";
import { requireStaff } from "~/http/staff.server";
import { staffActor } from "~/services/actor";

// A resource route: no ErrorBoundary (Remix would then treat it as a page and render HTML).

const text = (body: string, status: number) => new Response(`${body}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** GET ?by=state|organization|day|enrollment-day|enrollment-product: a report table as CSV. Audited. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const by = new URL(request.url).searchParams.get("by");
  if (!isReportDownload(by)) return text("Unknown report.", 404);
  const incident = await getCurrentIncident(context.app);
  if (!incident) return text("There is no incident yet.", 404);
  const file = await downloadReportCsv(context.app, staffActor(actor), context.meta, { incidentId: incident.id, by });
  return new Response(file.csv, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
