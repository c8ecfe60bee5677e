import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { AUDIT_CSV_COLUMNS, AUDIT_PAGE_SIZE, exportAuditCsv, viewAuditTrail } from "~/services/audit/query.server";
import { formulaSafe } from "~/utils/csv";
import { recordAuditEvent } from "~/services/audit/record.server";
import { parseAuditFilters } from "~/services/audit/schemas";
import { StaffForbiddenError } from "~/services/staff/roles";
import { createMailedWorld, createNotice } from "../../factories";
import { openTestEnv, type TestEnv } from "../../support/db";
import { auditRows, createStaff, signedIn, testMeta } from "../../support/staff";

let env: TestEnv;
let supervisor: Awaited<ReturnType<typeof signedIn>>;
let agentA: Awaited<ReturnType<typeof createStaff>>;
let agentB: Awaited<ReturnType<typeof createStaff>>;
let noticeRef: string;

beforeAll(async () => {
  env = await openTestEnv({ start: "2026-11-20T09:00:00Z" });
  const world = await createMailedWorld(env.ctx);
  const notice = await createNotice(env.ctx, world.batch, { dateOfBirth: "1970-01-01" });
  noticeRef = notice.notice.referenceNumber;
  supervisor = await signedIn(env.ctx, await createStaff(env.ctx, "supervisor"));
  agentA = await createStaff(env.ctx, "agent");
  agentB = await createStaff(env.ctx, "agent");
  // 120 notice views by A over two days, 5 by B of one notice (one with a formula in its reason).
  for (let i = 0; i < 120; i++) {
    env.clock.advance(20 * 60_000);
    await env.ctx.db.transaction((tx) =>
      recordAuditEvent(tx, {
        at: env.ctx.now(),
        actorType: "staff",
        actorId: agentA.id,
        actorRole: "agent",
        action: "notice.view",
        subjectType: "notice",
        subjectId: String(900000 + i),
        outcome: "success",
      }),
    );
  }
  for (let i = 0; i < 5; i++) {
    await env.ctx.db.transaction((tx) =>
      recordAuditEvent(tx, {
        at: env.ctx.now(),
        actorType: "staff",
        actorId: agentB.id,
        actorRole: "agent",
        action: i === 0 ? "notice.search" : "notice.view",
        subjectType: "notice",
        subjectId: String(notice.notice.id),
        reason: i === 1 ? '=HYPERLINK("http://evil.example","click")' : "caller verified",
        callReference: i === 2 ? "+1 555 0100" : null,
        outcome: "success",
      }),
    );
  }
});
afterAll(async () => {
  await env?.close();
});

const filters = (q: string) => {
  const p = parseAuditFilters(new URLSearchParams(q));
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p;
};

