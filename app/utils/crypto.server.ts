import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** HMAC-SHA256 with a secret key: activation-code hashes and blind indexes. */
export function keyedHash(key: Buffer, value: string): Buffer {
  return createHmac("sha256", key).update(value, "utf8").digest();
}

export function sha256Hex(value: string | Buffer): string {
  return createHash("sha256").update(value).digest("hex");
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Random bytes drawn ahead for the per-response nonces: one system call per 256 responses. */
const NONCE_BYTES = 16;
let noncePool = Buffer.alloc(0);
let nonceOffset = 0;

/**
 * A fresh 128-bit CSP nonce (base64). Taken from a block of the same CSPRNG's output, each byte
 * used once — as Node does for randomUUID — because a call per response was ~4 % of an exposure
 * page's CPU (issue 12).
 */
export function cspNonce(): string {
  if (nonceOffset + NONCE_BYTES > noncePool.length) {
    noncePool = randomBytes(NONCE_BYTES * 256);
    nonceOffset = 0;
  }
  const nonce = noncePool.toString("base64", nonceOffset, nonceOffset + NONCE_BYTES);
  nonceOffset += NONCE_BYTES;
  return nonce;
}

export function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM per field, with the key id stored in each value: `<kid>.<base64url(iv|ciphertext|tag)>`.
 * Encrypts with the first key; decrypts with whichever key the value names, so keys can rotate.
 * The field name is bound as additional data, so a value cannot be moved to another column.
 */
export class FieldCipher {
  private readonly keys: Map<string, Buffer>;
  private readonly active: { id: string; key: Buffer };

  constructor(keys: { id: string; key: Buffer }[]) {
    const first = keys[0];
    if (!first) throw new Error("FieldCipher needs at least one key");
    this.active = first;
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
  }

  encrypt(field: string, plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.active.key, iv);
    cipher.setAAD(Buffer.from(field));
    const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return `${this.active.id}.${Buffer.concat([iv, ct, cipher.getAuthTag()]).toString("base64url")}`;
  }

  decrypt(field: string, stored: string): string {
    const dot = stored.indexOf(".");
    const key = this.keys.get(stored.slice(0, dot));
    if (dot < 1 || !key) throw new Error("unknown data key id");
    const buf = Buffer.from(stored.slice(dot + 1), "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key, buf.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(field));
    decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
    return Buffer.concat([decipher.update(buf.subarray(IV_BYTES, buf.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  }

  encryptJson(field: string, value: unknown): string {
    return this.encrypt(field, JSON.stringify(value));
  }

  decryptJson<T>(field: string, stored: string): T {
    return JSON.parse(this.decrypt(field, stored)) as T;
  }
}
