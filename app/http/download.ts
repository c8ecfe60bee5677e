/**
 * The answers of the download routes: a CSV file (never cached, never sniffed as HTML) and the
 * short plain-text refusal a download link gets instead of a page. Resource routes have no
 * ErrorBoundary (Remix would then render them as pages), so they answer with these.
 */

/** A CSV attachment. `body`: the whole text, or a stream of its bytes. */
export function csvDownload(body: string | ReadableStream<Uint8Array>, fileName: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** A one-line plain-text answer (a refusal or "not found") to a download link. */
export function plainText(message: string, status: number): Response {
  return new Response(`${message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/** A byte stream of the text an async generator yields; cancelling the download stops the generator. */
export function streamOfLines(lines: AsyncGenerator<string, unknown, undefined>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
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
}
