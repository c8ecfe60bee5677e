/**
 * The staff roles, lowest first: agent < supervisor < admin. The one list: the `staff_users.role`
 * column, the role checks (app/services/staff/roles.ts) and the forms all take it from here. No
 * imports, so the browser bundle can use it too.
 */
export const STAFF_ROLES = ["agent", "supervisor", "admin"] as const;
