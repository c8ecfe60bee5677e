// Issue 16, "the patient's experience, second pass", over real HTTP through the real server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { notices } from "../../db/schema/index";
import { formatActivationCode, generateActivationCode } from "~/services/notices/activation-code.server";
import type { CategoryKey } from "~/content/categories";
import { BATCH_COLUMNS } from "~/services/batches/validate";
import { createStaff, signedIn } from "../support/staff";
import type { AppServer } from "../../app/server";
import { openTestEnv, type TestEnv } from "../support/db";
import { postForm, startTestServer, visibleText } from "../support/server";
import { createMailedWorld, createNotice } from "../factories";

let env: TestEnv;
let server: AppServer;
let world: Awaited<ReturnType<typeof createMailedWorld>>;

beforeAll(async () => {
  env = await openTestEnv();
  world = await createMailedWorld(env.ctx);
  server = await startTestServer(env);
});
afterAll(async () => {
  await server?.close();
  await env?.close().catch(() => {});
});

const dobFields = (dob: string) => {
  const [y, m, d] = dob.split("-");
  return { "dob-month": String(Number(m)), "dob-day": String(Number(d)), "dob-year": y! };
};

/** Check a new notice and return the session cookie for its pages. */
async function signIn(overrides: Parameters<typeof createNotice>[2] = {}, headers: Record<string, string> = {}) {
  const dob = overrides.dateOfBirth ?? "1960-03-04";
  const n = await createNotice(env.ctx, world.batch, { dateOfBirth: dob, ...overrides });
  const res = await postForm(server.url + "/check", { code: n.code, ...dobFields(dob) }, headers);
  expect(res.status).toBe(303);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  return { notice: n, cookie: [headers.Cookie, ...cookies].filter(Boolean).join("; ") };
}

async function page(path: string, cookie = "", headers: Record<string, string> = {}) {
  const res = await fetch(server.url + path, { headers: { Cookie: cookie, ...headers } });
  return { status: res.status, html: await res.text() };
}

