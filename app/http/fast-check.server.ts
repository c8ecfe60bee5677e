// POST /check without Remix when the answer needs no page (issue 12, items 1 and 3). A document
// request through Remix costs 5–15 ms of CPU here (route matching, the root loader, React); a
// match needs only a 303 and three cookies, and a throttled guess only a fixed page. So:
// - the same guards run first (helmet, the body cap, the cross-site refusal: app/server.ts mounts
//   this after them) and Remix's own origin check is asked too;
// - the body is read within the same cap and parsed with the same schema;
// - the same service runs (redeemActivationCode), once, writing the same rows;
// - a match answers 303 to /exposure with the same cookies (check-answer.server.ts); throttled
//   answers the plain 429 page;
// - a refusal (a wrong answer or a locked notice, a typo in the check symbol, a code of the wrong
//   shape) answers Remix's own refusal page from a page template (decision 106): rendered once per
//   kind through Remix with placeholders where the typed values go, kept only when the action and
//   the loaders returned exactly the data of its key, the values put back per request. A bot's
//   wrong guesses then cost a join, not a React render;
// - every other outcome — form errors, an ended response, a busy database — goes on to Remix with
//   the outcome attached (`priorCheck`), so those pages stay Remix's and nothing is checked twice.
// JavaScript submissions (`/check.data`, Remix single fetch) and anything unusual (a query string,
// multipart) are not touched here at all.
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import type { AppContext } from "~/services/context.server";
import { isbot } from "isbot";
import { getPublicIncident, homeIncidentOf } from "~/services/incidents/current.server";
import type { CheckResult } from "~/services/notices/check.server";
import type { CheckFormValues } from "~/services/notices/schemas";
import { log } from "~/utils/log.server";
import { detachedRemixPost, sendRemixResponse } from "./express-adapter.server";
import { langOfHeaders } from "./lang.server";
import { checkPageData, rootData } from "./page-data.server";
import { cutTemplate, sendTemplate, sentinel, TemplateCache, templateStats, type TemplateStats } from "./page-templates.server";
import { countRefusalIn } from "./patient.server";
import { redeemActivationCode } from "~/services/notices/check.server";
import { parseCheckForm } from "~/services/notices/schemas";
import { matchCookies, previousSessionToken, refusalOutcome, throttledPageHtml } from "./check-answer.server";
import { FORM_BODY_MAX_BYTES } from "./limits.server";
import type { PriorCheck } from "./load-context";
import { clientIpOf, logRequest, tooLargeResponse, type RemixRender } from "./remix-handler.server";
import { remixAcceptsOrigin } from "./same-origin.server";

const URLENCODED = /^application\/x-www-form-urlencoded\s*(;|$)/i;

/** The refusals answered from templates, and the slots of their pages. */
const TEMPLATED = new Set<CheckResult["kind"]>(["mismatch", "typo", "malformed"]);
type Slot = "code" | "month" | "day" | "year" | "nonce";
/** What a person typed may stand in a template as it is only when no escaping could change it. */
const TYPED_SAFE = /^[A-Za-z0-9 -]{1,40}$/;
/** Refusal pages kept per process: per language, kind, wording and render mode — a handful in all. */
export const REFUSAL_TEMPLATES_MAX = 64;
const CHECK_ROUTE = "routes/check";

/** How the refusal templates did (tests look; counts only). */
export function refusalTemplateStats(ctx: AppContext): TemplateStats {
  return templateStats(ctx, "refusal");
}

/** Express middleware for POST /check; anything it does not answer goes on to Remix. */
export function fastCheck(ctx: AppContext, render?: RemixRender) {
  const sentinels: Record<Slot, string> = {
    code: sentinel("ECCODE"),
    month: sentinel("ECMONTH"),
    day: sentinel("ECDAY"),
    year: sentinel("ECYEAR"),
    nonce: sentinel("ECNONCE"),
  };
  const templates = new TemplateCache<Slot>(REFUSAL_TEMPLATES_MAX, ctx, "refusal");
  let warnedMismatch = false;

  /**
   * Answer a refusal from its template; false when this one is not for a template (a typed value
   * outside TYPED_SAFE, a render that failed) and Remix must answer it.
   */
  async function answerRefusal(
    req: ExpressRequest,
    res: ExpressResponse,
    body: Buffer,
    values: CheckFormValues,
    result: CheckResult,
    started: number,
  ): Promise<boolean> {
    if (!render || !TEMPLATED.has(result.kind)) return false;
    if (!Object.values(values).every((v) => TYPED_SAFE.test(v))) return false;
    const cookieHeader = req.headers.cookie ?? null;
    const placeholders = { code: sentinels.code, month: sentinels.month, day: sentinels.day, year: sentinels.year };
    // What the action returns for this outcome (routes/check.tsx), with placeholders for the values.
    const refusals = result.kind === "mismatch" ? await countRefusalIn(cookieHeader, ctx.config) : null;
    const { outcome } = refusalOutcome(result.kind as "typo" | "malformed" | "mismatch", placeholders, refusals?.count ?? 0);

    const bot = isbot(req.headers["user-agent"] ?? "");
    const lang = await langOfHeaders(cookieHeader, req.headers["accept-language"] ?? null);
    const incident = await getPublicIncident(ctx);
    const checkData = checkPageData(lang, incident ? homeIncidentOf(incident, lang, ctx.now()) : null);
    const key = JSON.stringify([bot, 400, rootData(lang, incident), checkData, outcome]);

    const template = await templates.get(key, async () => {
      const loaderDataOut = new Map<string, unknown>();
      const response = await render(detachedRemixPost(req, body), {
        app: ctx,
        meta: { ip: clientIpOf(req), requestId: res.locals.requestId as string },
        cspNonce: sentinels.nonce,
        priorCheck: { result, values: placeholders },
        loaderDataOut,
      });
      const html = await response.text();
      const cut = response.status === 400 ? cutTemplate(html, sentinels, 400, response.headers, ["Set-Cookie"]) : null;
      if (!cut) return null;
      const rendered = JSON.stringify([
        bot,
        response.status,
        loaderDataOut.get("root"),
        loaderDataOut.get(CHECK_ROUTE),
        loaderDataOut.get(`action:${CHECK_ROUTE}`),
      ]);
      if (rendered !== key) {
        if (!warnedMismatch) log.warn("refusal template: the action or loaders returned other data than the fast path's key; not kept");
        warnedMismatch = true;
        return { template: cut, shared: false };
      }
      return { template: cut, shared: true };
    });
    if (!template) return false;
    sendTemplate(res, template, { ...values, nonce: res.locals.cspNonce as string }, refusals ? [["Set-Cookie", refusals.setCookie]] : []);
    logRequest(req, res, 400, started);
    return true;
  }

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
      if ("result" in prior && TEMPLATED.has(prior.result.kind)) {
        res.locals.priorCheck = prior; // should Remix answer after all, it shows this outcome
        if (await answerRefusal(req, res, body, parsed.values, prior.result, started)) return;
      }
      if ("result" in prior && prior.result.kind === "throttled") {
        const incident = await getPublicIncident(ctx);
        const lang = await langOfHeaders(req.headers.cookie ?? null, req.headers["accept-language"] ?? null);
        const html = throttledPageHtml(lang, prior.result.retryAfterSeconds, incident?.tollFreePhone ?? "");
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
