import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { auditEvents, notices } from "../../../db/schema/index";
import { formatActivationCode } from "~/services/notices/activation-code.server";
import { LOCK_AFTER_FAILURES, LOCK_DURATION_MS, redeemActivationCode } from "~/services/notices/check.server";
import { getExposure } from "~/services/notices/exposure.server";
import { PATIENT_ABSOLUTE_MS, PATIENT_IDLE_MS, readPatientSession } from "~/services/patient/session.server";
import { BLOCK_AFTER_FAILURES, throttleKey } from "~/utils/rate-limit.server";
import { openTestEnv, type TestEnv } from "../../support/db";
import { createBatch, createMailedWorld, createNotice, reloadNotice } from "../../factories";

let env: TestEnv;
beforeAll(async () => {
  env = await openTestEnv();
});
afterAll(async () => {
  await env?.close();
});

let ipSeq = 0;
const meta = () => ({ ip: `203.0.113.${++ipSeq}`, requestId: `req-${ipSeq}` });

describe(`the patient check (${process.env.TEST_DB_KIND})`, () => {
  it("a person with the right code and date of birth gets a session for their notice only", async () => {
    const { batch } = await createMailedWorld(env.ctx);
    const mine = await createNotice(env.ctx, batch, { dateOfBirth: "1958-04-28", exposed: ["name", "ssn"] });
    const other = await createNotice(env.ctx, batch, { dateOfBirth: "1958-04-28", exposed: ["claims"] });

    const result = await redeemActivationCode(env.ctx, meta(), {
      code: formatActivationCode(mine.code).toLowerCase(),
      dateOfBirth: "1958-04-28",
    });
    expect(result.kind).toBe("match");
    if (result.kind !== "match") return;
    const session = await readPatientSession(env.ctx, result.token);
    expect(session && !session.expired && session.noticeId).toBe(mine.notice.id);
    expect(session && !session.expired && session.noticeId).not.toBe(other.notice.id);
    const exposure = await getExposure(env.ctx, mine.notice.id);
    expect(exposure?.categories).toEqual(["ssn", "name"]);

    const audit = await env.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, String(mine.notice.id)));
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([["patient.check", "success"]]);
    // The audit row never carries the code or the date of birth.
    expect(JSON.stringify(audit)).not.toContain("1958-04-28");
    expect(JSON.stringify(audit)).not.toContain(mine.code);
    expect((await reloadNotice(env.ctx, mine.notice.id)).firstCheckedAt).not.toBeNull();
  });

  it("a wrong code and a wrong date of birth give the same answer", async () => {
    const { batch } = await createMailedWorld(env.ctx);
    const n = await createNotice(env.ctx, batch, { dateOfBirth: "1980-01-02" });
    const wrongDob = await redeemActivationCode(env.ctx, meta(), { code: n.code, dateOfBirth: "1980-01-03" });
    // A well-formed code that exists nowhere.
    const other = await createNotice(env.ctx, batch);
    await env.ctx.db.delete(notices).where(eq(notices.id, other.notice.id));
    const wrongCode = await redeemActivationCode(env.ctx, meta(), { code: other.code, dateOfBirth: "1980-01-02" });
    expect(wrongDob).toEqual({ kind: "mismatch" });
    expect(wrongCode).toEqual({ kind: "mismatch" });
  });

  it("a typo in the check symbol is answered without a database lookup", async () => {
    const broken = { ...env.ctx, db: undefined as never };
    const result = await redeemActivationCode(broken, meta(), { code: "DEM0-M1N0-R8P3-W5ZN", dateOfBirth: "1980-01-02" });
    expect(result).toEqual({ kind: "typo" });
  });

  it("codes of a batch not yet mailed, or revoked, do not work", async () => {
    const { org } = await createMailedWorld(env.ctx);
    const pending = await createBatch(env.ctx, org, { status: "awaiting_mailing", mailedOn: null });
    const n = await createNotice(env.ctx, pending, { dateOfBirth: "1990-03-04" });
    expect(await redeemActivationCode(env.ctx, meta(), { code: n.code, dateOfBirth: "1990-03-04" })).toEqual({ kind: "mismatch" });
  });

  it("locks a notice at the 10th consecutive wrong date of birth, for an hour", async () => {
    const { batch } = await createMailedWorld(env.ctx);
    const n = await createNotice(env.ctx, batch, { dateOfBirth: "1966-06-06" });
    for (let i = 1; i < LOCK_AFTER_FAILURES; i++) {
      await redeemActivationCode(env.ctx, meta(), { code: n.code, dateOfBirth: "1966-06-07" });
    }
    expect((await reloadNotice(env.ctx, n.notice.id)).lockedUntil).toBeNull();
    await redeemActivationCode(env.ctx, meta(), { code: n.code, dateOfBirth: "1966-06-07" });
    expect((await reloadNotice(env.ctx, n.notice.id)).lockedUntil).not.toBeNull();

    // Locked: even the right date of birth gets the same answer as a wrong one.
    expect(await redeemActivationCode(env.ctx, meta(), { code: n.code, dateOfBirth: "1966-06-06" })).toEqual({ kind: "mismatch" });
    const locks = await env.ctx.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.action} = 'patient.check.locked' and ${auditEvents.subjectId} = ${String(n.notice.id)}`);
    expect(locks).toHaveLength(1);

    env.clock.advance(LOCK_DURATION_MS - 1000);
    expect((await redeemActivationCode(env.ctx, meta(), { code: n.code, dateOfBirth: "1966-06-06" })).kind).toBe("mismatch");
    env.clock.advance(2000);
    expect((await redeemActivationCode(env.ctx, meta(), { code: n.code, dateOfBirth: "1966-06-06" })).kind).toBe("match");
  });

  it("a right date of birth resets the count of consecutive failures", async () => {
    const { batch } = await createMailedWorld(env.ctx);
    const n = await createNotice(env.ctx, batch, { dateOfBirth: "1966-06-06" });
    for (let i = 0; i < LOCK_AFTER_FAILURES - 1; i++) await redeemActivationCode(env.ctx, meta(), { code: n.code, dateOfBirth: "1966-01-01" });
    expect((await redeemActivationCode(env.ctx, meta(), { code: n.code, dateOfBirth: "1966-06-06" })).kind).toBe("match");
    await redeemActivationCode(env.ctx, meta(), { code: n.code, dateOfBirth: "1966-01-01" });
    const after = await reloadNotice(env.ctx, n.notice.id);
    expect(after.failedChecks).toBe(1);
    expect(after.lockedUntil).toBeNull();
  });

  it("slows, then refuses with a retry time, an address that keeps failing", async () => {
    const { batch } = await createMailedWorld(env.ctx);
    const n = await createNotice(env.ctx, batch, { dateOfBirth: "1950-01-01" });
    const attacker = { ip: "198.51.100.7", requestId: "r" };
    env.slept.length = 0;
    let last;
    for (let i = 0; i < BLOCK_AFTER_FAILURES; i++) {
      last = await redeemActivationCode(env.ctx, attacker, { code: n.code, dateOfBirth: `1950-01-${String((i % 27) + 2).padStart(2, "0")}` });
    }
    expect(env.slept.length).toBeGreaterThan(0);
    expect(last).toMatchObject({ kind: "throttled" });
    // Blocked now: not even a lookup, whatever the input.
    const blocked = await redeemActivationCode(env.ctx, attacker, { code: n.code, dateOfBirth: "1950-01-01" });
    expect(blocked.kind).toBe("throttled");
    if (blocked.kind === "throttled") expect(blocked.retryAfterSeconds).toBeGreaterThan(0);
    // The notice itself got locked along the way; another person from another address is not affected.
    const m = await createNotice(env.ctx, batch, { dateOfBirth: "1950-01-01" });
    expect((await redeemActivationCode(env.ctx, meta(), { code: m.code, dateOfBirth: "1950-01-01" })).kind).toBe("match");
  });
});

describe(`the check's two statements: a read-only look, then one that decides and records (decision 110; ${process.env.TEST_DB_KIND})`, () => {
  const throttleRow = async (ip: string) => {
    const [row] = await env.database.rows<{ failures: number; blocked_until: Date | null }>(
      sql`select failures, blocked_until from throttles where key = ${throttleKey(env.ctx.config.codePepper, "check", ip)}`,
    );
    return row ?? null;
  };

  it("a check that gets in writes nothing for the throttle; a wrong one counts one failure, and a right one after it leaves that count", async () => {
    const { batch } = await createMailedWorld(env.ctx);
    const n = await createNotice(env.ctx, batch, { dateOfBirth: "1971-07-07" });
    const m = meta();
    expect((await redeemActivationCode(env.ctx, m, { code: n.code, dateOfBirth: "1971-07-07" })).kind).toBe("match");
    expect(await throttleRow(m.ip)).toBeNull();
    expect((await redeemActivationCode(env.ctx, m, { code: n.code, dateOfBirth: "1971-07-08" })).kind).toBe("mismatch");
    expect(await throttleRow(m.ip)).toMatchObject({ failures: 1 });
    expect((await redeemActivationCode(env.ctx, m, { code: n.code, dateOfBirth: "1971-07-07" })).kind).toBe("match");
    expect(await throttleRow(m.ip)).toMatchObject({ failures: 1, blocked_until: null });
  });

  it("a right answer from an address blocked between the look and the write is refused, and nothing of it is written", async () => {
    const { batch } = await createMailedWorld(env.ctx);
    const n = await createNotice(env.ctx, batch, { dateOfBirth: "1972-08-08" });
    const ip = "198.51.100.77";
    const key = throttleKey(env.ctx.config.codePepper, "check", ip);
    // Five failures already: the look says "go ahead after a pause". During the pause the
    // address's other guesses (simulated) block it.
    await env.database.rows(sql`insert into throttles (key, failures, window_start, updated_at) values (${key}, 5, now(), now())`);
    let paused = 0;
    const ctx = {
      ...env.ctx,
      sleep: async () => {
        paused++;
        await env.database.rows(sql`update throttles set failures = ${BLOCK_AFTER_FAILURES}, blocked_until = now() + interval '10 minutes' where key = ${key}`);
      },
    };
    const result = await redeemActivationCode(ctx, { ip, requestId: "blocked-between" }, { code: n.code, dateOfBirth: "1972-08-08" });
    expect(paused).toBe(1);
    expect(result.kind).toBe("throttled");
    if (result.kind === "throttled") expect(result.retryAfterSeconds).toBeGreaterThan(500);
    // No session, no check time, no audit row: the refusal wrote nothing.
    const [sessions] = await env.database.rows<{ c: number }>(sql`select count(*)::int as c from patient_sessions where notice_id = ${n.notice.id}`);
    expect(sessions!.c).toBe(0);
    expect((await reloadNotice(env.ctx, n.notice.id)).firstCheckedAt).toBeNull();
    expect(
      await env.ctx.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.subjectId, String(n.notice.id))),
    ).toEqual([]);
    expect(await throttleRow(ip)).toMatchObject({ failures: BLOCK_AFTER_FAILURES });
  });

  it("a right code whose response has ended counts nothing against the address", async () => {
    const { batch } = await createMailedWorld(env.ctx);
    const n = await createNotice(env.ctx, batch, { dateOfBirth: "1973-09-09" });
    await env.database.rows(sql`update notices set purged_at = now() where id = ${n.notice.id}`);
    const m = meta();
    expect((await redeemActivationCode(env.ctx, m, { code: n.code, dateOfBirth: "1973-09-09" })).kind).toBe("ended");
    expect(await throttleRow(m.ip)).toBeNull();
  });
});

