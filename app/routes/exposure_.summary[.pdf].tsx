import type { LoaderFunctionArgs } from "@remix-run/node";
import { SUMMARY_TEXT } from "~/content/pages";
import { getLang } from "~/http/lang.server";
import { requirePatient } from "~/http/patient.server";
import { renderSummaryPdf } from "~/services/notices/summary-pdf.server";
import { buildLetterSummary } from "~/services/notices/summary";

// A resource route: no ErrorBoundary (no session → the redirect home, as every patient page).

/**
 * GET /exposure/summary.pdf: the summary to keep, as a PDF in the reader's language (issue 16,
 * item 11). Behind the patient session; nothing about the person in the URL or the file name;
 * never stored by a cache; never the activation code or the date of birth.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { exposure } = await requirePatient(request, context);
  const lang = await getLang(request);
  const summary = buildLetterSummary(exposure, lang, {
    portal: context.app.config.publicUrl.replace(/^https?:\/\//, "").replace(/\/$/, ""),
    today: context.app.now(),
  });
  const pdf = await renderSummaryPdf(summary);
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.length),
      "Content-Disposition": `attachment; filename="${SUMMARY_TEXT[lang].pdf.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
