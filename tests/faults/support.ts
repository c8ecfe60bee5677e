// Shared by the fault tests (issue 12 item 5): a steady load of patient checks against a real
// server, and a TCP proxy in front of PostgreSQL that a test can cut and restore.
import { createServer, connect, type AddressInfo, type Server, type Socket } from "node:net";

export const dobFields = (dob: string) => {
  const [y, m, d] = dob.split("-");
  return { "dob-month": String(Number(m)), "dob-day": String(Number(d)), "dob-year": y! };
};

/** One request of the load: when it started and ended (ms since the load began), and how it ended. */
export type Sample = { start: number; end: number; status: number | null; error: string | null; body: string };

/**
 * `workers` concurrent loops, each posting a right check (a new client address each time, so no
 * per-address limit is involved) until `stop()`. Every request has a hard deadline of
 * `timeoutMs`: one that hangs ends as the error "timeout".
 */
export function checkLoad(
  url: string,
  people: { code: string; dob: string }[],
  options: { workers?: number; timeoutMs?: number; pauseMs?: number } = {},
): { samples: Sample[]; now(): number; stop(): Promise<Sample[]> } {
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const samples: Sample[] = [];
  let running = true;
  let n = 0;
  const loop = async () => {
    while (running) {
      const i = n++;
      const p = people[i % people.length]!;
      const start = now();
      try {
        const res = await fetch(`${url}/check`, {
          method: "POST",
          body: new URLSearchParams({ code: p.code, ...dobFields(p.dob) }),
          redirect: "manual",
          headers: { "Sec-Fetch-Site": "same-origin", "X-Forwarded-For": `10.9.${(i >> 8) & 255}.${i & 255}` },
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
        const body = res.status >= 500 ? await res.text() : (await res.arrayBuffer(), "");
        samples.push({ start, end: now(), status: res.status, error: null, body });
      } catch (error) {
        const e = error as Error & { cause?: { code?: string } };
        samples.push({ start, end: now(), status: null, error: e.name === "TimeoutError" ? "timeout" : (e.cause?.code ?? e.message), body: "" });
        await new Promise((r) => setTimeout(r, 20));
      }
      if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
    }
  };
  const loops = Array.from({ length: options.workers ?? 6 }, loop);
  return {
    samples,
    now,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return samples;
    },
  };
}

/** A TCP proxy to `target` on 127.0.0.1: `cut()` drops every connection and refuses new ones; `restore()` listens again on the same port. */
export class CuttableProxy {
  private server: Server | undefined;
  private sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => {});
      }
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  restore(): Promise<void> {
    return this.start();
  }
}

export const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;