describe(`the patient session (${process.env.TEST_DB_KIND})`, () => {
  async function signIn() {
    const { batch } = await createMailedWorld(env.ctx);
    const n = await createNotice(env.ctx, batch, { dateOfBirth: "1977-07-07" });
    const r = await redeemActivationCode(env.ctx, meta(), { code: n.code, dateOfBirth: "1977-07-07" });
    if (r.kind !== "match") throw new Error("no match");
    return r.token;
  }

  it("ends after 15 idle minutes", async () => {
    const token = await signIn();
    env.clock.advance(PATIENT_IDLE_MS - 1000);
    expect(await readPatientSession(env.ctx, token)).toMatchObject({ expired: false });
    env.clock.advance(PATIENT_IDLE_MS + 1000);
    expect(await readPatientSession(env.ctx, token)).toEqual({ expired: true, reason: "idle" });
    expect(await readPatientSession(env.ctx, token)).toBeNull();
  });

  it("ends 60 minutes after the check, however active", async () => {
    const token = await signIn();
    for (let t = 0; t < PATIENT_ABSOLUTE_MS - 10 * 60 * 1000; t += 10 * 60 * 1000) {
      env.clock.advance(10 * 60 * 1000);
      expect(await readPatientSession(env.ctx, token)).toMatchObject({ expired: false });
    }
    env.clock.advance(11 * 60 * 1000);
    expect(await readPatientSession(env.ctx, token)).toEqual({ expired: true, reason: "limit" });
  });

  it("is not found for a made-up token", async () => {
    expect(await readPatientSession(env.ctx, "not-a-token")).toBeNull();
  });
});
