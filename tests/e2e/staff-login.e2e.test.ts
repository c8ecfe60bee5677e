import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { currentDemoTotp, DEMO_STAFF, seedDemoStaff } from "../../app/services/demo/staff.server";
import { accessibilityViolations, launchBrowser, newContext, snap, startDemoServer, type ViewportName } from "./support/browser";

let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;
let base: string;

beforeAll(async () => {
  server = await startDemoServer();
  await seedDemoStaff(server.app.ctx, { print: false });
  base = server.app.url;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const demo = (role: string) => DEMO_STAFF.find((d) => d.role === role)!;

async function currentCode(email: string): Promise<string> {
  const r = await currentDemoTotp(server.app.ctx, email);
  if (!r.ok) throw new Error(r.problem);
  return r.code;
}

// One demo account per run: a TOTP code works once, so two runs in the same 30 s need two accounts.
const matrix: [string, ViewportName, boolean][] = [
  ["agent", "desktop", true],
  ["supervisor", "desktop", false],
  ["admin", "phone", true],
];

describe("a staff member signs in and out in Chromium", () => {
  for (const [role, viewport, js] of matrix) {
    it(`${role} on a ${viewport}, JavaScript ${js ? "on" : "off"}: login → code → dashboard → sign out`, async () => {
      const context = await newContext(browser, viewport, js);
      const page = await context.newPage();
      const tag = `staff-${role}-${viewport}-${js ? "js" : "nojs"}`;
      const problems: string[] = [];
      page.on("pageerror", (e) => problems.push(`pageerror ${e.message}`));
      page.on("response", (r) => {
        if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
      });
      const account = demo(role);

      // A page behind the sign-in sends us to it.
      await page.goto(base + "/staff");
      expect(new URL(page.url()).pathname).toBe("/staff/login");
      await page.getByLabel("Email address").fill(account.email);
      await page.getByLabel("Password").fill(account.password);
      if (js) expect(await accessibilityViolations(page)).toEqual([]);
      await snap(page, `${tag}-password`);
      await page.getByRole("button", { name: "Continue" }).click();

      await page.waitForSelector("[data-testid=totp-step]");
      await page.getByLabel("6-digit code").fill(await currentCode(account.email));
      if (js) expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByRole("button", { name: "Sign in" }).click();

      await page.waitForURL(`${base}/staff`);
      expect(await page.getByTestId("signed-in-as").innerText()).toContain(account.email);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Staff dashboard");
      const nav = await page.locator("nav[aria-label=Staff] a").allInnerTexts();
      expect(nav.includes("Audit trail")).toBe(role !== "agent");
      expect(nav.includes("Staff accounts")).toBe(role === "admin");
      if (js) expect(await accessibilityViolations(page)).toEqual([]);
      await snap(page, `${tag}-dashboard`);

      if (role === "supervisor") {
        await page.getByRole("link", { name: "Audit trail" }).first().click();
        await page.waitForSelector("[data-testid=audit-table]");
        expect(await page.locator("[data-testid=audit-table] tr[data-action='staff.login.totp']").count()).toBeGreaterThan(0);
        await snap(page, `${tag}-audit`);
      }
      if (role === "admin") {
        await page.goto(base + "/admin/staff");
        await page.waitForSelector("[data-testid=staff-table]");
        expect(await accessibilityViolations(page)).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `admin/staff overflows by ${overflow}px`).toBeLessThanOrEqual(0);
        await snap(page, `${tag}-staff-accounts`);
      }

      await page.getByTestId("staff-sign-out").click();
      await page.waitForURL(/\/staff\/login\?ended=signedout$/);
      expect(await page.getByTestId("sign-in-notice").innerText()).toContain("You are signed out");
      // The session is gone: the dashboard sends us back to the sign-in.
      await page.goto(base + "/staff");
      expect(new URL(page.url()).pathname).toBe("/staff/login");
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
