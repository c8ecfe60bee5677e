import { desc, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { auditEvents, type AuditEvent } from "../../../db/schema/index";
import { sha256Hex } from "~/utils/crypto.server";
import { isAuditAction, type AuditAction } from "./events";

export const GENESIS_HASH = "0".repeat(64);
/** One advisory lock id for the audit chain: appends are serialized, for the length of a commit. */
const AUDIT_CHAIN_LOCK_ID = 0x45c_a0d17;

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
  ip?: string | null;
  requestId?: string | null;
  outcome: AuditEvent["outcome"];
  details?: Record<string, string | number | boolean | null> | null;
};

type ChainFields = Omit<AuditEvent, "id" | "hash" | "prevHash">;

/** The exact bytes a row's hash covers. Stable key order; dates as ISO strings. */
export function canonicalAuditRow(row: ChainFields): string {
  const details = row.details
    ? Object.fromEntries(Object.entries(row.details).sort(([a], [b]) => a.localeCompare(b)))
    : null;
  return JSON.stringify([
    row.at.toISOString(),
    row.actorType,
    row.actorId ?? null,
    row.actorRole ?? null,
    row.action,
    row.subjectType ?? null,
    row.subjectId ?? null,
    row.reason ?? null,
    row.callReference ?? null,
    row.ip ?? null,
    row.requestId ?? null,
    row.outcome,
    details,
  ]);
}

export function chainHash(prevHash: string, row: ChainFields): string {
  return sha256Hex(`${prevHash}\n${canonicalAuditRow(row)}`);
}

/**
 * Append one audit row. Call it with the transaction of the read or write it records, so both
 * commit or neither does: if the row cannot be written, the access fails with it.
 */
export async function recordAuditEvent(tx: Db, input: AuditInput): Promise<void> {
  if (!isAuditAction(input.action)) throw new Error(`unknown audit action ${String(input.action)}`);
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_ID})`);
  const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row: ChainFields = {
    at: new Date(input.at.getTime()),
    actorType: input.actorType,
    actorId: input.actorId ?? null,
    actorRole: input.actorRole ?? null,
    action: input.action,
    subjectType: input.subjectType ?? null,
    subjectId: input.subjectId ?? null,
    reason: input.reason ?? null,
    callReference: input.callReference ?? null,
    ip: input.ip ?? null,
    requestId: input.requestId ?? null,
    outcome: input.outcome,
    details: input.details ?? null,
  };
  await tx.insert(auditEvents).values({ ...row, prevHash, hash: chainHash(prevHash, row) });
}
