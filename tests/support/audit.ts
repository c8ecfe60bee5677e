import { sql } from "drizzle-orm";
import { sealAuditTrail } from "~/services/audit/seal.server";
import type { TestEnv } from "./db";

/**
 * Seal until no committed row is left unsealed. On a shared PostgreSQL server the seal boundary is
 * the oldest transaction running anywhere in the cluster (other test files, other databases), so
 * one round may seal nothing yet: try again for a while.
 */
export async function sealEverything(env: TestEnv, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await sealAuditTrail(env.ctx.db, env.config.auditSealKey, env.ctx.now());
    if ((await unsealedRows(env)) === 0) return;
    if (Date.now() > until) throw new Error("audit rows stayed unsealed");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Rows above the last checkpoint's boundary. */
export async function unsealedRows(env: TestEnv): Promise<number> {
  const [row] = await env.ctx.database.rows<{ n: number }>(
    sql`select count(*)::int as n from audit_events where txid >= coalesce((select upto_txid from audit_seals order by seq desc limit 1), '0'::xid8)`,
  );
  return Number(row!.n);
}

/**
 * The grants of docs/audit.md for an app role `ec_app` (tests substitute their own role name).
 * Keep the two in step.
 */
export const APP_ROLE_GRANTS = [
  "grant usage on schema public to ec_app",
  "grant select, insert, update, delete on all tables in schema public to ec_app",
  "grant usage, select on all sequences in schema public to ec_app",
  "revoke update, delete, truncate on audit_events, audit_seals from ec_app",
  "revoke update on audit_client_addresses from ec_app",
];
