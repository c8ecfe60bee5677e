import { sql } from "drizzle-orm";
import { incidents } from "../../../db/schema/index";
import { formatDate } from "~/utils/format";
import type { AppContext } from "../context.server";
import { EMAIL_GIVE_UP_MS } from "../email/queue.server";
import { renderEmail } from "../email/templates";
import { addMonthsDays, dayOf } from "./offer.server";

/** Reminders go out this many days before the enroll-by date. */
export const REMINDER_DAYS_BEFORE = { reminder_30: 30, reminder_7: 7 } as const;
type ReminderKind = keyof typeof REMINDER_DAYS_BEFORE;

/**
 * Which reminder is due on `today` for an enroll-by date: the 30-day one from 30 days before up to
 * the 7-day point, the 7-day one from 7 days before through the enroll-by date. (A late run — the
 * worker was down that day — still sends it, once.)
 */
export function dueReminder(today: string, enrollBy: string): { kind: ReminderKind; pointDay: string } | null {
  const day7 = addMonthsDays(enrollBy, 0, -REMINDER_DAYS_BEFORE.reminder_7);
  const day30 = addMonthsDays(enrollBy, 0, -REMINDER_DAYS_BEFORE.reminder_30);
  if (today > enrollBy || today < day30) return null;
  return today >= day7 ? { kind: "reminder_7", pointDay: day7 } : { kind: "reminder_30", pointDay: day30 };
}

/**
 * Queue the reminders due now (ctx.now()), for every incident: to people who checked their letter
 * before the reminder day, have an email address on record, and have not enrolled (nor asked to,
 * i.e. are not waiting). Once each: the dedupe key "reminder_30:<notice>" is unique in the queue,
 * so running this every hour, on several instances, sends each reminder once. One INSERT … SELECT
 * per incident; the recipient's ciphertext is copied as it is (same cipher field), never decrypted.
 * Returns how many were queued.
 */
export async function sendDueReminders(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const today = dayOf(now);
  const all = await ctx.db.select({ id: incidents.id, enrollBy: incidents.enrollBy }).from(incidents);
  let queued = 0;
  for (const incident of all) {
    const due = dueReminder(today, incident.enrollBy);
    if (!due) continue;
    const vars = (lang: "en" | "es") => ({ portal: ctx.config.publicUrl, date: formatDate(incident.enrollBy, lang) });
    const en = renderEmail(due.kind, "en", vars("en"));
    const es = renderEmail(due.kind, "es", vars("es"));
    const nowIso = now.toISOString();
    const giveUpIso = new Date(now.getTime() + EMAIL_GIVE_UP_MS).toISOString();
    const [row] = await ctx.database.rows<{ n: number }>(sql`
      with inserted as (
        insert into email_messages
          (kind, dedupe_key, to_enc, language, subject, body_text, body_html, notice_id, created_at, next_attempt_at, give_up_at)
        select ${due.kind}, ${due.kind} || ':' || n.id, n.email_enc, n.language,
          case when n.language = 'es' then ${es.subject} else ${en.subject} end,
          case when n.language = 'es' then ${es.text} else ${en.text} end,
          case when n.language = 'es' then ${es.html} else ${en.html} end,
          n.id, ${nowIso}::timestamptz, ${nowIso}::timestamptz, ${giveUpIso}::timestamptz
        from notices n
        where n.incident_id = ${incident.id}
          and n.first_checked_at is not null
          and n.first_checked_at < ${`${due.pointDay}T00:00:00Z`}::timestamptz
          and n.email_enc is not null
          and not n.is_deceased
          and n.revoked_at is null
          and n.purged_at is null
          and not exists (select 1 from enrollments e where e.notice_id = n.id)
        on conflict (dedupe_key) do nothing
        returning 1
      )
      select count(*)::int as n from inserted`);
    queued += Number(row?.n ?? 0);
  }
  return queued;
}
