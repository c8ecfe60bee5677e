import { sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { monitoringCodes, monitoringPools, type Product } from "../../../db/schema/index";
import { log } from "~/utils/log.server";
import type { Actor } from "../actor";
import { recordAuditEvent } from "../audit/record.server";
import type { AppContext, RequestMeta } from "../context.server";
import { fulfillWaitingEnrollments } from "./enroll.server";
import { clearPoolAlert, MONITORING_CODE_FIELD, monitoringCodeHash, POOL_LOW_SHARE } from "./pool.server";

/** A vendor code: letters, digits and hyphens, 4 to 64 characters. */
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{2,62}[A-Za-z0-9]$/;
const INSERT_CHUNK = 1000;

export type ParsedCodeFile = { codes: string[]; invalid: { line: number; reason: string }[]; duplicatesInFile: number };

/**
 * One vendor code per line. Blank lines and `#` comments are skipped; surrounding spaces, a BOM
 * and CRLF are fine. Rejected lines are reported by number and reason, never by content. By
 * default any rejected line means nothing is loaded (like batch import); `skipInvalid` loads the rest.
 */
export function parseCodeFile(text: string): ParsedCodeFile {
  const seen = new Set<string>();
  const codes: string[] = [];
  const invalid: { line: number; reason: string }[] = [];
  let duplicatesInFile = 0;
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const code = raw.trim();
      if (!code || code.startsWith("#")) return;
      if (!CODE_PATTERN.test(code)) {
        invalid.push({ line: i + 1, reason: "not a code (letters, digits and hyphens, 4 to 64 characters)" });
        return;
      }
      if (seen.has(code)) {
        duplicatesInFile++;
        return;
      }
      seen.add(code);
      codes.push(code);
    });
  return { codes, invalid, duplicatesInFile };
}

export type PoolImportResult = {
  importId: string;
  product: Product;
  loaded: number;
  /** Already in the pool (loaded before, or twice in the file). */
  duplicates: number;
  invalid: { line: number; reason: string }[];
  /** People who were waiting and got a code from this load. */
  enrolledFromWaiting: number;
  /** True when invalid lines stopped the load (nothing was loaded); see `skipInvalid`. */
  refused: boolean;
};

/**
 * Load vendor codes into the pool of a product: all in one transaction (a failed load leaves
 * nothing), codes already loaded are skipped (unique keyed hash), the counters move, alerts clear
 * when the pool is healthy again, and an audit row is written. Then the people waiting for this
 * product are enrolled and emailed.
 */
export async function importMonitoringCodes(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta | null,
  input: { incidentId: string; product: Product; text: string; fileName?: string; skipInvalid?: boolean },
): Promise<PoolImportResult> {
  const parsed = parseCodeFile(input.text);
  const importId = randomUUID();
  if (parsed.invalid.length > 0 && !input.skipInvalid) {
    return { importId, product: input.product, loaded: 0, duplicates: 0, invalid: parsed.invalid, enrolledFromWaiting: 0, refused: true };
  }
  const now = ctx.now();
  const loaded = await ctx.db.transaction(async (tx) => {
    let inserted = 0;
    for (let i = 0; i < parsed.codes.length; i += INSERT_CHUNK) {
      const chunk = parsed.codes.slice(i, i + INSERT_CHUNK);
      const rows = await tx
        .insert(monitoringCodes)
        .values(
          chunk.map((code) => ({
            incidentId: input.incidentId,
            product: input.product,
            codeHash: monitoringCodeHash(ctx.config.codePepper, code),
            codeEnc: ctx.cipher.encrypt(MONITORING_CODE_FIELD, code),
            importId,
            importedAt: now,
          })),
        )
        .onConflictDoNothing({ target: monitoringCodes.codeHash })
        .returning({ id: monitoringCodes.id });
      inserted += rows.length;
    }
    const [pool] = await tx
      .insert(monitoringPools)
      .values({ incidentId: input.incidentId, product: input.product, loadedCount: inserted, updatedAt: now })
      .onConflictDoUpdate({
        target: [monitoringPools.incidentId, monitoringPools.product],
        set: { loadedCount: sql`${monitoringPools.loadedCount} + ${inserted}`, updatedAt: now },
      })
      .returning();
    const remaining = pool!.loadedCount - pool!.claimedCount;
    if (remaining > 0) await clearPoolAlert(tx, input.incidentId, input.product, "empty", now);
    if (pool!.loadedCount > 0 && remaining / pool!.loadedCount >= POOL_LOW_SHARE) {
      await clearPoolAlert(tx, input.incidentId, input.product, "low", now);
    }
    await recordAuditEvent(tx, {
      at: now,
      ...actor,
      action: "pool.import",
      subjectType: "monitoring_pool",
      subjectId: `${input.incidentId}:${input.product}`,
      ip: meta?.ip ?? null,
      requestId: meta?.requestId ?? null,
      outcome: "success",
      details: {
        importId,
        product: input.product,
        loaded: inserted,
        duplicates: parsed.codes.length - inserted + parsed.duplicatesInFile,
        invalid: parsed.invalid.length,
        fileName: input.fileName ?? null,
      },
    });
    return inserted;
  });
  log.info("pool.import", { product: input.product, loaded, invalid: parsed.invalid.length });
  const enrolledFromWaiting = loaded > 0 ? await fulfillWaitingEnrollments(ctx, input.incidentId, input.product) : 0;
  return {
    importId,
    product: input.product,
    loaded,
    duplicates: parsed.codes.length - loaded + parsed.duplicatesInFile,
    invalid: parsed.invalid,
    enrolledFromWaiting,
    refused: false,
  };
}
