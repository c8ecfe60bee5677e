import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { eq } from "drizzle-orm";
import { incidents } from "../../db/schema/index";
import { launchBrowser, signInDemoAdmin, newContext, snap, startDemoServer, type ViewportName } from "./support/browser";

/**
 * An admin edits the incident on the admin Incident page in Chromium: a mistake is answered by
 * field, the preview shows the public home and exposure pages in English and Spanish before
 * anything is saved, then saving publishes the change to the public home page.
 */
let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;
let base: string;
let cookies: Awaited<ReturnType<BrowserContext["cookies"]>>;

beforeAll(async () => {
  server = await startDemoServer();
  base = server.app.url;
  browser = await launchBrowser();
  cookies = await signInDemoAdmin(browser, server);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const matrix: [ViewportName, boolean][] = [
  ["desktop", false],
  ["phone", true],
];

describe("an admin edits the incident in Chromium", () => {
  for (const [viewport, js] of matrix) {
    it(`previews both languages, then saves (${viewport}, JavaScript ${js ? "on" : "off"})`, async () => {
      const context = await newContext(browser, viewport, js);
      await context.addCookies(cookies);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(base + "/admin/incident");
      await expect(page.getByRole("heading", { name: "Incident", level: 1 })).toBeTruthy();
      expect(await page.inputValue("#slug")).toBe("healthec-2023");
      await snap(page, `admin-incident-${viewport}`);

      // A mistake: the Spanish text emptied. Answered by field; nothing saved.
      await page.fill("#whatWeAreDoing-es", "");
      await page.getByTestId("incident-preview-button").click();
      await page.waitForSelector("[data-testid=error-summary]");
      expect(await page.getByTestId("error-summary").innerText()).toContain("whatWeAreDoing.es: required");
      await snap(page, `admin-incident-error-${viewport}`);

      const hours = `Every day, 7 a.m. to 10 p.m. (${viewport})`;
      await page.fill("#whatWeAreDoing-es", "Protegimos los sistemas y ofrecemos monitoreo de crédito gratis.");
      await page.fill("#phoneHours-en", hours);
      await page.fill("#phoneHours-es", "Todos los días, de 7 a. m. a 10 p. m.");
      await page.getByTestId("incident-preview-button").click();
      await page.waitForSelector("[data-testid=incident-preview]");
      // Without JavaScript the new document is still being parsed when the preview first appears.
      await page.waitForLoadState("load");
      for (const id of ["preview-home-en", "preview-home-es", "preview-exposure-en", "preview-exposure-es"]) {
        expect(await page.getByTestId(id).count(), id).toBe(1);
      }
      expect(await page.getByTestId("preview-home-en").innerText()).toContain(hours);
      expect(await page.getByTestId("preview-home-es").innerText()).toContain("Todos los días, de 7 a. m. a 10 p. m.");
      expect(await page.getByTestId("preview-home-es").innerText()).toContain("Protegimos los sistemas y ofrecemos monitoreo");
      expect(await page.getByTestId("preview-exposure-es").innerText()).toContain("Números de tarjetas de crédito");
      expect(await page.getByTestId("preview-exposure-en").locator("[data-testid=exposed-categories] [data-category]").count()).toBeGreaterThan(0);
      // The preview's forms do nothing: their controls are disabled.
      expect(await page.getByTestId("preview-home-en").locator("button[type=submit]").first().isDisabled()).toBe(true);
      await page.getByTestId("incident-preview").scrollIntoViewIfNeeded();
      await snap(page, `admin-incident-preview-${viewport}`);

      // Not saved yet: the public home page still shows the old hours.
      const [before] = await server.app.ctx.db.select().from(incidents).where(eq(incidents.slug, "healthec-2023"));
      expect(before!.phoneHours.en).not.toBe(hours);

      await page.getByTestId("incident-save-button").click();
      await page.waitForSelector("[data-testid=incident-saved]");
      const [after] = await server.app.ctx.db.select().from(incidents).where(eq(incidents.slug, "healthec-2023"));
      expect(after!.phoneHours.en).toBe(hours);
      const home = await context.newPage();
      await home.goto(base + "/");
      expect(await home.content()).toContain(hours);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
