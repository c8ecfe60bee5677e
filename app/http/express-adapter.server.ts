// Express request → Fetch Request, and Fetch Response → Express response: what @remix-run/express
// does inside its request handler, written out here with @remix-run/node's public stream helpers.
// The server needs the two halves apart (it looks at Remix's response before sending it: a 5xx
// with the database away becomes a 503), and the adapter does not export them from its public
// entry point, so we do not reach into its dist/ files.
import { createReadableStreamFromReadable, writeReadableStreamToWritable } from "@remix-run/node";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";

function headersOf(requestHeaders: ExpressRequest["headers"]): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(requestHeaders)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  return headers;
}

/** The absolute URL Remix sees for an Express request. */
export function remixUrlOf(req: ExpressRequest): string {
  // req.hostname has no port: take it from X-Forwarded-Host or Host.
  const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const a = Number.parseInt(forwardedPort ?? "", 10);
  const b = Number.parseInt(hostPort ?? "", 10);
  const port = Number.isSafeInteger(a) ? a : Number.isSafeInteger(b) ? b : "";
  // req.hostname respects "trust proxy"; req.originalUrl is the full path.
  return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`).href;
}

/** A body-less GET as Remix would see it, not tied to the client's connection (a render others may share). */
export function detachedRemixGet(req: ExpressRequest): Request {
  return new Request(remixUrlOf(req), { method: "GET", headers: headersOf(req.headers) });
}

/** A form POST as Remix would see it, with a body already read, not tied to the client's connection. */
export function detachedRemixPost(req: ExpressRequest, body: Buffer): Request {
  return new Request(remixUrlOf(req), { method: "POST", headers: headersOf(req.headers), body: new Uint8Array(body) });
}

/** The Fetch Request for an Express request; aborted if the client goes away before the answer. */
export function createRemixRequest(req: ExpressRequest, res: ExpressResponse): Request {
  const url = remixUrlOf(req); // throws for a Host no URL can be made of, before anything is attached
  let controller: AbortController | null = new AbortController();
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers: headersOf(req.headers), signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  // `finish`: the answer was written; `close` before that: the client left, stop the loaders.
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url, init);
}

/** Write a Fetch Response to Express: status, headers, then the body streamed. */
export async function sendRemixResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.headers.get("Content-Type")?.match(/text\/event-stream/i)) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
