// Which way rows reach `notices`: straight COPY (direct) or through a staging table.
import { eq, sql } from "drizzle-orm";
import { stat } from "node:fs/promises";
import type { Db } from "../../../../db/client";
import { batches, type Batch } from "../../../../db/schema/index";
import type { AppContext } from "../../context.server";
import { rowsOf } from "../sql.server";
import type { ImportOptions } from "./types";

/** PostgreSQL: drop and rebuild the secondary indexes of `notices` when the batch is at least this big… (rebuildPays) */
export const REBUILD_MIN_ROWS = 100_000;
/** …and the table holds at most this many times the batch (else inserting into the indexes is cheaper). */
const REBUILD_MAX_EXISTING_RATIO = 2;
/** A guess of a batch file's bytes per row, to choose the load path before reading (synthetic HealthEC rows: ~140). */
const BYTES_PER_ROW_GUESS = 150;

/**
 * COPY straight into `notices` (skipping the staging table and the INSERT … SELECT, ~40 s of the
 * 4.45 M-row import): PostgreSQL only, real imports only, when the file is large, `notices` holds
 * at most a few times as many rows (the rule for rebuilding the indexes in `moveStage`), and no
 * batch is mailed yet — the load keeps `notices` locked for the whole import, and once letters are
 * out people are checking their codes.
 */
export async function loadsDirectly(ctx: AppContext, batch: Batch | null, options: Pick<ImportOptions, "dryRun" | "load" | "filePath">): Promise<boolean> {
  const load = options.load ?? ctx.config.importLoad;
  if (ctx.database.kind !== "postgres" || !batch || options.dryRun || load === "staging") return false;
  if (load === "direct") return true;
  const rows = Math.floor((await stat(options.filePath)).size / BYTES_PER_ROW_GUESS);
  if (rows < REBUILD_MIN_ROWS) return false;
  const [mailed] = await ctx.db.select({ id: batches.id }).from(batches).where(eq(batches.status, "mailed")).limit(1);
  return !mailed && (await rebuildPays(ctx.db, rows));
}

/**
 * Whether a batch of `rows` is worth dropping and rebuilding the indexes of `notices` for: large
 * enough, into a table holding at most REBUILD_MAX_EXISTING_RATIO times as many rows (else
 * inserting into the indexes is cheaper). Counts no further than that.
 */
export async function rebuildPays(db: Pick<Db, "execute">, rows: number): Promise<boolean> {
  if (rows < REBUILD_MIN_ROWS) return false;
  const limit = rows * REBUILD_MAX_EXISTING_RATIO + 1;
  const [c] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from (select 1 from notices limit ${limit}) x`);
  return (c?.n ?? 0) < limit;
}
