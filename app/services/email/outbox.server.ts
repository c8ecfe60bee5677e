import { and, desc, eq, sql } from "drizzle-orm";
import { emailMessages, type EmailKind, type EmailStatus } from "../../../db/schema/index";
import { recordAuditEvent } from "../audit/record.server";
import type { StaffActor } from "../staff/roles";
import type { AppContext, RequestMeta } from "../context.server";
import { EMAIL_FIELD, EMAIL_SECRET_FIELD } from "./queue.server";
import { withSecretLink } from "./templates";
import { retryFailedEmail } from "./worker.server";

/** "maria@example.org" → "m•••@example.org": enough to tell messages apart, not to read them out. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 1) return "•••";
  return `${address[0]}•••${address.slice(at)}`;
}

export type OutboxRow = {
  id: number;
  kind: EmailKind;
  status: EmailStatus;
  to: string;
  subject: string;
  attempts: number;
  createdAt: Date;
  nextAttemptAt: Date;
  sentAt: Date | null;
  lastError: string | null;
  transport: string | null;
};

export type OutboxSummary = Record<EmailStatus, number>;

/**
 * The admin outbox page: the queue with its state (pending, being sent, sent, failed — a failure
 * after the give-up time shows here), newest first; without RESEND_API_KEY this is where email is
 * "delivered". Recipients are masked. Reading it writes an `outbox.view` audit row in the same
 * transaction.
 */
export async function listOutbox(
  ctx: AppContext,
  actor: Pick<StaffActor, "id" | "role">,
  meta: RequestMeta,
  filter: { status?: EmailStatus; limit?: number } = {},
): Promise<{ rows: OutboxRow[]; summary: OutboxSummary; transport: "resend" | "outbox" }> {
  return ctx.db.transaction(async (tx) => {
    const where = filter.status ? eq(emailMessages.status, filter.status) : undefined;
    const rows = await tx
      .select()
      .from(emailMessages)
      .where(where)
      .orderBy(desc(emailMessages.createdAt), desc(emailMessages.id))
      .limit(Math.min(filter.limit ?? 100, 500));
    const counts = await tx
      .select({ status: emailMessages.status, n: sql<number>`count(*)::int` })
      .from(emailMessages)
      .groupBy(emailMessages.status);
    const summary: OutboxSummary = { pending: 0, sending: 0, sent: 0, failed: 0 };
    for (const c of counts) summary[c.status] = Number(c.n);
    await recordAuditEvent(tx, {
      at: ctx.now(),
      actorType: "staff",
      actorId: actor.id,
      actorRole: actor.role,
      action: "outbox.view",
      subjectType: "outbox",
      subjectId: filter.status ?? "all",
      ip: meta.ip,
      requestId: meta.requestId,
      outcome: "success",
      details: { rows: rows.length },
    });
    return {
      rows: rows.map((m) => toOutboxRow(ctx, m)),
      summary,
      transport: ctx.config.resend ? "resend" : "outbox",
    };
  });
}

/** What admins see of a queued email: the recipient masked, never in full. */
function toOutboxRow(ctx: AppContext, m: typeof emailMessages.$inferSelect): OutboxRow {
  return {
    id: m.id,
    kind: m.kind,
    status: m.status,
    to: maskAddress(ctx.cipher.decrypt(EMAIL_FIELD, m.toEnc)),
    subject: m.subject,
    attempts: m.attempts,
    createdAt: m.createdAt,
    nextAttemptAt: m.nextAttemptAt,
    sentAt: m.sentAt,
    lastError: m.lastError,
    transport: m.transport,
  };
}

/** One message as it was (or will be) sent, recipient masked; audited like the list. */
export async function readOutboxMessage(
  ctx: AppContext,
  actor: Pick<StaffActor, "id" | "role">,
  meta: RequestMeta,
  id: number,
): Promise<(OutboxRow & { bodyText: string }) | null> {
  return ctx.db.transaction(async (tx) => {
    const [m] = await tx.select().from(emailMessages).where(eq(emailMessages.id, id));
    await recordAuditEvent(tx, {
      at: ctx.now(),
      actorType: "staff",
      actorId: actor.id,
      actorRole: actor.role,
      action: "outbox.view",
      subjectType: "email",
      subjectId: String(id),
      ip: meta.ip,
      requestId: meta.requestId,
      outcome: m ? "success" : "failure",
    });
    if (!m) return null;
    // Without an email service the outbox is the mailbox: an open invitation's link shows here,
    // for an admin to hand over. With Resend configured it never does (it went to the invitee).
    const secret = m.secretEnc && !ctx.config.resend ? ctx.cipher.decrypt(EMAIL_SECRET_FIELD, m.secretEnc) : null;
    const bodyText = secret ? withSecretLink({ text: m.bodyText, html: "" }, secret).text : m.bodyText;
    return { ...toOutboxRow(ctx, m), bodyText };
  });
}

/** An admin puts a failed message back on the queue; audited. */
export async function retryOutboxMessage(ctx: AppContext, actor: Pick<StaffActor, "id" | "role">, meta: RequestMeta, id: number): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const ok = await retryFailedEmail({ ...ctx, db: tx }, id);
    await recordAuditEvent(tx, {
      at: ctx.now(),
      actorType: "staff",
      actorId: actor.id,
      actorRole: actor.role,
      action: "outbox.retry",
      subjectType: "email",
      subjectId: String(id),
      ip: meta.ip,
      requestId: meta.requestId,
      outcome: ok ? "success" : "failure",
    });
    return ok;
  });
}

/** For the admin pages' banner: how many messages gave up. */
export async function countFailedEmails(ctx: AppContext): Promise<number> {
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(emailMessages)
    .where(and(eq(emailMessages.status, "failed")));
  return Number(row?.n ?? 0);
}
