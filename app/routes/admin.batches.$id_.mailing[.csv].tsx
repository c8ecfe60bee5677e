import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { BatchStateError, exportMailingFile } from "~/services/batches/mailing.server";
import { requireStaff } from "~/http/staff.server";
import { staffActor } from "~/services/actor";

// A resource route: no ErrorBoundary (Remix would then treat it as a page and render HTML).

const text = (body: string, status: number) => new Response(`${body}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * GET: the print vendor's mailing file (codes in clear, formula-safe), only while the batch awaits
 * mailing. Every download — and every refusal — is audited by the service before a byte is sent.
 * Streamed page by page: a million-row batch never sits in memory.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const id = z.string().uuid().safeParse(params.id);
  if (!id.success) return text("No such batch.", 404);
  let file: Awaited<ReturnType<typeof exportMailingFile>>;
  try {
    file = await exportMailingFile(context.app, staffActor(actor), context.meta, id.data);
  } catch (error) {
    if (error instanceof BatchStateError) return text(`${error.message[0]!.toUpperCase()}${error.message.slice(1)}.`, error.message === "no such batch" ? 404 : 409);
    throw error;
  }
  const encoder = new TextEncoder();
  const lines = file.lines;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
