// Remix behind Express: the build's loaders and actions wrapped (busy → 503, unreadable body →
// 400/413), the Express request turned into a counted Fetch request, and Remix's answer checked
// before it is sent (a body over the cap → 413; a 5xx with the database away → 503).
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { createReadableStreamFromReadable, createRequestHandler } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { isConnectionLost, isLockTimeout } from "../../db/client";
import type { AppContext } from "~/services/context.server";
import { errorPageHtml } from "~/utils/error-page.server";
import { log } from "~/utils/log.server";
import { createRemixRequest, sendRemixResponse } from "./express-adapter.server";
import { BodyTooLargeError, bodyRuleFor, countedBody, sendPlainError } from "./limits.server";
import { BATCH_UPLOAD_MAX_BYTES } from "./upload.server";
import type { PriorCheck, PriorPatient } from "./load-context";

/** A visitor told "busy" may come back after this many seconds (a large import's load takes ~1–2 min). */
export const BUSY_RETRY_AFTER_S = 120;

/**
 * The build with every loader and action wrapped: a query that waited past DB_LOCK_TIMEOUT_MS for
 * a lock (a large import holds `notices` while it loads) becomes a thrown 503 response, which
 * Remix renders with the error boundary's "busy, try again" text — for a page load and for a
 * JavaScript navigation alike — instead of a generic error. Nothing was written: the statement's
 * transaction rolled back.
 */
export function answerBusyWith503(build: ServerBuild): ServerBuild {
  const wrap = <A extends { request: Request }, R>(fn: ((args: A) => R) | undefined) =>
    fn &&
    (async (args: A) => {
      try {
        return await fn(args);
      } catch (error) {
        if (isConnectionLost(error)) {
          // PostgreSQL went away mid-request: "try again shortly", even if it is back already (decision 045).
          log.warn("database connection lost", { path: new URL(args.request.url).pathname });
          throw new Response(null, { status: 503, headers: { "Retry-After": "30" } });
        }
        if (!isLockTimeout(error)) throw error;
        log.warn("busy: a lock was held too long", { path: new URL(args.request.url).pathname });
        throw new Response(null, { status: 503, headers: { "Retry-After": String(BUSY_RETRY_AFTER_S) } });
      }
    });
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    routes[id] = { ...route, module: { ...route.module, loader: wrap(route.module.loader), action: wrap(route.module.action) } as typeof route.module };
  }
  return { ...build, routes };
}

/**
 * The build with every action's `request.formData()` answering a body it cannot read (malformed
 * multipart, a file name with `=` or an unbalanced quote, a body cut off at the size cap) with a
 * thrown 400 or 413 response — a plain page from the error boundary — instead of a 500
 * (issue 15, findings 1 and 5).
 */
export function refuseUnreadableBodies(build: ServerBuild): ServerBuild {
  const wrap = <A extends { request: Request }, R>(fn: ((args: A) => R) | undefined) =>
    fn &&
    (async (args: A) => {
      const read = args.request.formData.bind(args.request);
      args.request.formData = async () => {
        try {
          return await read();
        } catch (error) {
          const tooLarge = error instanceof BodyTooLargeError || (error as { cause?: unknown })?.cause instanceof BodyTooLargeError;
          throw new Response(null, { status: tooLarge ? 413 : 400, headers: { "Cache-Control": "no-store" } });
        }
      };
      return fn(args);
    });
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    routes[id] = { ...route, module: { ...route.module, action: wrap(route.module.action) } as typeof route.module };
  }
  return { ...build, routes };
}

/**
 * The Remix request for an Express request, its body counted against the route's cap as it
 * arrives (a chunked body has no Content-Length to check up front). A body a fast path already
 * read (`res.locals.bufferedBody`, within the cap) is handed over as it is.
 */
function limitedRemixRequest(req: ExpressRequest, res: ExpressResponse): { request: Request; tooLarge: () => boolean } {
  if (req.method === "GET" || req.method === "HEAD") return { request: createRemixRequest(req, res), tooLarge: () => false };
  // The adapter builds the URL, headers and abort signal; the body is ours, counted.
  const shell = createRemixRequest(Object.create(req, { method: { value: "GET" } }) as ExpressRequest, res);
  const buffered = res.locals.bufferedBody as Buffer | undefined;
  if (buffered)
    return {
      request: new Request(shell.url, { method: req.method, headers: shell.headers, signal: shell.signal, body: new Uint8Array(buffered) }),
      tooLarge: () => false,
    };
  const { body, tooLarge } = countedBody(req, bodyRuleFor(req.path, BATCH_UPLOAD_MAX_BYTES).maxBytes);
  const request = new Request(shell.url, {
    method: req.method,
    headers: shell.headers,
    signal: shell.signal,
    body: createReadableStreamFromReadable(body),
    duplex: "half",
  } as RequestInit);
  return { request, tooLarge };
}

