import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Cookie } from "playwright-core";
import { deliverDueEmails } from "../../app/services/email/worker.server";
import { totpCode } from "../../app/services/staff/totp.server";
import { accessibilityViolations, launchBrowser, newContext, signInDemoAdmin, snap, startDemoServer, type ViewportName } from "./support/browser";

let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;
let base: string;
let adminCookies: Cookie[];

beforeAll(async () => {
  server = await startDemoServer();
  base = server.app.url;
  browser = await launchBrowser();
  adminCookies = await signInDemoAdmin(browser, server);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const PASSWORD = "pelican tundra sextant";

/** One invitation per viewport: the admin invites, reads the link in the outbox (no email service here), the invitee accepts. */
const runs: [ViewportName, boolean][] = [
  ["desktop", true],
  ["phone", false],
];

describe("a staff member is invited by email and sets up their account in Chromium", () => {
  for (const [viewport, js] of runs) {
    it(`${viewport}, JavaScript ${js ? "on" : "off"}: invite → email in the outbox → link → password → TOTP → signed in`, async () => {
      const invitee = `invitee-${viewport}@org.test`;
      const tag = `staff-invitation-${viewport}-${js ? "js" : "nojs"}`;
      const adminContext = await newContext(browser, viewport, js);
      const page = await adminContext.newPage();
      const problems: string[] = [];
      page.on("pageerror", (e) => problems.push(`pageerror ${e.message}`));
      await adminContext.addCookies(adminCookies);

      await page.goto(base + "/admin/staff");
      await page.getByLabel("Work email address").fill(invitee);
      await page.getByLabel("Role", { exact: true }).selectOption("agent");
      await page.getByRole("button", { name: "Send invitation" }).click();
      await page.waitForSelector("[data-testid=staff-change-done]");
      expect(await page.getByTestId("staff-change-done").innerText()).toContain(`Invitation sent to ${invitee} (agent).`);
      expect(await page.locator("[data-testid=one-time-password]").count()).toBe(0);
      expect(await page.locator(`[data-testid=invitations-table] tr[data-email="${invitee}"]`).count()).toBe(1);
      if (js) expect(await accessibilityViolations(page)).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `admin/staff overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      await snap(page, `${tag}-admin-staff`);

      // The email is in the outbox (no RESEND_API_KEY here: the outbox is the mailbox).
      await deliverDueEmails(server.app.ctx);
      await page.goto(base + "/admin/outbox");
      const row = page.locator("[data-testid=outbox] tr", { hasText: "staff_invitation" }).first();
      // The outbox table is wider than a phone (its columns overlap the link there): follow the link's address.
      await page.goto(base + (await row.getByRole("link").getAttribute("href"))!);
      await page.waitForSelector("[data-testid=outbox-body]");
      const body = await page.getByTestId("outbox-body").innerText();
      const link = /https?:\/\/\S+\/staff\/invitation\?token=[A-Za-z0-9_-]{43}/.exec(body)?.[0];
      expect(link, body).toBeTruthy();
      await snap(page, `${tag}-outbox-message`);
      await adminContext.close();

      // The invitee, in a browser of their own.
      const context = await newContext(browser, viewport, js);
      const invite = await context.newPage();
      invite.on("pageerror", (e) => problems.push(`pageerror ${e.message}`));
      await invite.goto(new URL(new URL(link!).pathname + new URL(link!).search, base).href);
      await invite.waitForSelector("[data-testid=accept-invitation]");
      expect(await invite.getByTestId("invited-email").innerText()).toBe(invitee);
      const key = await invite.getByTestId("invitation-totp-key").getAttribute("data-key");
      if (js) expect(await accessibilityViolations(invite)).toEqual([]);
      const overflowInvite = await invite.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflowInvite, `invitation page overflows by ${overflowInvite}px`).toBeLessThanOrEqual(0);
      await snap(invite, `${tag}-page`);

      // A keyboard walk is refused with the reason; then a good password and the app's code.
      await invite.getByLabel("Password", { exact: true }).fill("qwertyuiopasdf");
      await invite.getByLabel("Password again").fill("qwertyuiopasdf");
      await invite.getByLabel("6-digit code").fill(totpCode(key!, new Date()));
      await invite.getByRole("button", { name: "Create my account" }).click();
      await invite.waitForSelector("[data-testid=error-summary]");
      expect(await invite.getByTestId("error-summary").innerText()).toContain("too easy to guess");
      await snap(invite, `${tag}-weak-password`);

      await invite.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await invite.getByLabel("Password again").fill(PASSWORD);
      await invite.getByLabel("6-digit code").fill(totpCode(key!, new Date()));
      await invite.getByRole("button", { name: "Create my account" }).click();
      await invite.waitForSelector("[data-testid=signed-in-as]");
      expect(new URL(invite.url()).pathname).toBe("/staff");
      expect(await invite.getByTestId("signed-in-as").innerText()).toContain(invitee);
      await snap(invite, `${tag}-signed-in`);

      // The link works once.
      await invite.goto(link!.replace(/^https?:\/\/[^/]+/, base));
      await invite.waitForSelector("[data-testid=invitation-ended]");
      expect(await invite.getByTestId("invitation-ended").getAttribute("data-reason")).toBe("used");
      await snap(invite, `${tag}-used`);
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
