import { and, asc, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { auditClientAddresses, auditEvents, auditSeals, type AuditEvent, type AuditSeal } from "../../../db/schema/index";
import { keyedHash } from "~/utils/crypto.server";

/**
 * The audit sealer: folds committed audit rows, about once a second, into a keyed hash chain with
 * checkpoints (`audit_seals`), off the request path (docs/decisions/040-audit-sealer.md).
 *
 * Order. A row's position is (txid, id): the inserting transaction's 64-bit id, then the row id.
 * A seal covers the rows whose txid lies below the oldest transaction of this database still
 * running when the seal is taken (`sealBoundary`): every such transaction has committed or
 * rolled back, so no row can ever appear below that boundary again. A transaction that commits
 * late holds the boundary back until it ends, and its rows are sealed then, in their place —
 * never skipped. (Id order is not enough: ids are drawn before commit, so a row with a lower id can
 * commit after a higher one was sealed.)
 *
 * Instances. Every server instance runs the loop; a transaction-scoped advisory lock that only the
 * sealer takes lets one seal at a time (the others skip that round). Requests never take it.
 *
 * Crash. Rows are committed before they are sealed; a crash between append and seal, or in the
 * middle of a seal (its transaction rolls back), leaves the rows for the next seal.
 */

/** Only the sealer takes this lock (requests never do). */
const SEALER_LOCK_ID = 0x45c_5ea1;
/** One seal covers at most this many rows (more are left to the next round, a moment later). */
export const SEAL_MAX_ROWS = 20_000;
export const SEAL_INTERVAL_MS = 1000;
/** Clear client addresses are kept this long for abuse handling, then swept (decision 041). */
export const CLIENT_ADDRESS_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
export const GENESIS_HEAD = "0".repeat(64);

type SealedFields = Pick<
  AuditEvent,
  | "id"
  | "txid"
  | "at"
  | "actorType"
  | "actorId"
  | "actorRole"
  | "action"
  | "subjectType"
  | "subjectId"
  | "reason"
  | "callReference"
  | "ipHash"
  | "requestId"
  | "outcome"
  | "details"
>;

/** The exact bytes a row contributes to the chain. Stable key order; dates as ISO strings. */
export function canonicalAuditRow(row: SealedFields): string {
  const details = row.details ? Object.fromEntries(Object.entries(row.details).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : null;
  return JSON.stringify([
    String(row.id),
    String(row.txid),
    row.at.toISOString(),
    row.actorType,
    row.actorId ?? null,
    row.actorRole ?? null,
    row.action,
    row.subjectType ?? null,
    row.subjectId ?? null,
    row.reason ?? null,
    row.callReference ?? null,
    row.ipHash ?? null,
    row.requestId ?? null,
    row.outcome,
    details,
  ]);
}

/** The chain: head' = HMAC(key, head || row). Without the key nobody can recompute it. */
export function chainStep(key: Buffer, head: string, row: SealedFields): string {
  return keyedHash(key, `${head}\n${canonicalAuditRow(row)}`).toString("hex");
}

/** The checkpoint's own MAC: binds its place, range, count and head to the previous checkpoint. */
export function sealMac(key: Buffer, seal: Omit<AuditSeal, "mac" | "sealedAt">, prevMac: string): string {
  return keyedHash(key, JSON.stringify(["seal", seal.seq, String(seal.fromTxid), String(seal.uptoTxid), seal.rows, seal.head, prevMac])).toString("hex");
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const XID_EPOCH = 1n << 32n;

/**
 * The seal boundary: a transaction id below which every transaction *of this database* has ended,
 * so no audit row can appear below it any more, and every committed one is visible to the reads
 * that follow. Read in this order, each in its own statement:
 *  1. `next` = the next transaction id to be assigned (xmax of a fresh snapshot): anything below
 *     it was assigned before this moment;
 *  2. the transactions running in this database now (pg_stat_activity; prepared ones too): a
 *     transaction assigned before (1) and not listed here has ended — committed before the reads
 *     below take their snapshot, or rolled back.
 * The boundary is the smallest of them. (pg_snapshot_xmin alone would also work, but it waits for
 * the oldest transaction of every database on the server: another application's long load would
 * hold the sealing of this one back.) pg_stat_activity shows 32-bit ids; they are widened with
 * the epoch of `next`, which is at most 2^31 transactions ahead of any running one.
 */
async function sealBoundary(tx: Db): Promise<string> {
  const [snap] = rowsOf<{ next: string }>(await tx.execute(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as next`));
  const next = BigInt(String(snap!.next));
  const running = rowsOf<{ xid: string }>(
    await tx.execute(sql`
      select backend_xid::text as xid from pg_stat_activity where datname = current_database() and backend_xid is not null
      union all
      select transaction::text from pg_prepared_xacts where database = current_database()`),
  );
  let boundary = next;
  for (const { xid } of running) {
    let full = (next & ~(XID_EPOCH - 1n)) | BigInt(String(xid));
    if (full > next) full -= XID_EPOCH;
    if (full < boundary) boundary = full;
  }
  return String(boundary);
}

export type SealRun = { sealed: number; seq: number | null; busy?: boolean };

/**
 * Seal what can be sealed now, once. The loop calls it every SEAL_INTERVAL_MS; tests and
 * `audit seal` call it directly. `beforeCommit` lets a test crash the sealer mid-seal.
 */
export async function sealAuditTrail(db: Db, key: Buffer, now: Date, options: { maxRows?: number; beforeCommit?: () => Promise<void> } = {}): Promise<SealRun> {
  const maxRows = options.maxRows ?? SEAL_MAX_ROWS;
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ ok: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${SEALER_LOCK_ID}) as ok`));
    if (!lock?.ok) return { sealed: 0, seq: null, busy: true };
    const boundary = await sealBoundary(tx);
    const [last] = await tx.select().from(auditSeals).orderBy(desc(auditSeals.seq)).limit(1);
    const from = last ? String(last.uptoTxid) : "0";
    if (BigInt(from) >= BigInt(boundary)) return { sealed: 0, seq: last?.seq ?? null };

    const inRange = (upto: string) => and(gte(auditEvents.txid, sql`${from}::xid8`), lt(auditEvents.txid, sql`${upto}::xid8`));
    let upto = boundary;
    let rows = await tx
      .select()
      .from(auditEvents)
      .where(inRange(upto))
      .orderBy(asc(auditEvents.txid), asc(auditEvents.id))
      .limit(maxRows + 1);
    if (rows.length > maxRows) {
      // Too many for one seal: stop before the first transaction that does not fit whole.
      const cut = String(rows[maxRows]!.txid);
      rows = rows.filter((r) => BigInt(String(r.txid)) < BigInt(cut));
      upto = cut;
      if (rows.length === 0) {
        // One transaction wrote more rows than a seal holds: seal it alone, whole.
        rows = await tx
          .select()
          .from(auditEvents)
          .where(eq(auditEvents.txid, sql`${cut}::xid8`))
          .orderBy(asc(auditEvents.id));
        upto = String(BigInt(cut) + 1n);
      }
    }
    if (rows.length === 0) return { sealed: 0, seq: last?.seq ?? null };

    let head = last?.head ?? GENESIS_HEAD;
    for (const row of rows) head = chainStep(key, head, row);
    const seal = { seq: (last?.seq ?? 0) + 1, fromTxid: from, uptoTxid: upto, rows: (last?.rows ?? 0) + rows.length, head };
    const mac = sealMac(key, seal, last?.mac ?? GENESIS_HEAD);
    await options.beforeCommit?.();
    await tx.insert(auditSeals).values({ ...seal, mac, sealedAt: now });
    return { sealed: rows.length, seq: seal.seq };
  });
}

/** Forget clear client addresses older than the retention period; the keyed hash stays. */
export async function sweepClientAddresses(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - CLIENT_ADDRESS_RETENTION_DAYS * DAY_MS);
  const gone = await db.delete(auditClientAddresses).where(lt(auditClientAddresses.at, cutoff)).returning({ id: auditClientAddresses.auditId });
  return gone.length;
}
