// Page templates (issue 12; decisions 100 and 106): Remix's own rendered HTML, kept per kind of page
// and cut at sentinels — alphanumeric placeholders rendered where a request's own values go (a
// reference number, what a person typed, the CSP nonce). A later request of the same kind gets the
// same bytes with its values put back: one string join instead of a React render. The fast paths
// (fast-exposure.server.ts, fast-check.server.ts) decide what a kind is and verify, on every render,
// that the loaders and the action returned exactly the data the key was made of.
import type { Response as ExpressResponse } from "express";
import Negotiator from "negotiator";
import { randomBytes } from "node:crypto";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";

/** A rendered page cut at its sentinels: parts[0], slots[0], parts[1], …, parts[n]. */
export type Template<S extends string> = { status: number; parts: Buffer[]; slots: S[]; headers: [string, string][] };

/** A placeholder no page holds (random per process) that no escaping changes (letters and digits). */
export function sentinel(prefix: string): string {
  return `${prefix}${randomBytes(8).toString("hex").toUpperCase()}`;
}

/** Values that may stand in a template's slots as they are: unchanged by HTML, attribute and JSON escaping. */
export const SLOT_SAFE = /^[A-Za-z0-9 +/=_-]{0,64}$/;

/**
 * The template of a rendered page, or null when a sentinel is missing (the page does not show
 * that value where expected: never serve it as a template). `dropHeaders` are left out (the
 * request adds its own, e.g. its Set-Cookie).
 */
export function cutTemplate<S extends string>(
  html: string,
  sentinels: Record<S, string>,
  status: number,
  headers: Headers,
  dropHeaders: string[] = [],
): Template<S> | null {
  const names = Object.keys(sentinels) as S[];
  if (names.some((name) => !html.includes(sentinels[name]))) return null;
  const byValue = new Map(names.map((name) => [sentinels[name], name]));
  const at = new RegExp(names.map((name) => sentinels[name]).join("|"), "g");
  const parts: Buffer[] = [];
  const slots: S[] = [];
  let from = 0;
  for (const m of html.matchAll(at)) {
    parts.push(Buffer.from(html.slice(from, m.index), "utf8"));
    slots.push(byValue.get(m[0])!);
    from = m.index + m[0].length;
  }
  parts.push(Buffer.from(html.slice(from), "utf8"));
  const dropped = new Set(dropHeaders.map((h) => h.toLowerCase()));
  return { status, parts, slots, headers: [...headers.entries()].filter(([name]) => !dropped.has(name.toLowerCase())) };
}

/**
 * The template with this request's values, as one write (no ETag: the body is never hashed).
 * Every value must pass SLOT_SAFE (the caller checks before it chooses the template path).
 */
export function sendTemplate<S extends string>(
  res: ExpressResponse,
  template: Template<S>,
  values: Record<S, string>,
  extraHeaders: [string, string][] = [],
): void {
  const buffers = new Map<S, Buffer>();
  for (const name of Object.keys(values) as S[]) {
    if (!SLOT_SAFE.test(values[name])) throw new Error("a template value outside SLOT_SAFE");
    buffers.set(name, Buffer.from(values[name], "latin1"));
  }
  const chunks: Buffer[] = [template.parts[0]!];
  for (let i = 0; i < template.slots.length; i++) chunks.push(buffers.get(template.slots[i]!)!, template.parts[i + 1]!);
  res.status(template.status);
  for (const [name, value] of [...template.headers, ...extraHeaders]) res.append(name, value);
  const body = Buffer.concat(chunks);
  const encoding = body.byteLength >= COMPRESS_FROM_BYTES ? templateEncoding(res) : null;
  if (!encoding) {
    res.end(body);
    return;
  }
  // Compressed here, in one synchronous call, instead of through the compression middleware's
  // stream (decision 108): the same encoding it would choose, and it steps aside for a body that
  // already has one (it still adds Vary: Accept-Encoding).
  const encoded =
    encoding === "br" ? brotliCompressSync(body, { params: { ...BROTLI_PARAMS, [zlib.BROTLI_PARAM_SIZE_HINT]: body.byteLength } }) : gzipSync(body);
  res.setHeader("Content-Encoding", encoding);
  res.setHeader("Content-Length", encoded.byteLength);
  res.end(encoded);
}

