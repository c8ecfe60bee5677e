import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { auditEvents, emailMessages, enrollments, monitoringCodes, notices, poolAlerts } from "../../../db/schema/index";
import { enrollInMonitoring, enrollOnBehalf, getEnrollmentView } from "~/services/enrollment/enroll.server";
import { getPoolStatus } from "~/services/enrollment/pool.server";
import { importMonitoringCodes } from "~/services/enrollment/pool-import.server";
import {
  enrollmentRate,
  enrollmentsPerDay,
  enrollmentsPerOrganization,
  enrollmentsPerProduct,
  enrollmentsPerState,
} from "~/services/reports/enrollment.server";
import { openTestEnv, type TestEnv } from "../../support/db";
import { createIncident, createBatch, createMailedWorld, createNotice, createOrganization } from "../../factories";
import { CLI, createAdmin, loadCodes, meta, vendorCodes } from "./support";

let env: TestEnv;
beforeAll(async () => {
  // 2026-11-20: the factories' incident has enroll-by 2027-02-11, so the offer is open.
  env = await openTestEnv({ start: "2026-11-20T15:00:00Z" });
});
afterAll(async () => {
  await env?.close();
});

const web = (noticeId: number, extra: Partial<Parameters<typeof enrollInMonitoring>[2]> = {}) =>
  enrollInMonitoring(env.ctx, meta(), { noticeId, termsAccepted: true, language: "en", ...extra });

