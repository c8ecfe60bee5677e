import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { Transform } from "node:stream";
import { errorPageHtml } from "~/utils/error-page.server";

/**
 * How much a request may send, and for how long (issue 15, finding 1; docs/decisions/071). Every
 * route's body is capped before it is read — by Content-Length at once, and by counting the bytes
 * of a chunked body as they arrive — and answered 413 with a plain page. Only the batch upload may
 * take long to send; every other body must arrive within BODY_TIMEOUT_MS.
 */
export const FORM_BODY_MAX_BYTES = 64 * 1024;
/** A form body still arriving after this long is cut off (408): slow bodies do not hold sockets. */
export const BODY_TIMEOUT_MS = 30_000;
const MIB = 1024 * 1024;

export type BodyRule = { maxBytes: number; longRequest: boolean };

/**
 * The routes that take files, with their own cap (a little above the file limit their page
 * states, for the multipart framing and the other fields). `.data` is Remix's JavaScript
 * submission of the same action.
 */
export function bodyRuleFor(path: string, batchUploadMaxBytes: number): BodyRule {
  if (/^\/admin\/batches(\.data)?\/?$/.test(path)) return { maxBytes: batchUploadMaxBytes + MIB, longRequest: true };
  if (/^\/admin\/(returned-mail|pool)(\.data)?\/?$/.test(path)) return { maxBytes: 21 * MIB, longRequest: false };
  return { maxBytes: FORM_BODY_MAX_BYTES, longRequest: false };
}

export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super("request body too large");
    this.name = "BodyTooLargeError";
  }
}

/** A plain page; the connection closes so nothing more of the body is read. */
export function sendPlainError(res: ExpressResponse, status: number, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res
    .status(status)
    .set({ "Cache-Control": "no-store", ...headers })
    .type("html")
    .send(errorPageHtml(status));
}

/**
 * Express middleware: refuse a declared Content-Length over the route's cap before reading a
 * byte, and cut off a body that is still arriving after BODY_TIMEOUT_MS (except on the upload
 * route, which the server's long request timeout covers).
 */
export function bodyLimits(batchUploadMaxBytes: number, bodyTimeoutMs = BODY_TIMEOUT_MS) {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const rule = bodyRuleFor(req.path, batchUploadMaxBytes);
    res.locals.bodyRule = rule;
    const declared = req.headers["content-length"];
    if (declared !== undefined && (!/^\d{1,16}$/.test(declared) || Number(declared) > rule.maxBytes)) {
      sendPlainError(res, /^\d{1,16}$/.test(declared) ? 413 : 400, { Connection: "close" });
      return;
    }
    if (!rule.longRequest && !req.complete) {
      const timer = setTimeout(() => {
        if (req.complete) return;
        sendPlainError(res, 408, { Connection: "close" });
        req.socket.destroySoon();
      }, bodyTimeoutMs);
      timer.unref();
      const clear = () => clearTimeout(timer);
      req.once("end", clear);
      res.once("close", clear);
    }
    next();
  };
}

/**
 * The request body as a stream that errors once more than `maxBytes` arrived (a chunked body has
 * no Content-Length to check up front). `tooLarge()` tells the caller to answer 413.
 */
export function countedBody(req: ExpressRequest, maxBytes: number): { body: Transform; tooLarge: () => boolean } {
  let received = 0;
  let over = false;
  const body = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.byteLength;
      if (received > maxBytes) {
        over = true;
        req.unpipe(body);
        req.pause();
        done(new BodyTooLargeError(maxBytes));
        return;
      }
      done(null, chunk);
    },
  });
  req.on("error", (error) => body.destroy(error));
  req.pipe(body);
  return { body, tooLarge: () => over };
}
