import { asc, gt } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { auditEvents } from "../../../db/schema/index";
import { GENESIS_HASH, chainHash } from "./record.server";

const VERIFY_CHUNK_ROWS = 5000;

export type AuditChainReport =
  | { ok: true; rows: number; headId: number | null; headHash: string }
  | { ok: false; rows: number; firstAlteredId: number; problem: "content" | "link"; message: string };

/**
 * Walk the audit trail in id order and recompute every hash. The first row whose stored content
 * no longer gives its stored hash is named (`content`: a byte of it changed). A row that hashes
 * right but does not follow the row before it (`link`) means the row before was rewritten with a
 * fresh hash, or rows between them were removed: the earlier row is named.
 * (Removing the newest rows cannot be seen from inside the table; keep the printed head hash.)
 */
export async function verifyAuditChain(db: Db, options: { onProgress?: (rows: number) => void } = {}): Promise<AuditChainReport> {
  let prevHash = GENESIS_HASH;
  let prevId: number | null = null;
  let rows = 0;
  let cursor = 0;
  for (;;) {
    const chunk = await db.select().from(auditEvents).where(gt(auditEvents.id, cursor)).orderBy(asc(auditEvents.id)).limit(VERIFY_CHUNK_ROWS);
    if (chunk.length === 0) break;
    for (const row of chunk) {
      const { id, hash, prevHash: storedPrev, ...fields } = row;
      if (chainHash(storedPrev, fields) !== hash) {
        return { ok: false, rows, firstAlteredId: id, problem: "content", message: `row ${id} was altered: its content no longer matches its hash` };
      }
      if (storedPrev !== prevHash) {
        const named = prevId ?? id;
        return {
          ok: false,
          rows,
          firstAlteredId: named,
          problem: "link",
          message:
            prevId === null
              ? `row ${id} does not start the chain (rows before it were removed)`
              : `row ${id} does not follow row ${prevId}: row ${prevId} was rewritten, or rows between them were removed`,
        };
      }
      prevHash = hash;
      prevId = id;
      rows++;
    }
    cursor = chunk[chunk.length - 1]!.id;
    options.onProgress?.(rows);
  }
  return { ok: true, rows, headId: prevId, headHash: prevHash };
}
