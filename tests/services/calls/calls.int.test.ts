import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { calls, enrollments, monitoringCodes, notices, reprintRequests } from "../../../db/schema/index";
import { performCallAction } from "~/services/calls/actions.server";
import { closeAbandonedCalls } from "~/services/calls/abandoned.server";
import { getCallPage } from "~/services/calls/call.server";
import { exportReprints } from "~/services/calls/reprint.server";
import { getCallCenterOverview } from "~/services/calls/supervisor.server";
import { redeemActivationCode } from "~/services/notices/check.server";
import { getExposure } from "~/services/notices/exposure.server";
import { endStaffSession } from "~/services/staff/session.server";
import { createMailedWorld, createNotice, reloadNotice } from "../../factories";
import { openTestEnv, type TestEnv } from "../../support/db";
import { auditRows, createStaff, signedIn, testMeta } from "../../support/staff";
import { CLI, loadCodes, meta as patientMeta, vendorCodes } from "../enrollment/support";
import { parseCallAction } from "~/services/calls/schemas";
import { callRef, lookup, startCall, verifiedCall } from "./support";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

let env: TestEnv;
let world: Awaited<ReturnType<typeof createMailedWorld>>;
let agent: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  env = await openTestEnv();
  world = await createMailedWorld(env.ctx);
  agent = await signedIn(env.ctx, await createStaff(env.ctx, "agent"));
});
afterAll(async () => {
  await env?.close();
});

const check = (code: string, dateOfBirth: string) => redeemActivationCode(env.ctx, patientMeta(), { code, dateOfBirth });

