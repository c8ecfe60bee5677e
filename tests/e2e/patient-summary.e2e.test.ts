// Issue 16, item 11 in Chromium: "Print or save" on the exposure page — the print stylesheet (no
// site frame, the steps, the cards, the phone numbers) and the PDF summary, downloaded and drawn
// to a PNG to look at; phone and desktop, English and Spanish, keyboard, axe.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { Batch } from "../../db/schema/index";
import { getCurrentIncident } from "~/services/incidents/current.server";
import { createBatch, createNotice, createOrganization } from "../factories";
import { pdfText } from "../support/pdf-text";
import { accessibilityViolations, launchBrowser, snap, snapPdfPage, startDemoServer, VIEWPORTS, type ViewportName } from "./support/browser";

let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;
let base: string;
let batch: Batch;

beforeAll(async () => {
  server = await startDemoServer();
  base = server.app.url;
  browser = await launchBrowser();
  const incident = (await getCurrentIncident(server.app.ctx))!;
  const org = await createOrganization(server.app.ctx, incident);
  batch = await createBatch(server.app.ctx, org, { mailingDate: incident.noticeDate, mailedOn: incident.noticeDate });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(page: Page, lang: "en" | "es") {
  const n = await createNotice(server.app.ctx, batch, {
    dateOfBirth: "1962-03-14",
    language: lang,
    state: "MI",
    exposed: ["ssn", "diagnosis", "health_insurance", "medicaid_medicare_id", "claims", "name", "address"],
  });
  await page.goto(base + "/");
  await page.fill("input[name=code]", n.code);
  await page.fill("input[name=dob-month]", "3");
  await page.fill("input[name=dob-day]", "14");
  await page.fill("input[name=dob-year]", "1962");
  await page.locator("form[action='/check'] button[type=submit]").click();
  await page.waitForURL(/\/exposure$/);
  await page.waitForSelector("[data-testid=print-or-save]");
  return n;
}

describe("print or save the exposure page", () => {
  for (const [viewport, lang] of [
    ["phone", "en"],
    ["desktop", "es"],
  ] as [ViewportName, "en" | "es"][]) {
    it(`${viewport}, ${lang}: the block is reachable by keyboard, printing drops the frame and keeps the phone numbers`, async () => {
      const ctx = await browser.newContext({ ...VIEWPORTS[viewport], locale: lang === "es" ? "es-US" : "en-US" });
      const page = await ctx.newPage();
      const n = await signIn(page, lang);
      expect(await page.getByTestId("print").innerText()).toBe(lang === "es" ? "Imprimir esta página" : "Print this page");
      await page.getByTestId("print-or-save").scrollIntoViewIfNeeded();
      expect(await accessibilityViolations(page, { wcag22: true })).toEqual([]);

      // Keyboard: from the "print" button, Tab reaches the PDF link.
      await page.getByTestId("print").focus();
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("summary-pdf");

      // On paper: no navigation, no buttons, no time-out box; the steps, cards and phone numbers stay.
      await page.emulateMedia({ media: "print" });
      expect(await page.locator("nav.ec-nav").isVisible()).toBe(false);
      expect(await page.getByTestId("session-box").isVisible()).toBe(false);
      expect(await page.getByTestId("print-or-save").isVisible()).toBe(false);
      expect(await page.getByTestId("sign-out").isVisible()).toBe(false);
      expect(await page.getByTestId("first-steps").isVisible()).toBe(true);
      expect(await page.locator("[data-testid=exposed-categories] [data-category]").first().isVisible()).toBe(true);
      expect(await page.getByTestId("print-phones").isVisible()).toBe(true);
      expect(await page.getByTestId("print-phones").innerText()).toContain("Michigan Department of Health and Human Services");
      await snap(page, `exposure-print-${lang}-${viewport}`);
      const printed = await page.pdf({ format: "Letter", printBackground: true });
      const { pages } = await pdfText(new Uint8Array(printed));
      console.info(`[print] exposure page, 7 categories, ${lang}, ${viewport}: ${pages.length} Letter pages`);
      expect(pages.length, "a summary to keep: one or two pages").toBeLessThanOrEqual(2);
      const paper = pages.join(" ");
      expect(paper).toContain(lang === "es" ? "Números de teléfono" : "Phone numbers");
      expect(paper).not.toContain(n.code);
      expect(paper).not.toContain(lang === "es" ? "Seguir con la sesión abierta" : "Staying signed in");
      await snapPdfPage(browser, new Uint8Array(printed), `exposure-print-${lang}-${viewport}-page1`);
      await ctx.close();
    });
  }

  for (const lang of ["en", "es"] as const) {
    it(`the PDF summary downloads (${lang}), reads back, and looks right`, async () => {
      const ctx = await browser.newContext({ ...VIEWPORTS.desktop, locale: lang === "es" ? "es-US" : "en-US", acceptDownloads: true });
      const page = await ctx.newPage();
      const n = await signIn(page, lang);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("summary-pdf").click()]);
      expect(download.suggestedFilename()).toBe(lang === "es" ? "resumen-de-la-carta.pdf" : "letter-summary.pdf");
      expect(download.url()).toBe(`${base}/exposure/summary.pdf`);
      const { readFile } = await import("node:fs/promises");
      const bytes = new Uint8Array(await readFile((await download.path())!));
      const { pages } = await pdfText(bytes);
      console.info(`[pdf] summary, 7 categories, ${lang}: ${pages.length} pages, ${bytes.length} bytes`);
      expect(pages.length).toBeLessThanOrEqual(3);
      const text = pages.join(" ");
      expect(text).toContain(lang === "es" ? "Resumen de su carta" : "Summary of your letter");
      expect(text.replace(/[\s-]/g, "")).not.toContain(n.code.replace(/-/g, ""));
      for (let p = 1; p <= pages.length; p++) await snapPdfPage(browser, bytes, `summary-pdf-${lang}-page${p}`, p);
      await ctx.close();
    });
  }
});
