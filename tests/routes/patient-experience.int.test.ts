// Issue 16, "the patient's experience, second pass", over real HTTP through the real server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