/**
 * The build with every loader's (and action's) result also put in `context.loaderDataOut` (route id → data) when
 * the caller asked for it: the exposure fast path keys a page template on exactly what the
 * loaders of that render returned.
 */
export function recordLoaderData(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const loader = route.module.loader;
    const recording =
      loader &&
      (async (args: Parameters<typeof loader>[0]) => {
        const data: unknown = await loader(args);
        (args.context as AppLoadContext).loaderDataOut?.set(id, data);
        return data;
      });
    // An action's data under "action:<route id>", unwrapped from `data(…, init)` (the check's
    // refusal templates key on it).
    const action = route.module.action;
    const recordingAction =
      action &&
      (async (args: Parameters<typeof action>[0]) => {
        const result: unknown = await action(args);
        const out = (args.context as AppLoadContext).loaderDataOut;
        if (out) out.set(`action:${id}`, isDataWithInit(result) ? result.data : result);
        return result;
      });
    routes[id] = { ...route, module: { ...route.module, loader: recording, action: recordingAction } as typeof route.module };
  }
  return { ...build, routes };
}

function isDataWithInit(value: unknown): value is { data: unknown } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit" && "data" in value;
}

/** Remix answering one Fetch request with one load context. */
export type RemixRender = (request: Request, context: AppLoadContext) => Promise<Response>;

/** Remix's request handler over the wrapped build: one per app, shared by remixHandler and the fast paths. */
export function remixRender(build: ServerBuild, ctx: AppContext): RemixRender {
  const wrapped = recordLoaderData(refuseUnreadableBodies(answerBusyWith503(build)));
  return createRequestHandler(wrapped, ctx.config.env === "production" ? "production" : "development");
}

/** The Express handler that answers everything else through Remix. */
export function remixHandler(handle: RemixRender, ctx: AppContext) {
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const started = Date.now();
    let limited: ReturnType<typeof limitedRemixRequest>;
    try {
      limited = limitedRemixRequest(req, res);
    } catch {
      // A Host header or path no URL can be made of.
      sendPlainError(res, 400, { Connection: "close" });
      return;
    }
    try {
      const { request, tooLarge } = limited;
      let response = await handle(request, {
        app: ctx,
        meta: { ip: clientIpOf(req), requestId: res.locals.requestId as string },
        cspNonce: res.locals.cspNonce as string,
        priorCheck: res.locals.priorCheck as PriorCheck | undefined,
        priorPatient: res.locals.priorPatient as PriorPatient | undefined,
      });
      if (tooLarge()) {
        // Whatever the route made of a body cut off at the cap: a plain 413, and the connection
        // closes so the rest of the body is never read.
        response = tooLargeResponse();
      } else if (response.status >= 500 && response.status !== 503 && !(await ctx.database.ping())) {
        // The database went away: a plain "try again shortly", not a generic error.
        response = new Response(errorPageHtml(503), {
          status: 503,
          headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": "30", "Cache-Control": "no-store" },
        });
      }
      // Answered without reading the whole body (a redirect before the form was read): close the
      // connection rather than read the rest of it.
      if (!req.complete && req.method !== "GET" && req.method !== "HEAD") response.headers.set("Connection", "close");
      if (response.status === 503 && !response.headers.has("Retry-After")) response.headers.set("Retry-After", String(BUSY_RETRY_AFTER_S));
      await sendRemixResponse(res, response);
      logRequest(req, res, response.status, started);
    } catch (error) {
      next(error);
    }
  };
}

export function tooLargeResponse(): Response {
  return new Response(errorPageHtml(413), {
    status: 413,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", Connection: "close" },
  });
}

export function clientIpOf(req: ExpressRequest): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}

/** Paths only: no query string (never personal, but never needed either). */
export function logRequest(req: ExpressRequest, res: ExpressResponse, status: number, started: number): void {
  log.info("request", { method: req.method, path: req.path, status, ms: Date.now() - started, requestId: res.locals.requestId });
}
