import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { downloadBatchReport } from "~/services/batches/pages.server";
import { requireStaff } from "~/http/staff.server";
import { staffActor } from "~/services/actor";
import { csvDownload, plainText } from "~/http/download";

// A resource route: no ErrorBoundary (Remix would then treat it as a page and render HTML).

/** GET: a batch's validation report as CSV (line, column, reason; formula-safe). Audited. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const id = z.string().uuid().safeParse(params.id);
  const file = id.success ? await downloadBatchReport(context.app, staffActor(actor), context.meta, id.data) : null;
  if (!file) return plainText("This batch has no report.", 404);
  return csvDownload(file.csv, file.fileName);
}
