// Issue 13 in Chromium: the two pages the public site shows with nothing to check — "not open yet"
// (no incident) and "this response has ended" (retention date reached) — on a phone (390 px) and
// a desktop (1280 px), in English and Spanish, with axe; a code typed on an ended site gets the
// same page.
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { migrateDatabase, openDatabase } from "../../db/client";
import { startServer, type AppServer } from "../../app/server";
import { testConfig } from "../../app/utils/env.server";
import { createIncident } from "../factories";
import { accessibilityViolations, launchBrowser, snap, VIEWPORTS } from "./support/browser";

let browser: Browser;
let app: AppServer;

beforeAll(async () => {
  const database = await openDatabase({ pglite: new PGlite("memory://") });
  await migrateDatabase(database);
  app = await startServer({ config: testConfig({ port: 0, host: "127.0.0.1" }), database });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function look(state: "not-open" | "ended") {
  for (const [viewport, lang] of [
    ["phone", "en"],
    ["desktop", "en"],
    ["phone", "es"],
    ["desktop", "es"],
  ] as const) {
    const ctx = await browser.newContext({ ...VIEWPORTS[viewport], locale: lang === "es" ? "es-US" : "en-US" });
    const page = await ctx.newPage();
    await page.goto(app.url + "/");
    const box = page.getByTestId(state === "ended" ? "response-ended" : "not-open");
    await box.waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe(lang);
    expect(await page.locator("h1").innerText()).toBe(
      state === "ended"
        ? lang === "es"
          ? "Esta respuesta ha terminado"
          : "This response has ended"
        : lang === "es"
          ? "Este sitio web todavía no está abierto"
          : "This website is not open yet",
    );
    expect(await page.locator("form[action='/check']").count()).toBe(0);
    await snap(page, `closed-${state}-${lang}-${viewport}`);
    expect(await accessibilityViolations(page, { wcag22: true })).toEqual([]);
    await ctx.close();
  }
}

describe("a site with nothing to check", () => {
  it("not open yet: no incident", async () => {
    await look("not-open");
  });

  it("ended: the retention date has passed", async () => {
    const today = new Date().toISOString().slice(0, 10);
    await createIncident(app.ctx, {
      intrusionStart: "2023-07-14",
      intrusionEnd: "2023-07-23",
      discoveredOn: "2023-07-24",
      reviewEndedOn: "2023-10-24",
      noticeDate: "2023-12-22",
      enrollBy: "2024-03-22",
      retainUntil: today,
    });
    await look("ended");
  });
});
