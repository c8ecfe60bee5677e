import type postgres from "postgres";
import type { Batch } from "../../../../db/schema/index";
import { STAGE_COLUMNS } from "./stage.server";

/**
 * What a large import does to `notices` on PostgreSQL, inside the transaction that loads it:
 * the secondary indexes are dropped and built again after the rows are in (one sorted build per
 * index instead of millions of random insertions), and row triggers are skipped while the rows go
 * in when the database lets us. The transaction makes all of it invisible to others and undoes it
 * on failure.
 */

/** Runs one SQL statement (no parameters) on the loading transaction and returns its rows. */
export type Exec = (text: string) => Promise<Record<string, unknown>[]>;

/** The columns COPY fills when the rows go straight into `notices` (the staging table's, less `line`). */
export const NOTICE_COPY_COLUMNS = STAGE_COLUMNS.filter((c) => c !== "line");

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The indexes of `notices` that are not constraints (the primary key stays). */
async function secondaryIndexes(exec: Exec): Promise<{ name: string; def: string }[]> {
  const rows = await exec(
    `select indexname as name, indexdef as def from pg_indexes
     where schemaname = current_schema() and tablename = 'notices'
       and indexname not in (select conname from pg_constraint where conrelid = 'notices'::regclass)`,
  );
  return rows.map((r) => ({ name: String(r.name), def: String(r.def) }));
}

/**
 * Turn row triggers off for the rest of the transaction (`session_replication_role = replica`):
 * the foreign-key checks of `notices` (three lookups per row, more than the insert itself) and our
 * counter trigger. PostgreSQL allows it to superusers and, from version 15, to a role granted
 * `SET ON PARAMETER session_replication_role`. Returns false (and changes nothing) otherwise.
 *
 * We never drop the foreign keys instead: dropping one takes an ACCESS EXCLUSIVE lock on the table
 * it references, so `incidents`, `organizations` and `batches` — read by every page — would be
 * locked for the whole load. The caller makes the checks hold by locking the three rows every
 * loaded notice points to (`lockParents`), and turns triggers back on (`restoreTriggers`) before
 * anything else runs in the transaction.
 */
export async function skipTriggers(exec: Exec): Promise<boolean> {
  await exec("savepoint ec_skip_triggers");
  try {
    await exec("set local session_replication_role = replica");
    await exec("release savepoint ec_skip_triggers");
    return true;
  } catch {
    await exec("rollback to savepoint ec_skip_triggers");
    await exec("release savepoint ec_skip_triggers");
    return false;
  }
}

async function restoreTriggers(exec: Exec): Promise<void> {
  await exec("set local session_replication_role = origin");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The incident, organization and batch rows of the load, locked FOR KEY SHARE until the end of the
 * transaction: they cannot be deleted meanwhile, so every loaded notice's foreign keys hold (what
 * the skipped checks would have verified row by row). Updates of their other columns (the batch's
 * progress) go on.
 */
async function lockParents(exec: Exec, batch: Pick<Batch, "id" | "incidentId" | "organizationId">): Promise<void> {
  for (const id of [batch.id, batch.incidentId, batch.organizationId]) if (!UUID.test(id)) throw new Error("not a uuid");
  let found = 0;
  for (const [table, id] of [
    ["incidents", batch.incidentId],
    ["organizations", batch.organizationId],
    ["batches", batch.id],
  ] as const) {
    found += (await exec(`select 1 from ${table} where id = '${id}' for key share`)).length;
  }
  if (found !== 3) throw new Error("the batch, its organization or its incident is gone");
}

/** A transaction on a reserved postgres.js connection, as an Exec. */
export function execOn(conn: postgres.ReservedSql): Exec {
  return async (text) => [...(await conn.unsafe(text))] as Record<string, unknown>[];
}

export type BulkLoad = {
  /** The secondary indexes dropped, to build again after the rows are in. */
  rebuild: { name: string; def: string }[];
  /** Row triggers are off (replica role); else, when the indexes went, our counter trigger was disabled by name and the foreign keys check each row. */
  triggersSkipped: boolean;
  statsTriggerDisabled: boolean;
};
/** A direct load is a bulk load that drops the indexes and COPYs straight into `notices`. */
export type DirectLoad = BulkLoad;

