// Issue 16 in a real browser: summary first, language, refusals, focus and titles — on a phone and
// a desktop, in both languages, with the keyboard, and with axe on each page state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { DemoLogin } from "../../app/services/demo/seed.server";
import { accessibilityViolations, launchBrowser, snap, startDemoServer, VIEWPORTS, type ViewportName } from "./support/browser";

let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;
let base: string;
const person = (label: string): DemoLogin => server.demo.find((d) => d.label === label)!;

beforeAll(async () => {
  server = await startDemoServer();
  base = server.app.url;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function context(viewport: ViewportName, options: { locale?: string; javaScript?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({ ...VIEWPORTS[viewport], javaScriptEnabled: options.javaScript ?? true, locale: options.locale ?? "en-US" });
}

/** Fill the check form by its names (labels differ by language). */
async function check(page: Page, who: DemoLogin, dob = who.dateOfBirth) {
  const [y, m, d] = dob.split("-");
  await page.fill("input[name=code]", who.code);
  await page.fill("input[name=dob-month]", String(Number(m)));
  await page.fill("input[name=dob-day]", String(Number(d)));
  await page.fill("input[name=dob-year]", y!);
  await page.locator("form[action='/check'] button[type=submit]").click();
}

describe("their language, without hunting for it (Chromium)", () => {
  it("a browser that asks for Spanish gets the Spanish home page", async () => {
    const ctx = await context("phone", { locale: "es-MX" });
    const page = await ctx.newPage();
    await page.goto(base + "/");
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
    await snap(page, "lang-spanish-browser-home-phone");
    await ctx.close();
  });

  it("from the English home page, a Spanish notice speaks Spanish after the check", async () => {
    const ctx = await context("desktop", { locale: "en-US" });
    const page = await ctx.newPage();
    await page.goto(base + "/");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await check(page, person("Spanish speaker"));
    await page.waitForURL(/\/exposure$/);
    // With JavaScript the URL changes a moment before the new page is drawn.
    await page.waitForSelector("[data-testid=summary]");
    await page.waitForFunction(() => document.documentElement.lang !== "en", null, { timeout: 5_000 }).catch(() => {});
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
    expect(await page.getByTestId("summary").innerText()).toContain("Qué hacer ahora");
    expect(await accessibilityViolations(page, { wcag22: true })).toEqual([]);
    await ctx.close();
  });

  it("a switch made in this visit wins: English chosen from a Spanish browser stays English after a Spanish notice's check", async () => {
    const ctx = await context("phone", { locale: "es-MX" });
    const page = await ctx.newPage();
    await page.goto(base + "/");
    await page.locator("a.ec-header__lang").click();
    await page.waitForLoadState();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await check(page, person("Spanish speaker"));
    await page.waitForURL(/\/exposure$/);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await ctx.close();
  });
});

describe("the next step on the first screen", () => {
  for (const viewport of ["phone", "desktop"] as const) {
    for (const lang of ["en", "es"] as const) {
      it(`an adult's page opens with the summary and the offer (${viewport}, ${lang})`, async () => {
        const ctx = await context(viewport, { locale: lang === "es" ? "es-US" : "en-US" });
        const page = await ctx.newPage();
        await page.goto(`${base}/language/${lang}?next=/`);
        await check(page, person("adult"));
        await page.waitForURL(/\/exposure$/);
        const count = await page.getByTestId("kinds-count").innerText();
        const cards = await page.locator("[data-testid=exposed-categories] [data-category]").count();
        expect(count).toContain(String(cards));
        expect(await page.locator("[data-testid=first-steps] li").count()).toBeGreaterThanOrEqual(2);
        const enroll = page.locator("[data-testid=offer] a[href='/enroll']");
        const firstCard = page.locator("[data-testid=exposed-categories] [data-category]").first();
        const enrollBox = (await enroll.boundingBox())!;
        const cardBox = (await firstCard.boundingBox())!;
        // The button comes before every card, within the first two screens even on a phone.
        expect(enrollBox.y).toBeLessThan(cardBox.y);
        expect(enrollBox.y + enrollBox.height).toBeLessThan(VIEWPORTS[viewport].viewport.height * 2);
        expect(await page.getByTestId("enroll-by").innerText()).toMatch(/20\d\d/);
        await snap(page, `exposure-summary-${lang}-${viewport}`);
        expect(await accessibilityViolations(page, { wcag22: true })).toEqual([]);
        await ctx.close();
      });
    }
  }

  it("with the keyboard only: from the top of the page to enrolling", async () => {
    const ctx = await context("desktop");
    const page = await ctx.newPage();
    await page.goto(base + "/");
    await check(page, person("adult"));
    await page.waitForURL(/\/exposure$/);
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement?.getAttribute("href") === "/enroll");
    }
    expect(reached).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/enroll$/);
    await ctx.close();
  });
});

describe("locked out, not lost; errors that take focus and say so in the title", () => {
  for (const javaScript of [true, false]) {
    it(`after repeated refusals the answer explains the pause and the phone (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const ctx = await context("phone", { javaScript });
      const page = await ctx.newPage();
      await page.goto(base + "/");
      const who = person("adult");
      for (let i = 1; i <= 3; i++) {
        await check(page, who, `1958-04-${10 + i}`);
        await page.waitForSelector("[data-testid=error-summary]");
      }
      // With JavaScript the summary of the second refusal is still on the page while the third
      // is answered: wait for the third answer rather than for any summary.
      await page.waitForFunction(() => document.querySelector("[data-testid=error-summary]")?.textContent?.includes("stops working"));
      const summary = page.getByTestId("error-summary");
      expect(await summary.innerText()).toContain("stops working for one hour");
      expect(await summary.innerText()).toMatch(/1-8\d\d-\d{3}-\d{4}/);
      // Focus is on the summary and the title starts with "Error:".
      await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "error-summary");
      expect(await page.title()).toMatch(/^Error: /);
      await snap(page, `check-refused-repeated-phone-${javaScript ? "js" : "nojs"}`);
      if (javaScript) expect(await accessibilityViolations(page, { wcag22: true })).toEqual([]);
      await ctx.close();
    });
  }

  it("the enroll form's errors take focus too, and a page change is announced", async () => {
    const ctx = await context("desktop");
    const page = await ctx.newPage();
    await page.goto(base + "/");
    await check(page, person("adult"));
    await page.waitForURL(/\/exposure$/);
    await page.locator("[data-testid=offer] a[href='/enroll']").click();
    await page.waitForURL(/\/enroll$/);
    // A JavaScript navigation: the new page's title is announced and focus moves to the content.
    // The announcer still holds the exposure page's title until the new page is announced.
    await page.waitForFunction(() => document.querySelector("[data-testid=route-announcer]")?.textContent === document.title);
    expect(await page.getByTestId("route-announcer").innerText()).toBe(await page.title());
    await page.fill("input[name=email]", "someone@example.test");
    await page.fill("input[name=emailConfirm]", "someone@example.tset");
    await page.getByTestId("enroll-submit").click();
    await page.waitForSelector("[data-testid=error-summary]");
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "error-summary");
    await page.waitForFunction(() => document.title.startsWith("Error: "));
    expect(await accessibilityViolations(page, { wcag22: true })).toEqual([]);
    await ctx.close();
  });
});
