import { asc, gt, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { auditEvents, auditSeals, type AuditEvent, type AuditSeal } from "../../../db/schema/index";
import { safeEqual } from "~/utils/crypto.server";
import { GENESIS_HEAD, chainStep, sealMac } from "./seal.server";

const VERIFY_CHUNK_ROWS = 5000;

export type AuditTrailReport =
  | { ok: true; sealedRows: number; seals: number; unsealedRows: number; head: string | null; headSeq: number | null }
  | {
      ok: false;
      sealedRows: number;
      /** The first checkpoint that does not hold: the rows it covers (ids) were changed. */
      badSeq: number | null;
      problem: "rows" | "seal" | "expected-head";
      message: string;
    };

const hexEq = (a: string, b: string) => a.length === b.length && safeEqual(Buffer.from(a, "hex"), Buffer.from(b, "hex"));

/** Rows in seal order, (txid, id), read in chunks. */
async function* rowsInSealOrder(db: Db): AsyncGenerator<AuditEvent> {
  let cursor: { txid: string; id: number } | null = null;
  for (;;) {
    const where: ReturnType<typeof sql> | undefined = cursor ? sql`(${auditEvents.txid}, ${auditEvents.id}) > (${cursor.txid}::xid8, ${cursor.id})` : undefined;
    const chunk: AuditEvent[] = await db.select().from(auditEvents).where(where).orderBy(asc(auditEvents.txid), asc(auditEvents.id)).limit(VERIFY_CHUNK_ROWS);
    if (chunk.length === 0) return;
    yield* chunk;
    const lastRow: AuditEvent = chunk[chunk.length - 1]!;
    cursor = { txid: String(lastRow.txid), id: lastRow.id };
  }
}

async function* sealsInOrder(db: Db): AsyncGenerator<AuditSeal> {
  let after = 0;
  for (;;) {
    const chunk = await db.select().from(auditSeals).where(gt(auditSeals.seq, after)).orderBy(asc(auditSeals.seq)).limit(VERIFY_CHUNK_ROWS);
    if (chunk.length === 0) return;
    yield* chunk;
    after = chunk[chunk.length - 1]!.seq;
  }
}

/**
 * Recompute the keyed chain over every sealed row, checkpoint by checkpoint, and report the rows
 * not sealed yet. A checkpoint fails when a row it covers was edited, removed, added or moved
 * (its id or transaction id changed), or when the checkpoint itself was altered, removed or
 * reordered (each checkpoint's MAC binds it to the one before). Removing the newest rows *and*
 * their checkpoints cannot be seen from inside the database: keep the printed head elsewhere and
 * pass it back as `expectHead`.
 */
export async function verifyAuditTrail(
  db: Db,
  key: Buffer,
  options: { expectHead?: string; onProgress?: (rows: number) => void } = {},
): Promise<AuditTrailReport> {
  const rows = rowsInSealOrder(db);
  let pending: AuditEvent | undefined = (await rows.next()).value ?? undefined;
  let head = GENESIS_HEAD;
  let prevMac = GENESIS_HEAD;
  let prevSeq = 0;
  let prevUpto = "0";
  let sealed = 0;
  let seen = 0;
  let expectedFound = options.expectHead === undefined;
  let lastSeq: number | null = null;

  for await (const seal of sealsInOrder(db)) {
    const range = `checkpoint ${seal.seq}`;
    if (seal.seq !== prevSeq + 1 || String(seal.fromTxid) !== prevUpto) {
      return {
        ok: false,
        sealedRows: sealed,
        badSeq: seal.seq,
        problem: "seal",
        message: `${range} does not follow checkpoint ${prevSeq}: checkpoints were removed or reordered`,
      };
    }
    if (!hexEq(sealMac(key, seal, prevMac), seal.mac)) {
      return { ok: false, sealedRows: sealed, badSeq: seal.seq, problem: "seal", message: `${range} was altered (or sealed with another key)` };
    }
    const upto = BigInt(String(seal.uptoTxid));
    let firstId: number | null = null;
    let lastId: number | null = null;
    while (pending && BigInt(String(pending.txid)) < upto) {
      head = chainStep(key, head, pending);
      firstId ??= pending.id;
      lastId = pending.id;
      sealed++;
      if (++seen % 100_000 === 0) options.onProgress?.(seen);
      pending = (await rows.next()).value ?? undefined;
    }
    if (sealed !== seal.rows || !hexEq(head, seal.head)) {
      const ids = firstId === null ? "no rows left" : `rows ${firstId}…${lastId} in seal order`;
      return {
        ok: false,
        sealedRows: sealed,
        badSeq: seal.seq,
        problem: "rows",
        message: `${range} does not match its rows (${ids}; ${sealed} found, ${seal.rows} sealed): a row was edited, removed, added or reordered`,
      };
    }
    if (!expectedFound && hexEq(options.expectHead!, seal.head)) expectedFound = true;
    prevMac = seal.mac;
    prevSeq = seal.seq;
    prevUpto = String(seal.uptoTxid);
    lastSeq = seal.seq;
  }
  let unsealed = 0;
  while (pending) {
    unsealed++;
    pending = (await rows.next()).value ?? undefined;
  }
  if (!expectedFound) {
    return {
      ok: false,
      sealedRows: sealed,
      badSeq: null,
      problem: "expected-head",
      message: "the head kept elsewhere is not in this trail: checkpoints (and the rows they sealed) were removed or rewritten",
    };
  }
  return { ok: true, sealedRows: sealed, seals: prevSeq, unsealedRows: unsealed, head: lastSeq === null ? null : head, headSeq: lastSeq };
}
