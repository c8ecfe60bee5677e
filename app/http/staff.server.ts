import { createCookie, redirect, type AppLoadContext, type Cookie } from "@remix-run/node";
import { recordAccessDenied } from "~/services/staff/guard.server";
import { roleAtLeast, type StaffActor, type StaffRole } from "~/services/staff/roles";
import { safeStaffNextPath } from "~/utils/safe-next";
import { readActiveStaffSession, STAFF_ABSOLUTE_MS } from "~/services/staff/session.server";
import type { Config } from "~/utils/env.server";

export const STAFF_COOKIE_NAME = "ec_staff";

const cookies = new WeakMap<Config, Cookie>();

/**
 * The staff cookie holds one random token, signed with SESSION_SECRET. HttpOnly, SameSite=Strict
 * (staff pages are never entered from another site), Secure in production. Everything else lives
 * in `staff_sessions`.
 */
export function staffCookie(config: Config): Cookie {
  let cookie = cookies.get(config);
  if (!cookie) {
    cookie = createCookie(STAFF_COOKIE_NAME, {
      httpOnly: true,
      sameSite: "strict",
      secure: config.secureCookies,
      path: "/",
      secrets: config.sessionSecrets,
      maxAge: STAFF_ABSOLUTE_MS / 1000,
    });
    cookies.set(config, cookie);
  }
  return cookie;
}

export async function readStaffToken(config: Config, request: Request): Promise<string | null> {
  const token: unknown = await staffCookie(config).parse(request.headers.get("Cookie"));
  return typeof token === "string" && token.length > 0 ? token : null;
}

export async function clearStaffCookie(config: Config): Promise<string> {
  return staffCookie(config).serialize("", { maxAge: 0 });
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
    const next = safeStaffNextPath(url.pathname);
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
