// usage: tsx tests/shot2.ts <email> <out-prefix> <vp> <path>...
import { chromium } from "playwright-core";
import { DEMO_STAFF } from "../app/services/staff/demo.server";
import { totpCode } from "../app/services/staff/totp.server";
const [email, out, vp, ...paths] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const ctx = await b.newContext(vp === "phone" ? { viewport: { width: 390, height: 844 }, isMobile: true } : { viewport: { width: 1280, height: 900 } });
const p = await ctx.newPage();
const base = "http://localhost:3100";
const demo = DEMO_STAFF.find((d) => d.email === email)!;
await p.goto(base + "/staff/login");
await p.screenshot({ path: `${out}-login.png` });
await p.fill("input[name=email]", demo.email);
await p.fill("input[name=password]", demo.password);
await p.click("button[type=submit]");
await p.waitForLoadState("networkidle");
await p.screenshot({ path: `${out}-totp.png` });
await p.fill("input[name=code]", totpCode(demo.totpSecret, new Date()));
await p.click("button[type=submit]");
await p.waitForLoadState("networkidle");
let i = 0;
for (const path of paths) {
  await p.goto(base + path);
  await p.screenshot({ path: `${out}-${i++}.png`, fullPage: true });
}
console.log(p.url());
await b.close();