describe(`the supervisor's audit trail (${process.env.TEST_DB_KIND})`, () => {
  it("filters by staff member and pages 50 at a time, newest first; each view is itself audited", async () => {
    const f = filters(`staff=${agentA.id}`);
    const page1 = await viewAuditTrail(env.ctx, supervisor.actor, testMeta(), f.filters, 1);
    expect(page1).toMatchObject({ total: 120, pageCount: 3, page: 1, pageSize: AUDIT_PAGE_SIZE });
    expect(page1.rows).toHaveLength(50);
    expect(page1.rows.every((r) => r.actor === agentA.email && r.action === "notice.view")).toBe(true);
    expect(page1.rows[0]!.id).toBeGreaterThan(page1.rows[1]!.id);
    const page3 = await viewAuditTrail(env.ctx, supervisor.actor, testMeta(), f.filters, 3);
    expect(page3.rows).toHaveLength(20);
    const tooFar = await viewAuditTrail(env.ctx, supervisor.actor, testMeta(), f.filters, 99);
    expect(tooFar.page).toBe(3);
    const views = await auditRows(env.ctx, { action: "audit.view", actorId: supervisor.actor.id });
    expect(views).toHaveLength(3);
    expect(views[0]!.details).toMatchObject({ staff: agentA.id, page: 1, rows: 50, total: 120 });
  });

  it("filters by notice reference, event type and dates (UTC, both inclusive)", async () => {
    const byRef = await viewAuditTrail(env.ctx, supervisor.actor, testMeta(), filters(`reference=${noticeRef.replace(/-/g, " ")}`).filters, 1);
    expect(byRef.total).toBe(5);
    expect(byRef.rows.every((r) => r.subject === `notice ${noticeRef}` && r.actor === agentB.email)).toBe(true);
    const search = await viewAuditTrail(env.ctx, supervisor.actor, testMeta(), filters(`reference=${noticeRef}&action=notice.search`).filters, 1);
    expect(search.total).toBe(1);
    const unknownRef = await viewAuditTrail(env.ctx, supervisor.actor, testMeta(), filters("reference=0000-0000-0001").filters, 1);
    expect(unknownRef.total).toBe(0);
    // Views start 2026-11-20 09:20 and run every 20 minutes: 44 on the 20th, 72 on the 21st, 4+5 on the 22nd.
    const day1 = await viewAuditTrail(env.ctx, supervisor.actor, testMeta(), filters(`staff=${agentA.id}&from=2026-11-20&to=2026-11-20`).filters, 1);
    expect(day1.total).toBe(44);
    const day2 = await viewAuditTrail(env.ctx, supervisor.actor, testMeta(), filters(`staff=${agentA.id}&from=2026-11-21&to=2026-11-21`).filters, 1);
    expect(day2.total).toBe(72);
  });

  it("refuses bad filters with a reason, keeping what was typed", () => {
    const p = parseAuditFilters(new URLSearchParams("staff=nope&reference=12&action=bogus&from=2026-02-30&to=2026-01-01"));
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.errors.map((e) => e.field).sort()).toEqual(["action", "from", "reference", "staff"]);
    expect(p.values.reference).toBe("12");
    const order = parseAuditFilters(new URLSearchParams("from=2026-02-02&to=2026-01-01"));
    expect(order.ok ? [] : order.errors).toEqual([{ field: "to", message: "The end date is before the start date." }]);
  });

  it("exports CSV that a spreadsheet cannot turn into formulas, and the export is audited before the first byte", async () => {
    const f = filters(`reference=${noticeRef}`);
    const out = await exportAuditCsv(env.ctx, supervisor.actor, testMeta(), f.filters);
    expect(out.rows).toBe(5);
    expect(out.filename).toMatch(/^audit-trail-\d{4}-\d{2}-\d{2}\.csv$/);
    const exported = await auditRows(env.ctx, { action: "audit.export", actorId: supervisor.actor.id });
    expect(exported).toHaveLength(1);
    expect(exported[0]!.details).toMatchObject({ reference: noticeRef, rows: 5 });
    const text = await new Response(out.body).text();
    const records = parse(text) as string[][];
    expect(records[0]).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(records).toHaveLength(6);
    const reasons = records.slice(1).map((r) => r[7]);
    expect(reasons).toContain(`'=HYPERLINK("http://evil.example","click")`);
    expect(records.slice(1).map((r) => r[8])).toContain("'+1 555 0100");
    for (const r of records.slice(1)) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(text).toContain("\r\n");
  });

  it("exports every matching row (124 views by two agents) and an empty result as just the header", async () => {
    const all = await exportAuditCsv(env.ctx, supervisor.actor, testMeta(), filters("action=notice.view").filters);
    const records = parse(await new Response(all.body).text()) as string[][];
    expect(records.length - 1).toBe(all.rows);
    expect(all.rows).toBe(124);
    const none = await exportAuditCsv(env.ctx, supervisor.actor, testMeta(), filters("reference=0000-0000-0001").filters);
    expect(await new Response(none.body).text()).toBe(AUDIT_CSV_COLUMNS.join(",") + "\r\n");
  });

  it("formulaSafe prefixes exactly the dangerous first characters", () => {
    expect(["=1", "+1", "-1", "@a", "\tx", "\rx", "a=1", "1-2", ""].map(formulaSafe)).toEqual(["'=1", "'+1", "'-1", "'@a", "'\tx", "'\rx", "a=1", "1-2", ""]);
  });

  it("the services refuse an agent too, not only the routes", async () => {
    const agent = await signedIn(env.ctx, agentA);
    await expect(viewAuditTrail(env.ctx, agent.actor, testMeta(), {}, 1)).rejects.toBeInstanceOf(StaffForbiddenError);
    await expect(exportAuditCsv(env.ctx, agent.actor, testMeta(), {})).rejects.toBeInstanceOf(StaffForbiddenError);
    expect(await auditRows(env.ctx, { actorId: agent.actor.id, action: "audit.view" })).toEqual([]);
  });
});
