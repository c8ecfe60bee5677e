// `Database.ping` (/readyz): true while the database answers, false — within PING_TIMEOUT_MS —
// when it does not, also when connections hang rather than fail (a database behind a dropped
// route accepts nothing and refuses nothing). A readiness probe that hangs is read as "down" by a
// load balancer only after its own timeout, and holds a request open meanwhile.
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, PING_TIMEOUT_MS } from "../../db/client";
import { openTestDatabase, TEST_DB_KIND } from "../support/db";

const onPostgres = TEST_DB_KIND === "postgres";

describe(`ping (${TEST_DB_KIND})`, () => {
  it("is true while the database answers", async () => {
    const { database, drop } = await openTestDatabase();
    try {
      expect(await database.ping()).toBe(true);
    } finally {
      await drop();
    }
  });

  describe.skipIf(!onPostgres)("on PostgreSQL", () => {
    const sockets = new Set<Socket>();
    let silent: Server | undefined;
    afterAll(async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => (silent ? silent.close(() => resolve()) : resolve()));
    });

    it("is false within its timeout when connections hang, and false at once when they are refused", async () => {
      // Accepts connections and never answers: the startup message waits forever.
      silent = createServer((socket) => void sockets.add(socket));
      await new Promise<void>((resolve) => silent!.listen(0, "127.0.0.1", resolve));
      const port = (silent.address() as AddressInfo).port;
      const hanging = await openDatabase({ url: `postgres://postgres@127.0.0.1:${port}/test`, poolMax: 2 });
      try {
        const started = performance.now();
        expect(await hanging.ping()).toBe(false);
        const took = performance.now() - started;
        expect(took).toBeGreaterThanOrEqual(PING_TIMEOUT_MS - 50);
        expect(took).toBeLessThan(PING_TIMEOUT_MS + 1500);
        expect(sockets.size).toBeGreaterThan(0); // it did try to connect
      } finally {
        // Stop listening and drop what it holds, else closing waits out the connect timeout.
        const stopped = new Promise<void>((resolve) => silent!.close(() => resolve()));
        for (const s of sockets) s.destroy();
        await hanging.close();
        await stopped;
        silent = undefined;
      }

      // Nothing listens on the port any more: refused.
      const refused = await openDatabase({ url: `postgres://postgres@127.0.0.1:${port}/test`, poolMax: 2 });
      try {
        const started = performance.now();
        expect(await refused.ping()).toBe(false);
        expect(performance.now() - started).toBeLessThan(PING_TIMEOUT_MS);
      } finally {
        await refused.close();
      }
    });
  });
});
