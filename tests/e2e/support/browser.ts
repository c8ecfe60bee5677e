import { PGlite } from "@electric-sql/pglite";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Cookie, type Page } from "playwright-core";
import { currentDemoTotp, DEMO_STAFF, seedDemoStaff } from "../../../app/services/demo/staff.server";
import { migrateDatabase, openDatabase } from "../../../db/client";
import { seedDemo, type DemoLogin } from "../../../app/services/demo/seed.server";
import { startServer, type AppServer } from "../../../app/server";
import { testConfig } from "../../../app/utils/env.server";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS = path.resolve("tests/artifacts/screenshots");

export const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export async function newContext(browser: Browser, viewport: ViewportName, javaScript: boolean): Promise<BrowserContext> {
  return browser.newContext({ ...VIEWPORTS[viewport], javaScriptEnabled: javaScript });
}

/** Keep a full-page screenshot as a test artifact: tests/artifacts/screenshots/<name>.png */
export async function snap(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * The real server (Express + the Remix build in build/) on a free port, over a fresh in-memory
 * PGlite with the demo incident seeded. `npm run test:e2e` builds first.
 */
export async function startDemoServer(): Promise<{ app: AppServer; demo: DemoLogin[]; close(): Promise<void> }> {
  const database = await openDatabase({ pglite: new PGlite("memory://") });
  await migrateDatabase(database);
  const config = testConfig({ port: 0, host: "127.0.0.1" });
  const app = await startServer({ config, database });
  const seeded = await seedDemo(app.ctx);
  return { app, demo: seeded.demo, close: () => app.close() };
}

/**
 * The WCAG A and AA rules that axe can check automatically (2.1, and 2.2 with `wcag22`), each
 * violation named with its nodes: a test expects the list to be empty.
 */
export async function accessibilityViolations(page: Page, { wcag22 = false } = {}): Promise<string[]> {
  const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", ...(wcag22 ? ["wcag22aa"] : [])];
  const result = await new AxeBuilder({ page }).withTags(tags).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * The demo staff seeded, then the demo admin signed in once through the real form (a TOTP code
 * works once): the session's cookies, for every context of the test file to reuse.
 */
export async function signInDemoAdmin(browser: Browser, server: Awaited<ReturnType<typeof startDemoServer>>): Promise<Cookie[]> {
  await seedDemoStaff(server.app.ctx, { print: false });
  const base = server.app.url;
  const context = await newContext(browser, "desktop", true);
  const page = await context.newPage();
  const admin = DEMO_STAFF.find((d) => d.role === "admin")!;
  await page.goto(base + "/staff/login");
  await page.getByLabel("Email address").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForSelector("[data-testid=totp-step]");
  const code = await currentDemoTotp(server.app.ctx, admin.email);
  if (!code.ok) throw new Error(code.problem);
  await page.getByLabel("6-digit code").fill(code.code);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/staff`);
  const cookies = await context.cookies();
  await context.close();
  return cookies;
}

/**
 * Look at a PDF the way a person would: its first page drawn by pdfjs-dist in Chromium (no
 * pdftoppm on these machines) at `scale`, kept as tests/artifacts/screenshots/<name>.png.
 */
export async function snapPdfPage(browser: Browser, pdf: Uint8Array, name: string, pageNumber = 1, scale = 1.5): Promise<string> {
  const { readFileSync } = await import("node:fs");
  const ctx = await browser.newContext({ viewport: { width: 1000, height: 1400 } });
  const page = await ctx.newPage();
  const lib = path.resolve("node_modules/pdfjs-dist/build");
  await page.route("http://pdf.test/**", async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === "/doc.pdf") return route.fulfill({ body: Buffer.from(pdf), contentType: "application/pdf" });
    if (url.pathname.endsWith(".mjs"))
      return route.fulfill({ body: readFileSync(path.join(lib, path.basename(url.pathname))), contentType: "text/javascript" });
    return route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html><body style="margin:0;background:#888"><canvas id="c"></canvas><script type="module">
        import * as pdfjs from "/pdf.mjs";
        pdfjs.GlobalWorkerOptions.workerSrc = "/pdf.worker.mjs";
        const doc = await pdfjs.getDocument("/doc.pdf").promise;
        const p = await doc.getPage(${pageNumber});
        const vp = p.getViewport({ scale: ${scale} });
        const c = document.getElementById("c");
        c.width = vp.width; c.height = vp.height;
        await p.render({ canvas: c, viewport: vp }).promise;
        document.body.dataset.done = String(doc.numPages);
      </script></body></html>`,
    });
  });
  await page.goto("http://pdf.test/");
  await page.waitForSelector("body[data-done]", { timeout: 20_000 });
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.locator("#c").screenshot({ path: file });
  await ctx.close();
  return file;
}
