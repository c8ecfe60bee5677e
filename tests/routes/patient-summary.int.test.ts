// Issue 16, item 11 over real HTTP: the summary to keep, as a PDF made on the server, read back
// with pdfjs-dist — what it must say, and what it must never hold.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../../app/server";
import { openTestEnv, type TestEnv } from "../support/db";
import { pdfText } from "../support/pdf-text";
import { postForm, startTestServer, visibleText } from "../support/server";
import { createMailedWorld, createNotice } from "../factories";

let env: TestEnv;
let server: AppServer;
let world: Awaited<ReturnType<typeof createMailedWorld>>;

beforeAll(async () => {
  env = await openTestEnv({ start: "2026-11-20T15:00:00Z" });
  world = await createMailedWorld(env.ctx);
  server = await startTestServer(env);
});
afterAll(async () => {
  await server?.close();
  await env?.close().catch(() => {});
});

async function signIn(overrides: Parameters<typeof createNotice>[2], spanish = false) {
  const dob = "1957-09-30";
  const n = await createNotice(env.ctx, world.batch, { dateOfBirth: dob, ...overrides });
  const res = await postForm(server.url + "/check", { code: n.code, "dob-month": "9", "dob-day": "30", "dob-year": "1957" });
  expect(res.status).toBe(303);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  if (spanish) {
    const lang = await fetch(server.url + "/language/es?next=/", { redirect: "manual" });
    cookies.push(
      lang.headers
        .getSetCookie()
        .find((c) => c.startsWith("ec_lang="))!
        .split(";")[0]!,
    );
  }
  return { notice: n, cookie: cookies.join("; ") };
}

const get = (path: string, cookie = "") => fetch(server.url + path, { headers: { cookie }, redirect: "manual" });

describe(`the PDF summary (${process.env.TEST_DB_KIND})`, () => {
  it("needs the patient session; without one it sends you home and makes nothing", async () => {
    const res = await get("/exposure/summary.pdf");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
    expect(res.headers.get("content-type") ?? "").not.toContain("pdf");
  });

  it("says what was involved, what was not, the numbered steps and the phone numbers — and never the code, the date of birth or the name", async () => {
    const { notice, cookie } = await signIn({
      exposed: ["ssn", "diagnosis", "medicaid_medicare_id", "name"],
      state: "MI",
      firstName: "Zelda",
      lastName: "Quorra",
    });
    const res = await get("/exposure/summary.pdf", cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="letter-summary.pdf"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const { pages, title } = await pdfText(bytes);
    expect(title).toBe("Summary of your letter");
    expect(pages.length).toBeLessThanOrEqual(3);
    const text = pages.join(" ");

    expect(text).toContain("Summary of your letter");
    expect(text).toContain(`Reference number: ${notice.notice.referenceNumber}`);
    expect(text).toContain("4 kinds of your information were in the files.");
    // The numbered first steps and each card's numbered actions.
    expect(text).toMatch(/What to do now .*1\. Freeze your credit for free at Equifax, Experian and TransUnion\. 2\. /);
    for (const label of ["Social Security number", "Diagnosis", "Medicaid or Medicare ID", "Name"]) expect(text).toContain(label);
    expect(text).toContain("What this means:");
    // What was not involved.
    expect(text).toContain("What was not involved");
    expect(text).toContain("Credit card numbers");
    expect(text).toContain("Bank account numbers");
    // The offer with its date and where to enroll.
    expect(text).toContain("Enroll by February 11, 2027.");
    // The phone numbers: ours with the hours, the partner, the bureaus, Michigan's Medicaid agency.
    expect(text).toContain("Our call center: 1-855-555-0100, Monday to Friday, 9 a.m. to 9 p.m. ET.");
    expect(text).toContain("Test Monitoring: 1-855-555-0101");
    expect(text).toContain("1-888-298-0045");
    expect(text).toContain("Michigan Department of Health and Human Services");

    // Never: the activation code (any spelling), the date of birth (any spelling), the name or address.
    const bare = text.replace(/[\s-]/g, "");
    expect(bare).not.toContain(notice.code.replace(/-/g, ""));
    for (const dob of ["1957-09-30", "09/30/1957", "9/30/1957", "September 30, 1957", "30 de septiembre de 1957"]) expect(text).not.toContain(dob);
    expect(text).not.toContain("Zelda");
    expect(text).not.toContain("Quorra");
    expect(text).not.toContain(notice.person.addressLine1);
  });

  it("in Spanish for a Spanish reader, accents and signs intact", async () => {
    const { cookie } = await signIn({ exposed: ["ssn", "claims"] }, true);
    const res = await get("/exposure/summary.pdf", cookie);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="resumen-de-la-carta.pdf"');
    const { pages, title } = await pdfText(new Uint8Array(await res.arrayBuffer()));
    const text = pages.join(" ");
    expect(title).toBe("Resumen de su carta");
    expect(text).toContain("Número de referencia:");
    expect(text).toContain("Qué hacer ahora");
    expect(text).toContain("Qué información no se vio afectada");
    expect(text).toContain("Números de tarjetas de crédito");
    expect(text).toContain("Inscríbase");
    expect(text).toContain("Nuestro centro de llamadas: 1-855-555-0100");
  });

  it("a deceased person's summary speaks to the next of kin and offers no enrollment", async () => {
    const { cookie } = await signIn({ exposed: ["ssn"], deceased: true });
    const text = (await pdfText(new Uint8Array(await (await get("/exposure/summary.pdf", cookie)).arrayBuffer()))).pages.join(" ");
    expect(text).toContain("One kind of the person's information was in the files.");
    expect(text).not.toContain("Enroll by");
  });

  it("the exposure page offers it, with printing, and lists every phone number for paper", async () => {
    const { cookie } = await signIn({ exposed: ["ssn", "medicaid_medicare_id"], state: "TN" });
    const html = await (await get("/exposure", cookie)).text();
    expect(html).toMatch(/<a href="\/exposure\/summary\.pdf"[^>]*download="letter-summary\.pdf"/);
    const printPhones = visibleText(/<section class="ec-printonly"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "");
    expect(printPhones).toContain("Our call center: 1-855-555-0100");
    expect(printPhones).toContain("TennCare");
    // Without JavaScript: how to print with the browser.
    expect(visibleText(html)).toContain("To print this page, use your browser");
  });
});
