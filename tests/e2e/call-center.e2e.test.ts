import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFileSync, mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { loadCodes } from "../services/enrollment/support";
import type { StaffRole } from "../../app/services/staff/roles";
import { createMailedWorld, createNotice } from "../factories";
import { createStaff, signedIn } from "../support/staff";
import { accessibilityViolations, launchBrowser, newContext, snap, startDemoServer, type ViewportName } from "./support/browser";

const DOCS_IMAGES = path.resolve("docs/images");

let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;
let base: string;

beforeAll(async () => {
  server = await startDemoServer();
  base = server.app.url;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A signed-in staff member's browser (the sign-in itself is tested in staff-login.e2e.test.ts). */
async function staffContext(role: StaffRole, viewport: ViewportName): Promise<{ context: BrowserContext; email: string }> {
  const ctx = server.app.ctx;
  const staff = await createStaff(ctx, role);
  const { cookie } = await signedIn(ctx, staff);
  const [name, value] = cookie.split("=") as [string, string];
  const context = await newContext(browser, viewport, true);
  await context.addCookies([{ name, value, url: base }]);
  return { context, email: staff.email };
}

/** Press Tab until the element with this test id (or id) has the focus: the keyboard's way to reach it. */
async function tabTo(page: Page, selector: string, maxTabs = 80): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} never got the focus by Tab`);
}

async function shot(page: Page, name: string, docs = false) {
  const file = await snap(page, name);
  // EC_DOCS_SHOTS=1 refreshes the manual's screenshots (docs/images); plain runs leave them alone.
  if (docs && process.env.EC_DOCS_SHOTS === "1") {
    mkdirSync(DOCS_IMAGES, { recursive: true });
    copyFileSync(file, path.join(DOCS_IMAGES, `${name}.png`));
  }
}

describe("the call-center console in Chromium", () => {
  // One retry: on this shared 2-core machine a cold first page can miss a timeout; a real fault fails twice.
  it("an agent does one whole call with the keyboard alone, and every page passes axe", { retry: 1 }, async () => {
    const ctx = server.app.ctx;
    const world = await createMailedWorld(ctx);
    // Codes are unique across incidents: a retry needs codes of its own, or its pool is empty.
    const run = randomBytes(3).toString("hex").toUpperCase();
    await loadCodes(ctx, world.incident.id, "adult", [`E2E-${run}-00001`, `E2E-${run}-00002`]);
    const { notice } = await createNotice(ctx, world.batch, {
      firstName: "Rosa",
      lastName: "Delgado",
      language: "es",
      exposed: ["ssn", "health_insurance", "name"],
    });
    const { context } = await staffContext("agent", "desktop");
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(`pageerror ${e.message}`));

    // 1. The lookup form: the call reference field has the focus.
    await page.goto(`${base}/staff/calls`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.keyboard.type("PBX-2026-000123");
    await tabTo(page, "#referenceNumber");
    await page.keyboard.type(notice.referenceNumber);
    await shot(page, "call-center-lookup", true);
    await page.keyboard.press("Enter");

    // 2. Verify: the facts to compare, nothing else.
    await page.waitForSelector("[data-testid=verify-caller]");
    expect(await page.locator("[data-testid=exposed-categories]").count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await shot(page, "call-center-verify", true);
    await tabTo(page, "[data-testid=verify-pass]");
    await page.keyboard.press("Enter");

    // 3. Help: the categories in the caller's language (the letter says Spanish).
    await page.waitForSelector("[data-testid=exposed-categories]");
    const categories = await page
      .locator("[data-testid=exposed-categories] [data-category]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-category")));
    expect(categories.sort()).toEqual(["health_insurance", "name", "ssn"]);
    expect(await page.locator("[data-testid=script-explain]").innerText()).toContain("Gracias");
    expect(await accessibilityViolations(page)).toEqual([]);
    await shot(page, "call-center-help", true);

    // Enroll on the caller's behalf: consent box with Space, email typed, submit with Enter.
    await tabTo(page, "#verbalConsent");
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    await page.keyboard.type("rosa@example.test");
    await page.keyboard.press("Enter");
    await page.waitForSelector("[data-testid=call-message][data-message=enroll_enrolled]");
    expect(await accessibilityViolations(page)).toEqual([]);

    // 4. End: a note, then Tab out of it and one key: 2 = Enrollment.
    await tabTo(page, "#note");
    await page.keyboard.type("Explained the letter; enrolled by phone. 2");
    await shot(page, "call-center-end", true);
    await page.keyboard.press("Tab");
    await page.keyboard.press("2");
    // Wait for the answer itself: the URL changes before the new document has finished loading.
    await page.waitForSelector("[data-testid=call-ended]");
    expect(page.url()).toBe(`${base}/staff/calls?ended=1`);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("the pages read on a phone (390 px) and the supervisor view passes axe", async () => {
    const ctx = server.app.ctx;
    const world = await createMailedWorld(ctx);
    const { notice } = await createNotice(ctx, world.batch);
    for (const viewport of ["phone", "desktop"] as const) {
      const { context } = await staffContext("agent", viewport);
      const page = await context.newPage();
      await page.goto(`${base}/staff/calls`);
      await page.getByLabel("Call reference (from the phone system)").fill(`PBX-${viewport}`);
      await page.getByLabel("Reference number (on the letter)").fill(notice.referenceNumber);
      await page.getByTestId("lookup-submit").click();
      await page.waitForSelector("[data-testid=verify-caller]");
      await shot(page, `call-center-verify-${viewport}`);
      await page.getByTestId("verify-pass").click();
      await page.waitForSelector("[data-testid=exposed-categories]");
      await shot(page, `call-center-help-${viewport}`);
      // Leave this call open: the supervisor sees it.
      await context.close();
    }
    const sup = await staffContext("supervisor", "desktop");
    const page = await sup.context.newPage();
    await page.goto(`${base}/staff/calls/supervisor`);
    expect(await page.getByTestId("calls-per-hour").count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await shot(page, "call-center-supervisor", true);
    await sup.context.close();
  });
});
