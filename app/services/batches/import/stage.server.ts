import { sql } from "drizzle-orm";
import type postgres from "postgres";
import type { Writable } from "node:stream";
import type { Database } from "../../../../db/client";

/** Columns of a staging table, in the order seal-core writes them: plain, keyed hashes, then SEALED_SLOTS. */
export const STAGE_COLUMNS = [
  "line",
  "reference_number",
  "categories",
  "state",
  "language",
  "is_minor",
  "is_deceased",
  "code_hash",
  "external_id_hash",
  "search_hash",
  "code_enc",
  "external_id_enc",
  "name_enc",
  "address_enc",
  "dob_enc",
  "email_enc",
  "phone_enc",
] as const;

export const STAGE_PREFIX = "import_stage_";

export function stageTableName(id: string): string {
  return `${STAGE_PREFIX}${id.replace(/-/g, "")}`;
}

/** What a dry run stages: enough to find duplicate external ids (nothing personal, nothing sealed). */
export const CHECK_STAGE_COLUMNS = ["line", "external_id_hash"] as const;

/**
 * An UNLOGGED table with no indexes: COPY into it runs at bare-table speed and writes no WAL.
 * It is not a TEMP table because the COPY connection and the move transaction differ. A dry
 * run's table (`checkOnly`) has the line and the external-id hash only.
 */
export async function createStage(database: Database, name: string, checkOnly = false): Promise<void> {
  if (checkOnly) {
    await database.rows(sql.raw(`create unlogged table if not exists ${name} (line integer not null, external_id_hash bytea not null)`));
    return;
  }
  await database.rows(
    sql.raw(`create unlogged table if not exists ${name} (
      line integer not null, reference_number text collate "C" not null, code_hash bytea not null, code_enc text,
      external_id_hash bytea not null, external_id_enc text, categories text[] not null, state text not null,
      language text not null, is_minor boolean not null, is_deceased boolean not null, name_enc text,
      address_enc text, dob_enc text, email_enc text, phone_enc text, search_hash bytea)`),
  );
}

export async function dropStage(database: Database, name: string): Promise<void> {
  await database.rows(sql.raw(`drop table if exists ${name}`));
}

/** Staging tables whose import is over (crashed processes leave them behind). */
export async function listStages(database: Database): Promise<string[]> {
  const rows = await database.rows<{ name: string }>(
    sql`select tablename as name from pg_tables where schemaname = current_schema() and tablename like ${`${STAGE_PREFIX}%`}`,
  );
  return rows.map((r) => r.name);
}

/** Where sealed COPY text goes: a postgres.js COPY stream, or PGlite blobs in chunks. */
export interface StageWriter {
  write(text: string | Uint8Array): Promise<void>;
  finish(): Promise<void>;
  abort(): Promise<void>;
}

const PGLITE_CHUNK_CHARS = 8 * 1024 * 1024;

export async function openStageWriter(
  database: Database,
  name: string,
  conn?: postgres.ReservedSql,
  columns: readonly string[] = STAGE_COLUMNS,
): Promise<StageWriter> {
  const cols = columns.join(", ");
  if (database.kind === "postgres") {
    const client = conn ?? database.postgres!;
    const stream: Writable = await client.unsafe(`copy ${name} (${cols}) from stdin`).writable();
    let error: Error | null = null;
    const done = new Promise<void>((resolve, reject) => {
      stream.on("finish", resolve);
      stream.on("close", resolve);
      stream.on("error", (e) => {
        error = e;
        reject(e);
      });
    });
    done.catch(() => {});
    return {
      async write(text) {
        if (error) throw error;
        if (!stream.write(text)) {
          await new Promise<void>((resolve, reject) => {
            const onDrain = () => {
              stream.off("error", onError);
              resolve();
            };
            const onError = (e: Error) => {
              stream.off("drain", onDrain);
              reject(e);
            };
            stream.once("drain", onDrain);
            stream.once("error", onError);
          });
        }
      },
      async finish() {
        stream.end();
        await done;
        if (error) throw error;
      },
      async abort() {
        stream.destroy(new Error("import aborted"));
        await done.catch(() => {});
      },
    };
  }
  const lite = database.pglite!;
  let parts: (string | Uint8Array)[] = [];
  let size = 0;
  const flush = async () => {
    if (!size) return;
    const blob = new Blob(parts as BlobPart[]);
    parts = [];
    size = 0;
    await lite.query(`copy ${name} (${cols}) from '/dev/blob'`, [], { blob });
  };
  return {
    async write(text) {
      parts.push(text);
      size += typeof text === "string" ? text.length : text.byteLength;
      if (size >= PGLITE_CHUNK_CHARS) await flush();
    },
    finish: flush,
    async abort() {
      parts = [];
      size = 0;
    },
  };
}
