import { emailMessages, type EmailKind } from "../../../db/schema/index";
import type { Db } from "../../../db/client";
import type { Lang } from "~/content/i18n";
import type { AppContext } from "../context.server";
import { renderEmail, type TemplateVars } from "./templates";

/** After this long without a successful delivery, a message is marked failed and shown to admins. */
export const EMAIL_GIVE_UP_MS = 72 * 60 * 60 * 1000;
/** The cipher field name of recipients: the same as `notices.emailEnc` and `enrollments.emailEnc`. */
export const EMAIL_FIELD = "email";
/** The cipher field name of a message's secret (the staff invitation link). */
export const EMAIL_SECRET_FIELD = "email.secret";

export type EnqueueInput = {
  kind: EmailKind;
  language: Lang;
  /** Unique per email ever meant ("enrollment:42"); a second enqueue with it is a no-op. */
  dedupeKey: string;
  /** The recipient, in clear, or already encrypted with field "email". */
  to: { plain: string } | { encrypted: string };
  vars?: Omit<TemplateVars, "portal">;
  noticeId?: number | null;
  /** A link that must not sit in the queue in clear (the staff invitation): stored encrypted, put in at send time. */
  secretLink?: string;
};

/**
 * Put one email on the queue. Call it with the transaction of what causes it (an enrollment, a
 * pool alert), so the email exists if and only if that commits. Returns false when an email with
 * the same dedupe key was already queued.
 */
export async function enqueueEmail(tx: Db, ctx: AppContext, input: EnqueueInput): Promise<boolean> {
  const now = ctx.now();
  const rendered = renderEmail(input.kind, input.language, { ...input.vars, portal: ctx.config.publicUrl });
  const toEnc = "plain" in input.to ? ctx.cipher.encrypt(EMAIL_FIELD, input.to.plain) : input.to.encrypted;
  const rows = await tx
    .insert(emailMessages)
    .values({
      kind: input.kind,
      dedupeKey: input.dedupeKey,
      toEnc,
      language: input.language,
      subject: rendered.subject,
      bodyText: rendered.text,
      bodyHtml: rendered.html,
      noticeId: input.noticeId ?? null,
      secretEnc: input.secretLink ? ctx.cipher.encrypt(EMAIL_SECRET_FIELD, input.secretLink) : null,
      createdAt: now,
      nextAttemptAt: now,
      giveUpAt: new Date(now.getTime() + EMAIL_GIVE_UP_MS),
    })
    .onConflictDoNothing({ target: emailMessages.dedupeKey })
    .returning({ id: emailMessages.id });
  return rows.length > 0;
}
