// `npm run bench -- lighthouse [--runs 3] [--base http://host:port]`: Lighthouse's mobile performance
// score (its default: a mid-range phone on a slow 4G line, simulated) for the pages a notified
// person sees — home, exposure and enroll, in English and Spanish. Without --base it starts the
// real server (production build, demo incident, in-memory database) and signs in with a demo code.
// Runs Debian's Chromium (/usr/bin/chromium, or CHROME_PATH). Prints each page's median score and
// figures, and the JSON line last.
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { startDemoServer } from "../e2e/support/browser";

type Figures = { score: number; fcp_ms: number; lcp_ms: number; tbt_ms: number; cls: number; bytes: number };

/** The language switch's cookie, as a person who picked the language would have it. */
async function langChoice(base: string, lang: "en" | "es"): Promise<string> {
  const res = await fetch(`${base}/language/${lang}?next=/`, { redirect: "manual" });
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function patientCookie(base: string, code: string, dob: string, lang: "en" | "es"): Promise<string> {
  const [year, month, day] = dob.split("-");
  const choice = await langChoice(base, lang);
  const res = await fetch(`${base}/check`, {
    method: "POST",
    redirect: "manual",
    headers: { "Sec-Fetch-Site": "same-origin", Cookie: choice },
    body: new URLSearchParams({ code, "dob-month": String(Number(month)), "dob-day": String(Number(day)), "dob-year": year! }),
  });
  if (res.status !== 303) throw new Error(`the demo check answered ${res.status}`);
  return [choice, ...res.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
}

export async function run(argv: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({ args: argv, options: { runs: { type: "string", default: "3" }, base: { type: "string" } } });
  const runs = Math.max(1, Number(values.runs));
  const server = values.base ? undefined : await startDemoServer();
  const base = values.base ?? server!.app.url;
  const adult = server?.demo.find((d) => d.label === "adult") ?? { code: "DEM0-ADV1-T7K4-Q2X3", dateOfBirth: "1958-04-28" };
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  const results: Record<string, Figures> = {};
  try {
    for (const lang of ["en", "es"] as const) {
      for (const page of ["/", "/exposure", "/enroll"]) {
        // A fresh session per page: each check signs in anew, as a person following a letter would.
        const samples: Figures[] = [];
        for (let i = 0; i < runs; i++) {
          const cookie = page === "/" ? await langChoice(base, lang) : await patientCookie(base, adult.code, adult.dateOfBirth, lang);
          const result = await lighthouse(base + page, {
            port: chrome.port,
            output: "json",
            logLevel: "error",
            onlyCategories: ["performance"],
            extraHeaders: { Cookie: cookie },
          });
          const lhr = result!.lhr;
          const value = (id: string) => Number(lhr.audits[id]?.numericValue ?? NaN);
          samples.push({
            score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
            fcp_ms: Math.round(value("first-contentful-paint")),
            lcp_ms: Math.round(value("largest-contentful-paint")),
            tbt_ms: Math.round(value("total-blocking-time")),
            cls: Math.round(value("cumulative-layout-shift") * 1000) / 1000,
            bytes: Math.round(value("total-byte-weight")),
          });
        }
        samples.sort((a, b) => a.score - b.score);
        const median = samples[Math.floor(samples.length / 2)]!;
        results[`${lang}${page}`] = median;
        console.info(
          `${lang} ${page.padEnd(10)} score ${median.score}  FCP ${median.fcp_ms} ms  LCP ${median.lcp_ms} ms  TBT ${median.tbt_ms} ms  CLS ${median.cls}  ${(median.bytes / 1024).toFixed(0)} KiB  (scores ${samples.map((s) => s.score).join(", ")})`,
        );
      }
    }
  } finally {
    chrome.kill();
    await server?.close();
  }
  const scores = Object.values(results).map((r) => r.score);
  return { runs, min_score: Math.min(...scores), pages: results };
}
