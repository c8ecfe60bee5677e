import type { AppContext } from "../context.server";
import { createStaffAccount, findStaffByEmail } from "../staff/accounts.server";
import type { StaffRole } from "../staff/guard.server";
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
