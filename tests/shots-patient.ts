// Screenshots of the public pages at phone (390) and desktop (1280) width, for a human look.
// usage: BASE=http://127.0.0.1:3600 OUT=/tmp/patient-shots npx tsx tests/shots-patient.ts [name-filter]
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { mkdirSync } from "node:fs";
import path from "node:path";

const base = process.env.BASE ?? "http://127.0.0.1:3600";
const out = process.env.OUT ?? "tests/artifacts/screenshots/patient";
const filter = process.argv[2] ?? "";
mkdirSync(out, { recursive: true });
const DEMO = {
  adult: ["DEM0-ADV1-T7K4-Q2X3", "1958-04-28"],
  spanish: ["DEM0-ESPA-N9H6-T4RW", "1979-11-03"],
  deceased: ["DEM0-DECS-D3J7-N2BA", "1941-02-14"],
  minor: ["DEM0-M1N0-R8P3-W5ZM", process.env.MINOR_DOB ?? ""],
} as const;

async function check(page: Page, who: keyof typeof DEMO) {
  const [code, dob] = DEMO[who];
  const [y, m, d] = dob.split("-");
  await page.goto(base + "/");
  await page.fill("input[name=code]", code);
  await page.fill("input[name=dob-month]", String(Number(m)));
  await page.fill("input[name=dob-day]", String(Number(d)));
  await page.fill("input[name=dob-year]", y!);
  await page.click("button[type=submit]");
  await page.waitForURL(/\/exposure$/);
}

type Shot = [name: string, visit: (page: Page) => Promise<void>];
const shots: Shot[] = [
  ["home", (p) => p.goto(base + "/").then(() => {})],
  ["home-es", (p) => p.goto(base + "/language/es?next=/").then(() => {})],
  [
    "check-error",
    async (p) => {
      await p.goto(base + "/");
      await p.fill("input[name=code]", DEMO.adult[0]);
      await p.fill("input[name=dob-month]", "1");
      await p.fill("input[name=dob-day]", "2");
      await p.fill("input[name=dob-year]", "1950");
      await p.click("button[type=submit]");
      await p.waitForSelector("[data-testid=error-summary]");
    },
  ],
  ["exposure-adult", (p) => check(p, "adult")],
  ["exposure-spanish", (p) => check(p, "spanish")],
  ["exposure-deceased", (p) => check(p, "deceased")],
  ...(DEMO.minor[1] ? ([["exposure-minor", (p: Page) => check(p, "minor")]] as Shot[]) : []),
  [
    "enroll",
    async (p) => {
      await check(p, "adult");
      await p.goto(base + "/enroll");
    },
  ],
  ["guidance", (p) => p.goto(base + "/guidance").then(() => {})],
  ["guidance-categories", (p) => p.goto(base + "/guidance/categories").then(() => {})],
  ["genuine", (p) => p.goto(base + "/genuine").then(() => {})],
  ["guidance-medicaid", (p) => p.goto(base + "/guidance/medicaid").then(() => {})],
  ["faq", (p) => p.goto(base + "/faq").then(() => {})],
  ["accessibility", (p) => p.goto(base + "/accessibility").then(() => {})],
  ["staff-login", (p) => p.goto(base + "/staff/login").then(() => {})],
  ["not-found", (p) => p.goto(base + "/no-such-page").then(() => {})],
];

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const contexts: [string, BrowserContext][] = [
  ["desktop", await browser.newContext({ viewport: { width: 1280, height: 900 } })],
  ["phone", await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 })],
];
for (const [name, visit] of shots) {
  if (!name.includes(filter)) continue;
  for (const [vp, context] of contexts) {
    await context.clearCookies();
    const page = await context.newPage();
    await visit(page);
    const file = path.join(out, `${name}-${vp}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.info(file);
    await page.close();
  }
}
await browser.close();
