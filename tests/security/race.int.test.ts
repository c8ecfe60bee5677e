// The race suite (issue 15, finding 3): every limit is counted atomically BEFORE the work it
// guards, so a burst of simultaneous attempts does exactly as much work as the limit allows —
// not one verification more. Each test fires its attempts at once and asserts the limit exactly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents } from "../../db/schema/index";
import { generateActivationCode } from "~/services/notices/activation-code.server";
import { redeemActivationCode } from "~/services/notices/check.server";
import { LOCK_AFTER_FAILURES, signInWithPassword, signInWithTotp } from "~/services/staff/login.server";
import { BLOCK_AFTER_FAILURES, giveBackAttempt, takeAttempt } from "~/utils/rate-limit.server";
import { openTestEnv, type TestEnv } from "../support/db";
import { createMailedWorld, createNotice } from "../factories";
import { codeNow, createStaff } from "../support/staff";

let env: TestEnv;
beforeAll(async () => {
  env = await openTestEnv();
});
afterAll(async () => {
  await env?.close();
});

let seq = 0;
const meta = (ip = `198.51.100.${++seq}`) => ({ ip, requestId: `race-${++seq}` });
const count = <T>(xs: T[], pred: (x: T) => boolean) => xs.filter(pred).length;

describe(`race suite: limits hold under simultaneous attempts (${process.env.TEST_DB_KIND})`, () => {
  it("the shared limiter: 35 simultaneous attempts on one key, exactly BLOCK_AFTER_FAILURES go ahead", async () => {
    const key = `race:${seq++}`;
    const now = env.ctx.now();
    const results = await Promise.all(Array.from({ length: BLOCK_AFTER_FAILURES + 15 }, () => takeAttempt(env.ctx.db, key, now)));
    expect(count(results, (r) => r.allowed)).toBe(BLOCK_AFTER_FAILURES);
    expect(count(results, (r) => !r.allowed)).toBe(15);
    // Exactly one attempt reached the limit and set the block.
    expect(count(results, (r) => r.allowed && r.blocksNextForMs > 0)).toBe(1);
    for (const r of results) if (!r.allowed) expect(r.retryAfterMs).toBeGreaterThan(0);
  });

  it("the shared limiter: a success gives its attempt back, so a right answer after 19 wrong ones leaves the key open", async () => {
    const key = `race:${seq++}`;
    const now = env.ctx.now();
    for (let i = 0; i < BLOCK_AFTER_FAILURES - 1; i++) expect((await takeAttempt(env.ctx.db, key, now)).allowed).toBe(true);
    const last = await takeAttempt(env.ctx.db, key, now);
    expect(last).toMatchObject({ allowed: true, failures: BLOCK_AFTER_FAILURES });
    await giveBackAttempt(env.ctx.db, key); // it succeeded
    const next = await takeAttempt(env.ctx.db, key, now);
    expect(next.allowed).toBe(true);
    // ...and that one, not given back, blocks.
    expect((await takeAttempt(env.ctx.db, key, now)).allowed).toBe(false);
  });

  it("staff password: 20 simultaneous attempts (19 wrong, 1 right) verify exactly LOCK_AFTER_FAILURES; the rest are locked", async () => {
    const agent = await createStaff(env.ctx, "agent");
    const attempts = Array.from({ length: 20 }, (_, i) => (i === 19 ? agent.password : `wrong-password-${i}-xyz`));
    // Different addresses: this is the per-email lock, not the per-address one.
    const results = await Promise.all(attempts.map((password) => signInWithPassword(env.ctx, meta(), { email: agent.email, password })));
    const verified = count(results, (r) => r.kind === "refused" || r.kind === "next");
    expect(verified).toBe(LOCK_AFTER_FAILURES);
    expect(count(results, (r) => r.kind === "locked")).toBe(20 - LOCK_AFTER_FAILURES);
    const rows = await env.ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "staff.login"), eq(auditEvents.subjectId, agent.id)));
    expect(count(rows, (r) => r.outcome === "failure" || r.outcome === "success")).toBe(LOCK_AFTER_FAILURES);
    // The right password afterwards still waits: the account is locked.
    if (!results.some((r) => r.kind === "next")) {
      expect((await signInWithPassword(env.ctx, meta(), { email: agent.email, password: agent.password })).kind).toBe("locked");
    }
  });

  it("staff password: 20 simultaneous attempts from one address for 20 different emails are all counted against the address", async () => {
    const ip = "192.0.2.77";
    const results = await Promise.all(
      Array.from({ length: BLOCK_AFTER_FAILURES + 5 }, (_, i) =>
        signInWithPassword(env.ctx, meta(ip), { email: `nobody-${i}@race.test`, password: "not-the-password-1" }),
      ),
    );
    expect(count(results, (r) => r.kind === "refused")).toBe(BLOCK_AFTER_FAILURES);
    expect(count(results, (r) => r.kind === "locked")).toBe(5);
  });

  it("staff TOTP: 20 simultaneous wrong codes on one half-signed-in session check exactly LOCK_AFTER_FAILURES", async () => {
    const agent = await createStaff(env.ctx, "agent");
    const first = await signInWithPassword(env.ctx, meta(), { email: agent.email, password: agent.password });
    if (first.kind !== "next") throw new Error(`expected the TOTP step, got ${first.kind}`);
    const right = codeNow(env.ctx, agent.totpSecret);
    const wrong = Array.from({ length: 20 }, (_, i) => String((Number(right) + 1 + i * 7919) % 1_000_000).padStart(6, "0"));
    const results = await Promise.all(wrong.map((code) => signInWithTotp(env.ctx, meta(), first.token, code)));
    expect(results.every((r) => r.kind === "wrongCode" || r.kind === "locked" || r.kind === "restart")).toBe(true);
    const rows = await env.ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "staff.login.totp"), eq(auditEvents.actorId, agent.id)));
    // Codes actually checked leave a "failure" row; refused ones a "denied" row (or none, once the session ended).
    expect(count(rows, (r) => r.outcome === "failure")).toBe(LOCK_AFTER_FAILURES);
    expect(count(results, (r) => r.kind === "wrongCode")).toBe(LOCK_AFTER_FAILURES - 1);
    // The right code now is refused too: the session ended with the lock.
    expect((await signInWithTotp(env.ctx, meta(), first.token, right)).kind).not.toBe("signedIn");
  });

  it("the patient check: simultaneous wrong checks from one address look up exactly BLOCK_AFTER_FAILURES notices", async () => {
    const { batch } = await createMailedWorld(env.ctx);
    const n = await createNotice(env.ctx, batch, { dateOfBirth: "1966-06-06" });
    const ip = "192.0.2.99";
    const before = await env.ctx.db.select().from(auditEvents).where(eq(auditEvents.action, "patient.check"));
    const results = await Promise.all(
      Array.from({ length: BLOCK_AFTER_FAILURES + 10 }, () =>
        redeemActivationCode(env.ctx, meta(ip), { code: generateActivationCode(), dateOfBirth: "1966-06-06" }),
      ),
    );
    const after = await env.ctx.db.select().from(auditEvents).where(eq(auditEvents.action, "patient.check"));
    expect(after.length - before.length).toBe(BLOCK_AFTER_FAILURES);
    expect(count(results, (r) => r.kind === "mismatch")).toBe(BLOCK_AFTER_FAILURES - 1);
    expect(count(results, (r) => r.kind === "throttled")).toBe(11);
    // Blocked: even the right code is not looked up from this address now.
    expect((await redeemActivationCode(env.ctx, meta(ip), { code: n.code, dateOfBirth: "1966-06-06" })).kind).toBe("throttled");
    // From another address the person gets in, and a match gives its attempt back.
    const other = "192.0.2.100";
    expect((await redeemActivationCode(env.ctx, meta(other), { code: n.code, dateOfBirth: "1966-06-06" })).kind).toBe("match");
  });
});
