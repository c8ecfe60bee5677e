import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { emailMessages, notices } from "../../../db/schema/index";
import { enrollInMonitoring } from "~/services/enrollment/enroll.server";
import { dueReminder, sendDueReminders } from "~/services/enrollment/reminders.server";
import { EMAIL_FIELD } from "~/services/email/queue.server";
import { openTestEnv, type TestEnv } from "../../support/db";
import { createMailedWorld, createNotice } from "../../factories";
import { loadCodes, meta, vendorCodes } from "./support";

let env: TestEnv;
beforeAll(async () => {
  env = await openTestEnv({ start: "2026-11-20T15:00:00Z" });
});
afterAll(async () => {
  await env?.close();
});

describe("which reminder is due on which day", () => {
  it("30 days before up to the 7-day point, then 7 days before through the enroll-by date", () => {
    expect(dueReminder("2027-01-11", "2027-02-11")).toBeNull();
    expect(dueReminder("2027-01-12", "2027-02-11")).toEqual({ kind: "reminder_30", pointDay: "2027-01-12" });
    expect(dueReminder("2027-02-03", "2027-02-11")).toEqual({ kind: "reminder_30", pointDay: "2027-01-12" });
    expect(dueReminder("2027-02-04", "2027-02-11")).toEqual({ kind: "reminder_7", pointDay: "2027-02-04" });
    expect(dueReminder("2027-02-11", "2027-02-11")).toEqual({ kind: "reminder_7", pointDay: "2027-02-04" });
    expect(dueReminder("2027-02-12", "2027-02-11")).toBeNull();
  });
});

describe(`reminders to people who checked, gave an email and did not enroll (${process.env.TEST_DB_KIND})`, () => {
  it("are queued once each, 30 and 7 days before the enroll-by date (injected clock)", async () => {
    // enroll-by 2027-02-11: the 30-day point is 2027-01-12, the 7-day point 2027-02-04.
    const { incident, batch } = await createMailedWorld(env.ctx);
    await loadCodes(env.ctx, incident.id, "adult", vendorCodes(5));
    const checked = new Date("2026-12-01T10:00:00Z");
    const mark = async (id: number, at: Date | null = checked) => env.ctx.db.update(notices).set({ firstCheckedAt: at }).where(eq(notices.id, id));

    const due = await createNotice(env.ctx, batch, { email: "due@example.test" });
    const dueEs = await createNotice(env.ctx, batch, { email: "es@example.test", language: "es" });
    const neverChecked = await createNotice(env.ctx, batch, { email: "never@example.test" });
    const noEmail = await createNotice(env.ctx, batch);
    const enrolled = await createNotice(env.ctx, batch, { email: "done@example.test" });
    const deceased = await createNotice(env.ctx, batch, { email: "kin@example.test", deceased: true });
    const lateChecker = await createNotice(env.ctx, batch, { email: "late@example.test" });
    for (const n of [due, dueEs, noEmail, enrolled, deceased]) await mark(n.notice.id);
    expect(await enrollInMonitoring(env.ctx, meta(), { noticeId: enrolled.notice.id, termsAccepted: true, language: "en" })).toMatchObject({
      kind: "enrolled",
    });

    const ours = [due, dueEs, neverChecked, noEmail, enrolled, deceased, lateChecker].map((n) => n.notice.id);
    const reminders = async () =>
      (await env.ctx.db.select().from(emailMessages).where(inArray(emailMessages.noticeId, ours))).filter((m) => m.kind.startsWith("reminder"));

    // The day before the 30-day point: nothing.
    env.clock.set("2027-01-11T23:59:00Z");
    await sendDueReminders(env.ctx);
    expect(await reminders()).toHaveLength(0);

    // The 30-day point: the two who checked, have an email and did not enroll.
    env.clock.set("2027-01-12T08:00:00Z");
    await sendDueReminders(env.ctx);
    let sent = await reminders();
    expect(sent.map((m) => [m.kind, m.noticeId]).sort()).toEqual(
      [
        ["reminder_30", due.notice.id],
        ["reminder_30", dueEs.notice.id],
      ].sort(),
    );
    expect(env.ctx.cipher.decrypt(EMAIL_FIELD, sent.find((m) => m.noticeId === due.notice.id)!.toEnc)).toBe("due@example.test");
    const es = sent.find((m) => m.noticeId === dueEs.notice.id)!;
    expect(es.language).toBe("es");
    expect(es.subject).toContain("11 de febrero de 2027");
    expect(es.bodyText).toContain(env.config.publicUrl);

    // Running again that day, the next day, every hour: nothing more.
    await sendDueReminders(env.ctx);
    env.clock.set("2027-01-13T08:00:00Z");
    await sendDueReminders(env.ctx);
    // Someone checks now (after the 30-day point): no 30-day reminder for them.
    await mark(lateChecker.notice.id, new Date("2027-01-20T12:00:00Z"));
    env.clock.set("2027-02-03T23:00:00Z");
    await sendDueReminders(env.ctx);
    expect(await reminders()).toHaveLength(2);

    // The 7-day point: each of them again, once — and the late checker now too.
    env.clock.set("2027-02-04T06:00:00Z");
    await sendDueReminders(env.ctx);
    await sendDueReminders(env.ctx);
    env.clock.set("2027-02-11T22:00:00Z");
    await sendDueReminders(env.ctx);
    sent = await reminders();
    expect(
      sent
        .filter((m) => m.kind === "reminder_7")
        .map((m) => m.noticeId)
        .sort(),
    ).toEqual([due.notice.id, dueEs.notice.id, lateChecker.notice.id].sort());
    expect(sent).toHaveLength(5);

    // After the enroll-by date: never.
    env.clock.set("2027-02-12T08:00:00Z");
    await sendDueReminders(env.ctx);
    expect(await reminders()).toHaveLength(5);

    // Never to the one who never checked, has no email, enrolled, or died.
    const never = new Set([neverChecked, noEmail, enrolled, deceased].map((n) => n.notice.id));
    expect(sent.some((m) => never.has(m.noticeId!))).toBe(false);
  });
});
