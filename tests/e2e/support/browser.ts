import { PGlite } from "@electric-sql/pglite";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
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
