import { and, eq, inArray, isNull, like, or, sql } from "drizzle-orm";
import { batches, notices, staffUsers } from "../../../db/schema/index";
import type { AppContext } from "../context.server";
import { recordAuditEvent } from "../audit/record.server";
import { createStaffAccount, disableStaffAccount, findStaffByEmail, type AccountChanger } from "../staff/accounts.server";
import type { StaffRole } from "../staff/roles";
import { TOTP_SECRET_FIELD } from "../staff/login.server";
import { totpCode } from "../staff/totp.server";

/**
 * One demo account per role, with fixed passwords and TOTP secrets, so a fresh clone can be tried
 * at once. Never created in production; marked `isDemo`, which is what lets the CLI print their
 * current code. The passwords pass the real policy (tests/services/staff/password.test.ts).
 */
export const DEMO_STAFF: readonly { email: string; role: StaffRole; password: string; totpSecret: string }[] = [
  { email: "agent@demo.test", role: "agent", password: "quiet-harbor-lantern-7", totpSecret: "EXPOSURECHECKDEMOAGENTAAAAAAAAAA" },
  { email: "supervisor@demo.test", role: "supervisor", password: "velvet-orchard-compass-4", totpSecret: "EXPOSURECHECKDEMOSUPERVISORAAAAA" },
  { email: "admin@demo.test", role: "admin", password: "granite-meadow-falcon-9", totpSecret: "EXPOSURECHECKDEMOADMINAAAAAAAAAA" },
];

export type DemoStaffLogin = { email: string; role: StaffRole; password: string; created: boolean };

/** The start-up banner lines for the demo staff (also printed by seedDemoStaff). */
export function demoStaffBanner(ctx: AppContext, logins: DemoStaffLogin[]): string[] {
  if (logins.length === 0) return [];
  return [
    `Demo staff sign-in at ${ctx.config.publicUrl}/staff/login (demo accounts; never created in production):`,
    ...logins.map((l) => `  ${l.role.padEnd(10)} ${l.email.padEnd(22)} password: ${l.password}`),
    "  Then the 6-digit code from:  npm run cli -- staff totp --email <email>",
    "  (run it with the same DATA_DIR / DATABASE_URL as the server; or add the demo TOTP secret",
    "  from app/services/demo/staff.server.ts to an authenticator app).",
  ];
}

/**
 * Create the demo staff accounts that are missing (outside production only) and print how to sign
 * in. Idempotent: existing accounts are left as they are. Written to stdout directly: the console
 * scrubber would mask the demo emails, which are the point of this banner.
 */
export async function seedDemoStaff(ctx: AppContext, options: { print?: boolean } = {}): Promise<DemoStaffLogin[]> {
  if (ctx.config.env === "production") return [];
  const logins: DemoStaffLogin[] = [];
  for (const demo of DEMO_STAFF) {
    const existing = await findStaffByEmail(ctx, demo.email);
    if (existing && !existing.isDemo) continue; // a real account took the address: leave it alone
    let created = false;
    if (!existing) {
      const result = await createStaffAccount(
        ctx,
        { kind: "system", name: "demo-seed" },
        { email: demo.email, role: demo.role },
        { password: demo.password, totpSecret: demo.totpSecret, isDemo: true },
      );
      created = result.ok;
    }
    logins.push({ email: demo.email, role: demo.role, password: demo.password, created });
  }
  if (options.print ?? true) process.stdout.write(demoStaffBanner(ctx, logins).join("\n") + "\n");
  return logins;
}

export type DemoCodeResult = { ok: true; code: string; secondsLeft: number } | { ok: false; problem: "production" | "notDemo" };

/** The current TOTP code of a demo account — refused in production and for any real account. */
export async function currentDemoTotp(ctx: AppContext, email: string): Promise<DemoCodeResult> {
  if (ctx.config.env === "production") return { ok: false, problem: "production" };
  const user = await findStaffByEmail(ctx, email);
  if (!user || !user.isDemo) return { ok: false, problem: "notDemo" };
  const now = ctx.now();
  const secret = ctx.cipher.decrypt(TOTP_SECRET_FIELD, user.totpSecretEnc);
  return { ok: true, code: totpCode(secret, now), secondsLeft: 30 - (Math.floor(now.getTime() / 1000) % 30) };
}

