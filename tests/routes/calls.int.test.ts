import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../../app/server";
import { createMailedWorld, createNotice } from "../factories";
import { openTestEnv, type TestEnv } from "../support/db";
import { postForm, startTestServer, visibleText } from "../support/server";
import { auditRows, createStaff, signedIn } from "../support/staff";

let env: TestEnv;
let server: AppServer;
let world: Awaited<ReturnType<typeof createMailedWorld>>;
let agentCookie: string;

beforeAll(async () => {
  env = await openTestEnv({ config: { callLookupsPerHour: 4 } });
  server = await startTestServer(env);
  world = await createMailedWorld(env.ctx);
  agentCookie = (await signedIn(env.ctx, await createStaff(env.ctx, "agent"))).cookie;
});
afterAll(async () => {
  await server?.close();
  await env?.close().catch(() => {});
});

const get = (path: string, cookie: string) => fetch(server.url + path, { redirect: "manual", headers: { Cookie: cookie } });
const post = (path: string, fields: Record<string, string>, cookie: string) => postForm(server.url + path, fields, { Cookie: cookie });
const base = { callReference: "PBX-HTTP-1", reason: "Caller asking about their letter" };

describe(`the call-center console over HTTP (${process.env.TEST_DB_KIND})`, () => {
  it("a whole call: lookup 303 → verify-caller only → 403 before verification → pass → categories → end", async () => {
    const { notice } = await createNotice(env.ctx, world.batch, { firstName: "Hazel", lastName: "Quinn", exposed: ["ssn", "diagnosis"] });
    const found = await post("/staff/calls", { ...base, referenceNumber: notice.referenceNumber }, agentCookie);
    expect(found.status).toBe(303);
    const location = found.headers.get("location")!;
    expect(location).toMatch(/^\/staff\/calls\/[0-9a-f-]{36}$/);

    const before = await get(location, agentCookie);
    expect(before.status).toBe(200);
    expect(before.headers.get("cache-control")).toBe("no-store");
    const html = await before.text();
    expect(html).toContain('data-testid="verify-caller"');
    expect(html).not.toContain('data-testid="exposed-categories"');
    expect(html).not.toContain('data-category="ssn"');
    expect(visibleText(html)).toContain("Hazel Quinn");

    const actions: Record<string, string>[] = [
      { intent: "unlock" },
      { intent: "enroll", verbalConsent: "yes" },
      { intent: "reissue" },
      { intent: "flag", flag: "fraud" },
      { intent: "resend" },
      { intent: "email", email: "a@example.test" },
      { intent: "end", disposition: "other" },
    ];
    for (const fields of actions) {
      const refused = await post(location, fields, agentCookie);
      expect(refused.status, fields.intent).toBe(403);
      expect(await refused.text()).not.toContain('data-category="ssn"');
    }

    const pass = await post(location, { intent: "verify", outcome: "pass" }, agentCookie);
    expect(pass.status).toBe(303);
    const after = await (await get(location, agentCookie)).text();
    expect(after).toContain('data-testid="exposed-categories"');
    expect(after).toContain('data-category="ssn"');
    expect(after).toContain('data-category="diagnosis"');
    expect(after).not.toContain('data-category="name"');

    const es = await post(location, { intent: "language", lang: "es" }, agentCookie);
    expect(es.status).toBe(303);
    expect(await (await get(location, agentCookie)).text()).toContain("Número de Seguro Social");

    const badEnd = await post(location, { intent: "end", disposition: "abandoned" }, agentCookie);
    expect(badEnd.status).toBe(400);
    const end = await post(location, { intent: "end", disposition: "exposure_question", note: "explained" }, agentCookie);
    expect(end.status).toBe(303);
    expect(end.headers.get("location")).toBe("/staff/calls?ended=1");
    expect((await post(location, { intent: "verify", outcome: "pass" }, agentCookie)).status).toBe(409);
  });

  it("none or several matches answer 200 with lookup-result and no one's data; bad input 400; no call reference refused", async () => {
    await createNotice(env.ctx, world.batch, { firstName: "Ida", lastName: "Same", dateOfBirth: "1950-02-02", zip: "48201" });
    await createNotice(env.ctx, world.batch, { firstName: "Ivy", lastName: "Same", dateOfBirth: "1950-02-02", zip: "48201" });
    const many = await post("/staff/calls", { ...base, lastName: "Same", dateOfBirth: "1950-02-02", zip: "48201" }, agentCookie);
    expect(many.status).toBe(200);
    const manyHtml = await many.text();
    expect(manyHtml).toMatch(/data-testid="lookup-result"[^>]*data-matches="many"|data-matches="many"[^>]*data-testid="lookup-result"/);
    expect(manyHtml).not.toMatch(/Ida|Ivy|1950-02-02/);

    const none = await post("/staff/calls", { ...base, referenceNumber: "0000-0000-0001" }, agentCookie);
    expect(none.status).toBe(200);
    expect(await none.text()).toContain('data-matches="0"');

    const searches = await auditRows(env.ctx, { action: "notice.search" });
    const noRef = await post("/staff/calls", { reason: "x", referenceNumber: "0000-0000-0001" }, agentCookie);
    expect(noRef.status).toBe(400);
    expect(await auditRows(env.ctx, { action: "notice.search" })).toHaveLength(searches.length);
    expect((await post("/staff/calls", { ...base, callReference: "x".repeat(65), referenceNumber: "0000-0000-0001" }, agentCookie)).status).toBe(400);
    expect((await post("/staff/calls", { ...base, lastName: "Same", dateOfBirth: "1950-02-31", zip: "48201" }, agentCookie)).status).toBe(400);
  });

  it("past the limit the agent is refused with 429 and a supervisor sees the alert; agents cannot open the supervisor view or exports", async () => {
    const staff = await createStaff(env.ctx, "agent");
    const { cookie } = await signedIn(env.ctx, staff);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await post("/staff/calls", { ...base, referenceNumber: "0000-0000-0002" }, cookie)).status);
    expect(statuses.slice(0, 9)).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200]);
    const refused = await post("/staff/calls", { ...base, referenceNumber: "0000-0000-0002" }, cookie);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('data-testid="lookup-refused"');

    expect((await get("/staff/calls/supervisor", cookie)).status).toBe(403);
    expect((await get("/staff/audit/export", cookie)).status).toBe(403);
    const supervisor = await signedIn(env.ctx, await createStaff(env.ctx, "supervisor"));
    const view = await get("/staff/calls/supervisor", supervisor.cookie);
    expect(view.status).toBe(200);
    const html = await view.text();
    expect(html).toContain('data-testid="lookup-alerts"');
    expect(html).toContain(staff.email);
    expect(html).toContain('data-testid="calls-per-hour"');
  });

  it("another agent's call, or a call id that is not one, is a 404", async () => {
    const { notice } = await createNotice(env.ctx, world.batch);
    const other = await signedIn(env.ctx, await createStaff(env.ctx, "agent"));
    const found = await post("/staff/calls", { ...base, referenceNumber: notice.referenceNumber }, other.cookie);
    const location = found.headers.get("location")!;
    expect((await get(location, agentCookie)).status).toBe(404);
    expect((await post(location, { intent: "verify", outcome: "pass" }, agentCookie)).status).toBe(404);
    expect((await get("/staff/calls/not-a-call", agentCookie)).status).toBe(404);
    expect((await post(location, { intent: "nonsense" }, other.cookie)).status).toBe(400);
  });
});
