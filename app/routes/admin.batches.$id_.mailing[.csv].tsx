import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { BatchStateError, exportMailingFile } from "~/services/batches/mailing.server";
import { requireStaff } from "~/http/staff.server";
import { staffActor } from "~/services/actor";
import { csvDownload, plainText, streamOfLines } from "~/http/download";

// A resource route: no ErrorBoundary (Remix would then treat it as a page and render HTML).

/**
 * GET: the print vendor's mailing file (codes in clear, formula-safe), only while the batch awaits
 * mailing. Every download — and every refusal — is audited by the service before a byte is sent.
 * Streamed page by page: a million-row batch never sits in memory.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const id = z.string().uuid().safeParse(params.id);
  if (!id.success) return plainText("No such batch.", 404);
  let file: Awaited<ReturnType<typeof exportMailingFile>>;
  try {
    file = await exportMailingFile(context.app, staffActor(actor), context.meta, id.data);
  } catch (error) {
    if (error instanceof BatchStateError)
      return plainText(`${error.message[0]!.toUpperCase()}${error.message.slice(1)}.`, error.message === "no such batch" ? 404 : 409);
    throw error;
  }
  return csvDownload(streamOfLines(file.lines), file.fileName);
}
