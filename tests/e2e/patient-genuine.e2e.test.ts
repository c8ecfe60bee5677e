// Issue 16, item 5 in Chromium: "is this letter genuine?" with its outside anchors and the
// reference-number lookup — phone and desktop, English and Spanish, with and without JavaScript,
// keyboard only, axe on each state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { Batch } from "../../db/schema/index";
import { getCurrentIncident } from "~/services/incidents/current.server";
import { createBatch, createNotice, createOrganization } from "../factories";
import { accessibilityViolations, launchBrowser, snap, startDemoServer, VIEWPORTS, type ViewportName } from "./support/browser";

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

describe("is this letter genuine?", () => {
  for (const [viewport, lang, javaScript] of [
    ["phone", "en", true],
    ["desktop", "en", false],
    ["phone", "es", false],
    ["desktop", "es", true],
  ] as [ViewportName, "en" | "es", boolean][]) {
    it(`${viewport}, ${lang}, JavaScript ${javaScript ? "on" : "off"}: anchors, then a lookup by keyboard that says mailed and when`, async () => {
      const ctx = await browser.newContext({ ...VIEWPORTS[viewport], javaScriptEnabled: javaScript, locale: lang === "es" ? "es-US" : "en-US" });
      const page = await ctx.newPage();
      const n = await createNotice(server.app.ctx, batch, { firstName: "Ignatia" });
      await page.goto(base + "/genuine");
      expect(await page.getByTestId("genuine-anchors").innerText()).toContain("1-855-555-0142");
      expect(await page.getByTestId("anchor-hhs").locator("a").getAttribute("href")).toBe("https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf");
      await snap(page, `genuine-${lang}-${viewport}-${javaScript ? "js" : "nojs"}`);
      if (javaScript) expect(await accessibilityViolations(page, { wcag22: true })).toEqual([]);

      // Keyboard only: into the field, type, Enter.
      await page.locator("#reference").focus();
      await page.keyboard.type(n.notice.referenceNumber);
      await page.keyboard.press("Enter");
      const answer = page.getByTestId("lookup-answer");
      await answer.waitFor();
      expect(await answer.getAttribute("data-found")).toBe("yes");
      const said = await answer.innerText();
      expect(said).toContain(n.notice.referenceNumber);
      expect(said).not.toContain("Ignatia");
      expect(new URL(page.url()).search).toBe("");
      if (javaScript) expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("lookup-answer");
      await snap(page, `genuine-lookup-found-${lang}-${viewport}-${javaScript ? "js" : "nojs"}`);
      if (javaScript) expect(await accessibilityViolations(page, { wcag22: true })).toEqual([]);

      // A malformed number: the error summary, the field marked.
      await page.fill("#reference", "12");
      await page.locator("[data-testid=lookup-form] button[type=submit]").click();
      await page.getByTestId("error-summary").waitFor();
      expect(await page.locator("#reference").getAttribute("aria-invalid")).toBe("true");
      if (javaScript) expect(await accessibilityViolations(page, { wcag22: true })).toEqual([]);
      await ctx.close();
    });
  }

  it("a number we never mailed: not found, with the advice to call", async () => {
    const ctx = await browser.newContext({ ...VIEWPORTS.phone });
    const page = await ctx.newPage();
    await page.goto(base + "/genuine");
    await page.fill("#reference", "9999-0000-1111");
    await page.locator("[data-testid=lookup-form] button[type=submit]").click();
    const answer = page.getByTestId("lookup-answer");
    await answer.waitFor();
    expect(await answer.getAttribute("data-found")).toBe("no");
    expect(await answer.innerText()).toContain("the letter may be fake");
    await snap(page, "genuine-lookup-notfound-en-phone");
    expect(await accessibilityViolations(page, { wcag22: true })).toEqual([]);
    await ctx.close();
  });
});