describe(`enrollment in the monitoring offer (${process.env.TEST_DB_KIND})`, () => {
  it("an adult enrolls: one code, 12 months of coverage, a confirmation queued, an audit row — and nothing personal in the email", async () => {
    const { incident, batch } = await createMailedWorld(env.ctx);
    const codes = vendorCodes(5);
    const load = await loadCodes(env.ctx, incident.id, "adult", codes);
    expect(load).toMatchObject({ loaded: 5, duplicates: 0, invalid: [] });
    const { notice } = await createNotice(env.ctx, batch, { dateOfBirth: "1961-03-09", exposed: ["ssn", "diagnosis"] });

    const result = await web(notice.id, { email: "maria@example.test" });
    expect(result).toMatchObject({ kind: "enrolled", created: true });

    const view = await getEnrollmentView(env.ctx, notice.id);
    expect(view).toMatchObject({ status: "enrolled", product: "adult", enrolledOn: "2026-11-20", coverageStart: "2026-11-20", coverageEnd: "2027-11-19" });
    expect(codes).toContain(view!.monitoringCode);

    const mail = await env.ctx.db.select().from(emailMessages).where(eq(emailMessages.noticeId, notice.id));
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ kind: "enrollment_confirmed", status: "pending" });
    const body = `${mail[0]!.subject}\n${mail[0]!.bodyText}\n${mail[0]!.bodyHtml}`;
    expect(body).toContain("your enrollment in free credit monitoring is confirmed".replace(/^y/, "Y"));
    expect(body).toContain(env.config.publicUrl);
    for (const secret of [view!.monitoringCode!, "1961-03-09", "maria@example.test", "diagnosis", "Diagnosis", "Social Security"]) {
      expect(body).not.toContain(secret);
    }
    // The recipient is stored encrypted only.
    expect(mail[0]!.toEnc).not.toContain("maria");

    const audit = await env.ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "enrollment.create"), eq(auditEvents.subjectId, String(notice.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "patient", outcome: "success" });
    expect(JSON.stringify(audit)).not.toContain(view!.monitoringCode!);

    // A second submit (refresh, second tab) changes nothing.
    expect(await web(notice.id, { email: "other@example.test" })).toMatchObject({
      kind: "enrolled",
      enrollmentId: result.kind === "enrolled" ? result.enrollmentId : -1,
      created: false,
    });
    expect(await env.ctx.db.select().from(emailMessages).where(eq(emailMessages.noticeId, notice.id))).toHaveLength(1);
    expect(await env.ctx.db.select().from(monitoringCodes).where(eq(monitoringCodes.noticeId, notice.id))).toHaveLength(1);
  });

  it("50 concurrent submits for one notice give one enrollment and one code", async () => {
    const { incident, batch } = await createMailedWorld(env.ctx);
    await loadCodes(env.ctx, incident.id, "adult", vendorCodes(20));
    const { notice } = await createNotice(env.ctx, batch);

    const results = await Promise.all(Array.from({ length: 50 }, () => web(notice.id, { email: "twice@example.test" })));
    const ids = new Set(results.map((r) => (r.kind === "enrolled" ? r.enrollmentId : r.kind)));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.kind === "enrolled" && r.created)).toHaveLength(1);

    expect(await env.ctx.db.select().from(enrollments).where(eq(enrollments.noticeId, notice.id))).toHaveLength(1);
    const claimed = await env.ctx.db
      .select()
      .from(monitoringCodes)
      .where(and(eq(monitoringCodes.incidentId, incident.id), isNotNull(monitoringCodes.claimedAt)));
    expect(claimed).toHaveLength(1);
    expect(claimed[0]!.noticeId).toBe(notice.id);
    expect(await env.ctx.db.select().from(emailMessages).where(eq(emailMessages.noticeId, notice.id))).toHaveLength(1);
    const status = await getPoolStatus(env.ctx, incident.id);
    expect(status!.products.find((p) => p.product === "adult")).toMatchObject({ loaded: 20, claimed: 1, remaining: 19 });
  });

  it("200 concurrent enrollments with 150 codes: 150 distinct codes, 50 waiting, admins alerted once — then new codes enroll and email the waiting", async () => {
    const incident = await createIncident(env.ctx);
    const org = await createOrganization(env.ctx, incident);
    const batch = await createBatch(env.ctx, org);
    const admin = await createAdmin(env.ctx);
    await loadCodes(env.ctx, incident.id, "adult", vendorCodes(150));
    const people: (typeof notices.$inferSelect)[] = [];
    for (let i = 0; i < 200; i++) people.push((await createNotice(env.ctx, batch, { email: i % 2 ? `p${i}@example.test` : undefined })).notice);

    const results = await Promise.all(people.map((n, i) => web(n.id, { email: i % 4 === 0 ? `typed${i}@example.test` : null })));
    expect(results.filter((r) => r.kind === "enrolled")).toHaveLength(150);
    expect(results.filter((r) => r.kind === "waiting")).toHaveLength(50);

    const claimed = await env.ctx.db
      .select({ id: monitoringCodes.id, noticeId: monitoringCodes.noticeId })
      .from(monitoringCodes)
      .where(and(eq(monitoringCodes.incidentId, incident.id), isNotNull(monitoringCodes.claimedAt)));
    expect(claimed).toHaveLength(150);
    expect(new Set(claimed.map((c) => c.noticeId)).size).toBe(150);
    const rows = await env.ctx.db.select().from(enrollments).where(eq(enrollments.incidentId, incident.id));
    expect(rows).toHaveLength(200);
    const enrolled = rows.filter((r) => r.status === "enrolled");
    expect(new Set(enrolled.map((r) => r.monitoringCodeId)).size).toBe(150);
    for (const r of enrolled) expect(claimed.find((c) => c.id === r.monitoringCodeId)!.noticeId).toBe(r.noticeId);
    expect(rows.filter((r) => r.status === "waiting" && r.monitoringCodeId !== null)).toHaveLength(0);

    // Admins: one "low" and one "empty" alert, each emailed once, whatever the concurrency.
    const alerts = await env.ctx.db.select().from(poolAlerts).where(eq(poolAlerts.incidentId, incident.id));
    expect(alerts.map((a) => a.kind).sort()).toEqual(["empty", "low"]);
    const adminMail = await env.ctx.db
      .select()
      .from(emailMessages)
      .where(sql`${emailMessages.dedupeKey} like ${`pool_%:%:${admin.id}`}`);
    expect(adminMail.map((m) => m.kind).sort()).toEqual(["pool_empty", "pool_low"]);
    expect((await getPoolStatus(env.ctx, incident.id))!.products[0]).toMatchObject({ remaining: 0, waiting: 50, low: true });

    // Codes arrive: the 50 waiting are enrolled, oldest first, and emailed where there is an address.
    const more = await loadCodes(env.ctx, incident.id, "adult", vendorCodes(60));
    expect(more).toMatchObject({ loaded: 60, enrolledFromWaiting: 50 });
    const after = await env.ctx.db.select().from(enrollments).where(eq(enrollments.incidentId, incident.id));
    expect(after.filter((r) => r.status === "enrolled")).toHaveLength(200);
    const waitingIds = rows.filter((r) => r.status === "waiting").map((r) => r.noticeId);
    const readyMail = await env.ctx.db.select().from(emailMessages).where(eq(emailMessages.kind, "enrollment_ready"));
    const expected = waitingIds.filter((id) => {
      const i = people.findIndex((p) => p.id === id);
      return i % 2 === 1 || i % 4 === 0;
    });
    expect(readyMail.map((m) => m.noticeId).sort()).toEqual(expected.sort());
    const open = await env.ctx.db
      .select()
      .from(poolAlerts)
      .where(and(eq(poolAlerts.incidentId, incident.id), sql`cleared_at is null`));
    expect(open.map((a) => a.kind)).not.toContain("empty");
    // Still every code once.
    const all = await env.ctx.db
      .select()
      .from(monitoringCodes)
      .where(and(eq(monitoringCodes.incidentId, incident.id), isNotNull(monitoringCodes.noticeId)));
    expect(new Set(all.map((c) => c.noticeId)).size).toBe(200);

    // Reports count them.
    expect(await enrollmentsPerProduct(env.ctx, { incidentId: incident.id })).toEqual([
      { product: "adult", enrolled: 200, waiting: 0 },
      { product: "minor", enrolled: 0, waiting: 0 },
    ]);
    expect(await enrollmentsPerDay(env.ctx, { incidentId: incident.id })).toEqual([{ day: "2026-11-20", enrolled: 200 }]);
    expect(await enrollmentsPerState(env.ctx, { incidentId: incident.id })).toEqual([{ state: "MI", notified: 200, checked: 0, enrolled: 200, rate: 1 }]);
    expect((await enrollmentsPerOrganization(env.ctx, { incidentId: incident.id }))[0]).toMatchObject({ notified: 200, enrolled: 200, rate: 1 });
    expect(await enrollmentRate(env.ctx, { incidentId: incident.id })).toMatchObject({ notified: 200, enrolled: 200, waiting: 0, rate: 1 });
  });

  it("the same codes loaded twice are loaded once; bad lines are reported by line number only", async () => {
    const { incident } = await createMailedWorld(env.ctx);
    const codes = vendorCodes(3);
    await loadCodes(env.ctx, incident.id, "minor", codes);
    const lines = [...codes, "", "# comment", "bad code!", codes[0]!];
    const refused = await loadCodes(env.ctx, incident.id, "minor", lines);
    expect(refused).toMatchObject({ refused: true, loaded: 0 });
    const again = await importMonitoringCodes(env.ctx, CLI, null, { incidentId: incident.id, product: "minor", text: lines.join("\n"), skipInvalid: true });
    expect(again).toMatchObject({ refused: false, loaded: 0, duplicates: 4 });
    expect(again.invalid).toEqual([{ line: 6, reason: expect.stringContaining("not a code") }]);
    expect(JSON.stringify(again)).not.toContain("bad code!");
    expect((await getPoolStatus(env.ctx, incident.id))!.products.find((p) => p.product === "minor")!.loaded).toBe(3);
  });

  it("a minor is enrolled by a guardian who gives their name, with the minor product", async () => {
    const { incident, batch } = await createMailedWorld(env.ctx);
    await loadCodes(env.ctx, incident.id, "adult", vendorCodes(2, "AD"));
    const minorCodes = vendorCodes(2, "MI");
    await loadCodes(env.ctx, incident.id, "minor", minorCodes);
    const { notice } = await createNotice(env.ctx, batch, { dateOfBirth: "2015-06-01" });
    expect(notice.isMinor).toBe(true);
    expect(await web(notice.id)).toEqual({ kind: "invalid", problem: "guardian_name" });
    expect(await env.ctx.db.select().from(enrollments).where(eq(enrollments.noticeId, notice.id))).toHaveLength(0);
    expect(await web(notice.id, { guardianName: "Ana Lopez" })).toMatchObject({ kind: "enrolled" });
    const view = await getEnrollmentView(env.ctx, notice.id);
    expect(view!.product).toBe("minor");
    expect(minorCodes).toContain(view!.monitoringCode);
    const [row] = await env.ctx.db.select().from(enrollments).where(eq(enrollments.noticeId, notice.id));
    expect(row!.guardianNameEnc).not.toContain("Ana");
    expect(env.ctx.cipher.decrypt("guardian_name", row!.guardianNameEnc!)).toBe("Ana Lopez");
  });

  it("a deceased person's notice offers no enrollment, and after the enroll-by date the offer is closed", async () => {
    const { incident, batch } = await createMailedWorld(env.ctx);
    await loadCodes(env.ctx, incident.id, "adult", vendorCodes(3));
    const deceased = await createNotice(env.ctx, batch, { deceased: true });
    expect(await web(deceased.notice.id)).toEqual({ kind: "deceased" });
    const late = await createNotice(env.ctx, batch);
    env.clock.set("2027-02-12T00:30:00Z");
    try {
      expect(await web(late.notice.id)).toEqual({ kind: "closed" });
    } finally {
      env.clock.set("2026-11-20T15:00:00Z");
    }
    const rows = await env.ctx.db.select().from(enrollments).where(eq(enrollments.incidentId, incident.id));
    expect(rows).toHaveLength(0);
    expect((await getPoolStatus(env.ctx, incident.id))!.products[0]!.claimed).toBe(0);
  });

  it("an agent enrolls a caller on their behalf, recording the agent, the verbal consent and the call reference", async () => {
    const { incident, batch } = await createMailedWorld(env.ctx);
    await loadCodes(env.ctx, incident.id, "adult", vendorCodes(2));
    const { notice } = await createNotice(env.ctx, batch);
    const agent = { id: "00000000-0000-4000-8000-000000000001", role: "agent" as const };
    expect(await enrollOnBehalf(env.ctx, agent, meta(), { noticeId: notice.id, verbalConsent: false, callReference: "CALL-1" })).toEqual({
      kind: "invalid",
      problem: "consent",
    });
    expect(await enrollOnBehalf(env.ctx, agent, meta(), { noticeId: notice.id, verbalConsent: true, callReference: "  " })).toEqual({
      kind: "invalid",
      problem: "call_reference",
    });
    const result = await enrollOnBehalf(env.ctx, agent, meta(), { noticeId: notice.id, verbalConsent: true, callReference: "CALL-2026-0042" });
    expect(result).toMatchObject({ kind: "enrolled", created: true });
    const [row] = await env.ctx.db.select().from(enrollments).where(eq(enrollments.noticeId, notice.id));
    expect(row).toMatchObject({ channel: "call_center", actorId: agent.id, verbalConsent: true, callReference: "CALL-2026-0042", termsAcceptedAt: null });
    const audit = await env.ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "enrollment.create"), eq(auditEvents.subjectId, String(notice.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "staff", actorId: agent.id, actorRole: "agent", callReference: "CALL-2026-0042" });
    // The person then signs in on the web: they are already enrolled, same code.
    expect(await web(notice.id)).toMatchObject({ kind: "enrolled", created: false });
  });
});
