import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCurrentIncident } from "~/services/incidents/current.server";
import { downloadReportCsv, isReportDownload } from "~/services/reports/pages.server";
import { requireStaff } from "~/http/staff.server";
import { staffActor } from "~/services/actor";
import { csvDownload, plainText } from "~/http/download";

// A resource route: no ErrorBoundary (Remix would then treat it as a page and render HTML).

/** GET ?by=state|organization|day|enrollment-day|enrollment-product: a report table as CSV. Audited. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const by = new URL(request.url).searchParams.get("by");
  if (!isReportDownload(by)) return plainText("Unknown report.", 404);
  const incident = await getCurrentIncident(context.app);
  if (!incident) return plainText("There is no incident yet.", 404);
  const file = await downloadReportCsv(context.app, staffActor(actor), context.meta, { incidentId: incident.id, by });
  return csvDownload(file.csv, file.fileName);
}
