import { randomBytes } from "node:crypto";
import { keyedHash } from "~/utils/crypto.server";

/**
 * Activation codes (DESIGN.md "Activation codes"): 15 random Crockford Base32 symbols (75 bits)
 * and one Luhn mod 32 check symbol, printed as XXXX-XXXX-XXXX-XXXX.
 */
export const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const N = CROCKFORD.length; // 32
export const PAYLOAD_SYMBOLS = 15;
export const CODE_SYMBOLS = PAYLOAD_SYMBOLS + 1;

const VALUE: Record<string, number> = Object.fromEntries([...CROCKFORD].map((c, i) => [c, i]));

/**
 * Luhn mod N check symbol for a payload: from the right, double every other value starting with
 * the rightmost, fold (sum of base-N digits), and pick the symbol that makes the total 0 mod N.
 */
export function luhnCheckSymbol(payload: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = payload.length - 1; i >= 0; i--) {
    const v = VALUE[payload[i]!];
    if (v === undefined) throw new Error("not a Crockford symbol");
    const addend = factor * v;
    sum += Math.floor(addend / N) + (addend % N);
    factor = factor === 2 ? 1 : 2;
  }
  return CROCKFORD[(N - (sum % N)) % N]!;
}

/** True when the last symbol is the right Luhn mod 32 check for the rest. */
export function hasValidCheckSymbol(code: string): boolean {
  if (code.length < 2) return false;
  return luhnCheckSymbol(code.slice(0, -1)) === code[code.length - 1];
}

/**
 * 75 random bits → 15 symbols, 5 bits each: every symbol is uniform over the 32, with no modulo
 * bias, because 32 is a power of two and we consume exactly 5 fresh bits per symbol.
 */
export function generateActivationCode(): string {
  const bytes = takeRandomBytes(10); // 80 bits, we use 75
  let acc = 0;
  let bits = 0;
  let payload = "";
  for (let i = 0; i < bytes.length && payload.length < PAYLOAD_SYMBOLS; i++) {
    acc = ((acc << 8) | bytes[i]!) & 0xffff;
    bits += 8;
    while (bits >= 5 && payload.length < PAYLOAD_SYMBOLS) {
      bits -= 5;
      payload += CROCKFORD[(acc >> bits) & 31];
    }
  }
  return payload + luhnCheckSymbol(payload);
}

/** CSPRNG bytes drawn from a pooled buffer: one syscall per 800 codes instead of one each. */
const POOL_BYTES = 8192;
let pool = Buffer.alloc(0);
let poolOffset = 0;
function takeRandomBytes(n: number): Buffer {
  if (poolOffset + n > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  const out = pool.subarray(poolOffset, poolOffset + n);
  poolOffset += n;
  return out;
}

export function formatActivationCode(code: string): string {
  return code.match(/.{1,4}/g)!.join("-");
}

export type ParsedCode = { kind: "ok"; code: string } | { kind: "empty" } | { kind: "malformed" } | { kind: "typo" };

/**
 * Forgiving input: ignores case, spaces and hyphens; reads O as 0 and I/L as 1. A code with the
 * right length and symbols but a wrong check symbol is a typo — answered without a database lookup.
 */
export function parseActivationCode(input: string): ParsedCode {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (cleaned.length === 0) return { kind: "empty" };
  if (cleaned.length !== CODE_SYMBOLS || [...cleaned].some((c) => VALUE[c] === undefined)) return { kind: "malformed" };
  if (!hasValidCheckSymbol(cleaned)) return { kind: "typo" };
  return { kind: "ok", code: cleaned };
}

/** What the database stores: HMAC-SHA256(CODE_PEPPER, normalized code). */
export function hashActivationCode(pepper: Buffer, normalizedCode: string): Buffer {
  return keyedHash(pepper, normalizedCode);
}

/**
 * Random reference number, 12 digits read out in three groups: 4821-0937-5562. Not secret.
 * 40 pooled CSPRNG bits, redrawn when ≥ 10^12 (9% of draws), so every number is equally likely.
 */
export function generateReferenceNumber(): string {
  let n: number;
  do {
    const b = takeRandomBytes(5);
    n = b[0]! * 2 ** 32 + ((b[1]! << 24) >>> 0) + (b[2]! << 16) + (b[3]! << 8) + b[4]!;
  } while (n >= 1e12);
  const s = String(n).padStart(12, "0");
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** Accepts a reference number typed with or without separators. */
export function normalizeReferenceNumber(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "");
  if (!/^\d{12}$/.test(digits)) return null;
  return `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`;
}
