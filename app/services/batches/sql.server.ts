import type { SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";

/** Raw rows from `db.execute` on either driver, inside a transaction too (int8 → number). */
export async function rowsOf<T>(db: Pick<Db, "execute">, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  const rows = Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
  return rows.map((r) => {
    const o = r as Record<string, unknown>;
    for (const [k, v] of Object.entries(o)) if (typeof v === "bigint") o[k] = Number(v);
    return o as T;
  });
}
