// GET /exposure from page templates (issue 12; docs/decisions/100-exposure-page-templates.md). A
// Remix render of the page costs ~12 ms of CPU; the page differs from person to person only in
// what its loaders return, and of that only the reference number is the person's own. So:
// - the same guards run first (helmet with this response's nonce, limits, compression: app/server.ts
//   mounts this after them), and the patient's session and exposure are read in one statement
//   (readPatientExposure), the session touched exactly as requirePatient touches it;
// - the key is what the root and the exposure loaders would return (the same pure functions they
//   call: page-data.server.ts) with the reference number replaced by a sentinel, plus entry.server's
//   render mode (isbot);
// - a miss renders through Remix once with that sentinel and a sentinel nonce; the HTML is kept,
//   split at the two sentinels, only if the render returned 200, set no cookie, carries both
//   sentinels and its loaders returned exactly the key's data;
// - a hit puts back this request's reference number and nonce: Remix's own bytes by construction.
// Everything else — no cookie, no live session, an ended one, a withdrawn letter, a failed read,
// HEAD, a query string, /exposure.data (JavaScript navigations) — goes on to Remix, with what was
// read attached (`priorPatient`) so the session is never touched twice.
import { isbot } from "isbot";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import type { AppContext } from "~/services/context.server";
import { getPublicIncident } from "~/services/incidents/current.server";
import { readPatientExposure, type PatientExposureRead } from "~/services/patient/exposure.server";
import { log } from "~/utils/log.server";
import { detachedRemixGet } from "./express-adapter.server";
import { langOfHeaders } from "./lang.server";
import type { PriorPatient } from "./load-context";
import { exposurePageData, rootData } from "./page-data.server";
import { cutTemplate, sendTemplate, sentinel, TemplateCache, templateStats, type TemplateStats } from "./page-templates.server";
import { patientCookie } from "./patient.server";
import { clientIpOf, logRequest, type RemixRender } from "./remix-handler.server";

/** Templates kept per process (least recently used goes first): ~21 KB each plus a ~1.5 KB key, so ~12 MB. */
export const EXPOSURE_TEMPLATES_MAX = 500;

/** The reference numbers a template may carry: they go into HTML and a script's string as they are. */
const REFERENCE_NUMBER = /^[A-Z0-9-]{1,40}$/;

/** The two route ids whose loaders make the page (app/root.tsx, app/routes/exposure.tsx). */
const ROOT_ROUTE = "root";
const EXPOSURE_ROUTE = "routes/exposure";

type Slot = "reference" | "nonce";

/** How the templates did (tests and operators look; counts only). */
export type ExposureTemplateStats = TemplateStats;
export function exposureTemplateStats(ctx: AppContext): ExposureTemplateStats {
  return templateStats(ctx, "exposure");
}

/** Express middleware for GET /exposure; anything it does not answer goes on to Remix. */
export function fastExposure(ctx: AppContext, render: RemixRender) {
  const sentinels: Record<Slot, string> = { reference: sentinel("ECREF"), nonce: sentinel("ECNONCE") };
  const templates = new TemplateCache<Slot>(EXPOSURE_TEMPLATES_MAX, ctx, "exposure");
  let warnedMismatch = false;

  /** Render the page through Remix with the sentinels; the template, and whether others may use it. */
  async function renderTemplate(req: ExpressRequest, res: ExpressResponse, key: string, prior: PriorPatient, bot: boolean) {
    const loaderDataOut = new Map<string, unknown>();
    const response = await render(detachedRemixGet(req), {
      app: ctx,
      meta: { ip: clientIpOf(req), requestId: res.locals.requestId as string },
      cspNonce: sentinels.nonce,
      priorPatient: prior,
      loaderDataOut,
    });
    if (response.status !== 200 || response.headers.has("Set-Cookie")) {
      await response.body?.cancel();
      return null;
    }
    const template = cutTemplate(await response.text(), sentinels, 200, response.headers);
    if (!template) return null;
    // Shared only if this render's loaders returned exactly the key's data: nothing else of the
    // request (or of this person) can be in it.
    const rendered = JSON.stringify([bot, loaderDataOut.get(ROOT_ROUTE), loaderDataOut.get(EXPOSURE_ROUTE)]);
    if (rendered !== key) {
      if (!warnedMismatch) log.warn("exposure template: the loaders returned other data than the fast path's key; not kept");
      warnedMismatch = true;
      return { template, shared: false };
    }
    return { template, shared: true };
  }

  return async function fastExposureHandler(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
    if (req.method !== "GET" || req.originalUrl !== "/exposure") return next();
    const cookieHeader = req.headers.cookie;
    if (!cookieHeader) return next();
    const started = Date.now();
    try {
      const token: unknown = await patientCookie(ctx.config).parse(cookieHeader);
      if (typeof token !== "string" || !token) return next(); // unsigned, forged or none: Remix redirects as ever
      let read: PatientExposureRead;
      try {
        read = await readPatientExposure(ctx, token);
      } catch (error) {
        res.locals.priorPatient = { error } satisfies PriorPatient; // the loader throws it as its own: busy (503) or the error page
        return next();
      }
      res.locals.priorPatient = { read, token } satisfies PriorPatient;
      if (read.kind !== "live") return next(); // Remix's redirect, as ever
      const reference = read.exposure.referenceNumber;
      if (!REFERENCE_NUMBER.test(reference)) return next();

      const bot = isbot(req.headers["user-agent"] ?? "");
      const lang = await langOfHeaders(cookieHeader, req.headers["accept-language"] ?? null);
      const incident = await getPublicIncident(ctx);
      const masked = { ...read, exposure: { ...read.exposure, referenceNumber: sentinels.reference } };
      const key = JSON.stringify([bot, rootData(lang, incident), exposurePageData(lang, masked)]);
      // The number also stands elsewhere in the data: Remix's encoding of the data may then refer
      // back to it instead of repeating it. Never so for real numbers; Remix answers if it is.
      if (key.includes(JSON.stringify(reference))) return next();

      const template = await templates.get(key, () => renderTemplate(req, res, key, { read: masked, token }, bot));
      if (!template) return next(); // Remix answers this request itself, with its real values
      sendTemplate(res, template, { reference, nonce: res.locals.cspNonce as string });
      logRequest(req, res, 200, started);
    } catch (error) {
      if (res.headersSent) return next(error);
      next(); // Remix answers (priorPatient, if set, keeps the session from being touched twice)
    }
  };
}
