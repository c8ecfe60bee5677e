import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { emailMessages, enrollments } from "../../db/schema/index";
import type { DemoLogin } from "../../app/services/demo/seed.server";
import { importMonitoringCodes } from "~/services/enrollment/pool-import.server";
import { getCurrentIncident } from "~/services/incidents/current.server";
import { deliverDueEmails } from "~/services/email/worker.server";
import { accessibilityViolations, launchBrowser, newContext, snap, startDemoServer, type ViewportName } from "./support/browser";

let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;
let base: string;
const person = (label: string): DemoLogin => server.demo.find((d) => d.label === label)!;
const vendorCodes = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-E2E-${String(i + 1).padStart(4, "0")}`);

beforeAll(async () => {
  server = await startDemoServer();
  base = server.app.url;
  browser = await launchBrowser();
  const ctx = server.app.ctx;
  const incident = (await getCurrentIncident(ctx))!;
  const actor = { actorType: "cli" as const, actorId: "e2e", actorRole: "admin" };
  await importMonitoringCodes(ctx, actor, null, { incidentId: incident.id, product: "adult", text: vendorCodes("AD", 5).join("\n") });
  await importMonitoringCodes(ctx, actor, null, { incidentId: incident.id, product: "minor", text: vendorCodes("MI", 5).join("\n") });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function checkLetter(page: Page, who: DemoLogin) {
  const [y, m, d] = who.dateOfBirth.split("-");
  await page.goto(base + "/");
  await page.getByLabel("Activation code").fill(who.code);
  await page.getByLabel("Month").fill(String(Number(m)));
  await page.getByLabel("Day").fill(String(Number(d)));
  await page.getByLabel("Year").fill(y!);
  await page.getByRole("button", { name: "Check my information" }).click();
  await page.waitForURL(/\/exposure$/);
}

describe("a notified person enrolls in the monitoring offer", () => {
  for (const [viewport, js] of [
    ["desktop", true],
    ["phone", false],
  ] as [ViewportName, boolean][]) {
    it(`on a ${viewport}, JavaScript ${js ? "on" : "off"}: exposure → enroll (a typo first) → code and coverage → refresh changes nothing`, async () => {
      const context = await newContext(browser, viewport, js);
      const page = await context.newPage();
      const tag = `${viewport}-${js ? "js" : "nojs"}`;
      const problems: string[] = [];
      page.on("pageerror", (e) => problems.push(`pageerror ${e.message}`));
      // The adult can enroll once per demo server: JS-off run uses the Spanish speaker.
      const who = person(js ? "adult" : "Spanish speaker");
      await checkLetter(page, who);
      await page.getByTestId("offer").getByRole("link").click();
      await page.waitForURL(/\/enroll$/);
      await page.waitForSelector("[data-testid=enroll-form]");
      const es = who.label === "Spanish speaker";
      const L = es
        ? { email: "Correo electrónico", again: "Escriba el correo otra vez", submit: "Inscribirme" }
        : { email: "Email", again: "Type the email again", submit: "Enroll" };

      await page.getByLabel(L.email, { exact: true }).fill("someone@example.test");
      await page.getByLabel(L.again).fill("someone@example.tset");
      await page.getByRole("button", { name: L.submit, exact: true }).click();
      await page.waitForSelector("[data-testid=error-summary]");
      expect(await page.getByLabel(L.email, { exact: true }).inputValue()).toBe("someone@example.test");
      await snap(page, `enroll-error-${tag}`);
      if (js) expect(await accessibilityViolations(page)).toEqual([]);

      await page.getByLabel(L.again).fill("someone@example.test");
      await page.locator("label[for=consent]").click();
      await page.getByRole("button", { name: L.submit, exact: true }).click();
      await page.waitForURL(/\/enroll\/done$/);
      await page.waitForSelector("[data-testid=monitoring-code]");
      const code = (await page.getByTestId("monitoring-code").innerText()).trim();
      expect(code).toMatch(/^(DEMO-TU-A-\d{5}|AD-E2E-\d{4})$/); // the demo seed loads vendor codes too
      expect(await page.getByTestId("coverage").innerText()).toMatch(es ? /Su cobertura va del/ : /Your coverage runs from/);
      expect(page.url()).toBe(`${base}/enroll/done`);
      if (js) expect(await page.getByTestId("print").count()).toBe(1);
      else expect(await page.getByTestId("print").count()).toBe(0);
      await snap(page, `enroll-done-${tag}`);
      if (js) expect(await accessibilityViolations(page)).toEqual([]);

      // Refresh, back to /enroll, the exposure page's button again: the same code, one enrollment.
      await page.reload();
      expect((await page.getByTestId("monitoring-code").innerText()).trim()).toBe(code);
      await page.goto(base + "/enroll");
      await page.waitForURL(/\/enroll\/done$/);
      expect((await page.getByTestId("monitoring-code").innerText()).trim()).toBe(code);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it("a parent enrolls a child with their name and gets the minor product; the email says nothing personal", async () => {
    const context = await newContext(browser, "desktop", true);
    const page = await context.newPage();
    await checkLetter(page, person("minor"));
    await page.goto(base + "/enroll");
    await page.getByLabel("Your full name (parent or guardian)").fill("Grace Okafor");
    await page.getByLabel("Email", { exact: true }).fill("grace@example.test");
    await page.getByLabel("Type the email again").fill("grace@example.test");
    await page.locator("label[for=consent]").click();
    await page.getByRole("button", { name: "Enroll", exact: true }).click();
    await page.waitForURL(/\/enroll\/done$/);
    const minorCode = (await page.getByTestId("monitoring-code").innerText()).trim();
    expect(minorCode).toMatch(/^(DEMO-TU-M-\d{5}|MI-E2E-\d{4})$/);
    expect(await page.getByTestId("enroll-result").innerText()).toContain("This is the product for minors.");
    await snap(page, "enroll-done-minor-desktop");
    await context.close();

    const ctx = server.app.ctx;
    const rows = await ctx.db.select().from(enrollments).where(eq(enrollments.product, "minor"));
    expect(rows).toHaveLength(1);
    const [mail] = await ctx.db.select().from(emailMessages).where(eq(emailMessages.noticeId, rows[0]!.noticeId));
    expect(mail!.bodyText).toContain("Your enrollment in free credit monitoring is confirmed.");
    for (const leak of ["Okafor", "Grace", minorCode, "2017"]) expect(mail!.bodyText + mail!.subject).not.toContain(leak);
    // Without RESEND_API_KEY the queue delivers to the outbox.
    expect(await deliverDueEmails(ctx)).toMatchObject({ sent: expect.any(Number), failed: 0 });
  });

  it("next of kin: no enrollment, what to do instead", async () => {
    const context = await newContext(browser, "desktop", false);
    const page = await context.newPage();
    await checkLetter(page, person("deceased"));
    await page.goto(base + "/enroll");
    await page.waitForSelector("[data-testid=enroll-deceased]");
    expect(await page.getByTestId("enroll-deceased").innerText()).toContain("deceased — do not issue credit");
    await context.close();
  });
});
