import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { errorPageHtml } from "~/utils/error-page.server";
import { log } from "~/utils/log.server";

/**
 * Cross-site POSTs are refused. Browsers say where a request comes from in Sec-Fetch-Site; with
 * `Referrer-Policy: no-referrer` they send `Origin: null` even for our own forms, so Origin is
 * only the fallback for browsers without Fetch Metadata.
 */
export function refuseCrossSitePosts(trustProxy: boolean) {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    if (!isSameOriginRequest(req, trustProxy)) {
      log.warn("cross-site post refused", { requestId: res.locals.requestId as string, path: req.path });
      res.status(403).type("html").send(errorPageHtml(403));
      return;
    }
    // Checked above; Remix would refuse the `Origin: null` that no-referrer pages send.
    if (req.headers.origin === "null") delete req.headers.origin;
    next();
  };
}

export function isSameOriginRequest(req: ExpressRequest, trustProxy: boolean): boolean {
  const site = req.get("sec-fetch-site");
  const origin = req.get("origin");
  if (site) {
    if (site !== "same-origin" && site !== "none") return false;
    // A same-origin request naming a foreign Origin is no browser's: refused here, as Remix
    // would refuse it later with a 500 (issue 15, finding 5).
    return !origin || origin === "null" || originMatchesHost(req, origin, trustProxy);
  }
  if (!origin) return true; // not a browser (curl, the load balancer, tests): SameSite cookies still apply
  if (origin === "null") return false;
  return originMatchesHost(req, origin, trustProxy);
}

function originMatchesHost(req: ExpressRequest, origin: string, trustProxy: boolean): boolean {
  const host = trustProxy && req.get("x-forwarded-host") ? req.get("x-forwarded-host") : req.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Would Remix's own check before an action (`throwIfPotentialCSRFAttack` in
 * @remix-run/server-runtime 2.17) let this request through? The same comparison: the Origin's
 * host against the first X-Forwarded-Host, else Host. A route answered outside Remix asks this
 * first and leaves anything Remix would refuse to Remix, so the refusal stays Remix's own.
 */
export function remixAcceptsOrigin(headers: ExpressRequest["headers"]): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  let originHost: string;
  try {
    originHost = origin === "null" ? origin : new URL(origin).host;
  } catch {
    return false;
  }
  if (!originHost) return true;
  const forwarded = headers["x-forwarded-host"];
  const forwardedHost = (Array.isArray(forwarded) ? forwarded.join(",") : forwarded)?.split(",")[0]?.trim();
  const host = forwardedHost || headers.host;
  return Boolean(host) && originHost === host;
}
