import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { BatchStateError, reprintNotice } from "~/services/batches/mailing.server";
import { normalizeReferenceNumber } from "~/services/notices/activation-code.server";
import { requireStaff } from "~/http/staff.server";
import { staffActor } from "~/services/actor";

// A resource route: no ErrorBoundary. The batch page's reprint form posts here with a full page
// load (reloadDocument), so the browser receives the one-line mailing file as a download.

const IdSchema = z.string().uuid();

/** GET: nothing to show; back to the batch page. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "admin");
  const id = IdSchema.safeParse(params.id);
  throw redirect(id.success ? `/admin/batches/${id.data}` : "/admin/batches");
}

/**
 * POST referenceNumber, reason: a new code for one person (the old one stops working), answered
 * with the one-line mailing file. Audited `notice.reissue` by the service (refusals too). Problems
 * go back to the batch page with a fixed notice (never the number typed).
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const id = IdSchema.safeParse(params.id);
  if (!id.success) throw new Response(null, { status: 404 });
  const back = `/admin/batches/${id.data}`;
  const form = await request.formData();
  const reference = normalizeReferenceNumber(String(form.get("referenceNumber") ?? "").slice(0, 40));
  if (!reference) throw redirect(`${back}?notice=reprint-invalid`, 303);
  try {
    const r = await reprintNotice(context.app, staffActor(actor), context.meta, {
      referenceNumber: reference,
      reason: String(form.get("reason") ?? "")
        .trim()
        .slice(0, 500),
    });
    return new Response(r.mailingCsv, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="reprint-${r.referenceNumber}.csv"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof BatchStateError) throw redirect(`${back}?notice=reprint-unknown`, 303);
    throw error;
  }
}
