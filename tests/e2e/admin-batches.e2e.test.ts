import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { accessibilityViolations, launchBrowser, signInDemoAdmin, newContext, snap, startDemoServer, type ViewportName } from "./support/browser";

/**
 * Issue 4's admin pages in Chromium: an admin uploads a batch file through the form (JavaScript
 * off and on), watches the progress page until the import completes, downloads the mailing file
 * and the report, and looks at the reports. Nothing personal ever appears in a URL.
 */
let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;
let base: string;
let dir: string;
let signedInCookies: Awaited<ReturnType<BrowserContext["cookies"]>>;

const HEADER =
  "external_id,first_name,middle_name,last_name,suffix,address_line1,address_line2,city,state,zip,date_of_birth,email,phone,language,deceased,exposed";
/** What must never appear in a URL: names, addresses, emails, external ids of the file. */
const SENSITIVE = ["Zelda", "Quixote", "Lighthouse", "zelda@", "E2E-"];

function writeBatch(name: string, rows: number, bad = 0): string {
  const lines = [HEADER];
  for (let i = 1; i <= rows; i++) {
    const state = i <= bad ? "ZZ" : ["MI", "OH", "AZ"][i % 3];
    lines.push(
      `E2E-${name}-${i},Zelda,,Quixote,,${i} Lighthouse Rd,,Lansing,${state},48901,1975-03-${String((i % 27) + 1).padStart(2, "0")},zelda${i}@example.com,,en,N,name;diagnosis`,
    );
  }
  const file = path.join(dir, `${name}.csv`);
  writeFileSync(file, `${lines.join("\r\n")}\r\n`);
  return file;
}

beforeAll(async () => {
  server = await startDemoServer();
  base = server.app.url;
  dir = mkdtempSync(path.join(os.tmpdir(), "ec-e2e-batches-"));
  browser = await launchBrowser();
  signedInCookies = await signInDemoAdmin(browser, server);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function adminPage(viewport: ViewportName, js: boolean) {
  const context = await newContext(browser, viewport, js);
  await context.addCookies(signedInCookies);
  const page = await context.newPage();
  const urls: string[] = [];
  const problems: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  page.on("pageerror", (e) => problems.push(`pageerror ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  return { context, page, urls, problems };
}

const matrix: [ViewportName, boolean][] = [
  ["desktop", false],
  ["phone", true],
];

describe("an admin loads a batch in Chromium", () => {
  for (const [viewport, js] of matrix) {
    it(`${viewport}, JavaScript ${js ? "on" : "off"}: upload → progress page → complete → mailing file and report`, async () => {
      const tag = `issue4-${viewport}-${js ? "js" : "nojs"}`;
      const { context, page, urls, problems } = await adminPage(viewport, js);
      const file = writeBatch(tag, 60, 2);

      await page.goto(base + "/admin/batches");
      await page.getByLabel("Organization").selectOption({ index: 1 });
      await page.getByLabel("Batch file (CSV)").setInputFiles(file);
      await page.locator("label[for=skipInvalid]").click();
      if (js) expect(await accessibilityViolations(page)).toEqual([]);
      await snap(page, `${tag}-batches`);
      await page.getByTestId("upload-submit").click();

      await page.waitForURL(/\/admin\/batches\/[0-9a-f-]{36}$/);
      // With JavaScript the progress page updates in place (no reload: a marker set now survives);
      // without, it reloads itself (a refresh inside <noscript>) until the import ends.
      if (js) await page.evaluate(() => ((window as unknown as { __sameDocument?: boolean }).__sameDocument = true));
      // Wait on the batch page itself: with JavaScript on, the URL changes before the list page (whose
      // table shows the earlier test's batch as awaiting mailing) is replaced.
      await page.waitForSelector("main:has([data-testid=rows-imported]) [data-testid=batch-status][data-status=awaiting_mailing]", { timeout: 60_000 });
      expect(await page.getByTestId("rows-imported").innerText()).toBe("58");
      if (js && (await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)) !== true) {
        // The import may have ended before the first page was served (no progress shown at all).
        expect(await page.getByTestId("import-announcement").count()).toBe(1);
      }
      expect(await page.getByTestId("import-announcement").innerText()).toMatch(/Import ended|rows imported/);
      expect(await page.getByTestId("rows-rejected").innerText()).toBe("2");
      expect(await page.locator("[data-testid=report-rows] tr[data-reason=bad_state]").count()).toBe(2);
      if (js) expect(await accessibilityViolations(page)).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `batch page overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      await snap(page, `${tag}-batch`);

      const [mailing] = await Promise.all([page.waitForEvent("download"), page.getByTestId("mailing-download").click()]);
      const mailingText = readFileSync((await mailing.path())!, "utf8");
      expect(mailingText.split("\r\n")[0]).toMatch(/^reference_number,/);
      expect(mailingText.trim().split("\r\n")).toHaveLength(59);
      const [report] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-download").click()]);
      expect(readFileSync((await report.path())!, "utf8")).toMatch(/^line,column,reason,message\r\n\d+,state,bad_state,/);

      for (const u of urls) for (const s of SENSITIVE) expect(u, "personal data in a URL").not.toContain(s);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it("the reports, HHS, organizations and returned-mail pages render (chart as inline SVG with its table), accessibly, at both widths", async () => {
    const ctx = server.app.ctx;
    // A few days of checks so the chart has bars (what the patient check's trigger writes).
    const [org] = await ctx.database.rows<{ id: string; incident_id: string }>(
      sql`select id::text as id, incident_id::text as incident_id from organizations limit 1`,
    );
    for (const [day, n] of [
      ["2026-11-22", 40],
      ["2026-11-23", 95],
      ["2026-11-25", 60],
      ["2026-11-26", 12],
    ] as const) {
      await ctx.database.rows(sql`insert into notice_check_days (day, incident_id, organization_id, state, shard, first_checks, checks)
        values (${day}::date, ${org!.incident_id}::uuid, ${org!.id}::uuid, 'MI', 0, ${n}, ${n + 5})`);
    }
    for (const [viewport, js] of [
      ["desktop", true],
      ["phone", true],
    ] as const) {
      const { context, page, problems } = await adminPage(viewport, js);
      for (const [name, p] of [
        ["reports", "/admin/reports"],
        ["hhs", "/admin/hhs"],
        ["organizations", "/admin/organizations"],
        ["returned-mail", "/admin/returned-mail"],
      ]) {
        await page.goto(base + p);
        expect(await accessibilityViolations(page), `${name} ${viewport}`).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} overflows by ${overflow}px on ${viewport}`).toBeLessThanOrEqual(0);
        if (name === "reports") {
          expect(await page.locator("svg[role=img][data-testid=checks-chart] rect").count()).toBe(5); // 4 days + the empty 24th
          expect(await page.locator("svg[data-testid=checks-chart] title").first().textContent()).toBe("Exposure checks per day");
          expect(await page.locator("[data-testid=checks-table] tbody tr").count()).toBe(4);
        }
        await snap(page, `issue4-${name}-${viewport}`);
      }
      expect(problems).toEqual([]);
      await context.close();
    }
  });
});
