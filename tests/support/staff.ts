import type { AppLoadContext } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { auditEvents, staffUsers, type AuditEvent } from "../../db/schema/index";
import type { AppContext, RequestMeta } from "../../app/services/context.server";
import { createStaffAccount } from "../../app/services/staff/accounts.server";
import type { StaffActor, StaffRole } from "../../app/services/staff/roles";
import { staffCookie } from "../../app/http/staff.server";
import { startStaffSession } from "../../app/services/staff/session.server";
import { totpCode } from "../../app/services/staff/totp.server";

let n = 0;

export type ReadyStaff = { id: string; email: string; role: StaffRole; password: string; totpSecret: string };

/**
 * A staff account past its first sign-in (own password chosen, TOTP confirmed), created through the
 * real service (one argon2 hash). `firstSignIn: true` leaves it as an admin hands it over.
 */
export async function createStaff(ctx: AppContext, role: StaffRole, options: { email?: string; firstSignIn?: boolean } = {}): Promise<ReadyStaff> {
  const email = options.email ?? `${role}-${++n}-${Math.random().toString(36).slice(2, 8)}@staff.test`;
  const result = await createStaffAccount(ctx, { kind: "system", name: "test" }, { email, role });
  if (!result.ok) throw new Error(`could not create ${email}: ${result.problem}`);
  if (!options.firstSignIn) {
    await ctx.db.update(staffUsers).set({ mustChangePassword: false, totpConfirmedAt: ctx.now() }).where(eq(staffUsers.id, result.user.id));
  }
  return { id: result.user.id, email: result.user.email, role, password: result.oneTimePassword!, totpSecret: result.totpSecret! };
}

/** A signed-in session for an account, without going through the forms: the Cookie header and the actor. */
export async function signedIn(ctx: AppContext, staff: { id: string; email: string; role: StaffRole }): Promise<{ cookie: string; actor: StaffActor }> {
  const { token, sessionId } = await ctx.db.transaction((tx) => startStaffSession(tx, staff.id, "active", ctx.now()));
  return { cookie: await cookieFor(ctx, token), actor: { id: staff.id, email: staff.email, role: staff.role, sessionId } };
}

/** The Cookie request header for a token, signed like the server does. */
export async function cookieFor(ctx: AppContext, token: string): Promise<string> {
  return (await staffCookie(ctx.config).serialize(token)).split(";")[0]!;
}

/** The code an authenticator app shows at the test clock's current time. */
export function codeNow(ctx: AppContext, secret: string, offsetMs = 0): string {
  return totpCode(secret, new Date(ctx.now().getTime() + offsetMs));
}

let req = 0;
export const testMeta = (): RequestMeta => ({ ip: "203.0.113.7", requestId: `test-req-${++req}` });

/** What Remix passes a loader or action: our load context over the test database. */
export function loadContext(ctx: AppContext, meta: RequestMeta = testMeta()): AppLoadContext {
  return { app: ctx, meta, cspNonce: "test" } as AppLoadContext;
}

export function staffRequest(path: string, cookie: string | null, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (cookie) headers.set("Cookie", cookie);
  return new Request(`http://localhost${path}`, { ...init, headers });
}

export async function auditRows(ctx: AppContext, where: Partial<Pick<AuditEvent, "action" | "actorId" | "subjectId">> = {}): Promise<AuditEvent[]> {
  const parts = [];
  if (where.action) parts.push(eq(auditEvents.action, where.action));
  if (where.actorId) parts.push(eq(auditEvents.actorId, where.actorId));
  if (where.subjectId) parts.push(eq(auditEvents.subjectId, where.subjectId));
  return ctx.db
    .select()
    .from(auditEvents)
    .where(and(...parts))
    .orderBy(auditEvents.id);
}

/** Run a loader/action and catch what it throws (redirects and 403s are thrown Responses). */
export async function settle(fn: () => Promise<unknown>): Promise<{ thrown: boolean; value: unknown }> {
  try {
    return { thrown: false, value: await fn() };
  } catch (value) {
    return { thrown: true, value };
  }
}
