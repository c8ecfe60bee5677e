import { roleAtLeast, type StaffRole } from "./roles";

/**
 * THE table of staff routes: every file in app/routes named `staff*` or `admin*`, with the lowest
 * role allowed to load it and post to it (agent < supervisor < admin), and what it is for.
 *
 * - tests/routes/staff-route-access.int.test.ts fails when a staff/admin route file is missing
 *   here, and for every row calls the loader and the action as each lower role, expecting a 403
 *   with no data and a `staff.access.denied` audit row; `agent` rows must redirect strangers to
 *   /staff/login. Adding a route = adding its row (the route's loader/action still calls
 *   `requireStaff(request, context, <the same role>)` first).
 * - The README's route table is generated from it (`npm run cli -- staff routes`).
 * - `nav` rows appear in the staff header and on the dashboard for the roles allowed.
 *
 * `public` is only for the sign-in pages and the staff layout (which shows no data without a session).
 */
export type RouteAccess = {
  minimumRole: StaffRole | "public";
  description: string;
  /** Label in the staff navigation and dashboard (pages, not resource routes or layouts). */
  nav?: string;
  /** The URL to test, when it cannot be derived from the route id (params become "1"). */
  path?: string;
};

export const STAFF_ROUTE_ACCESS = {
  "routes/staff": { minimumRole: "public", description: "Staff layout: header, who is signed in, sign-out button. Shows nothing without a session." },
  "routes/staff.login": {
    minimumRole: "public",
    description: "Sign in: email + password, then the TOTP code; on first sign-in, confirm the code and choose a new password.",
  },
  "routes/staff.invitation": {
    minimumRole: "public",
    description:
      "Accept an invitation (?token= from the email, single use, 72 hours): choose a password, set up the authenticator app, enter its code; then signed in. Ended links get a plain 404/410 page.",
  },
  "routes/staff.logout": { minimumRole: "public", description: "POST: sign out (the session ends at once)." },
  "routes/staff._index": { minimumRole: "agent", description: "Dashboard: links to what the role can do.", nav: "Dashboard" },
  "routes/staff.calls._index": {
    minimumRole: "agent",
    description:
      "Call-center console: start a call (call reference + reason), find the caller's letter by reference number, activation code, or last name + date of birth + ZIP (exact matches only; lookups limited per hour). Every search audited.",
    nav: "Calls",
  },
  "routes/staff.calls.$callId": {
    minimumRole: "agent",
    description:
      "One call (the agent's own): verify the caller, then explain, enroll, resend, change email, unlock, reissue, flag; end with a disposition. Every read and action audited.",
    path: "/staff/calls/00000000-0000-0000-0000-000000000001",
  },
  "routes/staff.calls.supervisor": {
    minimumRole: "supervisor",
    description:
      "Call-center supervisor view: calls per hour and disposition, handling time, who is signed in, lookup-limit alerts, unusual activity, latest calls with their audit trail. Audited.",
    nav: "Call center",
  },
  "routes/staff.audit": {
    minimumRole: "supervisor",
    description: "Audit trail: filter by staff member, notice reference, event type and date; paginated. Each view is audited.",
    nav: "Audit trail",
  },
  "routes/staff.audit.export": { minimumRole: "supervisor", description: "Audit trail as CSV (formula-safe), with the same filters. The export is audited." },
  "routes/admin": { minimumRole: "admin", description: "Admin layout." },
  "routes/admin._index": { minimumRole: "admin", description: "Admin home: links to the admin pages.", nav: "Admin" },
  "routes/admin.staff": {
    minimumRole: "admin",
    description:
      "Staff accounts: invite by email (limited per admin per hour), revoke an open invitation, change role, disable/enable, reset the password or second factor of agents and supervisors (admins: on the server). Every change is audited.",
    nav: "Staff accounts",
  },
  "routes/admin.pool": {
    minimumRole: "admin",
    description: "Monitoring code pool: codes loaded, handed out and left per product, people waiting, low/empty alerts; load a vendor code file (audited).",
    nav: "Code pool",
  },
  "routes/admin.outbox": {
    minimumRole: "admin",
    description:
      "Email queue: pending, sent and failed messages (recipients masked); retry a failed one. Without RESEND_API_KEY, email is delivered here. Each view is audited.",
    nav: "Outbox",
  },
  "routes/admin.outbox_.$id": { minimumRole: "admin", description: "One queued email: subject and text as sent (recipient masked). Audited." },
  "routes/admin.incident": {
    minimumRole: "admin",
    description:
      "The incident: create or edit its definition (the same fields and checks as `incident create/update`), with a preview of the public home and exposure pages in English and Spanish before saving. Views and changes audited.",
    nav: "Incident",
  },
  "routes/admin.organizations": {
    minimumRole: "admin",
    description: "Organizations (covered entities) of the incident with their notice counts; add one (audited).",
    nav: "Organizations",
  },
  "routes/admin.batches._index": {
    minimumRole: "admin",
    description:
      "Notification batches: status, counts, mailing date; upload a batch file (streamed to disk, imported in the background; dry run; import the valid rows). Audited.",
    nav: "Batches",
  },
  "routes/admin.batches.template[.csv]": {
    minimumRole: "admin",
    description: "A template batch file to start from: the header row with every column and one made-up example row.",
  },
  "routes/admin.batches.$id": {
    minimumRole: "admin",
    description: "One batch: import progress (updates in place), counts, validation report, mailing-file download, mark mailed (audited).",
  },
  "routes/admin.batches.$id_.report[.csv]": {
    minimumRole: "admin",
    description: "A batch's validation report as CSV (line, column, reason; formula-safe). Audited.",
  },
  "routes/admin.batches.$id_.mailing[.csv]": {
    minimumRole: "admin",
    description: "The print vendor's mailing file (activation codes in clear), only while the batch awaits mailing. Every download and refusal audited.",
  },
  "routes/admin.batches.$id_.reprint": {
    minimumRole: "admin",
    description: "POST: reprint one letter by reference number: a new code replaces the old; answers the one-line mailing file. Audited.",
  },
  "routes/admin.returned-mail": {
    minimumRole: "admin",
    description: "Returned mail: upload reference numbers of letters that came back; shows when HIPAA substitute notice is required (10+). Audited.",
    nav: "Returned mail",
  },
  "routes/admin.reports": {
    minimumRole: "admin",
    description:
      "Reports per organization and per state (notified, minors, deceased, checked, locked, returned mail, enrolled), checks and enrollments per day. Audited.",
    nav: "Reports",
  },
  "routes/admin.reports_.download": {
    minimumRole: "admin",
    description: "A report table as CSV (?by=state|organization|day|enrollment-day|enrollment-product). Audited.",
  },
  "routes/admin.hhs": {
    minimumRole: "admin",
    description: "The HHS breach report figures on one page: individuals affected, dates, type and location of breach, types of information. Audited.",
    nav: "HHS report",
  },
} as const satisfies Record<string, RouteAccess>;

