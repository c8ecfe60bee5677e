// The hot path of a batch import, in plain JavaScript so worker threads can load it anywhere
// (tsx, vitest, the built server) without a TypeScript loader. It produces exactly what
// `sealNotice` (app/services/notices/seal.server.ts) produces — same code alphabet and check
// symbol, same keyed hashes, same `<kid>.<base64url(iv|ciphertext|tag)>` AES-256-GCM values with
// the field name as additional data — only faster:
//
// - AES-256-GCM from node:crypto, one cipher per value, exactly like FieldCipher (no crypto of
//   our own); the key is a KeyObject made once.
// - CSPRNG bytes drawn from a pooled buffer.
// - Reference numbers from a keyed permutation of a counter (see permuteReference).
//
// tests/services/batches/seal-core.test.ts checks every value against FieldCipher / sealNotice.
import { createCipheriv, createHmac, createSecretKey, randomBytes } from "node:crypto";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const VALUE = new Map([...CROCKFORD].map((c, i) => [c, i]));

let pool = Buffer.alloc(0);
let poolOffset = 0;
/** @param {number} n */
function take(n) {
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

  /** Pairs (field, plain); a null/undefined plain gives null. */
  encryptMany(pairs) {
    const results = new Array(pairs.length / 2);
    for (let k = 0; k < results.length; k++) {
      const plain = pairs[2 * k + 1];
      results[k] = plain === null || plain === undefined ? null : this.encrypt(pairs[2 * k], plain);
    }
    return results;
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

/** RFC 4180 cell, and formula-safe: a cell starting with = + - @ tab or CR gets a leading '. */
export function csvCell(value) {
  let v = value ?? "";
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();

export const FIELD_SEP = "\x1f";
export const ROW_SEP = "\x1e";

/**
 * Seal a chunk of validated rows (fields joined by FIELD_SEP, rows by ROW_SEP; see
 * app/services/batches/validate.ts `encodeRow` for the order). Returns COPY text for the staging
 * table, the mailing-file lines (when asked) and counts per state / category.
 */
export function sealChunk(state, job) {
  const { gcm, pepper, roundKeys } = state;
  const hmac = (v) => createHmac("sha256", pepper).update(v, "utf8").digest("hex");
  const text = typeof job.text === "string" ? job.text : DECODER.decode(job.text);
  const rows = text.split(ROW_SEP);
  let copy = "";
  let mailing = "";
  const states = {};
  const categories = {};
  let counter = job.counterStart;
  for (const row of rows) {
    const f = row.split(FIELD_SEP);
    const [line, externalId, first, middle, last, suffix, a1, a2, city, st, zip, dob, email, phone, language, deceased, exposed] = f;
    const code = generateCode();
    const reference = permuteReference(roundKeys, counter++);
    const cats = exposed.split(";");
    const minor = isMinorOn(dob, job.mailingDate);
    const dead = deceased === "1";
    const name = JSON.stringify({ first, middle: middle || null, last, suffix: suffix || null });
    const address = JSON.stringify({ line1: a1, line2: a2 || null, city, state: st, zip });
    const [codeEnc, extEnc, nameEnc, addrEnc, dobEnc, emailEnc, phoneEnc] = gcm.encryptMany([
      "code", job.keepCode ? code : null,
      "external_id", externalId,
      "name", name,
      "address", address,
      "dob", dob,
      "email", email || null,
      "phone", phone || null,
    ]);
    copy +=
      `${line}\t${reference}\t\\\\x${hmac(code)}\t${codeEnc ?? "\\N"}` +
      `\t\\\\x${hmac(`external:${job.organizationId}:${externalId.trim()}`)}\t${extEnc}` +
      `\t{${cats.join(",")}}\t${st}\t${language}\t${minor ? "t" : "f"}\t${dead ? "t" : "f"}` +
      `\t${nameEnc}\t${addrEnc}\t${dobEnc}\t${emailEnc ?? "\\N"}\t${phoneEnc ?? "\\N"}` +
      `\t\\\\x${hmac(`search:${normalizeLastName(last)}|${dob}|${zip.slice(0, 5)}`)}\n`;
    const s = (states[st] ??= [0, 0, 0]);
    s[0]++;
    if (minor) s[1]++;
    if (dead) s[2]++;
    for (const c of cats) categories[c] = (categories[c] ?? 0) + 1;
    if (job.mailing) {
      const variant = dead ? "deceased" : minor ? "minor" : "adult";
      const fullName = [first, middle, last, suffix].filter(Boolean).join(" ");
      const formatted = `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}-${code.slice(12)}`;
      mailing +=
        [reference, externalId, variant, language, fullName, a1, a2, city, st, zip, formatted, job.enrollBy].map(csvCell).join(",") +
        "\r\n";
    }
  }
  // Bytes in fresh ArrayBuffers, so the worker can transfer them (no copy, no string on the main
  // thread's heap): the main thread writes them to the COPY stream and the mailing file as they are.
  return { jobId: job.jobId, copy: ENCODER.encode(copy), mailing: ENCODER.encode(mailing), count: rows.length, states, categories };
}

/** Per-thread state from the secrets the import passes in. */
export function createSealState(init) {
  return {
    gcm: new GcmSealer(init.keyId, init.key),
    pepper: createSecretKey(Buffer.from(init.pepper)),
    roundKeys: referenceRoundKeys(init.referenceKey),
  };
}
