import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { throttles } from "../../db/schema/index";
import { throttleKey } from "../../app/utils/rate-limit.server";
import { accessibilityViolations, launchBrowser, newContext, snap, startDemoServer, type ViewportName } from "./support/browser";

// The throttled check's page (429), answered by the fast path without React (decision 048): what
// a person whose address is blocked sees after submitting the form without JavaScript.

let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  // This machine's address blocked for ten minutes, as twenty wrong guesses in an hour leave it.
  const now = new Date();
  for (const ip of ["127.0.0.1", "::ffff:127.0.0.1", "::1"]) {
    await server.app.ctx.db.insert(throttles).values({
      key: throttleKey(server.app.ctx.config.codePepper, "check", ip),
      failures: 20,
      windowStart: now,
      blockedUntil: new Date(now.getTime() + 10 * 60_000),
      updatedAt: now,
    });
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function submitCheck(page: Page, nativeSubmit: boolean) {
  await page.goto(server.app.url + "/");
  const adult = server.demo.find((d) => d.label === "adult")!;
  const [y, m, d] = adult.dateOfBirth.split("-");
  await page.locator("#code").fill(adult.code);
  await page.locator("#dob-month").fill(String(Number(m)));
  await page.locator("#dob-day").fill(String(Number(d)));
  await page.locator("#dob-year").fill(y!);
  const answered = page.waitForResponse((r) => r.request().method() === "POST");
  if (nativeSubmit) {
    // The browser's own form submission, as without JavaScript, in a page where axe can run.
    await page.evaluate(() => HTMLFormElement.prototype.submit.call(document.querySelector('[data-testid="check-form"]')));
  } else {
    await page.locator('[data-testid="check-form"] button[type="submit"]').click();
  }
  expect((await answered).status()).toBe(429);
  await page.locator('[data-testid="check-throttled"]').waitFor();
}

describe("a blocked address submits the check without JavaScript", () => {
  for (const viewport of ["phone", "desktop"] as ViewportName[]) {
    for (const lang of ["en", "es"] as const) {
      it(`on a ${viewport}, in ${lang}: the plain 429 page says to wait and gives the phone number, and passes axe`, async () => {
        for (const javaScript of [false, true]) {
          const context = await newContext(browser, viewport, javaScript);
          await context.setExtraHTTPHeaders({ "Accept-Language": lang === "es" ? "es-MX,es;q=0.9" : "en-US,en;q=0.9" });
          const page = await context.newPage();
          page.setDefaultTimeout(30_000);
          try {
            await submitCheck(page, javaScript);
            expect(await page.locator("html").getAttribute("lang")).toBe(lang);
            const alert = (await page.getByRole("alert").textContent()) ?? "";
            expect(alert).toMatch(lang === "es" ? /Demasiados intentos\. Espere \d+ minutos/ : /Too many tries\. Please wait \d+ minutes/);
            expect(alert).toContain("1-");
            if (javaScript) {
              expect(await accessibilityViolations(page)).toEqual([]);
            } else {
              await snap(page, `check-throttled-${lang}-${viewport}`);
            }
          } finally {
            await context.close();
          }
        }
      });
    }
  }
});
