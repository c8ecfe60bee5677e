import type { Database, Db } from "../../db/client";
import { FieldCipher } from "~/utils/crypto.server";
import type { Config } from "~/utils/env.server";
import { setAuditAddressKey } from "./audit/record.server";

/**
 * What every service receives: the database, the configuration, and the clock. The clock and
 * sleep are injected so tests can move time (lock expiry, session idle) without waiting.
 */
export type AppContext = {
  database: Database;
  db: Db;
  config: Config;
  cipher: FieldCipher;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
};

/** Facts about the HTTP request that services record (audit) but never trust for identity. */
export type RequestMeta = { ip: string; requestId: string };

export function createAppContext(database: Database, config: Config, overrides: Partial<Pick<AppContext, "now" | "sleep">> = {}): AppContext {
  setAuditAddressKey(config.codePepper);
  return {
    database,
    db: database.db,
    config,
    cipher: new FieldCipher(config.dataKeys),
    now: overrides.now ?? (() => new Date()),
    sleep: overrides.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
}
