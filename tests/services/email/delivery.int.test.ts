import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditEvents, emailMessages, enrollments } from "../../../db/schema/index";
import { enrollInMonitoring } from "~/services/enrollment/enroll.server";
import { EMAIL_GIVE_UP_MS } from "~/services/email/queue.server";
import { listOutbox, readOutboxMessage, retryOutboxMessage } from "~/services/email/outbox.server";
import { deliverDueEmails, EMAIL_LEASE_MS, EMAIL_RETRY_BASE_MS } from "~/services/email/worker.server";
import { openTestEnv, type TestEnv } from "../../support/db";
import { createMailedWorld, createNotice } from "../../factories";
import { loadCodes, meta, vendorCodes } from "../enrollment/support";
import { ResendStandIn } from "./resend-stand-in";

const standIn = new ResendStandIn();
let env: TestEnv;
let outboxEnv: TestEnv;
const admin = { id: "00000000-0000-4000-8000-0000000000aa", role: "admin" as const };

beforeAll(async () => {
  await standIn.start();
  env = await openTestEnv({ config: { resend: { apiKey: "re_test_key", baseUrl: standIn.url } } });
  outboxEnv = await openTestEnv();
});
afterAll(async () => {
  await standIn.stop();
  await env?.close();
  await outboxEnv?.close();
});

async function enrollSomeone(e: TestEnv, email: string) {
  const { incident, batch } = await createMailedWorld(e.ctx);
  await loadCodes(e.ctx, incident.id, "adult", vendorCodes(2));
  const { notice } = await createNotice(e.ctx, batch, { dateOfBirth: "1972-08-14", exposed: ["ssn", "claims"] });
  const result = await enrollInMonitoring(e.ctx, meta(), { noticeId: notice.id, email, termsAccepted: true, language: "en" });
  expect(result).toMatchObject({ kind: "enrolled", created: true });
  const [message] = await e.ctx.db.select().from(emailMessages).where(eq(emailMessages.noticeId, notice.id));
  return { notice, message: message! };
}

const second = 1000;

