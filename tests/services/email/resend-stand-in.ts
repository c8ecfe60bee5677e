import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
export type Received = { method: string; url: string; headers: IncomingHttpHeaders; body: Record<string, unknown> };

/**
 * A local HTTP server standing in for Resend's API (`POST /emails`). Each request takes the next
 * scripted reply (then 200 with a fresh id). It can stop listening and listen again on the same
 * port, to play "unreachable". Like Resend, a repeated idempotency key answers the first id and
 * does not count as a second delivery.
 */
export class ResendStandIn {
  readonly received: Received[] = [];
  /** Emails it accepted (200), one per idempotency key. */
  readonly delivered = new Map<string, Received>();
  private script: Reply[] = [];
  private server: Server | undefined;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  reply(...replies: Reply[]): void {
    this.script.push(...replies);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let raw = "";
      req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      req.on("end", () => {
        const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        const r: Received = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
        this.received.push(r);
        const next = this.script.shift() ?? { status: 200 };
        let payload = next.body;
        if (next.status === 200) {
          const key = String(req.headers["idempotency-key"] ?? `none-${this.received.length}`);
          if (!this.delivered.has(key)) this.delivered.set(key, r);
          payload ??= { id: `re_${key}` };
        }
        res.writeHead(next.status, { "content-type": "application/json", ...next.headers });
        res.end(JSON.stringify(payload ?? {}));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Stop listening: connections to the port are refused until start() again. */
  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