/** The compression middleware's threshold: smaller bodies go as they are. */
const COMPRESS_FROM_BYTES = 1024;
/**
 * Brotli for template pages (decision 108). Measured on the real 30 KB exposure page: quality 4
 * (the middleware's) 0.30 ms and 7,084 bytes; quality 3 with a 64 KB window 0.13 ms and 7,438
 * bytes. A sixth of a millisecond of CPU a page is worth more on notice day than 350 bytes, less
 * than one packet. The window covers the whole page, so it finds every repeat in it.
 */
const BROTLI_PARAMS = { [zlib.BROTLI_PARAM_QUALITY]: 3, [zlib.BROTLI_PARAM_LGWIN]: 16 };

/**
 * What the compression middleware (app/server.ts) would choose for this request: brotli or gzip as
 * the browser accepts them, brotli first; null for anything else (no Accept-Encoding, identity,
 * deflate only, HEAD, Cache-Control: no-transform), which is then left to the middleware as before.
 */
export function templateEncoding(res: ExpressResponse): "br" | "gzip" | null {
  const req = res.req;
  if (req.method === "HEAD" || !req.headers["accept-encoding"]) return null;
  if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(String(res.getHeader("Cache-Control") ?? ""))) return null;
  const negotiator = new Negotiator(req) as Negotiator & { encoding(available: readonly string[], preferred: readonly string[]): string | undefined };
  const chosen = negotiator.encoding(["br", "gzip", "deflate", "identity"], ["br", "gzip"]);
  return chosen === "br" || chosen === "gzip" ? chosen : null;
}

/** How a set of templates did (tests and operators look; counts only). */
export type TemplateStats = { hits: number; renders: number; kept: number; notKept: number };

const statsByOwner = new WeakMap<object, Map<string, TemplateStats>>();

/** The counts of the templates `name` kept for `owner` (the app's context): zeros until its cache exists. */
export function templateStats(owner: object, name: string): TemplateStats {
  let byName = statsByOwner.get(owner);
  if (!byName) statsByOwner.set(owner, (byName = new Map()));
  let stats = byName.get(name);
  if (!stats) byName.set(name, (stats = { hits: 0, renders: 0, kept: 0, notKept: 0 }));
  return stats;
}

/**
 * Templates by key, at most `max` (the least recently used goes first), with one render per key at
 * a time: concurrent misses of one key wait for the first render instead of all rendering.
 */
export class TemplateCache<S extends string> {
  private readonly templates = new Map<string, Template<S>>();
  private readonly rendering = new Map<string, Promise<Template<S> | null>>();
  readonly stats: TemplateStats;
  /** `owner` and `name`: whose counts these are, for `templateStats`. */
  constructor(
    private readonly max: number,
    owner: object,
    name: string,
  ) {
    this.stats = templateStats(owner, name);
  }

  /**
   * The template for `key`: kept, or rendered now by `render` (which says whether the render may
   * be shared: its data was exactly the key's). A render that may not be shared still answers the
   * request that made it; a request waiting on another's render gets only a shared one.
   */
  async get(key: string, render: () => Promise<{ template: Template<S>; shared: boolean } | null>): Promise<Template<S> | undefined> {
    const kept = this.templates.get(key);
    if (kept) {
      this.templates.delete(key);
      this.templates.set(key, kept);
      this.stats.hits++;
      return kept;
    }
    const waiting = this.rendering.get(key);
    if (waiting) return (await waiting) ?? undefined;
    this.stats.renders++;
    const mine = render();
    const shared = mine.then((r) => (r?.shared ? r.template : null));
    this.rendering.set(key, shared);
    void shared
      .then((template) => {
        if (template) {
          this.templates.set(key, template);
          if (this.templates.size > this.max) this.templates.delete(this.templates.keys().next().value as string);
          this.stats.kept++;
        } else this.stats.notKept++;
      })
      .catch(() => {})
      .finally(() => this.rendering.delete(key));
    return (await mine)?.template;
  }
}
