// The HTTP server: Express in front of Remix, so we own security headers, health checks,
// graceful draining and the database pool's life (docs/decisions/001-custom-express-server.md).
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import helmet from "helmet";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { migrateDatabase, openDatabase, type Database } from "../db/client";
import { cspNonce } from "./utils/crypto.server";
import { fastCheck } from "./http/fast-check.server";
import { bodyLimits, sendPlainError } from "./http/limits.server";
import { fastExposure } from "./http/fast-exposure.server";
import { remixHandler, remixRender } from "./http/remix-handler.server";
import { refuseCrossSitePosts } from "./http/same-origin.server";
import { BATCH_UPLOAD_MAX_BYTES } from "./http/upload.server";
import { startAbandonedCallSweeper } from "./services/calls/abandoned.server";
import { startAuditSealer } from "./services/audit/sealer.server";
import { createAppContext, type AppContext } from "./services/context.server";
import { printDemoLogins, seedDemo } from "./services/demo/seed.server";
import { demoLeftoversMessage, findDemoLeftovers, seedDemoStaff } from "./services/demo/staff.server";
import { startEmailWorker } from "./services/email/worker.server";
import { ConfigError, describeTrustProxy, expressTrustProxy, loadConfig, type Config } from "./utils/env.server";
import { errorPageHtml } from "./utils/error-page.server";
import { describeError, installConsoleScrubber, log } from "./utils/log.server";

// Moved to app/http; still importable from here.
export { answerBusyWith503, refuseUnreadableBodies } from "./http/remix-handler.server";
export { isSameOriginRequest } from "./http/same-origin.server";

const DRAIN_TIMEOUT_MS = 10_000;
const UPLOAD_TIMEOUT_MS = 2 * 60 * 60 * 1000;

export type AppServer = {
  server: Server;
  url: string;
  ctx: AppContext;
  /** Stop accepting, drain in-flight requests, run the close hooks, then close the database. */
  close(): Promise<void>;
  /** Work to stop after the HTTP drain and before the database closes (the email worker). */
  onClose(hook: () => Promise<void>): void;
};

/** Build the Express app around a Remix build and an open database. Used by `npm start` and tests. */
export function createApp(build: ServerBuild, ctx: AppContext, options: { bodyTimeoutMs?: number; fastPaths?: boolean } = {}): express.Express {
  const config = ctx.config;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", expressTrustProxy(config.trustProxySetting));

  app.use((req, res, next) => {
    res.locals.requestId = randomUUID();
    res.locals.cspNonce = cspNonce();
    res.setHeader("X-Request-Id", res.locals.requestId as string);
    // Remix builds URLs and compares Origin with X-Forwarded-Host when there is one: only a
    // trusted proxy's counts.
    if (!config.trustProxy) delete req.headers["x-forwarded-host"];
    next();
  });

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as ExpressResponse).locals.cspNonce}'`],
          "style-src": ["'self'"],
          "img-src": ["'self'", "data:"],
          "font-src": ["'self'"],
          "connect-src": ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          "base-uri": ["'none'"],
          "object-src": ["'none'"],
          ...(config.env === "production" ? { "upgrade-insecure-requests": [] } : {}),
        },
      },
      strictTransportSecurity: config.env === "production" ? { maxAge: 63072000, includeSubDomains: true } : false,
      referrerPolicy: { policy: "no-referrer" },
      frameguard: { action: "deny" },
      crossOriginEmbedderPolicy: false,
    }),
  );

  // Bodies over the route's cap are refused before they are read; slow bodies are cut off.
  app.use(bodyLimits(BATCH_UPLOAD_MAX_BYTES, options.bodyTimeoutMs));

  app.use(refuseCrossSitePosts(config.trustProxy));

  // Pages, CSS and scripts compressed (brotli or gzip, as the browser accepts): a page's HTML
  // shrinks ~5x, which matters on a slow phone line. Nothing secret is ever reflected next to
  // visitor input on one page, so compression gives no BREACH oracle (decision 080).
  app.use(compression());

  app.get("/healthz", (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json({ ok: true });
  });
  app.get("/readyz", async (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    const ok = await ctx.database.ping();
    res.status(ok ? 200 : 503).json({ ok, database: ok ? "up" : "down" });
  });

  app.use("/build", express.static("build/client", { immutable: true, maxAge: "1y", index: false, fallthrough: false }));
  app.use("/uswds", express.static(path.resolve("node_modules/@uswds/uswds/dist"), { maxAge: "7d", index: false, fallthrough: false }));
  // Files in public/ all have an extension; page URLs (/, /check, /exposure) never do, so they skip
  // the file-system lookup (and the error object built on the miss) on every request.
  const servePublic = express.static("public", { maxAge: "1h", index: false });
  app.use((req, res, next) => (path.extname(req.path) ? servePublic(req, res, next) : next()));

  const render = remixRender(build, ctx);
  if (options.fastPaths !== false) {
    // POST /check without Remix when the answer needs no page; the rest of it goes on to Remix.
    app.post("/check", fastCheck(ctx, render));
    // GET /exposure from Remix's own page, rendered once per kind of page (decision 100).
    app.get("/exposure", fastExposure(ctx, render));
  }
  app.all("*", remixHandler(render, ctx));

  app.use((error: unknown, _req: ExpressRequest, res: ExpressResponse, _next: NextFunction) => {
    const status = (error as { status?: number } | null)?.status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      // The static servers' refusals (a `..` in /build/…: 403; a bad %-escape: 400): a plain page.
      // 403 is answered as "not found": there is nothing to be refused, and our 403 page speaks of forms.
      sendPlainError(res, status === 403 ? 404 : status);
      return;
    }
    log.error("unhandled error", { requestId: res.locals.requestId as string, ...describeError(error) });
    if (!res.headersSent) res.status(500).type("html").send(errorPageHtml(500));
  });
  return app;
}