describe(`Medicaid help names the notice's state agency (${process.env.TEST_DB_KIND})`, () => {
  it("a Michigan patient is sent to Michigan's agency, a Tennessee patient to TennCare", async () => {
    const mi = await signIn({ state: "MI", exposed: ["medicaid_medicare_id", "name"] });
    const miText = visibleText((await page("/exposure", mi.cookie)).html);
    expect(miText).toContain("Michigan Department of Health and Human Services");
    expect(miText).not.toContain("TennCare");
    const tn = await signIn({ state: "TN", exposed: ["medicaid_medicare_id"] });
    expect(visibleText((await page("/exposure", tn.cookie)).html)).toContain("TennCare");
    const guam = await signIn({ state: "AE", exposed: ["medicaid_medicare_id"] });
    expect(visibleText((await page("/exposure", guam.cookie)).html)).toContain("your state Medicaid agency");
  });

  it("the public table lists 56 agencies with its source and last-checked date", async () => {
    const { status, html } = await page("/guidance/medicaid");
    expect(status).toBe(200);
    expect(html.match(/<tr data-state="/g)).toHaveLength(56);
    const text = visibleText(html);
    expect(text).toContain("Source:");
    expect(text).toContain("Last checked:");
  });
});

/** The error summary's words only (the form keeps what was typed, which differs). */
const summaryOf = (html: string) => visibleText(/<div[^>]*data-testid="error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? "");

describe(`locked out, not lost (${process.env.TEST_DB_KIND})`, () => {
  it("after repeated refusals in one browser the one identical answer explains the pause and gives the phone and hours", async () => {
    const n = await createNotice(env.ctx, world.batch, { dateOfBirth: "1955-06-07" });
    let jar = "";
    const attempt = async (fields: Record<string, string>) => {
      const res = await postForm(server.url + "/check", fields, jar ? { Cookie: jar } : {});
      const set = res.headers.getSetCookie().find((c) => c.startsWith("ec_refusals="));
      if (set) jar = set.split(";")[0]!;
      return { status: res.status, html: await res.text() };
    };
    const first = await attempt({ code: n.code, ...dobFields("1955-06-08") });
    expect(first.status).toBe(400);
    expect(summaryOf(first.html)).toContain("We could not match that code and date of birth");
    expect(summaryOf(first.html)).not.toContain("one hour");
    await attempt({ code: n.code, ...dobFields("1955-06-09") });
    const third = await attempt({ code: n.code, ...dobFields("1955-06-10") });
    expect(third.status).toBe(400);
    const words = summaryOf(third.html);
    expect(words).toContain("stops working for one hour after many wrong tries");
    expect(words).toContain(world.incident.tollFreePhone);
    expect(words).toContain(world.incident.phoneHours.en);

    // Still the same words for every cause: a locked notice with the right date, and a wrong code.
    await env.ctx.db
      .update(notices)
      .set({ failedChecks: 10, lockedUntil: new Date(env.clock.now().getTime() + 3600_000) })
      .where(eq(notices.id, n.notice.id));
    const locked = await attempt({ code: n.code, ...dobFields("1955-06-07") });
    const wrongCode = await attempt({ code: formatActivationCode(generateActivationCode()), ...dobFields("1955-06-07") });
    expect(locked.status).toBe(400);
    expect(summaryOf(locked.html)).toBe(words);
    expect(wrongCode.status).toBe(400);
    expect(summaryOf(wrongCode.html)).toBe(words);

    // A match clears the count: the next refusal in this browser is the short one again.
    await env.ctx.db.update(notices).set({ failedChecks: 0, lockedUntil: null }).where(eq(notices.id, n.notice.id));
    const ok = await postForm(server.url + "/check", { code: n.code, ...dobFields("1955-06-07") }, { Cookie: jar });
    expect(ok.status).toBe(303);
    expect(ok.headers.getSetCookie().find((c) => c.startsWith("ec_refusals="))).toMatch(/Max-Age=0/i);
  });
});

describe(`their language, without hunting for it (${process.env.TEST_DB_KIND})`, () => {
  const htmlLang = (html: string) => /<html lang="(\w+)"/.exec(html)?.[1];
  const choose = async (lang: "en" | "es") => {
    const res = await fetch(`${server.url}/language/${lang}?next=/`, { redirect: "manual" });
    const set = res.headers.getSetCookie().find((c) => c.startsWith("ec_lang="))!;
    // A choice lasts for this visit only: a browser-session cookie, no Max-Age or Expires.
    expect(set).not.toMatch(/Max-Age|Expires/i);
    return set.split(";")[0]!;
  };

  it("before the check, a browser that asks for Spanish gets Spanish; others English", async () => {
    expect(htmlLang((await page("/", "", { "Accept-Language": "es-MX,es;q=0.9,en;q=0.8" })).html)).toBe("es");
    expect(htmlLang((await page("/", "", { "Accept-Language": "en-US,en;q=0.9,es;q=0.5" })).html)).toBe("en");
    expect(htmlLang((await page("/", "", { "Accept-Language": "fr-FR,fr;q=0.9" })).html)).toBe("en");
    expect(htmlLang((await page("/", "")).html)).toBe("en");
  });

  it("after the check, the notice's language — even from an English browser", async () => {
    const es = await signIn({ language: "es" }, { "Accept-Language": "en-US" });
    expect(htmlLang((await page("/exposure", es.cookie, { "Accept-Language": "en-US" })).html)).toBe("es");
  });

  it("a choice made in this visit wins over the notice's language and the browser's", async () => {
    const choice = await choose("en");
    const es = await signIn({ language: "es" }, { Cookie: choice, "Accept-Language": "es" });
    expect(htmlLang((await page("/exposure", es.cookie, { "Accept-Language": "es" })).html)).toBe("en");
    const spanish = await choose("es");
    const en = await signIn({ language: "en" }, { Cookie: spanish });
    expect(htmlLang((await page("/exposure", en.cookie)).html)).toBe("es");
  });

  it("sign-out ends the notice's language: the next person at the computer starts fresh", async () => {
    const es = await signIn({ language: "es" });
    const out = await postForm(server.url + "/signout", {}, { Cookie: es.cookie });
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie().find((c) => c.startsWith("ec_notice_lang="))).toMatch(/Max-Age=0/i);
    // Even a stale notice-language cookie speaks only while a patient cookie is present.
    const stale = es.cookie.split("; ").find((c) => c.startsWith("ec_notice_lang="))!;
    expect(htmlLang((await page("/", stale)).html)).toBe("en");
  });
});

describe(`words for who is reading, on the page (${process.env.TEST_DB_KIND})`, () => {
  const cards = (html: string) =>
    decode(visibleText(/<div data-testid="exposed-categories">[\s\S]*?<\/div>\s*(?=<section class="usa-alert|<h2)/.exec(html)?.[0] ?? html));
  const decode = (s: string) =>
    s
      .replace(/&#x27;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");
  it("self, parent or guardian, next of kin — in English and Spanish", async () => {
    const exposed: CategoryKey[] = ["ssn", "health_insurance", "subscriber_number", "date_of_birth"];
    for (const language of ["en", "es"] as const) {
      const adult = await signIn({ language, exposed });
      const minor = await signIn({ language, exposed, dateOfBirth: "2015-02-03" });
      const deceased = await signIn({ language, exposed, deceased: true });
      const [a, m, d] = await Promise.all([adult, minor, deceased].map(async (s) => (await page("/exposure", s.cookie)).html));
      expect(a).toContain('data-audience="adult"');
      expect(m).toContain('data-audience="minor"');
      expect(d).toContain('data-audience="deceased"');
      if (language === "en") {
        expect(cards(a!)).toContain("Your Social Security number was in the files");
        expect(cards(m!)).toContain("Your child's Social Security number was in the files");
        expect(cards(m!)).not.toMatch(/care you did not get|number on your card/);
        expect(cards(d!)).toContain("The person's Social Security number was in the files");
        expect(cards(d!)).not.toMatch(/your plan|Get your free credit reports|care you did not get|\byour\b/i);
      } else {
        expect(cards(m!)).toContain("El número de Seguro Social de su hijo o hija");
        expect(cards(d!)).toContain("El número de Seguro Social de la persona");
        expect(cards(d!)).not.toMatch(/usted no recibió/);
      }
    }
  });
});

describe(`small things (${process.env.TEST_DB_KIND})`, () => {
  it("the home page says its intro once and gives the discovery date (HHS letters must state it)", async () => {
    const text = visibleText((await page("/")).html);
    const intro = "Enter the code from your letter to see which of your information was involved and what to do.";
    expect(text.split(intro).length - 1).toBe(1);
    expect(text).toContain("When it was found:");
    expect(text).toMatch(/When it happened: \w+ \d+, \d{4} to \w+ \d+, \d{4}\./);
  });

  it("admins get a template batch file with every column, which the import reads without a problem", async () => {
    const admin = await createStaff(env.ctx, "admin");
    const { cookie } = await signedIn(env.ctx, admin);
    const res = await fetch(server.url + "/admin/batches/template.csv", { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const [header, row] = (await res.text()).trim().split("\r\n");
    expect(header!.split(",")).toEqual([...BATCH_COLUMNS]);
    expect(row!.split(",")).toHaveLength(BATCH_COLUMNS.length);
    const batches = visibleText(await (await fetch(server.url + "/admin/batches", { headers: { Cookie: cookie } })).text());
    expect(batches).toContain("Download a template file");
    expect(batches).not.toMatch(/DESIGN\.md|RESEND_API_KEY|streamed/);
    const outbox = visibleText(await (await fetch(server.url + "/admin/outbox", { headers: { Cookie: cookie } })).text());
    expect(outbox).not.toMatch(/RESEND_API_KEY/);
    // Nobody else: a stranger is sent to sign in.
    expect((await fetch(server.url + "/admin/batches/template.csv", { redirect: "manual" })).status).toBe(302);
  });

  it("an agent who opens an admin page gets the refusal inside the staff frame, titled as an error", async () => {
    const agent = await createStaff(env.ctx, "agent");
    const { cookie } = await signedIn(env.ctx, agent);
    const res = await fetch(server.url + "/admin/reports", { headers: { Cookie: cookie } });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('data-testid="staff-header"');
    expect(html).toContain('id="main-content"');
    expect(/<title>([^<]*)<\/title>/.exec(html)?.[1]).toMatch(/^Error: /);
  });
});
