import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { staffUsers } from "../../../db/schema/index";
import type { AppContext } from "../context.server";
import { enqueueEmail } from "../email/queue.server";

/** The kinds of change to an admin account that every other admin hears about (docs/decisions/073). */
export const ADMIN_CHANGE_TEXT = {
  invited: "a new administrator was invited",
  created: "a new administrator account was created",
  reset: "an administrator's password or second factor was reset from the server's command line",
  promoted: "an account was made administrator",
  demoted: "an administrator account was given a lower role",
  disabled: "an administrator account was disabled",
  enabled: "an administrator account was enabled again",
} as const;
export type AdminChange = keyof typeof ADMIN_CHANGE_TEXT;

/**
 * Queue the `admin_account_changed` email to every other enabled admin, in the transaction of the
 * change (so the emails exist if and only if the change commits). The email names the kind of
 * change and points to the audit trail; it carries no secret and no account name. Returns how
 * many were queued.
 */
export async function notifyOtherAdmins(tx: Db, ctx: AppContext, change: AdminChange, except: (string | null)[]): Promise<number> {
  const admins = await tx
    .select({ id: staffUsers.id, email: staffUsers.email })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, "admin"), isNull(staffUsers.disabledAt)));
  const event = randomUUID();
  let queued = 0;
  for (const admin of admins) {
    if (except.includes(admin.id)) continue;
    const ok = await enqueueEmail(tx, ctx, {
      kind: "admin_account_changed",
      language: "en",
      dedupeKey: `admin_account_changed:${event}:${admin.id}`,
      to: { plain: admin.email },
      vars: { change: ADMIN_CHANGE_TEXT[change] },
    });
    if (ok) queued++;
  }
  return queued;
}