export type StaffRouteId = keyof typeof STAFF_ROUTE_ACCESS;

export function routeAccessRows(): [string, RouteAccess][] {
  return Object.entries(STAFF_ROUTE_ACCESS as Record<string, RouteAccess>);
}

/** Is this a file name (without extension) that must have a row? */
export function isStaffRouteFile(name: string): boolean {
  return /^(staff|admin)($|[._])/.test(name);
}

/**
 * The URL path of a flat-route id: `routes/admin.batches.$id_.report` → `/admin/batches/1/report`.
 * Dynamic segments get "1"; `_index` and pathless `_layout` segments vanish; `[.]` escapes kept.
 */
export function routePath(routeId: string, access?: RouteAccess): string {
  if (access?.path) return access.path;
  const name = routeId.replace(/^routes\//, "");
  const segments = name.split(/(?<!\[[^\]]*)\.(?![^[]*\])/);
  const parts: string[] = [];
  for (const raw of segments) {
    const seg = raw.replace(/_$/, "");
    if (seg === "_index" || seg.startsWith("_") || seg === "") continue;
    if (seg.startsWith("(") && seg.endsWith(")")) continue; // optional segment: leave it out
    if (seg.startsWith("$")) parts.push("1");
    else parts.push(seg.replace(/\[([^\]]*)\]/g, "$1"));
  }
  return "/" + parts.join("/");
}

/** The params object a loader receives for the derived path. */
export function routeParams(routeId: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of routeId.matchAll(/\$([A-Za-z0-9]*(?:_[A-Za-z0-9]+)*)/g)) params[m[1] || "*"] = "1";
  return params;
}

export type StaffNavItem = { path: string; label: string; description: string; minimumRole: StaffRole };

/** The pages this role may open, in table order: the header navigation and the dashboard. */
export function staffNavFor(role: StaffRole): StaffNavItem[] {
  const items: StaffNavItem[] = [];
  for (const [id, access] of routeAccessRows()) {
    if (!access.nav || access.minimumRole === "public") continue;
    if (!roleAtLeast(role, access.minimumRole)) continue;
    items.push({ path: routePath(id, access), label: access.nav, description: access.description, minimumRole: access.minimumRole });
  }
  return items;
}

/** The README table (markdown), generated so it cannot drift from the code. */
export function routeAccessMarkdown(): string {
  const lines = ["| route file | URL | lowest role | what it does |", "|---|---|---|---|"];
  for (const [id, access] of routeAccessRows()) {
    lines.push(`| \`app/${id}.tsx\` | \`${routePath(id, access)}\` | ${access.minimumRole} | ${access.description.replace(/\|/g, "\\|")} |`);
  }
  return lines.join("\n");
}