describe(`email delivery through Resend (${process.env.TEST_DB_KIND})`, () => {
  it("500, then 429 with retry-after, then unreachable, then 200: exactly one email delivered, the enrollment never failed", async () => {
    const { notice, message } = await enrollSomeone(env, "jo@example.test");
    standIn.reply(
      { status: 500, body: { statusCode: 500, name: "internal_server_error", message: "Internal server error" } },
      { status: 429, body: { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" }, headers: { "retry-after": "300" } },
    );

    // 1: 500 → back off EMAIL_RETRY_BASE_MS.
    expect(await deliverDueEmails(env.ctx)).toMatchObject({ claimed: 1, sent: 0, retrying: 1 });
    let row = (await env.ctx.db.select().from(emailMessages).where(eq(emailMessages.id, message.id)))[0]!;
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "500 internal_server_error" });
    expect(row.nextAttemptAt.getTime() - env.clock.now().getTime()).toBe(EMAIL_RETRY_BASE_MS);
    // Not due yet: nothing is sent.
    expect(await deliverDueEmails(env.ctx)).toMatchObject({ claimed: 0 });

    // 2: 429 with retry-after 300 s (longer than the back-off): honoured.
    env.clock.advance(EMAIL_RETRY_BASE_MS);
    expect(await deliverDueEmails(env.ctx)).toMatchObject({ claimed: 1, retrying: 1 });
    row = (await env.ctx.db.select().from(emailMessages).where(eq(emailMessages.id, message.id)))[0]!;
    expect(row).toMatchObject({ status: "pending", attempts: 2, lastError: "429 rate_limit_exceeded" });
    expect(row.nextAttemptAt.getTime() - env.clock.now().getTime()).toBe(300 * second);
    env.clock.advance(299 * second);
    expect(await deliverDueEmails(env.ctx)).toMatchObject({ claimed: 0 });

    // 3: the provider is unreachable (connection refused).
    await standIn.stop();
    env.clock.advance(1 * second);
    expect(await deliverDueEmails(env.ctx)).toMatchObject({ claimed: 1, retrying: 1 });
    row = (await env.ctx.db.select().from(emailMessages).where(eq(emailMessages.id, message.id)))[0]!;
    expect(row).toMatchObject({ status: "pending", attempts: 3 });
    expect(row.lastError).toMatch(/^unreachable /);

    // 4: back, 200.
    await standIn.start();
    env.clock.advance(row.nextAttemptAt.getTime() - env.clock.now().getTime());
    expect(await deliverDueEmails(env.ctx)).toMatchObject({ claimed: 1, sent: 1 });
    row = (await env.ctx.db.select().from(emailMessages).where(eq(emailMessages.id, message.id)))[0]!;
    expect(row).toMatchObject({ status: "sent", attempts: 4, transport: "resend", lastError: null });

    // Nothing more to do, ever.
    env.clock.advance(EMAIL_GIVE_UP_MS * 2);
    expect(await deliverDueEmails(env.ctx)).toMatchObject({ claimed: 0 });

    // The stand-in saw 3 requests (the refused one never arrived), all with the same idempotency
    // key, and delivered exactly one email, to the right address, with nothing personal in it.
    expect(standIn.received).toHaveLength(3);
    expect(new Set(standIn.received.map((r) => r.headers["idempotency-key"]))).toEqual(new Set([message.dedupeKey]));
    expect(standIn.received.every((r) => r.method === "POST" && r.url === "/emails")).toBe(true);
    expect(standIn.received[0]!.headers.authorization).toBe("Bearer re_test_key");
    expect(standIn.delivered.size).toBe(1);
    const sent = [...standIn.delivered.values()][0]!.body;
    expect([sent.to].flat()).toEqual(["jo@example.test"]);
    const content = JSON.stringify(sent).replace(/jo@example\.test/g, "");
    for (const leak of ["1972-08-14", "ssn", "claims", "Social Security", "Billing"]) expect(content).not.toContain(leak);

    const [enrollment] = await env.ctx.db.select().from(enrollments).where(eq(enrollments.noticeId, notice.id));
    expect(enrollment!.status).toBe("enrolled");
  });

  it("a provider that keeps failing: retried with back-off until the give-up time, then failed and shown to admins", async () => {
    const { message } = await enrollSomeone(env, "kim@example.test");
    const start = env.clock.now().getTime();
    let attempts = 0;
    while (attempts < 100) {
      standIn.reply({ status: 503, body: { statusCode: 503, name: "application_error", message: "down" } });
      const run = await deliverDueEmails(env.ctx);
      attempts += run.claimed;
      const [row] = await env.ctx.db.select().from(emailMessages).where(eq(emailMessages.id, message.id));
      if (row!.status === "failed") break;
      env.clock.set(row!.nextAttemptAt);
    }
    const [row] = await env.ctx.db.select().from(emailMessages).where(eq(emailMessages.id, message.id));
    expect(row).toMatchObject({ status: "failed", lastError: "503 application_error" });
    expect(env.clock.now().getTime() - start).toBeGreaterThanOrEqual(EMAIL_GIVE_UP_MS);
    // Back-off kept the attempts few (30 s doubling up to an hour, over three days).
    expect(attempts).toBeLessThan(85);
    expect(standIn.delivered.has(message.dedupeKey)).toBe(false);

    const outbox = await listOutbox(env.ctx, admin, meta(), { status: "failed" });
    expect(outbox.rows.map((r) => r.id)).toContain(message.id);
    expect(outbox.summary.failed).toBeGreaterThanOrEqual(1);
    const shown = outbox.rows.find((r) => r.id === message.id)!;
    expect(shown.to).toBe("k•••@example.test");
    const audit = await env.ctx.db.select().from(auditEvents).where(eq(auditEvents.action, "outbox.view"));
    expect(audit.at(-1)).toMatchObject({ actorId: admin.id, outcome: "success" });

    // An admin puts it back on the queue; the provider is fine now.
    expect(await retryOutboxMessage(env.ctx, admin, meta(), message.id)).toBe(true);
    await deliverDueEmails(env.ctx);
    expect(standIn.delivered.has(message.dedupeKey)).toBe(true);
  });

  it("a request the provider refuses (422) is not retried: failed at once", async () => {
    const { message } = await enrollSomeone(env, "lee@example.test");
    standIn.reply({ status: 422, body: { statusCode: 422, name: "validation_error", message: "Invalid `to` field" } });
    expect(await deliverDueEmails(env.ctx)).toMatchObject({ claimed: 1, failed: 1 });
    const [row] = await env.ctx.db.select().from(emailMessages).where(eq(emailMessages.id, message.id));
    // The provider's message (which may quote the address) is not kept.
    expect(row).toMatchObject({ status: "failed", lastError: "422 validation_error" });
  });

  it("a worker that died mid-send: the lease runs out, another worker sends it, the idempotency key keeps it to one email", async () => {
    const { message } = await enrollSomeone(env, "max@example.test");
    // A worker claims the message, then dies before recording the result.
    let claimedButDied = false;
    await deliverDueEmails(env.ctx, {
      transport: {
        name: "resend",
        send: async () => {
          claimedButDied = true;
          throw new Error("process killed");
        },
      },
    });
    expect(claimedButDied).toBe(true);
    // (The thrown error was handled as a retry; simulate the real crash by putting it back to "sending".)
    await env.ctx.db
      .update(emailMessages)
      .set({ status: "sending", nextAttemptAt: new Date(env.clock.now().getTime() + EMAIL_LEASE_MS) })
      .where(eq(emailMessages.id, message.id));
    expect(await deliverDueEmails(env.ctx)).toMatchObject({ claimed: 0 });
    env.clock.advance(EMAIL_LEASE_MS);
    standIn.reply({ status: 200 }, { status: 200 });
    expect(await deliverDueEmails(env.ctx)).toMatchObject({ claimed: 1, sent: 1 });
    expect(standIn.delivered.has(message.dedupeKey)).toBe(true);
  });
});

describe(`email without RESEND_API_KEY goes to the local outbox (${process.env.TEST_DB_KIND})`, () => {
  it("the same queue delivers to the outbox page; admins read it there, recipient masked, audited", async () => {
    const before = standIn.received.length;
    const { message } = await enrollSomeone(outboxEnv, "ana@example.test");
    expect(await deliverDueEmails(outboxEnv.ctx)).toMatchObject({ claimed: 1, sent: 1 });
    expect(standIn.received.length).toBe(before);
    const outbox = await listOutbox(outboxEnv.ctx, admin, meta());
    expect(outbox.transport).toBe("outbox");
    expect(outbox.rows[0]).toMatchObject({ id: message.id, status: "sent", transport: "outbox", to: "a•••@example.test" });
    const full = await readOutboxMessage(outboxEnv.ctx, admin, meta(), message.id);
    expect(full!.bodyText).toContain("Your enrollment in free credit monitoring is confirmed.");
    expect(full!.bodyText).toContain(outboxEnv.config.publicUrl);
    expect(JSON.stringify(full)).not.toContain("ana@example.test");
    const audit = await outboxEnv.ctx.db.select().from(auditEvents).where(eq(auditEvents.action, "outbox.view"));
    expect(audit).toHaveLength(2);
  });
});