describe(`the call-center console's services (${process.env.TEST_DB_KIND})`, () => {
  it("an agent finds a caller three ways; each search is audited with its call reference, and opens a call", async () => {
    const { notice, code, person } = await createNotice(env.ctx, world.batch, { lastName: "Okonkwo-Smith", dateOfBirth: "1961-03-09", zip: "48202" });
    const ways = [
      { by: "reference" as const, referenceNumber: notice.referenceNumber.replace(/-/g, "") },
      { by: "code" as const, activationCode: code.toLowerCase() },
      { by: "search" as const, lastName: "okonkwo smith", dateOfBirth: person.dateOfBirth, zip: "48202-1234" },
    ];
    for (const criteria of ways) {
      const ref = callRef();
      const r = await lookup(env.ctx, agent.actor, criteria, ref);
      expect(r.kind, criteria.by).toBe("found");
      const [row] = (await auditRows(env.ctx, { action: "notice.search", actorId: agent.actor.id })).filter((a) => a.callReference === ref);
      expect(row).toMatchObject({ outcome: "success", subjectType: "notice", subjectId: String(notice.id), reason: "Caller asking about their letter" });
      expect(row!.details).toMatchObject({ by: criteria.by, matches: 1 });
      const [call] = await env.ctx.db
        .select()
        .from(calls)
        .where(eq(calls.id, (r as { callId: string }).callId));
      expect(call).toMatchObject({ noticeId: notice.id, agentId: agent.actor.id, callReference: ref, lookupBy: criteria.by, verification: "pending" });
    }
    // A miss is audited too, without a subject, and opens no call.
    const ref = callRef();
    expect((await lookup(env.ctx, agent.actor, { by: "search", lastName: "Nobody", dateOfBirth: "1961-03-09", zip: "48202" }, ref)).kind).toBe("none");
    const miss = (await auditRows(env.ctx, { action: "notice.search" })).find((a) => a.callReference === ref)!;
    expect(miss).toMatchObject({ outcome: "failure", subjectId: null });
    expect(JSON.stringify(miss.details)).not.toMatch(/Nobody|1961/);
  });

  it("a last-name search matching two people reveals neither and opens no call", async () => {
    await createNotice(env.ctx, world.batch, { lastName: "Twin", dateOfBirth: "1990-01-01", zip: "48226" });
    await createNotice(env.ctx, world.batch, { lastName: "Twin", dateOfBirth: "1990-01-01", zip: "48226" });
    const before = (await env.ctx.db.select().from(calls)).length;
    const ref = callRef();
    const r = await lookup(env.ctx, agent.actor, { by: "search", lastName: "TWIN", dateOfBirth: "1990-01-01", zip: "48226" }, ref);
    expect(r).toEqual({ kind: "many" });
    expect((await env.ctx.db.select().from(calls)).length).toBe(before);
    const row = (await auditRows(env.ctx, { action: "notice.search" })).find((a) => a.callReference === ref)!;
    expect(row).toMatchObject({ outcome: "failure", subjectId: null });
    expect(row.details).toMatchObject({ matches: "many" });
  });

  it("before verification the call shows only what verifies the caller, and every action is refused", async () => {
    const { notice } = await createNotice(env.ctx, world.batch, { firstName: "Ana", lastName: "Verify" });
    const callId = await startCall(env.ctx, agent.actor, notice.referenceNumber);
    const page = await getCallPage(env.ctx, agent.actor, testMeta(), callId);
    expect(page!.help).toBeNull();
    expect(page!.verify).toMatchObject({ fullName: "Ana Verify", dateOfBirth: "1970-05-17" });
    expect(JSON.stringify(page)).not.toMatch(/ssn|diagnosis/);
    for (const action of [
      { intent: "unlock" as const },
      { intent: "enroll" as const, verbalConsent: "yes" as const },
      { intent: "resend" as const },
      { intent: "email" as const, email: "x@example.test" },
      { intent: "reissue" as const },
      { intent: "flag" as const, flag: "fraud" as const },
    ]) {
      expect((await performCallAction(env.ctx, agent.actor, testMeta(), callId, action)).kind, action.intent).toBe("unverified");
    }
    const denied = (await auditRows(env.ctx, { action: "staff.access.denied", actorId: agent.actor.id })).filter((a) => a.subjectId === callId);
    expect(denied).toHaveLength(6);
    expect(await env.ctx.db.select().from(enrollments).where(eq(enrollments.noticeId, notice.id))).toEqual([]);
    expect((await reloadNotice(env.ctx, notice.id)).codeHash.equals(notice.codeHash)).toBe(true);
    // Another agent cannot open or act on this call.
    const other = await signedIn(env.ctx, await createStaff(env.ctx, "agent"));
    expect(await getCallPage(env.ctx, other.actor, testMeta(), callId)).toBeNull();
    expect((await performCallAction(env.ctx, other.actor, testMeta(), callId, { intent: "verify", outcome: "pass" })).kind).toBe("notFound");
    // After a pass: the categories, and a notice.view audited with the call reference.
    await performCallAction(env.ctx, agent.actor, testMeta(), callId, { intent: "verify", outcome: "pass" });
    const after = await getCallPage(env.ctx, agent.actor, testMeta(), callId);
    expect(after!.verify).toBeNull();
    expect(after!.help!.categories).toEqual(expect.arrayContaining(["ssn", "diagnosis", "name"]));
    const views = (await auditRows(env.ctx, { action: "notice.view", subjectId: String(notice.id) })).map((v) => v.details?.stage);
    expect(views).toEqual(["verify", "help"]);
  });

  it("a failed verification is audited and counts toward the notice's lock like a wrong date of birth", async () => {
    const { notice, code, person } = await createNotice(env.ctx, world.batch);
    await env.ctx.db.update(notices).set({ failedChecks: 9 }).where(eq(notices.id, notice.id));
    const callId = await startCall(env.ctx, agent.actor, notice.referenceNumber);
    const r = await performCallAction(env.ctx, agent.actor, testMeta(), callId, { intent: "verify", outcome: "fail" });
    expect(r).toMatchObject({ kind: "done", message: "verifyFailedLocked" });
    expect((await reloadNotice(env.ctx, notice.id)).lockedUntil).not.toBeNull();
    expect((await check(code, person.dateOfBirth)).kind).toBe("mismatch");
    const [row] = await auditRows(env.ctx, { action: "call.verify", subjectId: String(notice.id) });
    expect(row).toMatchObject({ outcome: "failure" });
    // Three failures per call at most.
    await performCallAction(env.ctx, agent.actor, testMeta(), callId, { intent: "verify", outcome: "fail" });
    await performCallAction(env.ctx, agent.actor, testMeta(), callId, { intent: "verify", outcome: "fail" });
    expect(await performCallAction(env.ctx, agent.actor, testMeta(), callId, { intent: "verify", outcome: "pass" })).toMatchObject({
      kind: "problem",
      message: "tooManyFailures",
    });
  });

  it("an unlock lets the patient in again", async () => {
    const { notice, code, person } = await createNotice(env.ctx, world.batch);
    for (let i = 0; i < 10; i++) expect((await check(code, "1900-01-01")).kind).toBe("mismatch");
    expect((await reloadNotice(env.ctx, notice.id)).lockedUntil).not.toBeNull();
    expect((await check(code, person.dateOfBirth)).kind).toBe("mismatch");
    const callId = await verifiedCall(env.ctx, agent.actor, notice.referenceNumber);
    expect(await performCallAction(env.ctx, agent.actor, testMeta(), callId, { intent: "unlock" })).toMatchObject({ kind: "done", message: "unlocked" });
    expect((await check(code, person.dateOfBirth)).kind).toBe("match");
    const [row] = await auditRows(env.ctx, { action: "notice.unlock", subjectId: String(notice.id) });
    expect(row!.callReference).toMatch(/^PBX-/);
  });

  it("a reissued letter's old code fails the patient check, the new one (only in the reprint file) passes", async () => {
    const { notice, code, person } = await createNotice(env.ctx, world.batch);
    const callId = await verifiedCall(env.ctx, agent.actor, notice.referenceNumber);
    expect(await performCallAction(env.ctx, agent.actor, testMeta(), callId, { intent: "reissue" })).toMatchObject({ kind: "done", message: "reissued" });
    expect((await check(code, person.dateOfBirth)).kind).toBe("mismatch");
    const dir = await mkdtemp(path.join(tmpdir(), "reprint-"));
    const out = path.join(dir, "reprint.csv");
    const { letters } = await exportReprints(env.ctx, CLI, out);
    expect(letters).toBe(1);
    const rows = parse(readFileSync(out, "utf8"), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      "reference_number",
      "external_id",
      "letter_variant",
      "language",
      "full_name",
      "address_line1",
      "address_line2",
      "city",
      "state",
      "zip",
      "activation_code",
      "enroll_by",
    ]);
    expect(rows[0]!.reference_number).toBe(notice.referenceNumber);
    expect((await check(rows[0]!.activation_code!, person.dateOfBirth)).kind).toBe("match");
    // Exported once: the code is wiped from the database and the next export is empty.
    const [req] = await env.ctx.db.select().from(reprintRequests).where(eq(reprintRequests.noticeId, notice.id));
    expect(req).toMatchObject({ codeEnc: null });
    expect(req!.exportedAt).not.toBeNull();
    expect((await exportReprints(env.ctx, CLI, path.join(dir, "again.csv"))).letters).toBe(0);
    expect(await auditRows(env.ctx, { action: "reprint.export" })).toHaveLength(2);
  });

  it("enroll on behalf gives exactly one enrollment even when posted twice at once", async () => {
    await loadCodes(env.ctx, world.incident.id, "adult", vendorCodes(5));
    const { notice } = await createNotice(env.ctx, world.batch);
    const callId = await verifiedCall(env.ctx, agent.actor, notice.referenceNumber);
    const results = await Promise.all(
      [0, 1].map(() => performCallAction(env.ctx, agent.actor, testMeta(), callId, { intent: "enroll", verbalConsent: "yes", email: "caller@example.test" })),
    );
    expect(results.map((r) => r.kind)).toEqual(["done", "done"]);
    expect(results.map((r) => (r as { message: string }).message).sort()).toEqual(["enroll_already", "enroll_enrolled"]);
    const rows = await env.ctx.db.select().from(enrollments).where(eq(enrollments.noticeId, notice.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: "call_center", verbalConsent: true, actorId: agent.actor.id });
    expect(await env.ctx.db.select().from(monitoringCodes).where(eq(monitoringCodes.noticeId, notice.id))).toHaveLength(1);
    expect(await performCallAction(env.ctx, agent.actor, testMeta(), callId, { intent: "resend" })).toMatchObject({ kind: "done", message: "resent" });
  });

  it("a fraud flag stops every code online until a reissue; a deceased flag keeps the check and stops enrollment", async () => {
    const fraud = await createNotice(env.ctx, world.batch);
    const callId = await verifiedCall(env.ctx, agent.actor, fraud.notice.referenceNumber);
    const before = await check(fraud.code, fraud.person.dateOfBirth);
    expect(before.kind).toBe("match");
    await performCallAction(env.ctx, agent.actor, testMeta(), callId, { intent: "flag", flag: "fraud" });
    expect((await check(fraud.code, fraud.person.dateOfBirth)).kind).toBe("mismatch");
    expect(await getExposure(env.ctx, fraud.notice.id)).toBeNull();
    await performCallAction(env.ctx, agent.actor, testMeta(), callId, { intent: "reissue" });
    expect((await reloadNotice(env.ctx, fraud.notice.id)).fraudFlaggedAt).toBeNull();

    const dead = await createNotice(env.ctx, world.batch);
    const call2 = await verifiedCall(env.ctx, agent.actor, dead.notice.referenceNumber);
    await performCallAction(env.ctx, agent.actor, testMeta(), call2, { intent: "flag", flag: "deceased" });
    expect((await check(dead.code, dead.person.dateOfBirth)).kind).toBe("match");
    expect((await getExposure(env.ctx, dead.notice.id))!.audience).toBe("deceased");
    expect(await performCallAction(env.ctx, agent.actor, testMeta(), call2, { intent: "enroll", verbalConsent: "yes" })).toMatchObject({
      kind: "problem",
      message: "offer_deceased",
    });
    const flags = (await auditRows(env.ctx, { action: "notice.flag" })).map((r) => r.details?.flag);
    expect(flags).toEqual(["fraud", "deceased"]);
  });

  it("every call ends with a disposition; a call left open is closed as abandoned when the session ends", async () => {
    const { notice } = await createNotice(env.ctx, world.batch);
    const callId = await startCall(env.ctx, agent.actor, notice.referenceNumber);
    // No disposition before a verification outcome; after a failed one, "wrong person / not found".
    expect((await performCallAction(env.ctx, agent.actor, testMeta(), callId, { intent: "end", disposition: "not_found", note: "" })).kind).toBe("unverified");
    await performCallAction(env.ctx, agent.actor, testMeta(), callId, { intent: "verify", outcome: "fail" });
    expect(
      await performCallAction(env.ctx, agent.actor, testMeta(), callId, { intent: "end", disposition: "not_found", note: "could not verify" }),
    ).toMatchObject({ kind: "done", ended: true });
    expect(await performCallAction(env.ctx, agent.actor, testMeta(), callId, { intent: "verify", outcome: "pass" })).toEqual({ kind: "ended" });
    // The caller hangs up before verification: the agent closes the call as abandoned.
    const hungUp = await startCall(env.ctx, agent.actor, notice.referenceNumber);
    expect(await performCallAction(env.ctx, agent.actor, testMeta(), hungUp, { intent: "hangup" })).toMatchObject({ kind: "done", ended: true });
    expect((await env.ctx.db.select().from(calls).where(eq(calls.id, hungUp)))[0]).toMatchObject({ disposition: "abandoned" });

    const leaving = await signedIn(env.ctx, await createStaff(env.ctx, "agent"));
    const open = await startCall(env.ctx, leaving.actor, notice.referenceNumber);
    expect(await closeAbandonedCalls(env.ctx)).toBe(0);
    await env.ctx.db.transaction((tx) => endStaffSession(tx, leaving.actor.sessionId, env.ctx.now(), "signout"));
    expect(await closeAbandonedCalls(env.ctx)).toBe(1);
    const [row] = await env.ctx.db.select().from(calls).where(eq(calls.id, open));
    expect(row).toMatchObject({ disposition: "abandoned" });
    expect(row!.endedAt).not.toBeNull();
    const ends = (await auditRows(env.ctx, { action: "call.end" })).filter((a) => a.details?.callId === open);
    expect(ends).toMatchObject([{ actorType: "system", details: { disposition: "abandoned" } }]);

    // Idle for more than 30 minutes: no one saw the session end, the sweep closes the call anyway.
    const idle = await signedIn(env.ctx, await createStaff(env.ctx, "agent"));
    const idleCall = await startCall(env.ctx, idle.actor, notice.referenceNumber);
    env.clock.advance(31 * 60 * 1000);
    expect(await closeAbandonedCalls(env.ctx)).toBeGreaterThanOrEqual(1);
    const [idleRow] = await env.ctx.db.select().from(calls).where(eq(calls.id, idleCall));
    expect(idleRow!.disposition).toBe("abandoned");
  });

  it("a note that looks like personal data is refused", () => {
    for (const note of ["dob 05/17/1970", "email maria@example.com", "zip 48201", "called from 313 555 0100", "code ABCD-1234"]) {
      expect(parseCallAction(form({ intent: "end", disposition: "other", note })), note).toMatchObject({ ok: false, problem: "notePersonal" });
    }
    expect(parseCallAction(form({ intent: "end", disposition: "other", note: "explained the letter, 2 questions" }))).toMatchObject({ ok: true });
  });

  it("an agent over the lookup limit is slowed, then refused, counted before the lookup even when concurrent; supervisors see an alert", async () => {
    const limited = await openTestEnv({ config: { callLookupsPerHour: 3 } });
    try {
      const w = await createMailedWorld(limited.ctx);
      const { notice } = await createNotice(limited.ctx, w.batch);
      const busy = await signedIn(limited.ctx, await createStaff(limited.ctx, "agent"));
      const results = await Promise.all(
        Array.from({ length: 12 }, () => lookup(limited.ctx, busy.actor, { by: "reference", referenceNumber: notice.referenceNumber })),
      );
      // 3 at full speed, the slow band (5) delayed, the rest refused — exactly, under concurrency.
      expect(results.filter((r) => r.kind === "found")).toHaveLength(8);
      expect(results.filter((r) => r.kind === "refused")).toHaveLength(4);
      expect([...limited.slept].sort((a, b) => a - b)).toEqual([1000, 2000, 4000, 8000, 8000]);
      // A refused lookup ran no query and wrote no search row.
      expect(await auditRows(limited.ctx, { action: "notice.search" })).toHaveLength(8);
      const alerts = await auditRows(limited.ctx, { action: "call.lookup.limit" });
      expect(alerts).toHaveLength(1);
      const supervisor = await signedIn(limited.ctx, await createStaff(limited.ctx, "supervisor"));
      const overview = await getCallCenterOverview(limited.ctx, supervisor.actor, testMeta());
      expect(overview.alerts).toMatchObject([{ email: busy.actor.email, limitPerHour: 3 }]);
      expect(overview.agentsSignedIn.find((a) => a.email === busy.actor.email)).toMatchObject({ openCalls: 8 });
      // The next hour starts afresh.
      limited.clock.advance(60 * 60 * 1000);
      expect((await lookup(limited.ctx, busy.actor, { by: "reference", referenceNumber: notice.referenceNumber })).kind).toBe("found");
    } finally {
      await limited.close();
    }
  });
});
