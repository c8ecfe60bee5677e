// Who owns an import: a process holds an advisory lock on its staging table's name for its whole
// run, so a batch left `importing` by a process that died can be told from one still working.
import { and, eq, sql } from "drizzle-orm";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { batches } from "../../../../db/schema/index";
import type { AppContext } from "../../context.server";
import { log } from "~/utils/log.server";
import { dropStage, listStages, stageTableName } from "./stage.server";

/** Advisory-lock namespace: an importing process holds (NS, hashtext(stage)) for its whole run. */
export const IMPORT_LOCK_NS = 0x45c4;

/** Imports running in this process (PGlite has one process; on PostgreSQL the advisory lock tells). */
export const ACTIVE = new Set<string>();

export async function sha256File(filePath: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Is the process that owns this staging table (batch or dry run) still running? */
async function isImportAlive(ctx: AppContext, stage: string): Promise<boolean> {
  if (ACTIVE.has(stage)) return true;
  if (ctx.database.kind !== "postgres") return false;
  // Take and release in ONE statement: on a busy pool, a second statement may run on another
  // connection, whose unlock fails — the lock then stays held by the first connection for ever, and
  // every later look says "alive" (the dead import's stage was never dropped under load).
  const [row] = await ctx.database.rows<{ free: boolean }>(
    sql`select case when pg_try_advisory_lock(${IMPORT_LOCK_NS}, hashtext(${stage})) then pg_advisory_unlock(${IMPORT_LOCK_NS}, hashtext(${stage})) else false end as free`,
  );
  return !row?.free;
}

/**
 * A batch left `importing` by a process that died is marked failed, and staging tables nobody
 * owns are dropped. Called before every import and by the batch pages.
 */
export async function sweepStaleImports(ctx: AppContext): Promise<number> {
  const importing = await ctx.db.select({ id: batches.id }).from(batches).where(eq(batches.status, "importing"));
  let failed = 0;
  for (const b of importing) {
    if (await isImportAlive(ctx, stageTableName(b.id))) continue;
    const done = await ctx.db
      .update(batches)
      .set({ status: "failed", phase: null, error: "the importing process stopped before the end", finishedAt: ctx.now() })
      .where(and(eq(batches.id, b.id), eq(batches.status, "importing")))
      .returning({ id: batches.id });
    failed += done.length;
    if (done.length) log.warn("batch import found dead", { batchId: b.id });
  }
  for (const stage of await listStages(ctx.database)) {
    if (!(await isImportAlive(ctx, stage))) await dropStage(ctx.database, stage);
  }
  return failed;
}
