// Escalating notice locks (issue 12 item 4, decision 043): an hour, then a day, then held until the
// call center unlocks it, with a supervisor alert — counted and escalated in the statement that
// counts the wrong attempt, so simultaneous wrong attempts land on exactly one lock level.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, notices } from "../../../db/schema/index";
import { getCallCenterOverview } from "~/services/calls/supervisor.server";
import { redeemActivationCode, type CheckResult } from "~/services/notices/check.server";
import { ESCALATION_WINDOW_MS, HELD_UNTIL, LOCK_AFTER_FAILURES, LOCK_DURATION_MS, SECOND_LOCK_MS } from "~/services/notices/lock.server";
import { unlockNotice } from "~/services/notices/unlock.server";
import { openTestEnv, type TestEnv } from "../../support/db";
import { createStaff, signedIn, testMeta } from "../../support/staff";
import { createMailedWorld, createNotice, reloadNotice } from "../../factories";

let env: TestEnv;
beforeAll(async () => {
  env = await openTestEnv();
});
afterAll(async () => {
  await env?.close();
});

let ipSeq = 0;
// Every attempt from its own address: this is the per-notice lock, not the per-address limiter.
const meta = () => ({ ip: `10.7.${(++ipSeq >> 8) & 255}.${ipSeq & 255}`, requestId: `lock-${ipSeq}` });
const DOB = "1971-05-09";
const WRONG = "1971-05-10";

async function person() {
  const { batch } = await createMailedWorld(env.ctx);
  return createNotice(env.ctx, batch, { dateOfBirth: DOB });
}
const wrongTimes = (code: string, n: number) =>
  Promise.all(Array.from({ length: n }, () => redeemActivationCode(env.ctx, meta(), { code, dateOfBirth: WRONG })));
const rows = (action: string, noticeId: number) =>
  env.ctx.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.subjectId, String(noticeId))));
const inMs = (ms: number) => new Date(env.ctx.now().getTime() + ms).toISOString();

