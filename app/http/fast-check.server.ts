// POST /check without Remix when the answer needs no page (issue 12, items 1 and 3). A document
// request through Remix costs 5–15 ms of CPU here (route matching, the root loader, React); a
// match needs only a 303 and three cookies, and a throttled guess only a fixed page. So:
// - the same guards run first (helmet, the body cap, the cross-site refusal: app/server.ts mounts
//   this after them) and Remix's own origin check is asked too;
// - the body is read within the same cap and parsed with the same schema;
// - the same service runs (redeemActivationCode), once, writing the same rows;
// - a match answers 303 to /exposure with the same cookies (check-answer.server.ts); throttled
//   answers the plain 429 page; every other outcome — form errors, a wrong answer, a locked
//   notice, an ended response, a busy database — goes on to Remix with the outcome attached
//   (`priorCheck`), so those pages stay exactly Remix's and nothing is checked twice.
// JavaScript submissions (`/check.data`, Remix single fetch) and anything unusual (a query string,
// multipart) are not touched here at all.
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import type { AppContext } from "~/services/context.server";
import { getPublicIncident } from "~/services/incidents/current.server";
import { redeemActivationCode } from "~/services/notices/check.server";
import { parseCheckForm } from "~/services/notices/schemas";
import { matchCookies, previousSessionToken, throttledPageHtml } from "./check-answer.server";
import { getLang } from "./lang.server";
import { FORM_BODY_MAX_BYTES } from "./limits.server";
import type { PriorCheck } from "./load-context";
import { clientIpOf, logRequest, tooLargeResponse } from "./remix-handler.server";
import { remixAcceptsOrigin } from "./same-origin.server";
import { sendRemixResponse } from "./express-adapter.server";

const URLENCODED = /^application\/x-www-form-urlencoded\s*(;|$)/i;

/** Express middleware for POST /check; anything it does not answer goes on to Remix. */
export function fastCheck(ctx: AppContext) {
  return async function fastCheckHandler(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
    if (req.method !== "POST" || req.originalUrl !== "/check" || !URLENCODED.test(req.headers["content-type"] ?? "")) return next();
    if (!remixAcceptsOrigin(req.headers)) return next(); // Remix refuses it its own way
    const started = Date.now();
    try {
      // null: the client went away, or the body timed out (bodyLimits answered 408 already).
      const body = await readBody(req, FORM_BODY_MAX_BYTES).catch(() => null);
      if (body === null) return;
      if (body === "tooLarge") {
        await sendRemixResponse(res, tooLargeResponse());
        logRequest(req, res, 413, started);
        return;
      }
      res.locals.bufferedBody = body; // for Remix, if it answers after all
      const form = new URLSearchParams(body.toString("utf8"));
      const parsed = parseCheckForm(form as unknown as FormData, ctx.now());
      if (parsed.errors.length > 0 || !parsed.dateOfBirth) return next();

      const meta = { ip: clientIpOf(req), requestId: res.locals.requestId as string };
      let prior: PriorCheck;
      try {
        prior = {
          result: await redeemActivationCode(ctx, meta, {
            code: parsed.values.code,
            dateOfBirth: parsed.dateOfBirth,
            previousSessionToken: await previousSessionToken(ctx.config, req.headers.cookie ?? null),
          }),
        };
      } catch (error) {
        prior = { error }; // Remix's busy page (503) or its error handling, as for any action
      }
      if ("result" in prior && prior.result.kind === "match") {
        // Written straight to the socket (no Fetch Response in between): the same status, Location
        // and cookies as the route's redirect (tests/http/fast-check.int.test.ts compares them).
        res
          .status(303)
          .set("Location", "/exposure")
          .set("Set-Cookie", await matchCookies(ctx.config, prior.result.token, prior.result.language))
          .end();
        logRequest(req, res, 303, started);
        return;
      }
      if ("result" in prior && prior.result.kind === "throttled") {
        const request = new Request("http://localhost/check", {
          headers: { cookie: req.headers.cookie ?? "", "accept-language": req.headers["accept-language"] ?? "" },
        });
        const incident = await getPublicIncident(ctx);
        const html = throttledPageHtml(await getLang(request), prior.result.retryAfterSeconds, incident?.tollFreePhone ?? "");
        res
          .status(429)
          .set({ "Retry-After": String(prior.result.retryAfterSeconds), "Cache-Control": "no-store", "Content-Type": "text/html; charset=utf-8" })
          .send(html);
        logRequest(req, res, 429, started);
        return;
      }
      res.locals.priorCheck = prior;
      next();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * The whole body, or "tooLarge" once more than `maxBytes` arrived (a chunked body has no
 * Content-Length to check first; a declared one over the cap was refused before this).
 */
function readBody(req: ExpressRequest, maxBytes: number): Promise<Buffer | "tooLarge"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const done = () => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.byteLength;
      if (received > maxBytes) {
        done();
        req.pause();
        resolve("tooLarge");
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, received));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onClose = () => {
      done();
      if (!req.complete) reject(new Error("the client went away before its body arrived"));
    };
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}
