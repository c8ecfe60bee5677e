import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../../app/server";
import { startServer } from "../../app/server";
import { createAppContext } from "~/services/context.server";
import { openTestEnv, type TestEnv } from "../support/db";
import { loadBuild, postForm } from "../support/server";
import { createStaff, signedIn } from "../support/staff";
import { createBatch, createIncident, createNotice, createOrganization } from "../factories";

/**
 * Two incidents side by side in one database, each served by its own deployment (INCIDENT_SLUG,
 * docs/decisions/050): neither site opens the other's notices, shows the other's incident, or
 * lists the other's organizations to its staff.
 */
let env: TestEnv;
let siteA: AppServer;
let siteB: AppServer;
type World = { code: string; reference: string; dob: string; entity: string; org: string };
let a: World;
let b: World;

async function world(slug: string, entity: string, orgName: string) {
  const incident = await createIncident(env.ctx, { slug, breachedEntity: entity });
  const org = await createOrganization(env.ctx, incident, { name: orgName });
  const batch = await createBatch(env.ctx, org);
  const n = await createNotice(env.ctx, batch, { dateOfBirth: "1970-05-17" });
  return { code: n.code, reference: n.notice.referenceNumber, dob: "1970-05-17", entity, org: orgName };
}

async function site(slug: string) {
  const config = { ...env.config, incidentSlug: slug, port: 0, host: "127.0.0.1" };
  const ctx = createAppContext(env.database, config, { now: env.clock.now, sleep: async () => {} });
  return startServer({ config, build: await loadBuild(), database: env.database, ctx });
}

beforeAll(async () => {
  env = await openTestEnv();
  a = await world("alpha-2026", "Alpha Billing LLC", "Alpha Clinic");
  b = await world("beta-2026", "Beta Imaging Inc", "Beta Hospital");
  siteA = await site("alpha-2026");
  siteB = await site("beta-2026");
});
afterAll(async () => {
  // Both servers share the test's database: the first close ends it, the rest may complain.
  await siteA?.close().catch(() => {});
  await siteB?.close().catch(() => {});
  await env?.close().catch(() => {});
});

const dob = { "dob-month": "5", "dob-day": "17", "dob-year": "1970" };

describe(`two incidents side by side (${process.env.TEST_DB_KIND})`, () => {
  it("each site opens its own notices and never the other's", async () => {
    expect((await postForm(siteA.url + "/check", { code: a.code, ...dob })).status).toBe(303);
    expect((await postForm(siteB.url + "/check", { code: b.code, ...dob })).status).toBe(303);
    // The other incident's code, with the right date of birth, is just "no match".
    const crossA = await postForm(siteA.url + "/check", { code: b.code, ...dob });
    const crossB = await postForm(siteB.url + "/check", { code: a.code, ...dob });
    expect(crossA.status).toBe(400);
    expect(crossB.status).toBe(400);
    expect(crossA.headers.get("location")).toBeNull();
    expect(crossA.headers.getSetCookie().some((c) => c.startsWith("ec_patient="))).toBe(false);
  });

  it("each home page speaks of its own incident", async () => {
    const homeA = await (await fetch(siteA.url + "/")).text();
    const homeB = await (await fetch(siteB.url + "/")).text();
    expect(homeA).toContain(a.entity);
    expect(homeA).not.toContain(b.entity);
    expect(homeB).toContain(b.entity);
    expect(homeB).not.toContain(a.entity);
  });

  it("each site's staff console lists its own organizations only", async () => {
    const admin = await createStaff(env.ctx, "admin");
    const { cookie } = await signedIn(env.ctx, admin);
    const pageA = await (await fetch(siteA.url + "/admin/organizations", { headers: { cookie } })).text();
    const pageB = await (await fetch(siteB.url + "/admin/organizations", { headers: { cookie } })).text();
    expect(pageA).toContain(a.org);
    expect(pageA).not.toContain(b.org);
    expect(pageB).toContain(b.org);
    expect(pageB).not.toContain(a.org);

    // The call-center lookup: site A's agent finds A's letter and not B's.
    const agent = await createStaff(env.ctx, "agent");
    const agentCookie = (await signedIn(env.ctx, agent)).cookie;
    const lookup = (url: string, reference: string) =>
      postForm(url + "/staff/calls", { callReference: "CALL-1", reason: "caller asks", referenceNumber: reference }, { cookie: agentCookie });
    expect((await lookup(siteA.url, a.reference)).status).toBe(303);
    const cross = await lookup(siteA.url, b.reference);
    expect(cross.status).toBe(200);
    expect(await cross.text()).toContain('data-matches="0"');
  });
});
