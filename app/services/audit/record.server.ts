import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import type { AuditEvent } from "../../../db/schema/index";
import { keyedHash } from "~/utils/crypto.server";
import { isAuditAction, type AuditAction } from "./events";

export type AuditInput = {
  at: Date;
  actorType: AuditEvent["actorType"];
  actorId?: string | null;
  actorRole?: string | null;
  action: AuditAction;
  subjectType?: string | null;
  subjectId?: string | null;
  reason?: string | null;
  callReference?: string | null;
  /** The client address in clear: stored as a keyed hash, and in clear for 30 days only. */
  ip?: string | null;
  requestId?: string | null;
  outcome: AuditEvent["outcome"];
  details?: Record<string, string | number | boolean | null> | null;
};

/**
 * The key of the client-address hash (CODE_PEPPER), set by createAppContext. It lives on
 * globalThis under a registered symbol because the server process holds two copies of this
 * module (the Remix build bundles its own) and both must hash alike. Without it no audit row with
 * an address can be written (fail closed: never an address in clear by mistake).
 */
const ADDRESS_KEY = Symbol.for("exposure-check.audit-address-key");
type KeyHolder = { [ADDRESS_KEY]?: Buffer };

export function setAuditAddressKey(key: Buffer): void {
  (globalThis as KeyHolder)[ADDRESS_KEY] = key;
}

/**
 * What the audit row keeps of a client address, forever: a keyed hash, the same for the same
 * address (so a supervisor can see that rows come from one client) but not reversible without
 * the key, even over the small IPv4 space.
 */
export function clientAddressHash(ip: string): string {
  const addressKey = (globalThis as KeyHolder)[ADDRESS_KEY];
  if (!addressKey) throw new Error("audit address key not set (createAppContext sets it)");
  return keyedHash(addressKey, `audit-ip:${ip}`).toString("base64url").slice(0, 22);
}

/**
 * Append one audit row. Call it with the transaction of the read or write it records, so both
 * commit or neither does: if the row cannot be written, the access fails with it.
 * One statement, and no lock shared with other requests: the tamper evidence is added after the
 * commit by the sealer (seal.server.ts), which reads the row's transaction id (`txid`, filled by
 * the column's default) to seal it in a fixed order without ever skipping it.
 */
export async function recordAuditEvent(tx: Db, input: AuditInput): Promise<void> {
  await tx.execute(sql`with ${auditAppendCtes(input)} select 1`);
}

let cteCounter = 0;

/**
 * The audit append as common table expressions (`audit_n as (insert …), audit_ip_n as (insert …)`)
 * to put inside a WITH of the statement that does the work it records — one round trip for both,
 * committed together. `when` makes the row conditional on the work (e.g. `exists (select 1 from
 * u)`); `action` may be chosen by SQL (e.g. whether the update locked the notice). The clear client
 * address goes to the side table in the same statement (data-modifying CTEs always run).
 */
export function auditAppendCtes(input: AuditInput, options: { when?: SQL; action?: SQL; name?: string } = {}): SQL {
  if (!isAuditAction(input.action)) throw new Error(`unknown audit action ${String(input.action)}`);
  const ip = input.ip ?? null;
  const ipHash = ip === null ? null : clientAddressHash(ip);
  const details = input.details ? JSON.stringify(input.details) : null;
  // A fixed name keeps the statement's text the same on every run (a prepared statement, decision
  // 105); without one, a counter keeps two appends in one statement apart.
  const n = options.name ?? String((cteCounter = (cteCounter + 1) % 1_000_000));
  if (!/^[a-z0-9_]+$/.test(n)) throw new Error("audit CTE name: lower-case letters, digits and _ only");
  const rows = sql.raw(`audit_${n}`);
  return sql`${rows} as (
      insert into audit_events
        (at, actor_type, actor_id, actor_role, action, subject_type, subject_id, reason,
         call_reference, ip_hash, request_id, outcome, details)
      select ${input.at.toISOString()}::timestamptz, ${input.actorType}, ${input.actorId ?? null}, ${input.actorRole ?? null},
        ${options.action ?? sql`${input.action}`}, ${input.subjectType ?? null}, ${input.subjectId ?? null}, ${input.reason ?? null},
        ${input.callReference ?? null}, ${ipHash}, ${input.requestId ?? null}, ${input.outcome}, ${details}::jsonb
      where ${options.when ?? sql`true`}
      returning id, at
    ),
    ${sql.raw(`audit_ip_${n}`)} as (
      insert into audit_client_addresses (audit_id, ip, at)
      select id, ${ip}::text, at from ${rows} where ${ip}::text is not null
    )`;
}
