// Issue 16, item 5 over real HTTP: "is this letter genuine?" gives anchors a person can check
// outside the site, and a reference-number lookup that says only whether and when a letter was
// mailed — limited per address, counted before the lookup, the same for a hit and a miss.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { BLOCK_AFTER_FAILURES } from "~/utils/rate-limit.server";
import type { AppServer } from "../../app/server";
import { openTestEnv, type TestEnv } from "../support/db";
import { postForm, startTestServer, visibleText } from "../support/server";
import { createBatch, createIncident, createNotice, createOrganization } from "../factories";
import { incidents, type Batch } from "../../db/schema/index";
import { createStaff, signedIn } from "../support/staff";

let env: TestEnv;
let server: AppServer;
let mailed: Batch;
let awaiting: Batch;

beforeAll(async () => {
  env = await openTestEnv({ start: "2026-11-20T15:00:00Z" });
  const incident = await createIncident(env.ctx, {
    coveredEntityWebsites: [
      { name: "North Clinic", url: "https://north-clinic.example/notice" },
      { name: "South Hospital", url: "https://www.south-hospital.example/privacy/" },
    ],
    hhsBreachPortalUrl: "https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf",
    attorneyGeneralPostings: [{ name: "Michigan Attorney General", url: "https://ag.example.gov/breaches" }],
    letterReturnAddress: "Test Vendor LLC\nP.O. Box 77\nDetroit, MI 48201",
  });
  const org = await createOrganization(env.ctx, incident, { name: "Very Private Clinic" });
  mailed = await createBatch(env.ctx, org, { mailingDate: "2026-11-13", mailedOn: "2026-11-13" });
  awaiting = await createBatch(env.ctx, org, { status: "awaiting_mailing", mailingDate: "2026-11-30", mailedOn: null });
  server = await startTestServer(env);
});
afterAll(async () => {
  await server?.close();
  await env?.close().catch(() => {});
});

const resetLimits = () => env.ctx.db.execute(sql`delete from throttles`);
const lookup = (reference: string, headers: Record<string, string> = {}) => postForm(server.url + "/genuine", { reference }, headers);
/** The answer box only (the rest of the page is the same for everyone). */
const answerOf = (html: string) => /<div[^>]*data-testid="lookup-answer"[\s\S]*?<\/div><\/div>/.exec(html)?.[0] ?? "";

async function spanish(): Promise<string> {
  const res = await fetch(server.url + "/language/es?next=/", { redirect: "manual" });
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith("ec_lang="))!
    .split(";")[0]!;
}

describe(`anchors a person can check outside the site (${process.env.TEST_DB_KIND})`, () => {
  it("lists the letter's phone and return address, the providers' websites, the HHS portal and the attorneys general", async () => {
    const html = await (await fetch(server.url + "/genuine")).text();
    const text = visibleText(html);
    expect(text).toContain("Check it outside this site");
    expect(text).toContain("The phone number on a real letter is 1-855-555-0100.");
    expect(text).toContain("The return address on a real envelope is: Test Vendor LLC P.O. Box 77 Detroit, MI 48201");
    expect(html).toContain('href="https://north-clinic.example/notice"');
    expect(html).toContain('href="https://www.south-hospital.example/privacy/"');
    expect(html).toContain('href="https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf"');
    expect(html).toContain('href="https://ag.example.gov/breaches"');
    // No longer circular: the steps point outside the site.
    expect(text).not.toContain("If it shows your information, the letter is real.");
    const es = visibleText(await (await fetch(server.url + "/genuine", { headers: { Cookie: await spanish() } })).text());
    expect(es).toContain("Verifíquela fuera de este sitio");
    expect(es).toContain("Portal de filtraciones del HHS");
  });
});