describe(`escalating notice locks (${process.env.TEST_DB_KIND})`, () => {
  it("an hour, then a day, then held until an agent unlocks it — with one supervisor alert, and the same answer throughout", async () => {
    const n = await person();
    const answers: CheckResult[] = [];
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) answers.push(await redeemActivationCode(env.ctx, meta(), { code: n.code, dateOfBirth: WRONG }));
    let row = await reloadNotice(env.ctx, n.notice.id);
    expect([row.lockLevel, row.lockedUntil?.toISOString()]).toEqual([1, inMs(LOCK_DURATION_MS)]);

    env.clock.advance(LOCK_DURATION_MS + 1000);
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) answers.push(await redeemActivationCode(env.ctx, meta(), { code: n.code, dateOfBirth: WRONG }));
    row = await reloadNotice(env.ctx, n.notice.id);
    expect([row.lockLevel, row.lockedUntil?.toISOString()]).toEqual([2, inMs(SECOND_LOCK_MS)]);
    // Locked for a day: the right date of birth an hour later is still refused.
    env.clock.advance(LOCK_DURATION_MS + 1000);
    answers.push(await redeemActivationCode(env.ctx, meta(), { code: n.code, dateOfBirth: DOB }));

    env.clock.advance(SECOND_LOCK_MS);
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) answers.push(await redeemActivationCode(env.ctx, meta(), { code: n.code, dateOfBirth: WRONG }));
    row = await reloadNotice(env.ctx, n.notice.id);
    expect([row.lockLevel, row.lockedUntil?.toISOString()]).toEqual([3, HELD_UNTIL.toISOString()]);
    expect(await rows("notice.lock.held", n.notice.id)).toHaveLength(1);
    expect(await rows("patient.check.locked", n.notice.id)).toHaveLength(3);

    // The supervisors see it on the call-center overview.
    const supervisor = await signedIn(env.ctx, await createStaff(env.ctx, "supervisor"));
    const overview = await getCallCenterOverview(env.ctx, supervisor.actor, testMeta());
    expect(overview.heldNotices).toContainEqual(expect.objectContaining({ referenceNumber: n.notice.referenceNumber, stillHeld: true }));

    // Held: a month later the right date of birth still gets the answer a wrong one gets, and the
    // refused attempts raise no second alert.
    env.clock.advance(30 * 24 * 3600_000);
    answers.push(await redeemActivationCode(env.ctx, meta(), { code: n.code, dateOfBirth: DOB }));
    await wrongTimes(n.code, LOCK_AFTER_FAILURES);
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify({ kind: "mismatch" })]));
    expect(await rows("notice.lock.held", n.notice.id)).toHaveLength(1);

    // The call center unlocks it; the person gets in, and the lock history starts again.
    const agent = await signedIn(env.ctx, await createStaff(env.ctx, "agent"));
    expect(
      await unlockNotice(env.ctx, agent.actor, testMeta(), { referenceNumber: n.notice.referenceNumber, callReference: "C-1", reason: "verified caller" }),
    ).toEqual({
      kind: "unlocked",
    });
    expect((await redeemActivationCode(env.ctx, meta(), { code: n.code, dateOfBirth: DOB })).kind).toBe("match");
    row = await reloadNotice(env.ctx, n.notice.id);
    expect([row.lockLevel, row.lockedAt, row.lockedUntil, row.failedChecks]).toEqual([0, null, null, 0]);
  });

  it("an unlock keeps the history: guessing that resumes within the window is held again at once", async () => {
    const n = await person();
    await env.ctx.db.update(notices).set({ lockLevel: 3, lockedAt: env.ctx.now(), lockedUntil: HELD_UNTIL }).where(eq(notices.id, n.notice.id));
    const agent = await signedIn(env.ctx, await createStaff(env.ctx, "agent"));
    await unlockNotice(env.ctx, agent.actor, testMeta(), { referenceNumber: n.notice.referenceNumber, callReference: "C-2", reason: "verified caller" });
    env.clock.advance(60_000);
    await wrongTimes(n.code, LOCK_AFTER_FAILURES);
    const row = await reloadNotice(env.ctx, n.notice.id);
    expect([row.lockLevel, row.lockedUntil?.toISOString()]).toEqual([3, HELD_UNTIL.toISOString()]);
    expect(await rows("notice.lock.held", n.notice.id)).toHaveLength(1);
  });

  it("a lock more than the window after the previous one starts again at an hour", async () => {
    const n = await person();
    await wrongTimes(n.code, LOCK_AFTER_FAILURES);
    expect((await reloadNotice(env.ctx, n.notice.id)).lockLevel).toBe(1);
    env.clock.advance(ESCALATION_WINDOW_MS + 1000);
    await wrongTimes(n.code, LOCK_AFTER_FAILURES);
    const row = await reloadNotice(env.ctx, n.notice.id);
    expect([row.lockLevel, row.lockedUntil?.toISOString()]).toEqual([1, inMs(LOCK_DURATION_MS)]);
  });

  it("simultaneous wrong attempts: exactly one lock per level, at exactly that level", async () => {
    const n = await person();
    for (const [level, until] of [
      [1, LOCK_DURATION_MS],
      [2, SECOND_LOCK_MS],
      [3, null],
    ] as const) {
      // One short of the lock, at once: every one counted, none locks.
      await wrongTimes(n.code, LOCK_AFTER_FAILURES - 1);
      let row = await reloadNotice(env.ctx, n.notice.id);
      expect([row.failedChecks, row.lockLevel, row.lockedUntil]).toEqual([LOCK_AFTER_FAILURES - 1, level - 1, null]);
      // Then a burst: exactly one attempt sets the lock, at exactly the next level.
      const answers = await wrongTimes(n.code, 20);
      expect(answers.every((a) => a.kind === "mismatch")).toBe(true);
      row = await reloadNotice(env.ctx, n.notice.id);
      expect([row.lockLevel, row.failedChecks, row.lockedUntil?.toISOString()]).toEqual([level, 0, until === null ? HELD_UNTIL.toISOString() : inMs(until)]);
      expect(await rows("patient.check.locked", n.notice.id)).toHaveLength(level);
      if (until !== null) env.clock.advance(until + 1000);
    }
    expect(await rows("notice.lock.held", n.notice.id)).toHaveLength(1);
  });
});
