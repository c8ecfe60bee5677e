// Screenshots of the issue-4 admin pages at desktop (1280) and phone (390) width, for a human look.
// usage: BASE=http://localhost:3105 OUT=/tmp/h5shots npx tsx tests/shots-admin-batches.ts
import { chromium, type Page } from "playwright-core";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO_STAFF } from "../app/services/demo/staff.server";
import { totpCode } from "../app/services/staff/totp.server";

const base = process.env.BASE ?? "http://localhost:3100";
const out = process.env.OUT ?? "tests/artifacts/screenshots";
mkdirSync(out, { recursive: true });
const admin = DEMO_STAFF.find((d) => d.email === "admin@demo.test")!;

async function signIn(page: Page) {
  await page.goto(base + "/staff/login");
  await page.fill("input[name=email]", admin.email);
  await page.fill("input[name=password]", admin.password);
  await page.click("button[type=submit]");
  await page.waitForSelector("input[name=code]");
  // A TOTP code works once: wait for the next 30 s step when another run just used this one.
  await page.fill("input[name=code]", totpCode(admin.totpSecret, new Date()));
  await page.click("button[type=submit]");
  await page.waitForURL(/\/staff$/);
}

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await desktop.newPage();
await signIn(page);
const cookies = await desktop.cookies();
const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
await phone.addCookies(cookies);
const phonePage = await phone.newPage();

// One upload through the form, so the batch pages have something to show.
const csv = path.join(out, "shot-batch.csv");
const rows = [
  "external_id,first_name,middle_name,last_name,suffix,address_line1,address_line2,city,state,zip,date_of_birth,email,phone,language,deceased,exposed",
];
const stamp = Date.now().toString(36);
for (let i = 1; i <= 40; i++)
  rows.push(`S${stamp}-${i},Ana,,Lee,,${i} Main St,,Detroit,${i % 7 === 0 ? "ZZ" : "MI"},48201,1980-01-0${(i % 9) + 1},,,en,N,name;ssn`);
writeFileSync(csv, rows.join("\r\n") + "\r\n");
await page.goto(base + "/admin/batches");
await page.selectOption("#organizationId", { index: 1 });
await page.setInputFiles("#file", csv);
await page.click("label[for=skipInvalid]");
await page.click("[data-testid=upload-submit]");
await page.waitForURL(/\/admin\/batches\/[0-9a-f-]{36}$/);
const batchPath = new URL(page.url()).pathname;
for (let i = 0; i < 60 && (await page.locator("[data-status=importing]").count()) > 0; i++) await page.waitForTimeout(500);

const pages: [string, string][] = [
  ["admin-home", "/admin"],
  ["organizations", "/admin/organizations"],
  ["batches", "/admin/batches"],
  ["batch", batchPath],
  ["returned-mail", "/admin/returned-mail"],
  ["reports", "/admin/reports"],
  ["hhs", "/admin/hhs"],
];
for (const [name, p] of pages) {
  for (const [vp, pg] of [
    ["desktop", page],
    ["phone", phonePage],
  ] as const) {
    await pg.goto(base + p);
    const overflow = await pg.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await pg.screenshot({ path: path.join(out, `issue4-${name}-${vp}.png`), fullPage: true });
    console.log(`${name} ${vp}: overflow ${overflow}px`);
  }
}
await browser.close();
