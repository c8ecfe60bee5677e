import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/http/staff.server";
import { batchTemplateCsv } from "~/services/batches/template";

// A resource route: no ErrorBoundary (Remix would then treat it as a page and render HTML).

/** GET: a template batch file (every column, one made-up row) to start a new batch from. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "admin");
  return new Response(batchTemplateCsv(), {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="batch-template.csv"',
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
