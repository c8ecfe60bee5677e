import { and, eq, sql } from "drizzle-orm";
import { emailMessages, type EmailMessage } from "../../../db/schema/index";
import { describeError, log } from "~/utils/log.server";
import type { AppContext } from "../context.server";
import { sendDueReminders } from "../enrollment/reminders.server";
import { runScheduledMaintenance } from "../maintenance/schedule.server";
import { EMAIL_FIELD, EMAIL_GIVE_UP_MS, EMAIL_SECRET_FIELD } from "./queue.server";
import { withSecretLink } from "./templates";
import { transportFor, type EmailTransport } from "./transport.server";

/** First retry after this long, doubling each attempt up to EMAIL_RETRY_MAX_MS. */
export const EMAIL_RETRY_BASE_MS = 30_000;
export const EMAIL_RETRY_MAX_MS = 60 * 60 * 1000;
/** A claimed message is due again after this long if its worker died mid-send. */
export const EMAIL_LEASE_MS = 2 * 60 * 1000;
/** How many messages one worker claims at a time. */
export const EMAIL_CLAIM_BATCH = 20;

export function retryDelayMs(attempts: number): number {
  return Math.min(EMAIL_RETRY_MAX_MS, EMAIL_RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export type DeliveryRun = { claimed: number; sent: number; retrying: number; failed: number };

/**
 * Claim the due messages (FOR UPDATE SKIP LOCKED: several instances never take the same row),
 * leasing them for EMAIL_LEASE_MS. Due = pending and its time has come, or "sending" whose lease
 * ran out (a worker crashed mid-send; the idempotency key keeps the retry from delivering twice).
 */
async function claimDue(ctx: AppContext, limit: number): Promise<EmailMessage[]> {
  const now = ctx.now();
  const nowIso = now.toISOString();
  const lease = new Date(now.getTime() + EMAIL_LEASE_MS);
  return ctx.db
    .update(emailMessages)
    .set({ status: "sending", nextAttemptAt: lease, leaseUntil: lease, attempts: sql`${emailMessages.attempts} + 1`, lastAttemptAt: now })
    .where(
      sql`${emailMessages.id} in (
        select id from email_messages
        where status in ('pending', 'sending') and next_attempt_at <= ${nowIso}::timestamptz
        order by next_attempt_at
        limit ${limit}
        for update skip locked)`,
    )
    .returning();
}

/**
 * Deliver what is due, once. The worker loop calls it every few seconds; tests call it after moving
 * the clock. A provider outage never fails anything upstream: the message waits and is retried with
 * back-off (honouring `retry-after`), until EMAIL_GIVE_UP_MS after it was queued — then `failed`,
 * on the admin outbox page.
 */
export async function deliverDueEmails(ctx: AppContext, options: { transport?: EmailTransport; limit?: number } = {}): Promise<DeliveryRun> {
  const transport = options.transport ?? transportFor(ctx.config, ctx.now);
  const claimed = await claimDue(ctx, options.limit ?? EMAIL_CLAIM_BATCH);
  const run: DeliveryRun = { claimed: claimed.length, sent: 0, retrying: 0, failed: 0 };
  for (const message of claimed) {
    let outcome;
    try {
      const body = message.secretEnc
        ? withSecretLink({ text: message.bodyText, html: message.bodyHtml }, ctx.cipher.decrypt(EMAIL_SECRET_FIELD, message.secretEnc))
        : { text: message.bodyText, html: message.bodyHtml };
      outcome = await transport.send({
        id: message.id,
        idempotencyKey: message.dedupeKey,
        to: ctx.cipher.decrypt(EMAIL_FIELD, message.toEnc),
        subject: message.subject,
        ...body,
      });
    } catch (error) {
      outcome = { ok: false as const, retry: true, error: `exception ${describeError(error).error}` };
    }
    const now = ctx.now();
    const mine = and(eq(emailMessages.id, message.id), eq(emailMessages.status, "sending"));
    if (outcome.ok) {
      await ctx.db
        .update(emailMessages)
        .set({
          status: "sent",
          sentAt: now,
          providerId: outcome.providerId,
          transport: transport.name,
          leaseUntil: null,
          lastError: null,
          // Delivered: the secret leaves the queue. The local outbox IS the mailbox, so there it
          // stays (encrypted) until the invitation ends (invitations.server.ts erases it).
          ...(transport.name === "outbox" ? {} : { secretEnc: null }),
        })
        .where(mine);
      run.sent++;
      continue;
    }
    const giveUp = !outcome.retry || now.getTime() >= message.giveUpAt.getTime();
    if (giveUp) {
      await ctx.db.update(emailMessages).set({ status: "failed", lastError: outcome.error, transport: transport.name, leaseUntil: null }).where(mine);
      log.warn("email.failed", { id: message.id, kind: message.kind, error: outcome.error, attempts: message.attempts });
      run.failed++;
      continue;
    }
    const delay = Math.max(retryDelayMs(message.attempts), outcome.retryAfterMs ?? 0);
    const next = new Date(Math.min(now.getTime() + delay, Math.max(message.giveUpAt.getTime(), now.getTime())));
    await ctx.db
      .update(emailMessages)
      .set({ status: "pending", nextAttemptAt: next, lastError: outcome.error, transport: transport.name, leaseUntil: null })
      .where(mine);
    log.info("email.retry", { id: message.id, error: outcome.error, attempts: message.attempts, delayMs: delay });
    run.retrying++;
  }
  return run;
}

/** An admin puts a failed message back on the queue (a fresh give-up window). */
export async function retryFailedEmail(ctx: AppContext, id: number): Promise<boolean> {
  const now = ctx.now();
  const rows = await ctx.db
    .update(emailMessages)
    .set({ status: "pending", nextAttemptAt: now, giveUpAt: new Date(now.getTime() + EMAIL_GIVE_UP_MS), lastError: null })
    .where(and(eq(emailMessages.id, id), eq(emailMessages.status, "failed")))
    .returning({ id: emailMessages.id });
  return rows.length > 0;
}

export type EmailWorkerOptions = {
  /** How often to look for due email. */
  intervalMs?: number;
  /**
   * How often to look for reminders to send (they are sent once each, whatever the frequency), and
   * to run the housekeeping sweeps and the retention purge (maintenance/schedule.server.ts).
   */
  reminderIntervalMs?: number;
  transport?: EmailTransport;
};

/**
 * The background loop of one app instance: deliver due email every `intervalMs`, queue due
 * reminders every `reminderIntervalMs`. Safe to run on several instances at once. Returns a stop
 * function that resolves when the current round is done (call it on SIGTERM before closing the
 * database).
 */
export function startEmailWorker(ctx: AppContext, options: EmailWorkerOptions = {}): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 2_000;
  const reminderIntervalMs = options.reminderIntervalMs ?? 60 * 60 * 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let lastReminderRun = 0;

  const round = async () => {
    try {
      if (Date.now() - lastReminderRun >= reminderIntervalMs) {
        lastReminderRun = Date.now();
        const queued = await sendDueReminders(ctx);
        if (queued > 0) log.info("email.reminders.queued", { count: queued });
        await runScheduledMaintenance(ctx);
      }
      for (;;) {
        const run = await deliverDueEmails(ctx, { transport: options.transport });
        if (run.claimed < EMAIL_CLAIM_BATCH || stopped) break;
      }
    } catch (error) {
      log.warn("email.worker.error", describeError(error));
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = round().finally(schedule);
    }, intervalMs);
    timer.unref?.();
  };
  current = round().finally(schedule);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await current;
  };
}