/**
 * Before many rows go into `notices`, inside their transaction: the parent rows locked
 * (`lockParents`), the secondary indexes dropped when `dropIndexes` (with `notices` locked: readers
 * wait until the commit), row triggers off where allowed. `endBulkRows` turns triggers back on.
 */
export async function beginBulkLoad(exec: Exec, batch: Pick<Batch, "id" | "incidentId" | "organizationId">, dropIndexes: boolean): Promise<BulkLoad> {
  await lockParents(exec, batch);
  let rebuild: { name: string; def: string }[] = [];
  if (dropIndexes) {
    await exec("lock table notices in access exclusive mode");
    rebuild = await secondaryIndexes(exec);
    for (const ix of rebuild) await exec(`drop index ${quoteIdent(ix.name)}`);
  }
  const triggersSkipped = await skipTriggers(exec);
  const statsTriggerDisabled = !triggersSkipped && rebuild.length > 0 && (await disableStatsTrigger(exec));
  return { rebuild, triggersSkipped, statsTriggerDisabled };
}

/** The rows are in: row triggers on again, before any other statement of the transaction. */
export async function endBulkRows(exec: Exec, load: BulkLoad): Promise<void> {
  if (load.triggersSkipped) await restoreTriggers(exec);
  if (load.statsTriggerDisabled) await exec("alter table notices enable trigger notices_stats_insert");
}

/**
 * Open the transaction that COPYs a batch straight into `notices`: locks `notices` (readers wait
 * until the commit), drops its secondary indexes, turns row triggers off where allowed, and gives
 * the incident, organization and batch columns the batch's values as defaults (COPY then sends
 * none of them). `finishDirectLoad` undoes the defaults and builds the indexes again.
 */
export async function beginDirectLoad(exec: Exec, batch: Pick<Batch, "id" | "incidentId" | "organizationId">): Promise<DirectLoad> {
  await exec("begin");
  try {
    return await prepareDirectLoad(exec, batch);
  } catch (error) {
    // The connection goes back to its pool afterwards: never with a transaction open.
    await exec("rollback").catch(() => {});
    throw error;
  }
}

async function prepareDirectLoad(exec: Exec, batch: Pick<Batch, "id" | "incidentId" | "organizationId">): Promise<DirectLoad> {
  await exec("select set_config('ec.bulk_import', 'on', true)");
  const load = await beginBulkLoad(exec, batch, true);
  await exec(
    `alter table notices alter column incident_id set default '${batch.incidentId}'::uuid,
       alter column organization_id set default '${batch.organizationId}'::uuid,
       alter column batch_id set default '${batch.id}'::uuid`,
  );
  return load;
}

/** After the COPY: triggers on again, defaults off, indexes built (a unique one may refuse: 23505). */
export async function finishDirectLoad(exec: Exec, load: DirectLoad): Promise<void> {
  await endBulkRows(exec, load);
  await exec("alter table notices alter column incident_id drop default, alter column organization_id drop default, alter column batch_id drop default");
  await rebuildIndexes(exec, load.rebuild);
}

export async function rebuildIndexes(exec: Exec, rebuild: { name: string; def: string }[]): Promise<void> {
  if (!rebuild.length) return;
  await exec("set local maintenance_work_mem = '256MB'");
  for (const ix of rebuild) await exec(ix.def);
}

/** Our counter trigger is a no-op during an import (`ec.bulk_import`) but still a PL/pgSQL call per row. */
async function disableStatsTrigger(exec: Exec): Promise<boolean> {
  const [trg] = await exec(
    "select count(*)::int as n from pg_trigger where tgrelid = 'notices'::regclass and tgname = 'notices_stats_insert' and tgenabled <> 'D'",
  );
  if (!Number(trg?.n)) return false;
  await exec("alter table notices disable trigger notices_stats_insert");
  return true;
}
