// Issue 16, item 6 in Chromium: the time-out warning (JavaScript on, with a fake page clock), the
// plain "I'm still here" form (JavaScript off), the page after the end, and the honest
// confirmation — phone and desktop, English and Spanish, keyboard, axe on each state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Batch } from "../../db/schema/index";
import { importMonitoringCodes } from "~/services/enrollment/pool-import.server";
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
  const ctx = server.app.ctx;
  const incident = (await getCurrentIncident(ctx))!;
  const org = await createOrganization(ctx, incident);
  batch = await createBatch(ctx, org, { mailingDate: incident.noticeDate, mailedOn: incident.noticeDate });
  const actor = { actorType: "cli" as const, actorId: "e2e", actorRole: "admin" };
  const codes = Array.from({ length: 6 }, (_, i) => `SESS-E2E-${String(i + 1).padStart(4, "0")}`);
  await importMonitoringCodes(ctx, actor, null, { incidentId: incident.id, product: "adult", text: codes.join("\n") });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function context(viewport: ViewportName, options: { lang?: "en" | "es"; javaScript?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({
    ...VIEWPORTS[viewport],
    javaScriptEnabled: options.javaScript ?? true,
    locale: options.lang === "es" ? "es-US" : "en-US",
  });
}

/** A fresh letter for each test (sessions and enrollments do not carry over). */
async function signIn(page: Page, lang: "en" | "es" = "en") {
  const n = await createNotice(server.app.ctx, batch, { dateOfBirth: "1966-08-09", language: lang });
  await page.goto(base + "/");
  await page.fill("input[name=code]", n.code);
  await page.fill("input[name=dob-month]", "8");
  await page.fill("input[name=dob-day]", "9");
  await page.fill("input[name=dob-year]", "1966");
  await page.locator("form[action='/check'] button[type=submit]").click();
  await page.waitForURL(/\/exposure$/);
  await page.waitForSelector("[data-testid=session-box]");
}

describe("before the session ends, a warning and a way to stay (JavaScript on)", () => {
  for (const [viewport, lang] of [
    ["phone", "en"],
    ["desktop", "es"],
  ] as const) {
    it(`${viewport}, ${lang}: the warning comes two minutes before the end, the keyboard extends, the end says why`, async () => {
      const ctx = await context(viewport, { lang });
      const page = await ctx.newPage();
      await page.clock.install();
      await signIn(page, lang);
      // Hydrated: the box speaks the reader's own clock.
      // (Polled from here: the page's own timers are the fake clock's.)
      await expect.poll(() => page.getByTestId("session-ends").innerText(), { timeout: 10_000 }).toMatch(/\d:\d\d/);
      expect(await page.getByTestId("timeout-warning").count()).toBe(0);

      await page.clock.fastForward("13:30");
      const dialog = page.getByTestId("timeout-warning");
      await dialog.waitFor();
      expect(await dialog.getAttribute("role")).toBe("dialog");
      expect(await page.getByTestId("session-live").innerText()).toContain(lang === "es" ? "¿Sigue ahí?" : "Are you still there?");
      // Focus is on "I'm still here": Enter keeps the session.
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("timeout-extend");
      await snap(page, `session-warning-${lang}-${viewport}`);
      expect(await accessibilityViolations(page, { wcag22: true })).toEqual([]);
      await page.keyboard.press("Enter");
      await dialog.waitFor({ state: "detached" });
      await expect.poll(() => page.getByTestId("session-live").innerText(), { timeout: 10_000 }).toContain(lang === "es" ? "Gracias" : "Thank you");
      expect(page.url()).toBe(`${base}/exposure`);

      // Nothing done for the whole time: the page signs out and says why.
      await page.clock.fastForward("16:00");
      await page.waitForURL(/\/session\/ended\?why=idle$/);
      const ended = await page.getByTestId("session-ended").innerText();
      expect(ended).toContain(lang === "es" ? "No hizo nada en este sitio durante 15 minutos." : "You did nothing on this site for 15 minutes.");
      await snap(page, `session-ended-${lang}-${viewport}`);
      expect(await accessibilityViolations(page, { wcag22: true })).toEqual([]);
      // The session is over on the server too.
      await page.goto(base + "/exposure");
      expect(new URL(page.url()).pathname).toBe("/");
      await ctx.close();
    });
  }
});

describe("without JavaScript", () => {
  it("the page says when the session ends, and 'I'm still here' is a plain form back to the page", async () => {
    const ctx = await context("phone", { javaScript: false });
    const page = await ctx.newPage();
    await signIn(page);
    expect(await page.getByTestId("session-ends").innerText()).toContain("15 minutes after this page opened");
    const reload = page.waitForResponse((r) => r.url() === `${base}/session/extend` && r.status() === 303);
    await page.getByTestId("session-extend").click();
    await reload;
    await page.waitForURL(`${base}/exposure`);
    expect(await page.getByTestId("exposed-categories").count()).toBe(1);
    await page.getByTestId("session-box").screenshot({ path: "tests/artifacts/screenshots/session-box-nojs-phone.png" });
    await ctx.close();
  });
});

describe("the confirmation says what is done and what is left", () => {
  for (const [viewport, lang, javaScript] of [
    ["phone", "en", false],
    ["desktop", "en", true],
    ["phone", "es", true],
    ["desktop", "es", false],
  ] as const) {
    it(`${viewport}, ${lang}, JavaScript ${javaScript ? "on" : "off"}`, async () => {
      const ctx = await context(viewport, { lang, javaScript });
      const page = await ctx.newPage();
      await signIn(page, lang);
      await page.goto(base + "/enroll");
      await page.locator("label[for=consent]").click();
      await page.getByTestId("enroll-submit").click();
      await page.waitForURL(/\/enroll\/done$/);
      await page.waitForSelector("[data-testid=enroll-result]");
      const text = await page.getByTestId("enroll-result").innerText();
      expect(text).toContain(lang === "es" ? "Lo que ya está hecho" : "What is done");
      expect(text).toContain(lang === "es" ? "No le enviaremos un correo" : "We will not send you an email");
      expect(await page.getByTestId("partner-url").getAttribute("href")).toMatch(/^https:\/\//);
      expect(await page.getByTestId("partner-phone").getAttribute("href")).toMatch(/^tel:\+1\d{10}$/);
      // The partner's address is reachable with the keyboard.
      let reached = false;
      for (let i = 0; i < 25 && !reached; i++) {
        await page.keyboard.press("Tab");
        reached = await page.evaluate(() => document.activeElement?.getAttribute("data-testid") === "partner-url");
      }
      expect(reached).toBe(true);
      await snap(page, `enroll-confirmation-${lang}-${viewport}-${javaScript ? "js" : "nojs"}`);
      // (axe runs inside the page: only with JavaScript. The page is the same HTML without it.)
      if (javaScript) expect(await accessibilityViolations(page, { wcag22: true })).toEqual([]);
      await ctx.close();
    });
  }
});
