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
import { randomBytes } from "node:crypto";
import type { AppContext } from "~/services/context.server";
import { getPublicIncident } from "~/services/incidents/current.server";
import { readPatientExposure, type PatientExposureRead } from "~/services/patient/exposure.server";
import { log } from "~/utils/log.server";
import { detachedRemixGet } from "./express-adapter.server";
import { langOfHeaders } from "./lang.server";
import type { PriorPatient } from "./load-context";
import { exposurePageData, rootData } from "./page-data.server";
import { patientCookie } from "./patient.server";
import { clientIpOf, logRequest, type RemixRender } from "./remix-handler.server";

/** Templates kept per process (least recently used goes first): ~21 KB each plus a ~1.5 KB key, so ~12 MB. */
export const EXPOSURE_TEMPLATES_MAX = 500;

/** The reference numbers a template may carry: they go into HTML and a script's string as they are. */
const REFERENCE_NUMBER = /^[A-Z0-9-]{1,40}$/;

/** The two route ids whose loaders make the page (app/root.tsx, app/routes/exposure.tsx). */
const ROOT_ROUTE = "root";
const EXPOSURE_ROUTE = "routes/exposure";

/** A rendered page cut at the sentinels: parts[0], slot 0, parts[1], slot 1, …, parts[n]. */
type Template = { parts: Buffer[]; slots: ("reference" | "nonce")[]; headers: [string, string][] };

/** How the templates did (tests and operators look; counts only). */
export type ExposureTemplateStats = { hits: number; renders: number; kept: number; notKept: number };
const statsByContext = new WeakMap<AppContext, ExposureTemplateStats>();
export function exposureTemplateStats(ctx: AppContext): ExposureTemplateStats {
  let stats = statsByContext.get(ctx);
  if (!stats) statsByContext.set(ctx, (stats = { hits: 0, renders: 0, kept: 0, notKept: 0 }));
  return stats;
}

/** Express middleware for GET /exposure; anything it does not answer goes on to Remix. */
export function fastExposure(ctx: AppContext, render: RemixRender) {
  // Alphanumeric, so no escaping anywhere changes them; random per process, so no page has them.
  const sentinels = {
    reference: `ECREF${randomBytes(8).toString("hex").toUpperCase()}`,
    nonce: `ECNONCE${randomBytes(8).toString("hex").toUpperCase()}`,
  };
  const templates = new LruMap<string, Template>(EXPOSURE_TEMPLATES_MAX);
  const rendering = new Map<string, Promise<Template | null>>();
  const stats = exposureTemplateStats(ctx);
  let warnedMismatch = false;

  /** Render the page through Remix with the sentinels; the template, and whether others may use it. */
  async function renderTemplate(req: ExpressRequest, res: ExpressResponse, key: string, prior: PriorPatient, bot: boolean) {
    stats.renders++;
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
    const html = await response.text();
    if (!html.includes(sentinels.reference) || !html.includes(sentinels.nonce)) return null;
    const template = templateOf(html, sentinels, response.headers);
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

      let template = templates.get(key);
      if (template) stats.hits++;
      else {
        let shared = rendering.get(key);
        let mine: Promise<{ template: Template; shared: boolean } | null> | undefined;
        if (!shared) {
          mine = renderTemplate(req, res, key, { read: masked, token }, bot);
          shared = mine.then((r) => (r?.shared ? r.template : null));
          rendering.set(key, shared);
          void shared
            .then((t) => {
              if (t) {
                templates.set(key, t);
                stats.kept++;
              } else stats.notKept++;
            })
            .catch(() => {})
            .finally(() => rendering.delete(key));
        }
        // Our own render is ours to answer with even when it is not kept; another's only when kept.
        template = mine ? (await mine)?.template : ((await shared) ?? undefined);
        if (!template) return next(); // Remix answers this request itself, with its real values
      }
      send(res, template, reference, res.locals.cspNonce as string);
      logRequest(req, res, 200, started);
    } catch (error) {
      if (res.headersSent) return next(error);
      next(); // Remix answers (priorPatient, if set, keeps the session from being touched twice)
    }
  };
}

function templateOf(html: string, sentinels: { reference: string; nonce: string }, headers: Headers): Template {
  const parts: Buffer[] = [];
  const slots: Template["slots"] = [];
  const at = new RegExp(`${sentinels.reference}|${sentinels.nonce}`, "g");
  let from = 0;
  for (const m of html.matchAll(at)) {
    parts.push(Buffer.from(html.slice(from, m.index), "utf8"));
    slots.push(m[0] === sentinels.reference ? "reference" : "nonce");
    from = m.index + m[0].length;
  }
  parts.push(Buffer.from(html.slice(from), "utf8"));
  return { parts, slots, headers: [...headers.entries()] };
}

/** The template with this request's values, as one write (no ETag: the body is never hashed). */
function send(res: ExpressResponse, template: Template, reference: string, nonce: string): void {
  const values = { reference: Buffer.from(reference, "latin1"), nonce: Buffer.from(nonce, "latin1") };
  const chunks: Buffer[] = [template.parts[0]!];
  for (let i = 0; i < template.slots.length; i++) chunks.push(values[template.slots[i]!], template.parts[i + 1]!);
  res.status(200);
  for (const [name, value] of template.headers) res.append(name, value);
  res.end(Buffer.concat(chunks));
}

/** A Map that forgets its least recently used entry past `max`. */
class LruMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }
}
