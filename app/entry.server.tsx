import { PassThrough, Transform } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/components/nonce";
import { ERROR_TITLE_PREFIX } from "~/utils/error-title";
import { describeError, log } from "~/utils/log.server";

/** Puts "Error: " at the start of the first <title> of a page answered with an error status. */
function prefixErrorTitle(): Transform {
  let done = false;
  let pending = "";
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (done) return callback(null, chunk);
      pending += chunk.toString("utf8");
      const at = pending.indexOf("<title>");
      if (at === -1 && !pending.includes("</head>") && pending.length < 64_000) return callback();
      done = true;
      const out = at === -1 ? pending : pending.slice(0, at + 7) + ERROR_TITLE_PREFIX + pending.slice(at + 7);
      pending = "";
      callback(null, out);
    },
    flush(callback) {
      callback(null, pending || undefined);
    },
  });
}

const ABORT_DELAY_MS = 5_000;
export const streamTimeout = ABORT_DELAY_MS;

/** Errors are logged by name and request id only: never the message, which may quote input. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  log.error("route error", {
    path: new URL(request.url).pathname,
    ...describeError(error),
  });
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  const callback = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  // Every page is rendered per request with a fresh CSP nonce; personal pages must never be cached.
  responseHeaders.set("Cache-Control", "no-store");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [callback]() {
          shellRendered = true;
          const body = responseStatusCode >= 400 ? prefixErrorTitle() : new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) log.error("render error", { error: error instanceof Error ? error.name : "unknown" });
        },
      },
    );
    setTimeout(abort, ABORT_DELAY_MS + 1000);
  });
}
