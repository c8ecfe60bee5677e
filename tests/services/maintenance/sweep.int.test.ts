import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { calls, emailMessages, patientSessions, staffLoginAttempts, staffSessions, throttles } from "../../../db/schema/index";
import { runHousekeeping, EMAIL_SENT_KEEP_MS } from "~/services/maintenance/sweep.server";
import { startEmailWorker } from "~/services/email/worker.server";
import { PATIENT_ABSOLUTE_MS } from "~/services/patient/session.server";
import { STAFF_ABSOLUTE_MS } from "~/services/staff/session.server";
import { THROTTLE_WINDOW_MS } from "~/utils/rate-limit.server";
import { openTestEnv, type TestEnv } from "../../support/db";
import { createMailedWorld, createNotice } from "../../factories";
import { createAdmin } from "../enrollment/support";

/**
 * Housekeeping over a months-long response: each sweep removes what is dead and keeps what is
 * still alive or still needed (a running block, a live session, unsent or recent email).
 */
let env: TestEnv;
beforeAll(async () => {
  env = await openTestEnv({ start: "2027-03-01T12:00:00Z" });
});
afterAll(async () => {
  await env?.close();
});

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(env.clock.now().getTime() - ms);
const key = () => randomBytes(8).toString("hex");

async function seedOldAndNew() {
  const { batch } = await createMailedWorld(env.ctx);
  const { notice } = await createNotice(env.ctx, batch);
  const admin = await createAdmin(env.ctx);
  await env.ctx.db.insert(throttles).values([
    { key: `old-${key()}`, failures: 3, windowStart: ago(3 * THROTTLE_WINDOW_MS), updatedAt: ago(3 * THROTTLE_WINDOW_MS) },
    // Old, but still blocked: stays until its block is over.
    { key: `blocked-${key()}`, failures: 30, windowStart: ago(3 * THROTTLE_WINDOW_MS), updatedAt: ago(3 * THROTTLE_WINDOW_MS), blockedUntil: ago(-HOUR) },
    { key: `new-${key()}`, failures: 1, windowStart: ago(HOUR / 2), updatedAt: ago(HOUR / 2) },
  ]);
  const session = (createdAt: Date, endedAt: Date | null = null) => ({ tokenHash: key(), noticeId: notice.id, createdAt, lastSeenAt: createdAt, endedAt });
  await env.ctx.db.insert(patientSessions).values([
    session(ago(PATIENT_ABSOLUTE_MS + 2 * DAY)),
    session(ago(3 * DAY), ago(2 * DAY)),
    session(ago(10 * 60 * 1000)), // live
  ]);
  const staff = (createdAt: Date, endedAt: Date | null = null) => ({
    tokenHash: key(),
    userId: admin.id,
    stage: "active" as const,
    createdAt,
    lastSeenAt: createdAt,
    endedAt,
  });
  const [, , named] = await env.ctx.db
    .insert(staffSessions)
    .values([staff(ago(STAFF_ABSOLUTE_MS + 2 * DAY)), staff(ago(HOUR)), staff(ago(STAFF_ABSOLUTE_MS + 2 * DAY))])
    .returning();
  // An old session a call was taken in stays: the call names it.
  await env.ctx.db.insert(calls).values({
    noticeId: notice.id,
    agentId: admin.id,
    staffSessionId: named!.id,
    callReference: "C-1",
    reason: "question",
    lookupBy: "reference",
    startedAt: ago(STAFF_ABSOLUTE_MS + 2 * DAY),
  });
  await env.ctx.db.insert(staffLoginAttempts).values([
    { key: `old-${key()}`, failures: 2, updatedAt: ago(2 * DAY) },
    { key: `new-${key()}`, failures: 2, updatedAt: ago(HOUR) },
  ]);
  const email = (status: "sent" | "failed" | "pending", sentAt: Date | null) => ({
    kind: "enrollment_confirmed" as const,
    dedupeKey: key(),
    toEnc: env.ctx.cipher.encrypt("email", "someone@example.com"),
    subject: "s",
    bodyText: "t",
    bodyHtml: "h",
    status,
    createdAt: ago(EMAIL_SENT_KEEP_MS + 2 * DAY),
    nextAttemptAt: ago(EMAIL_SENT_KEEP_MS + 2 * DAY),
    giveUpAt: ago(EMAIL_SENT_KEEP_MS),
    sentAt,
  });
  await env.ctx.db.insert(emailMessages).values([
    email("sent", ago(EMAIL_SENT_KEEP_MS + DAY)), // old and sent: goes
    email("sent", ago(DAY)), // recent: stays
    email("failed", null), // failed: stays for the outbox page
  ]);
}

describe(`housekeeping sweeps (${process.env.TEST_DB_KIND})`, () => {
  it("removes dead rows of each table and keeps the living", async () => {
    await seedOldAndNew();
    const swept = await runHousekeeping(env.ctx);
    expect(swept).toEqual({ throttles: 1, patientSessions: 2, staffSessions: 1, staffLoginAttempts: 1, sentEmails: 1 });
    const keys = (await env.ctx.db.select({ k: throttles.key }).from(throttles)).map((r) => r.k.split("-")[0]).sort();
    expect(keys).toEqual(["blocked", "new"]);
    expect(await env.ctx.db.$count(patientSessions)).toBe(1);
    expect(await env.ctx.db.$count(staffSessions)).toBe(2);
    expect(await env.ctx.db.$count(staffLoginAttempts)).toBe(1);
    expect((await env.ctx.db.select({ s: emailMessages.status }).from(emailMessages)).map((r) => r.s).sort()).toEqual(["failed", "sent"]);

    // A second run finds nothing; two hours on, the block is over and the recent window old: both go.
    expect(Object.values(await runHousekeeping(env.ctx)).every((n) => n === 0)).toBe(true);
    env.clock.advance(2 * HOUR);
    expect((await runHousekeeping(env.ctx)).throttles).toBe(2);
    expect(await env.ctx.db.$count(throttles)).toBe(0);
  });

  it("runs on the server's schedule: the email worker's hourly round sweeps", async () => {
    await env.ctx.db
      .insert(throttles)
      .values({ key: `old-${key()}`, failures: 3, windowStart: ago(3 * THROTTLE_WINDOW_MS), updatedAt: ago(3 * THROTTLE_WINDOW_MS) });
    const before = await env.ctx.db.$count(throttles);
    const stop = startEmailWorker(env.ctx, { intervalMs: 60_000, transport: { name: "outbox", send: async () => ({ ok: true, providerId: "x" }) } });
    await stop(); // waits for the first round, which runs the hourly jobs at once
    expect(await env.ctx.db.$count(throttles)).toBe(before - 1);
  });
});