/** Demo data is recognized by marks no real data has: the flag or domain of the accounts, the `demo-` file hash of the seeded batches. */
const DEMO_EMAIL_DOMAIN = "@demo.test";
const DEMO_BATCH_HASH_PREFIX = "demo-";

export type DemoLeftovers = { staffEmails: string[]; demoNotices: number };

/**
 * What of the demo is still usable in this database: demo staff accounts not disabled (their
 * passwords and TOTP secrets are in the repository), and demo notices not revoked (their codes
 * are too). Production refuses to start while there is any (issue 15, finding 2; docs/decisions/072).
 */
export async function findDemoLeftovers(ctx: AppContext): Promise<DemoLeftovers> {
  const staff = await ctx.db
    .select({ email: staffUsers.email })
    .from(staffUsers)
    .where(and(isNull(staffUsers.disabledAt), or(eq(staffUsers.isDemo, true), like(staffUsers.email, `%${DEMO_EMAIL_DOMAIN}`))));
  const [n] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(notices)
    .innerJoin(batches, eq(batches.id, notices.batchId))
    .where(and(like(batches.fileSha256, `${DEMO_BATCH_HASH_PREFIX}%`), isNull(notices.revokedAt)));
  return { staffEmails: staff.map((s) => s.email).sort(), demoNotices: Number(n?.n ?? 0) };
}

/** The start-up refusal, naming what is left and how to end it. */
export function demoLeftoversMessage(left: DemoLeftovers): string | null {
  if (left.staffEmails.length === 0 && left.demoNotices === 0) return null;
  const parts = [];
  if (left.staffEmails.length) parts.push(`demo staff accounts (${left.staffEmails.join(", ")})`);
  if (left.demoNotices) parts.push(`${left.demoNotices} demo notices whose codes are published`);
  return `Refusing to start in production: this database holds ${parts.join(" and ")}. Run \`npm run cli -- demo disable\` against it first.`;
}

/**
 * Disable every demo staff account (sessions end) and revoke every demo notice (its code stops
 * working), audited. Safe to run again; it never touches real accounts or batches. The demo admin
 * stays enabled while it is the only admin (`notDisabled`): create a real admin first.
 */
export async function disableDemoLeftovers(
  ctx: AppContext,
  changer: AccountChanger,
): Promise<{ staffDisabled: number; notDisabled: string[]; noticesRevoked: number }> {
  let staffDisabled = 0;
  const notDisabled: string[] = [];
  const left = await findDemoLeftovers(ctx);
  for (const email of left.staffEmails) {
    const user = await findStaffByEmail(ctx, email);
    if (user && (await disableStaffAccount(ctx, changer, user.id)).ok) staffDisabled++;
    else notDisabled.push(email);
  }
  const now = ctx.now();
  const noticesRevoked = await ctx.db.transaction(async (tx) => {
    const demoBatches = tx
      .select({ id: batches.id })
      .from(batches)
      .where(like(batches.fileSha256, `${DEMO_BATCH_HASH_PREFIX}%`));
    const revoked = await tx
      .update(notices)
      .set({ revokedAt: now })
      .where(and(inArray(notices.batchId, demoBatches), isNull(notices.revokedAt)))
      .returning({ id: notices.id });
    if (revoked.length) {
      await recordAuditEvent(tx, {
        at: now,
        actorType: changer.kind === "staff" ? "staff" : changer.kind === "cli" ? "cli" : "system",
        actorId: changer.kind === "staff" ? changer.actor.id : changer.name,
        action: "demo.notices.revoke",
        outcome: "success",
        details: { notices: revoked.length },
      });
    }
    return revoked.length;
  });
  return { staffDisabled, notDisabled, noticesRevoked };
}