/** What answers while the database is not reachable yet: alive, not ready, "try again shortly". */
function waitingApp(): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => void res.set("Cache-Control", "no-store").json({ ok: true }));
  app.get("/readyz", (_req, res) => void res.status(503).set("Cache-Control", "no-store").json({ ok: false, database: "down" }));
  app.use(
    (_req, res) => void res.status(503).set({ "Retry-After": "30", "Cache-Control": "no-store", Connection: "close" }).type("html").send(errorPageHtml(503)),
  );
  return app;
}

/** Network and "not accepting connections" failures: worth waiting for. Anything else is a real error. */
function unreachableCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== "string") continue;
    if (
      /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|CONNECT_TIMEOUT|CONNECTION_CLOSED|CONNECTION_ENDED|CONNECTION_DESTROYED)$/.test(
        code,
      )
    )
      return code;
    if (/^(08|57P0)/.test(code)) return code; // connection exceptions; admin shutdown / cannot connect now
  }
  return null;
}

/**
 * Open and migrate the configured database; with `wait`, an unreachable one is retried with
 * back-off (1 s doubling to 30 s), one line per attempt and no stack trace.
 */
async function openDatabaseWhenReachable(config: Config, wait: { signal?: AbortSignal; firstRetryMs?: number } | undefined): Promise<Database> {
  for (let attempt = 1; ; attempt++) {
    let database: Database | undefined;
    try {
      database = await openDatabase({ url: config.databaseUrl, dataDir: `${config.dataDir}/pglite`, lockTimeoutMs: config.dbLockTimeoutMs });
      await migrateDatabase(database);
      return database;
    } catch (error) {
      await database?.close().catch(() => {});
      const code = unreachableCode(error);
      if (!wait || !code || wait.signal?.aborted) throw error;
      const retryMs = Math.min(30_000, (wait.firstRetryMs ?? 1000) * 2 ** Math.min(attempt - 1, 5));
      console.error(
        `Database not reachable (${code}); trying again in ${Math.ceil(retryMs / 1000)} s (attempt ${attempt}). /healthz answers, /readyz says 503 meanwhile.`,
      );
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      if (wait.signal?.aborted) throw new Error("stopped waiting for the database");
    }
  }
}

