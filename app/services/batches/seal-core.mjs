// The hot path of a batch import (run in worker threads by import-chunk.ts). It produces exactly
// what `sealNotice` (app/services/notices/seal.server.ts) produces — same code alphabet and check
// symbol, same keyed hashes, same `<kid>.<base64url(iv|ciphertext|tag)>` AES-256-GCM values with
// the field name as additional data — only faster:
//
// - AES-256-GCM and HMAC-SHA256 a chunk at a time through ./native/ec_seal.c, a small binding to
//   the OpenSSL Node itself links (one cipher context keeps the key schedule; ~0.3 µs a value
//   instead of ~5 µs for a node:crypto cipher object). No cryptography of our own. When the
//   binding is not built, the same values come from node:crypto, one cipher per value.
// - CSPRNG bytes drawn from pooled buffers.
// - Reference numbers from a keyed permutation of a counter (see permuteReference).
//
// tests/services/batches/seal-core.test.ts checks every value against FieldCipher / sealNotice,
// through both paths.
import { createCipheriv, createHmac, createSecretKey, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where `npm install` builds the OpenSSL binding, for the batches directory `dir`. */
export function nativeSealPath(dir = path.dirname(fileURLToPath(import.meta.url))) {
  return path.join(dir, "native/build/Release/ec_seal.node");
}

/**
 * @typedef {{ hmacSha256: (key: Uint8Array, data: Uint8Array, ends: Uint32Array, out: Uint8Array) => void, sealCopy: (key: Uint8Array, prefix: Uint8Array, pepper: Uint8Array, heads: Uint8Array, headEnds: Uint32Array, plain: Uint8Array, plainEnds: Uint32Array, aads: Uint8Array, aadEnds: Uint32Array, hashData: Uint8Array, hashEnds: Uint32Array, out: Uint8Array, outStart: number) => number }} NativeSeal
 */

/** @type {Map<string, NativeSeal | null>} */
const loaded = new Map();
/**
 * The OpenSSL binding at `file`, or null when it is not built (EC_NATIVE_SEAL=off: the pool
 * passes no file at all).
 * @param {string} file
 * @returns {NativeSeal | null}
 */
export function loadNativeSeal(file) {
  if (!loaded.has(file)) loaded.set(file, existsSync(file) ? createRequire(import.meta.url)(file) : null);
  return loaded.get(file) ?? null;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const VALUE = new Map([...CROCKFORD].map((c, i) => [c, i]));

let pool = Buffer.alloc(0);
let poolOffset = 0;
/** @param {number} n */
function take(n) {
  if (n > 4096) return randomBytes(n);
  if (poolOffset + n > pool.length) {
    pool = randomBytes(16384);
    poolOffset = 0;
  }
  const out = pool.subarray(poolOffset, poolOffset + n);
  poolOffset += n;
  return out;
}

/** @param {string} payload */
function luhnCheckSymbol(payload) {
  let factor = 2;
  let sum = 0;
  for (let i = payload.length - 1; i >= 0; i--) {
    const addend = factor * /** @type {number} */ (VALUE.get(payload[i]));
    sum += Math.floor(addend / 32) + (addend % 32);
    factor = factor === 2 ? 1 : 2;
  }
  return CROCKFORD[(32 - (sum % 32)) % 32];
}

/** 15 Crockford symbols from 75 CSPRNG bits (5 bits each, no modulo bias) + Luhn mod 32. */
export function generateCode() {
  const bytes = take(10);
  let acc = 0;
  let bits = 0;
  let payload = "";
  for (let i = 0; i < 10 && payload.length < 15; i++) {
    acc = ((acc << 8) | bytes[i]) & 0xffff;
    bits += 8;
    while (bits >= 5 && payload.length < 15) {
      bits -= 5;
      payload += CROCKFORD[(acc >> bits) & 31];
    }
  }
  return payload + luhnCheckSymbol(payload);
}

// ---------------------------------------------------------------------------------------------
// AES-256-GCM through node:crypto (OpenSSL), one cipher per value — the same construction as
// FieldCipher.encrypt (96-bit random IV, 128-bit tag, the field name as additional data, the key id
// in front). No cryptography of our own: the only savings are a KeyObject made once (no key
// import per value), IVs sliced from a pooled CSPRNG buffer, and cached AAD buffers.

export class GcmSealer {
  /** @param {string} keyId @param {Uint8Array} key 32 bytes */
  constructor(keyId, key) {
    if (key.length !== 32) throw new Error("AES-256-GCM needs a 32-byte key");
    this.prefix = `${keyId}.`;
    this.key = createSecretKey(Buffer.from(key));
    /** @type {Map<string, Buffer>} */
    this.aadCache = new Map();
  }

  /** Encrypt `plain` with the field name as AAD: `<kid>.<base64url(iv|ct|tag)>`, like FieldCipher. */
  encrypt(field, plain) {
    let aad = this.aadCache.get(field);
    if (!aad) {
      aad = Buffer.from(field, "utf8");
      this.aadCache.set(field, aad);
    }
    const iv = take(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(aad);
    const ct = cipher.update(plain, "utf8");
    cipher.final();
    const tag = cipher.getAuthTag();
    const out = Buffer.allocUnsafe(28 + ct.length);
    iv.copy(out, 0);
    ct.copy(out, 12);
    tag.copy(out, 12 + ct.length);
    return this.prefix + out.toString("base64url");
  }
}

// ---------------------------------------------------------------------------------------------
// Reference numbers: a keyed Feistel permutation of [0, 10^12), applied to a counter. Every
// import reserves a range of counters, so two notices never get the same number by construction,
// and the numbers still look random (not serial). They are not secret (DESIGN.md).

const HALF = 1_000_000;
/** @param {Uint8Array} key at least 24 bytes */
export function referenceRoundKeys(key) {
  const b = Buffer.from(key);
  return [0, 1, 2, 3, 4, 5].map((i) => b.readUInt32BE(i * 4));
}
function fmix(x, k) {
  let h = Math.imul(x ^ k, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % HALF;
}
/** @param {number[]} roundKeys @param {number} counter 0 ≤ counter < 10^12 */
export function permuteReference(roundKeys, counter) {
  let l = Math.floor(counter / HALF);
  let r = counter % HALF;
  for (const k of roundKeys) {
    const nr = (l + fmix(r, k)) % HALF;
    l = r;
    r = nr;
  }
  const s = String(l * HALF + r).padStart(12, "0");
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

// ---------------------------------------------------------------------------------------------

/** Same normalization as seal.server.ts normalizeLastName. */
function normalizeLastName(lastName) {
  return lastName.normalize("NFD").replace(/\p{M}/gu, "").toUpperCase().replace(/[^A-Z]/g, "");
}

function isMinorOn(dob, mailingDate) {
  const y = Number(dob.slice(0, 4)) + 18;
  return `${String(y).padStart(4, "0")}${dob.slice(4)}` > mailingDate;
}

/** What makes a cell need quoting or neutralizing (the common case has none: one test). */
const CELL_SPECIAL = /^[=+\-@\t\r]|[",\r\n]/;

/** RFC 4180 cell, and formula-safe: a cell starting with = + - @ tab or CR gets a leading '. */
export function csvCell(value) {
  let v = value ?? "";
  if (!CELL_SPECIAL.test(v)) return v;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const ENCODER = new TextEncoder();

/**
 * @typedef {ReturnType<typeof createSealState>} SealState
 * @typedef {{ counterStart: number, organizationId: string, mailingDate: string, enrollBy: string, keepCode: boolean, mailing: boolean, withLine?: boolean }} SealOptions
 *   withLine: false when the rows go straight into `notices` (no staging table, no line column)
 */

/**
 * Seal validated rows (app/services/batches/validate.ts `ValidRow`): COPY text for the staging
 * table, the mailing-file lines (when asked) and counts per state / category.
 * @param {SealState} state
 * @param {import("./validate").ValidRow[]} rows
 * @param {SealOptions} job
 */
export function sealRows(state, rows, job) {
  const copy = new ByteSink(rows.length * 900);
  const mailing = new ByteSink(job.mailing ? rows.length * 200 : 0);
  /** @type {Record<string, [number, number, number]>} */
  const states = {};
  /** @type {Record<string, number>} */
  const categories = {};
  // Small batches keep every intermediate string short-lived (young-generation garbage).
  for (let from = 0; from < rows.length; from += SEAL_BATCH) {
    sealBatch(state, rows, from, Math.min(rows.length, from + SEAL_BATCH), job, copy, mailing, states, categories);
  }
  // Bytes in fresh ArrayBuffers, so the worker can transfer them (no copy, no string on the main
  // thread's heap): the main thread writes them to the COPY stream and the mailing file as they are.
  return { copy: copy.bytes(), mailing: mailing.bytes(), count: rows.length, states, categories };
}

const SEAL_BATCH = 256;

/** An append-only byte buffer in its own ArrayBuffer (never Node's shared pool: it is transferred). */
export class ByteSink {
  /** @param {number} size */
  constructor(size) {
    this.buf = Buffer.allocUnsafeSlow(Math.max(size, 1024));
    this.pos = 0;
  }

  /** Room for `n` more bytes. @param {number} n */
  ensure(n) {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  /** @param {string} text */
  write(text) {
    this.ensure(text.length * 3);
    this.pos += this.buf.utf8Write(text, this.pos);
  }

  bytes() {
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.pos);
  }
}

/** The encrypted columns of a staged row, in COPY order: each value's field name is its additional data. */
export const SEALED_SLOTS = ["code", "external_id", "name", "address", "dob", "email", "phone"];
/** The keyed-hash columns of a staged row, in COPY order: code_hash, external_id_hash, search_hash. */
const HASH_SLOTS = 3;

/**
 * Seal rows [from, to) into `copy` (one COPY line each: the plain columns, then the three keyed
 * hashes, then the encrypted values; see STAGE_COLUMNS) and their mailing lines into `mailing`.
 * @param {SealState} state
 * @param {import("./validate").ValidRow[]} rows
 * @param {number} from
 * @param {number} to
 * @param {SealOptions} job
 * @param {ByteSink} copy
 * @param {ByteSink} mailing
 * @param {Record<string, [number, number, number]>} states
 * @param {Record<string, number>} categories
 */
function sealBatch(state, rows, from, to, job, copy, mailing, states, categories) {
  const { sealer, roundKeys } = state;
  const n = to - from;
  const V = SEALED_SLOTS.length;
  const withLine = job.withLine !== false;
  let heads = "";
  let lines = "";
  const headEnds = new Uint32Array(n);
  /** @type {string[]} */ const plains = new Array(n * V);
  /** @type {string[]} */ const hashInputs = new Array(n * HASH_SLOTS);
  for (let k = 0; k < n; k++) {
    const r = rows[from + k];
    const code = generateCode();
    const reference = permuteReference(roundKeys, job.counterStart + from + k);
    const st = r.state;
    const cats = r.exposed;
    const minor = isMinorOn(r.dateOfBirth, job.mailingDate);
    const dead = r.deceased;
    heads += `${withLine ? `${r.line}\t` : ""}${reference}\t{${cats.join(",")}}\t${st}\t${r.language}\t${minor ? "t" : "f"}\t${dead ? "t" : "f"}`;
    headEnds[k] = heads.length;
    // An empty value is stored as NULL (no email, no phone; the code once the batch is mailed).
    const p = k * V;
    plains[p] = job.keepCode ? code : "";
    plains[p + 1] = r.externalId;
    plains[p + 2] = JSON.stringify({ first: r.firstName, middle: r.middleName || null, last: r.lastName, suffix: r.suffix || null });
    plains[p + 3] = JSON.stringify({ line1: r.addressLine1, line2: r.addressLine2 || null, city: r.city, state: r.state, zip: r.zip });
    plains[p + 4] = r.dateOfBirth;
    plains[p + 5] = r.email || "";
    plains[p + 6] = r.phone || "";
    const h = k * HASH_SLOTS;
    hashInputs[h] = code;
    hashInputs[h + 1] = `external:${job.organizationId}:${r.externalId.trim()}`;
    hashInputs[h + 2] = `search:${normalizeLastName(r.lastName)}|${r.dateOfBirth}|${r.zip.slice(0, 5)}`;
    const s = (states[st] ??= [0, 0, 0]);
    s[0]++;
    if (minor) s[1]++;
    if (dead) s[2]++;
    for (const c of cats) categories[c] = (categories[c] ?? 0) + 1;
    if (job.mailing) {
      const variant = dead ? "deceased" : minor ? "minor" : "adult";
      let fullName = r.firstName;
      if (r.middleName) fullName += ` ${r.middleName}`;
      if (r.lastName) fullName += ` ${r.lastName}`;
      if (r.suffix) fullName += ` ${r.suffix}`;
      const formatted = `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}-${code.slice(12)}`;
      // One string for the batch's mailing lines, written once (a write per row cost more).
      lines += `${csvCell(reference)},${csvCell(r.externalId)},${variant},${r.language},${csvCell(fullName)},${csvCell(r.addressLine1)},${csvCell(r.addressLine2)},${csvCell(r.city)},${st},${csvCell(r.zip)},${formatted},${csvCell(job.enrollBy)}\r\n`;
    }
  }
  if (lines) mailing.write(lines);
  sealer.sealCopy(copy, heads, headEnds, plains, hashInputs);
}

/**
 * A dry run's rows: COPY text of (line, external-id hash) only, for the duplicate check — no code,
 * no ciphertext, no mailing line.
 * @param {SealState} state
 * @param {import("./validate").ValidRow[]} rows
 * @param {{ organizationId: string }} job
 */
export function checkRows(state, rows, job) {
  const hashes = state.sealer.hmacHex(rows.map((r) => `external:${job.organizationId}:${r.externalId.trim()}`));
  let copy = "";
  for (let i = 0; i < rows.length; i++) copy += `${rows[i].line}\t\\\\x${hashes[i]}\n`;
  return { copy: ENCODER.encode(copy), mailing: new Uint8Array(0), count: rows.length, states: {}, categories: {} };
}

/**
 * Seals many values at once: AES-256-GCM values (field name as additional data) and hex
 * HMAC-SHA256 digests, in the input order. Native when the binding is built, node:crypto otherwise.
 */
export class BatchSealer {
  /** @param {string} keyId @param {Uint8Array} key 32 bytes @param {Uint8Array} pepper */
  /** @param {NativeSeal | null} native */
  constructor(keyId, key, pepper, native) {
    // The key id is written into COPY text as it is: nothing there may need escaping.
    if (!/^[A-Za-z0-9_-]+$/.test(keyId)) throw new Error("a data key id must be letters, digits, - or _");
    this.native = native;
    this.prefixBytes = Buffer.from(`${keyId}.`, "utf8");
    this.key = Buffer.from(key);
    this.pepper = Buffer.from(pepper);
    this.gcm = new GcmSealer(keyId, key);
    this.pepperKey = createSecretKey(this.pepper);
  }

  /** @param {string[]} inputs @returns {string[]} hex digests keyed with the pepper */
  hmacHex(inputs) {
    const n = inputs.length;
    if (!this.native || n === 0) return inputs.map((v) => createHmac("sha256", this.pepperKey).update(v, "utf8").digest("hex"));
    const [data, ends] = packed(inputs);
    const out = Buffer.allocUnsafe(32 * n);
    this.native.hmacSha256(this.pepper, data, ends, out);
    const results = new Array(n);
    for (let i = 0; i < n; i++) results[i] = out.toString("hex", 32 * i, 32 * i + 32);
    return results;
  }

  /**
   * Append COPY lines to `sink`: line i is heads[headEnds[i-1]..headEnds[i]), then the hex HMACs of
   * its `hashInputs.length / n` hash inputs as bytea, then its SEALED_SLOTS values encrypted (field
   * name as additional data), an empty value as NULL. One native call for the whole batch.
   * @param {ByteSink} sink @param {string} heads ASCII @param {Uint32Array} headEnds
   * @param {string[]} plains n × SEALED_SLOTS.length @param {string[]} hashInputs
   */
  sealCopy(sink, heads, headEnds, plains, hashInputs) {
    const n = headEnds.length;
    if (n === 0) return;
    const V = SEALED_SLOTS.length;
    const H = hashInputs.length / n;
    if (!this.native) {
      const hashes = this.hmacHex(hashInputs);
      let lines = "";
      for (let i = 0; i < n; i++) {
        lines += heads.slice(i ? headEnds[i - 1] : 0, headEnds[i]);
        for (let j = 0; j < H; j++) lines += `\t\\\\x${hashes[i * H + j]}`;
        for (let j = 0; j < V; j++) {
          const plain = plains[i * V + j];
          lines += plain ? `\t${this.gcm.encrypt(SEALED_SLOTS[j], plain)}` : "\t\\N";
        }
        lines += "\n";
      }
      sink.write(lines);
      return;
    }
    const headBuf = Buffer.from(heads, "latin1");
    if (!/^[\x20-\x7e\t]*$/.test(heads)) throw new Error("sealCopy: row heads must be ASCII");
    const [plainBuf, plainEnds] = packed(plains);
    const [hashBuf, hashEnds] = packed(hashInputs);
    sink.ensure(headBuf.length + n * (H * 68 + 1) + n * V * (this.prefixBytes.length + 48) + Math.ceil((plainBuf.length * 4) / 3));
    const end = this.native.sealCopy(this.key, this.prefixBytes, this.pepper, headBuf, headEnds, plainBuf, plainEnds, SLOT_AADS, SLOT_AAD_ENDS, hashBuf, hashEnds, sink.buf, sink.pos);
    if (end < 0) throw new Error("sealCopy: output buffer too small");
    sink.pos = end;
  }
}

const SLOT_AADS = Buffer.from(SEALED_SLOTS.join(""), "utf8");
const SLOT_AAD_ENDS = Uint32Array.from(SEALED_SLOTS.map((_, i) => SEALED_SLOTS.slice(0, i + 1).join("").length));

/**
 * Strings as one UTF-8 buffer and the byte offset where each ends.
 * @param {string[]} values
 * @returns {[Buffer, Uint32Array]}
 */
function packed(values) {
  const text = values.join("");
  const buf = Buffer.from(text, "utf8");
  const ends = new Uint32Array(values.length);
  let e = 0;
  // All ASCII (the usual case): characters are bytes.
  if (buf.length === text.length) for (let i = 0; i < values.length; i++) ends[i] = e += values[i].length;
  else for (let i = 0; i < values.length; i++) ends[i] = e += Buffer.byteLength(values[i], "utf8");
  return [buf, ends];
}

/**
 * Per-thread state from the secrets the import passes in.
 * @param {{ keyId: string, key: Uint8Array, pepper: Uint8Array, referenceKey: Uint8Array, nativePath?: string | null }} init
 *   nativePath: the binding's file (default: next to this module); null for node:crypto only
 */
export function createSealState(init) {
  const native = init.nativePath === null ? null : loadNativeSeal(init.nativePath ?? nativeSealPath());
  return {
    sealer: new BatchSealer(init.keyId, init.key, init.pepper, native),
    roundKeys: referenceRoundKeys(init.referenceKey),
  };
}
