import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * postgres.js 3.4.9's pool queue leaves dead slots at the front under steady load and scans them on
 * every remove (porsager/postgres#747): throughput decays for as long as load lasts. We carry a
 * patch (.patches/postgres+3.4.9.patch, applied by `npm install`). These tests check that the patch
 * is in place in every build of the package and that the queue still behaves as a queue.
 */
const ROOT = path.resolve("node_modules/postgres");
type Queue<T> = { length: number; push(x: T): T; shift(): T | undefined; remove(x: T): T | null };

describe("the patched postgres.js queue", () => {
  it("is patched in the ESM, CommonJS and Workers builds", () => {
    for (const f of ["src/queue.js", "cjs/src/queue.js", "cf/src/queue.js"]) {
      const text = readFileSync(path.join(ROOT, f), "utf8");
      expect(text, f).toContain("xs.indexOf(x, index)");
      expect(text, f).toContain("xs = xs.slice(index)");
    }
  });

  it("does not throw from a buffered write on a connection that closed (porsager/postgres#1154): it settles the queries instead", () => {
    // Without it, a rollback written after PostgreSQL dropped the connection throws from
    // setImmediate and takes the server down (tests/faults/database-away.int.test.ts).
    for (const f of ["src/connection.js", "cjs/src/connection.js", "cf/src/connection.js"]) {
      const text = readFileSync(path.join(ROOT, f), "utf8");
      expect(text, f).toMatch(/function nextWrite\(fn\) \{\n\s+if \(!socket\) \{/);
    }
  });

  it("keeps first-in-first-out order and exact removal under a long steady load", async () => {
    const { default: makeQueue } = (await import(pathToFileURL(path.join(ROOT, "src/queue.js")).href)) as {
      default: <T>(initial?: T[]) => Queue<T>;
    };
    const q = makeQueue<number>();
    const fail = (a: unknown, b: unknown) => a !== b && expect(a).toBe(b);
    const model: number[] = [];
    let next = 0;
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    // Steady state: the queue never empties, as in a busy pool.
    for (let i = 0; i < 10; i++) model.push(q.push(next++));
    for (let op = 0; op < 200_000; op++) {
      const r = rand();
      if (r < 0.45) model.push(q.push(next++));
      else if (r < 0.9 && model.length > 5) fail(q.shift(), model.shift());
      else if (model.length > 5) {
        const victim = model[Math.floor(rand() * model.length)]!;
        fail(q.remove(victim), victim);
        model.splice(model.indexOf(victim), 1);
        fail(q.remove(victim), null);
      }
      if (q.length !== model.length) expect(q.length).toBe(model.length);
    }
    while (model.length) fail(q.shift(), model.shift());
    expect(q.length).toBe(0);
  }, 60_000);
});