describe(`the admin sets the anchors on the Incident page (${process.env.TEST_DB_KIND})`, () => {
  it("shows them as lines, saves a change, and keeps what a blank field leaves out", async () => {
    const admin = await createStaff(env.ctx, "admin");
    const { cookie } = await signedIn(env.ctx, admin);
    const page = await (await fetch(server.url + "/admin/incident", { headers: { Cookie: cookie } })).text();
    expect(page).toContain("North Clinic | https://north-clinic.example/notice");
    const form = new URLSearchParams();
    for (const m of page.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) form.set(m[1]!, m[2]!.replace(/&amp;/g, "&"));
    for (const m of page.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
      form.set(
        m[1]!,
        m[2]!
          .replace(/&amp;/g, "&")
          .replace(/&#x27;/g, "'")
          .replace(/&quot;/g, '"'),
      );
    form.set("attorneyGeneralPostings", "Ohio Attorney General | https://ohio-ag.example/notices");
    form.set("hhsBreachPortalUrl", "");
    form.set("intent", "save");
    const res = await fetch(server.url + "/admin/incident", {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { Cookie: cookie, "Sec-Fetch-Site": "same-origin" },
    });
    expect(res.status).toBe(303);
    const [row] = await env.ctx.db.select().from(incidents);
    expect(row!.attorneyGeneralPostings).toEqual([{ name: "Ohio Attorney General", url: "https://ohio-ag.example/notices" }]);
    expect(row!.hhsBreachPortalUrl).toBe("https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf");
    expect(row!.letterReturnAddress).toBe("Test Vendor LLC\nP.O. Box 77\nDetroit, MI 48201");
  });
});

describe(`the reference-number lookup (${process.env.TEST_DB_KIND})`, () => {
  it("a mailed letter: yes, and the day — nothing about the person, nothing in the URL", async () => {
    await resetLimits();
    const n = await createNotice(env.ctx, mailed, { firstName: "Ophelia", lastName: "Marchbanks" });
    const res = await lookup(n.notice.referenceNumber.replace(/-/g, " "));
    expect(res.status).toBe(200);
    const html = await res.text();
    const answer = visibleText(answerOf(html));
    expect(answer).toBe(
      `Yes. We mailed a letter with the reference number ${n.notice.referenceNumber} on November 13, 2026. To see what the letter is about, enter the activation code from it on the home page.`,
    );
    expect(html).not.toContain("Ophelia");
    expect(html).not.toContain("Marchbanks");
    expect(html).not.toContain("Very Private Clinic");
    expect(html).toMatch(/<form method="post" action="\/genuine"/);
  });

  it("a number never issued, and a letter not mailed yet, get the same answer (200, the same words)", async () => {
    await resetLimits();
    const pending = await createNotice(env.ctx, awaiting);
    const unknown = "9999-0000-1111";
    const a = await lookup(unknown);
    const b = await lookup(pending.notice.referenceNumber);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const answerA = visibleText(answerOf(await a.text())).replace(unknown, "#");
    const answerB = visibleText(answerOf(await b.text())).replace(pending.notice.referenceNumber, "#");
    expect(answerA).toBe(answerB);
    expect(answerA).toContain("We did not find a mailed letter with the reference number #.");
  });

  it("a malformed number is answered without a lookup and without counting", async () => {
    await resetLimits();
    const res = await lookup("12-34");
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).toContain("A reference number has 12 digits");
    const rows = await env.ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from throttles`);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it("in Spanish", async () => {
    await resetLimits();
    const n = await createNotice(env.ctx, mailed);
    const answer = visibleText(answerOf(await (await lookup(n.notice.referenceNumber, { Cookie: await spanish() })).text()));
    expect(answer).toContain(`Sí. Enviamos una carta con el número de referencia ${n.notice.referenceNumber} el 13 de noviembre de 2026.`);
  });

  it(`concurrent lookups from one address: exactly ${BLOCK_AFTER_FAILURES} are answered, hits and misses alike, the rest get 429`, async () => {
    await resetLimits();
    const real = await Promise.all(Array.from({ length: 5 }, () => createNotice(env.ctx, mailed)));
    const refs = Array.from({ length: BLOCK_AFTER_FAILURES + 10 }, (_, i) =>
      i % 6 === 0 ? real[(i / 6) % 5]!.notice.referenceNumber : `8${String(i).padStart(3, "0")}-5555-${String(1000 + i)}`,
    );
    const answers = await Promise.all(refs.map((r) => lookup(r)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(BLOCK_AFTER_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    const limited = answers.find((r) => r.status === 429)!;
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(visibleText(await limited.text())).toContain("There were too many tries from this connection.");
    // Blocked now, for a real letter too: the limit says nothing about the number.
    expect((await lookup(real[0]!.notice.referenceNumber)).status).toBe(429);
    // The patient check has its own count: it still works from this address.
    expect((await postForm(server.url + "/check", { code: "AAAA-AAAA-AAAA-AAAA", "dob-month": "1", "dob-day": "2", "dob-year": "1970" })).status).not.toBe(429);
  });
});
