// A letter held after repeated guessing (decision 043), as staff see it: the supervisors' alert and
// the agent's call page, on a phone and a desktop, passing axe.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { notices } from "../../db/schema/index";
import { recordAuditEvent } from "../../app/services/audit/record.server";
import { HELD_UNTIL } from "../../app/services/notices/lock.server";
import type { StaffRole } from "../../app/services/staff/roles";
import { createMailedWorld, createNotice } from "../factories";
import { createStaff, signedIn } from "../support/staff";
import { launchBrowser, newContext, snap, startDemoServer, type ViewportName } from "./support/browser";

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

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function staffPage(role: StaffRole, viewport: ViewportName): Promise<Page> {
  const ctx = server.app.ctx;
  const { cookie } = await signedIn(ctx, await createStaff(ctx, role));
  const [name, value] = cookie.split("=") as [string, string];
  const context = await newContext(browser, viewport, true);
  await context.addCookies([{ name, value, url: base }]);
  return context.newPage();
}

describe("a held letter in the staff console (Chromium)", () => {
  it("supervisors see the alert; the agent sees the letter is held and can unlock it", async () => {
    const ctx = server.app.ctx;
    const world = await createMailedWorld(ctx);
    const { notice } = await createNotice(ctx, world.batch);
    const now = ctx.now();
    await ctx.db.update(notices).set({ lockLevel: 3, lockedAt: now, lockedUntil: HELD_UNTIL }).where(eq(notices.id, notice.id));
    await recordAuditEvent(ctx.db, {
      at: now,
      actorType: "system",
      action: "notice.lock.held",
      subjectType: "notice",
      subjectId: String(notice.id),
      outcome: "success",
    });

    for (const viewport of ["phone", "desktop"] as const) {
      const sup = await staffPage("supervisor", viewport);
      await sup.goto(`${base}/staff/calls/supervisor`);
      const alert = sup.getByTestId("held-alerts");
      expect(await alert.textContent()).toContain(notice.referenceNumber);
      expect(await violations(sup)).toEqual([]);
      await snap(sup, `held-letter-supervisor-${viewport}`);
      await sup.context().close();

      const agent = await staffPage("agent", viewport);
      await agent.goto(`${base}/staff/calls`);
      await agent.getByLabel("Call reference (from the phone system)").fill(`PBX-held-${viewport}`);
      await agent.getByLabel("Reference number (on the letter)").fill(notice.referenceNumber);
      await agent.getByTestId("lookup-submit").click();
      await agent.waitForSelector("[data-testid=verify-caller]");
      await agent.getByTestId("verify-pass").click();
      await agent.waitForSelector("[data-testid=lock-state]");
      expect(await agent.getByTestId("lock-state").textContent()).toContain("held after repeated wrong dates of birth");
      expect(await agent.getByTestId("unlock").count()).toBe(1);
      expect(await violations(agent)).toEqual([]);
      await snap(agent, `held-letter-call-${viewport}`);
      await agent.context().close();
    }
  });
});
