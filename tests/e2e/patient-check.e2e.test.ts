import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { DemoLogin } from "../../app/services/demo/seed.server";
import { accessibilityViolations, launchBrowser, newContext, snap, startDemoServer, type ViewportName } from "./support/browser";

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

async function fillCheck(page: import("playwright-core").Page, code: string, dob: string) {
  const [y, m, d] = dob.split("-");
  await page.getByLabel("Activation code").fill(code);
  await page.getByLabel("Month").fill(String(Number(m)));
  await page.getByLabel("Day").fill(String(Number(d)));
  await page.getByLabel("Year").fill(y!);
}

const matrix: [ViewportName, boolean][] = [
  ["desktop", true],
  ["desktop", false],
  ["phone", true],
  ["phone", false],
];

describe("a notified person checks their letter", () => {
  for (const [viewport, js] of matrix) {
    it(`on a ${viewport}, JavaScript ${js ? "on" : "off"}: home → check → exposure → sign out`, async () => {
      const context = await newContext(browser, viewport, js);
      const page = await context.newPage();
      const tag = `${viewport}-${js ? "js" : "nojs"}`;
      // With JavaScript on, the app must really hydrate: no script errors, no missing assets.
      const problems: string[] = [];
      page.on("pageerror", (e) => problems.push(`pageerror ${e.message}`));
      page.on("console", (m) => {
        if (/Content Security Policy|Refused to/.test(m.text())) problems.push(`csp ${m.text()}`);
      });
      page.on("response", (r) => {
        if (r.status() >= 400 && !/\/check(\.data)?$/.test(new URL(r.url()).pathname)) problems.push(`${r.status()} ${r.url()}`);
      });
      await page.goto(base + "/");
      await expect(page.getByRole("heading", { level: 1 })).toBeTruthy();
      expect(await page.locator("h2", { hasText: "What happened" }).count()).toBe(1);
      await snap(page, `home-${tag}`);

      // A wrong date of birth first: the error summary, what was typed kept.
      const adult = person("adult");
      await fillCheck(page, adult.code, "1958-04-29");
      await page.getByRole("button", { name: "Check my information" }).click();
      await page.waitForSelector("[data-testid=error-summary]");
      expect(await page.locator("[data-testid=error-summary]").innerText()).toContain("We could not match that code and date of birth");
      expect(await page.getByLabel("Activation code").inputValue()).toBe(adult.code);
      await snap(page, `check-error-${tag}`);
      if (js) expect(await accessibilityViolations(page)).toEqual([]);

      await fillCheck(page, adult.code.toLowerCase().replace(/-/g, " "), adult.dateOfBirth);
      await page.getByRole("button", { name: "Check my information" }).click();
      await page.waitForURL(/\/exposure$/);
      await page.waitForSelector("[data-testid=exposed-categories] [data-category]");
      const keys = await page.locator("[data-testid=exposed-categories] [data-category]").evaluateAll((els) => els.map((e) => e.getAttribute("data-category")));
      expect(keys[0]).toBe("ssn");
      expect(keys).toEqual(expect.arrayContaining(["ssn", "health_insurance", "diagnosis", "medicaid_medicare_id", "name"]));
      expect(keys.indexOf("medicaid_medicare_id")).toBeLessThan(keys.indexOf("diagnosis"));
      expect(keys.indexOf("diagnosis")).toBeLessThan(keys.indexOf("name"));
      expect(await page.locator("[data-testid=not-involved]").innerText()).toContain("Bank account numbers");
      // Nothing personal in the address bar.
      expect(page.url()).toBe(`${base}/exposure`);
      await snap(page, `exposure-${tag}`);
      if (js) expect(await accessibilityViolations(page)).toEqual([]);

      if (js) expect(await page.evaluate(() => "__remixContext" in window)).toBe(true);
      expect(problems).toEqual([]);

      await page.getByTestId("sign-out").click();
      await page.waitForURL(/\/\?ended=signedout$/);
      await page.waitForSelector("[role=status]");
      expect(await page.locator("[role=status]").innerText()).toContain("You are signed out");
      // The session is gone: the exposure page sends us home.
      await page.goto(base + "/exposure");
      expect(new URL(page.url()).pathname).toBe("/");
      await context.close();
    });
  }

  it("a parent sees the minor's page, a Spanish speaker gets Spanish, next of kin the deceased page", async () => {
    for (const [label, audience, lang] of [
      ["minor", "minor", "en"],
      ["Spanish speaker", "adult", "es"],
      ["deceased", "deceased", "en"],
    ] as const) {
      const context = await newContext(browser, "desktop", true);
      const page = await context.newPage();
      await page.goto(base + "/");
      await fillCheck(page, person(label).code, person(label).dateOfBirth);
      await page.getByRole("button", { name: "Check my information" }).click();
      await page.waitForURL(/\/exposure$/);
      await page.waitForSelector("[data-testid=exposure-page]");
      expect(await page.getByTestId("exposure-page").getAttribute("data-audience")).toBe(audience);
      expect(await page.locator("html").getAttribute("lang")).toBe(lang);
      if (audience === "deceased") expect(await page.getByTestId("offer").count()).toBe(0);
      else expect(await page.getByTestId("offer").count()).toBe(1);
      await snap(page, `exposure-${label.replace(/ /g, "-")}-desktop`);
      await context.close();
    }
  });
});

describe("the public pages read well on a phone and a desktop, in both languages, and pass axe (WCAG 2.1 AA)", () => {
  const pages = ["/", "/guidance", "/guidance/categories", "/guidance/medicaid", "/genuine", "/faq", "/accessibility"];
  for (const viewport of ["phone", "desktop"] as const) {
    it(`every public page on a ${viewport}`, async () => {
      // axe runs in the page, so these visits have JavaScript on; the journey above covers it off.
      const context = await newContext(browser, viewport, true);
      const page = await context.newPage();
      for (const lang of ["en", "es"] as const) {
        await page.goto(`${base}/language/${lang}?next=/`);
        for (const path of pages) {
          const res = await page.goto(base + path);
          expect(res?.status(), path).toBe(200);
          expect(await page.locator("html").getAttribute("lang")).toBe(lang);
          expect(await page.locator("h1").count(), path).toBe(1);
          // Nothing wider than the screen: no sideways scrolling on a phone.
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, `${path} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
          await snap(page, `page${path === "/" ? "-home" : path.replace(/\//g, "-")}-${lang}-${viewport}`);
          expect(await accessibilityViolations(page), `${lang} ${path}`).toEqual([]);
        }
      }
      await context.close();
    });
  }
});