/** Open everything and listen. Resolves once the app is ready (the port is bound before). */
export async function startServer(options: {
  config: Config;
  build?: ServerBuild;
  database?: Database;
  seed?: boolean;
  ctx?: AppContext;
  /** How long a body other than a batch upload may take to arrive (tests shorten it). */
  bodyTimeoutMs?: number;
  /** false: every request through Remix, as before the fast path (tests compare the two). */
  fastPaths?: boolean;
  /**
   * Listen at once and wait for an unreachable database, retrying, instead of failing: meanwhile
   * /healthz answers 200, /readyz and every page 503 (issue 15, finding 12). `npm start` sets it.
   */
  waitForDatabase?: { onListening?: (url: string) => void; signal?: AbortSignal; firstRetryMs?: number };
}): Promise<AppServer> {
  const { config } = options;
  installConsoleScrubber();
  // Until the app is ready, requests go to a stand-in that says so.
  let handler: (req: IncomingMessage, res: ServerResponse) => void = waitingApp();
  let draining = false;
  const server = createServer((req, res) => {
    // Draining: answer, then close the connection — a keep-alive client under load would otherwise
    // keep sending on it and hold the drain open until its timeout cut everyone off.
    if (draining) res.setHeader("Connection", "close");
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, () => resolve()));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;
  options.waitForDatabase?.onListening?.(url);

  let database: Database;
  let ctx: AppContext;
  let build: ServerBuild;
  try {
    database = options.database ?? (await openDatabaseWhenReachable(config, options.waitForDatabase));
    if (options.database) await migrateDatabase(database);
    ctx = options.ctx ?? createAppContext(database, config);
    if (config.env === "production") {
      // Demo accounts and codes are published in the repository: never served in production.
      const refusal = demoLeftoversMessage(await findDemoLeftovers(ctx));
      if (refusal) {
        if (!options.database) await database.close();
        throw new ConfigError(refusal);
      }
    }
    build = options.build ?? ((await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild);
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  }
  handler = createApp(build, ctx, { bodyTimeoutMs: options.bodyTimeoutMs, fastPaths: options.fastPaths });
  server.keepAliveTimeout = 5000;
  // A batch upload of a few million rows over a slow link takes longer than Node's 5-minute
  // default; headers must still arrive within a minute (slow-loris protection stays). Node has one
  // request timeout per server: every other route's body is cut off after BODY_TIMEOUT_MS by the
  // bodyLimits middleware (issue 15, finding 1).
  server.requestTimeout = UPLOAD_TIMEOUT_MS;
  server.headersTimeout = 60_000;

  const hooks: (() => Promise<void>)[] = [];
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Stop accepting, let in-flight requests finish, then release the pool.
      draining = true;
      await new Promise<void>((resolve) => {
        // Connections fall idle between requests: close each as soon as it does.
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        const timer = setTimeout(() => {
          clearInterval(idle);
          server.closeAllConnections();
          resolve();
        }, DRAIN_TIMEOUT_MS);
        server.close(() => {
          clearTimeout(timer);
          clearInterval(idle);
          resolve();
        });
        server.closeIdleConnections();
      });
      for (const hook of hooks) await hook().catch(() => {});
      await database.close();
    })());
  return { server, url, close, ctx, onClose: (hook) => void hooks.push(hook) };
}

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (!existsSync("build/index.js")) {
    console.error("No build found: run `npm run build` first (npm start does it for you).");
    process.exit(1);
  }
  if (config.devSecretsFile) console.info(`Using development secrets from ${config.devSecretsFile} (generated on first run).`);
  let app: AppServer;
  try {
    app = await startServer({ config, waitForDatabase: {} });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const { database } = app.ctx;
  console.info(`Database: ${database.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${config.dataDir}/pglite`}`);
  if (config.env !== "production") {
    const seeded = await seedDemo(app.ctx);
    if (seeded.created) console.info(`Seeded the demo incident with ${seeded.notices} synthetic notices.`);
    printDemoLogins(seeded.demo);
    await seedDemoStaff(app.ctx);
  }
  // Email: queued in the database, delivered by this loop (several instances may run it).
  app.onClose(startEmailWorker(app.ctx));
  // Calls left open by a staff session that ended are closed as "abandoned".
  app.onClose(startAbandonedCallSweeper(app.ctx));
  console.info(`Email: ${config.resend ? "through Resend" : "to the local outbox (admins: /admin/outbox)"}`);
  console.info(describeTrustProxy(config.trustProxySetting));
  // Audit seals: every instance runs the loop, one at a time seals (docs/audit.md).
  app.onClose(startAuditSealer(app.ctx));
  console.info(`Exposure Check is serving ${app.url}`);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      console.info(`${signal}: draining requests, then closing the database.`);
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await main();
}
