import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { StaffRole } from "~/services/staff/roles";
import { isStaffRouteFile, routeAccessRows, routeParams, routePath, STAFF_ROUTE_ACCESS } from "~/services/staff/route-access";
import { openTestEnv, type TestEnv } from "../support/db";
import { auditRows, createStaff, loadContext, settle, signedIn, staffRequest, testMeta } from "../support/staff";
import { clientAddressHash } from "~/services/audit/record.server";

/**
 * Generated from the route table (app/services/staff/route-access.ts): every staff/admin route file
 * must have a row, and every row is tried as each role below its minimum — loader and action — and
 * must answer 403 with no data and leave a `staff.access.denied` audit row. A new route cannot be
 * forgotten: without a row this file fails; with a row but without the guard, its cases fail.
 */
const ROUTES_DIR = path.resolve("app/routes");
const ROLES: StaffRole[] = ["agent", "supervisor", "admin"];

/** Route ids of the staff/admin route files on disk (flat files and folder routes). */
function staffRouteFiles(): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(ROUTES_DIR, { withFileTypes: true })) {
    if (entry.isFile()) {
      const m = /^(.*)\.(tsx?|jsx?)$/.exec(entry.name);
      if (m && isStaffRouteFile(m[1]!)) found.set(`routes/${m[1]}`, path.join(ROUTES_DIR, entry.name));
    } else if (entry.isDirectory() && isStaffRouteFile(entry.name)) {
      const file = ["route.tsx", "route.ts", "route.jsx", "route.js"].map((f) => path.join(ROUTES_DIR, entry.name, f)).find((f) => existsSync(f));
      if (file) found.set(`routes/${entry.name}`, file);
    }
  }
  return found;
}

type RouteModule = {
  loader?: (args: { request: Request; context: unknown; params: Record<string, string> }) => Promise<unknown>;
  action?: (args: { request: Request; context: unknown; params: Record<string, string> }) => Promise<unknown>;
};

const files = staffRouteFiles();
const guarded = routeAccessRows().filter(([, a]) => a.minimumRole !== "public");

let env: TestEnv;
const sessions = {} as Record<StaffRole, Awaited<ReturnType<typeof signedIn>>>;

beforeAll(async () => {
  env = await openTestEnv();
  for (const role of ROLES) sessions[role] = await signedIn(env.ctx, await createStaff(env.ctx, role));
});
afterAll(async () => {
  await env?.close();
});

async function load(id: string): Promise<RouteModule> {
  return (await import(pathToFileURL(files.get(id)!).href)) as RouteModule;
}

function requestFor(id: string, method: "GET" | "POST", cookie: string | null): Request {
  const url = routePath(id, STAFF_ROUTE_ACCESS[id as keyof typeof STAFF_ROUTE_ACCESS]);
  return method === "GET"
    ? staffRequest(url, cookie)
    : staffRequest(url, cookie, {
        method: "POST",
        body: new URLSearchParams({ intent: "create", email: "x@y.test", role: "admin", userId: "00000000-0000-0000-0000-000000000000" }),
      });
}

describe(`the staff route table (${process.env.TEST_DB_KIND})`, () => {
  it("lists every staff and admin route file, and nothing that does not exist", () => {
    const missing = [...files.keys()].filter((id) => !(id in STAFF_ROUTE_ACCESS));
    expect(missing, "add these to app/services/staff/route-access.ts").toEqual([]);
    const stale = Object.keys(STAFF_ROUTE_ACCESS).filter((id) => !files.has(id));
    expect(stale, "rows without a route file").toEqual([]);
    expect(files.size).toBeGreaterThanOrEqual(9);
  });

  for (const [id, access] of guarded) {
    const lower = ROLES.filter((r) => ROLES.indexOf(r) < ROLES.indexOf(access.minimumRole as StaffRole));
    const methods = ["GET", "POST"] as const;

    for (const method of methods) {
      const fn = method === "GET" ? "loader" : "action";

      it(`${id} ${fn}: a stranger is sent to /staff/login`, async () => {
        const mod = await load(id);
        const handler = mod[fn];
        if (!handler) return expect(fn).toBe("action"); // every route has a loader; actions are optional
        const before = await auditRows(env.ctx, { action: "staff.access.denied" });
        const out = await settle(() => handler({ request: requestFor(id, method, null), context: loadContext(env.ctx), params: routeParams(id) }));
        expect(out.thrown, "must throw, not return data").toBe(true);
        expect(out.value).toBeInstanceOf(Response);
        expect((out.value as Response).status).toBe(302);
        expect((out.value as Response).headers.get("Location")).toMatch(/^\/staff\/login/);
        expect(await auditRows(env.ctx, { action: "staff.access.denied" })).toHaveLength(before.length);
      });

      for (const role of lower) {
        it(`${id} ${fn}: ${role} below ${access.minimumRole} gets 403, no data, and an audit row`, async () => {
          const mod = await load(id);
          const handler = mod[fn];
          if (!handler) return expect(fn).toBe("action");
          const session = sessions[role];
          const meta = testMeta();
          const request = requestFor(id, method, session.cookie);
          const out = await settle(() => handler({ request, context: loadContext(env.ctx, meta), params: routeParams(id) }));
          expect(out.thrown, "must throw, not return data").toBe(true);
          expect(out.value).toBeInstanceOf(Response);
          const res = out.value as Response;
          expect(res.status).toBe(403);
          expect(await res.text()).toBe("");
          const denied = (await auditRows(env.ctx, { action: "staff.access.denied", actorId: session.actor.id })).filter((r) => r.requestId === meta.requestId);
          expect(denied).toHaveLength(1);
          expect(denied[0]).toMatchObject({
            actorType: "staff",
            actorRole: role,
            outcome: "denied",
            subjectType: "route",
            subjectId: new URL(request.url).pathname,
            ipHash: clientAddressHash(meta.ip),
          });
          expect(denied[0]!.details).toMatchObject({ method, minimumRole: access.minimumRole });
        });
      }

      it(`${id} ${fn}: ${access.minimumRole} is not refused`, async () => {
        const mod = await load(id);
        const handler = mod[fn];
        if (!handler) return expect(fn).toBe("action");
        const session = sessions[access.minimumRole as StaffRole];
        const out = await settle(() => handler({ request: requestFor(id, method, session.cookie), context: loadContext(env.ctx), params: routeParams(id) }));
        if (out.value instanceof Response) expect(out.value.status).not.toBe(403);
        const denied = await auditRows(env.ctx, { action: "staff.access.denied", actorId: session.actor.id });
        expect(denied).toEqual([]);
      });
    }
  }
});
