import { redirect, type AppLoadContext } from "@remix-run/node";
import type { AppContext, RequestMeta } from "../context.server";
import { recordAuditEvent } from "../audit/record.server";
import { clearStaffCookie, readActiveStaffSession, readStaffToken } from "./session.server";

export type StaffRole = "agent" | "supervisor" | "admin";
export type StaffActor = { id: string; email: string; role: StaffRole; sessionId: string };

/** agent < supervisor < admin. */
export const STAFF_ROLES: readonly StaffRole[] = ["agent", "supervisor", "admin"];

export function isStaffRole(x: unknown): x is StaffRole {
  return typeof x === "string" && (STAFF_ROLES as readonly string[]).includes(x);
}

export function roleAtLeast(role: StaffRole, minimum: StaffRole): boolean {
  return STAFF_ROLES.indexOf(role) >= STAFF_ROLES.indexOf(minimum);
}

/**
 * A service refusing an actor whose role is too low. Services check again where they touch data
 * (the route guard is the first check, not the only one).
 */
export class StaffForbiddenError extends Error {
  constructor(readonly minimumRole: StaffRole) {
    super(`requires ${minimumRole}`);
    this.name = "StaffForbiddenError";
  }
}

export function assertRole(actor: StaffActor, minimum: StaffRole): void {
  if (!roleAtLeast(actor.role, minimum)) throw new StaffForbiddenError(minimum);
}

/** Only paths of our own staff pages come back through ?next= (no open redirect). */
export function safeStaffNext(next: string | null | undefined): string {
  if (!next || !/^\/(staff|admin)(\/[A-Za-z0-9._~\-/]*)?$/.test(next) || next.startsWith("/staff/login")) return "/staff";
  return next;
}

/**
 * The signed-in staff member, or null (no redirect, no audit): for the staff layout's header and
 * for the login page. Never use it to protect data — use requireStaff.
 */
export async function getStaffActor(request: Request, context: AppLoadContext): Promise<StaffActor | null> {
  const token = await readStaffToken(context.app.config, request);
  const state = await readActiveStaffSession(context.app, context.meta, token);
  if (state.kind !== "active") return null;
  return { id: state.user.id, email: state.user.email, role: state.user.role, sessionId: state.session.id };
}

/** Write the refusal of a staff member whose role is too low; the caller then answers 403. */
export async function recordAccessDenied(
  ctx: AppContext,
  meta: RequestMeta | undefined,
  actor: StaffActor,
  input: { path: string; method: string; minimumRole: StaffRole },
): Promise<void> {
  await ctx.db.transaction((tx) =>
    recordAuditEvent(tx, {
      at: ctx.now(),
      actorType: "staff",
      actorId: actor.id,
      actorRole: actor.role,
      action: "staff.access.denied",
      subjectType: "route",
      subjectId: input.path,
      ip: meta?.ip,
      requestId: meta?.requestId,
      outcome: "denied",
      details: { method: input.method, minimumRole: input.minimumRole, sessionId: actor.sessionId },
    }),
  );
}

/**
 * Every staff loader and action starts here. Not signed in (or the session ended): a redirect to
 * /staff/login. Signed in with a role below `minimumRole`: a `staff.access.denied` audit row, then a
 * 403 with an empty body — no data of the page, whatever it is.
 */
export async function requireStaff(request: Request, context: AppLoadContext, minimumRole: StaffRole): Promise<StaffActor> {
  const ctx = context.app;
  const url = new URL(request.url);
  const token = await readStaffToken(ctx.config, request);
  const state = await readActiveStaffSession(ctx, context.meta, token);
  if (state.kind !== "active") {
    const params = new URLSearchParams();
    if (state.kind === "expired") params.set("ended", "expired");
    const next = safeStaffNext(url.pathname);
    if (next !== "/staff") params.set("next", next);
    const query = params.toString();
    throw redirect(`/staff/login${query ? `?${query}` : ""}`, {
      headers: token ? { "Set-Cookie": await clearStaffCookie(ctx.config) } : undefined,
    });
  }
  const actor: StaffActor = { id: state.user.id, email: state.user.email, role: state.user.role, sessionId: state.session.id };
  if (!roleAtLeast(actor.role, minimumRole)) {
    await recordAccessDenied(ctx, context.meta, actor, { path: url.pathname, method: request.method, minimumRole });
    throw new Response(null, { status: 403, statusText: "Forbidden", headers: { "Cache-Control": "no-store" } });
  }
  return actor;
}
