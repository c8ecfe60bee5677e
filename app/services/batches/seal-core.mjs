// The hot path of a batch import, in plain JavaScript so worker threads can load it anywhere
// (tsx, vitest, the built server) without a TypeScript loader. It produces exactly what
// `sealNotice` (app/services/notices/seal.server.ts) produces — same code alphabet and check
// symbol, same keyed hashes, same `<kid>.<base64url(iv|ciphertext|tag)>` AES-256-GCM values with
// the field name as additional data — only faster:
//
// - AES-256-GCM without a cipher object per value: one long-lived AES-256-ECB context produces the
//   counter-mode key stream and the tag mask, and GHASH runs on 8-bit tables built once per key.
//   (Node's createCipheriv costs ~6 µs per value, mostly context set-up; seven values per row.)
// - CSPRNG bytes drawn from a pooled buffer.
// - Reference numbers from a keyed permutation of a counter (see permuteReference).
//
// tests/services/batches/seal-core.test.ts checks every value against FieldCipher / sealNotice.
import { createCipheriv, createHmac, randomBytes } from "node:crypto";

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
// AES-256-GCM (NIST SP 800-38D) with a 96-bit IV and a 128-bit tag.

/** Slow bitwise GF(2^128) multiply, used only to build the tables. Blocks as 4 big-endian words. */
function gmulSlow(x, y) {
  let z0 = 0, z1 = 0, z2 = 0, z3 = 0;
  let v0 = y[0], v1 = y[1], v2 = y[2], v3 = y[3];
  for (let i = 0; i < 128; i++) {
    if ((x[i >>> 5] >>> (31 - (i & 31))) & 1) {
      z0 ^= v0; z1 ^= v1; z2 ^= v2; z3 ^= v3;
    }
    const lsb = v3 & 1;
    v3 = (v3 >>> 1) | ((v2 & 1) << 31);
    v2 = (v2 >>> 1) | ((v1 & 1) << 31);
    v1 = (v1 >>> 1) | ((v0 & 1) << 31);
    v0 = v0 >>> 1;
    if (lsb) v0 ^= 0xe1000000;
  }
  return [z0 >>> 0, z1 >>> 0, z2 >>> 0, z3 >>> 0];
}

export class FastGcm {
  /** @param {string} keyId @param {Uint8Array} key 32 bytes */
  constructor(keyId, key) {
    this.prefix = `${keyId}.`;
    this.ecb = createCipheriv("aes-256-ecb", Buffer.from(key), null);
    this.ecb.setAutoPadding(false);
    const h = this.ecb.update(Buffer.alloc(16));
    const hw = [h.readUInt32BE(0), h.readUInt32BE(4), h.readUInt32BE(8), h.readUInt32BE(12)];
    // T[(pos*256 + b)*4 + w]: (block with byte `pos` = b, zero elsewhere) • H
    const T = new Uint32Array(16 * 256 * 4);
    for (let pos = 0; pos < 16; pos++) {
      const single = [];
      for (let bit = 0; bit < 8; bit++) {
        const x = [0, 0, 0, 0];
        x[pos >>> 2] = ((0x80 >>> bit) << (24 - 8 * (pos & 3))) >>> 0;
        single.push(gmulSlow(x, hw));
      }
      for (let b = 1; b < 256; b++) {
        const o = (pos * 256 + b) * 4;
        for (let bit = 0; bit < 8; bit++) {
          if (b & (0x80 >>> bit)) {
            const s = single[bit];
            T[o] ^= s[0]; T[o + 1] ^= s[1]; T[o + 2] ^= s[2]; T[o + 3] ^= s[3];
          }
        }
      }
    }
    this.T = T;
    this.counters = Buffer.alloc(16 * 64);
    this.aadCache = new Map();
    this.tail = Buffer.alloc(16);
  }

  /** y • H with the tables; y as 4 words, result written back into `y`. */
  mul(y) {
    const T = this.T;
    let r0 = 0, r1 = 0, r2 = 0, r3 = 0;
    for (let w = 0; w < 4; w++) {
      const word = y[w];
      for (let k = 0; k < 4; k++) {
        const pos = w * 4 + k;
        const b = (word >>> (24 - 8 * k)) & 255;
        const o = (pos * 256 + b) * 4;
        r0 ^= T[o]; r1 ^= T[o + 1]; r2 ^= T[o + 2]; r3 ^= T[o + 3];
      }
    }
    y[0] = r0 >>> 0; y[1] = r1 >>> 0; y[2] = r2 >>> 0; y[3] = r3 >>> 0;
  }

  /** GHASH state absorbing `buf` (zero-padded to a whole block). */
  absorb(y, buf, len) {
    for (let off = 0; off < len; off += 16) {
      const rem = len - off;
      if (rem >= 16) {
        y[0] ^= buf.readUInt32BE(off); y[1] ^= buf.readUInt32BE(off + 4);
        y[2] ^= buf.readUInt32BE(off + 8); y[3] ^= buf.readUInt32BE(off + 12);
      } else {
        const tmp = this.tail;
        tmp.fill(0);
        buf.copy(tmp, 0, off, len);
        y[0] ^= tmp.readUInt32BE(0); y[1] ^= tmp.readUInt32BE(4);
        y[2] ^= tmp.readUInt32BE(8); y[3] ^= tmp.readUInt32BE(12);
      }
      this.mul(y);
    }
  }

  /** Encrypt `plain` with the field name as AAD: `<kid>.<base64url(iv|ct|tag)>`, like FieldCipher. */
  encrypt(field, plain) {
    return this.encryptMany([field, plain])[0];
  }

  /**
   * Encrypt several values (pairs: field, plain; a null/empty plain gives null) with one call into
   * the AES context for all their counter blocks.
   */
  encryptMany(pairs) {
    const count = pairs.length / 2;
    const pts = new Array(count);
    let blocks = 0;
    for (let k = 0; k < count; k++) {
      const plain = pairs[2 * k + 1];
      if (plain === null || plain === undefined) continue;
      const pt = Buffer.from(plain, "utf8");
      pts[k] = pt;
      blocks += Math.ceil(pt.length / 16) + 1;
    }
    if (this.counters.length < blocks * 16) this.counters = Buffer.alloc(blocks * 32);
    const ctr = this.counters;
    const ivs = take(12 * count);
    let b = 0;
    for (let k = 0; k < count; k++) {
      const pt = pts[k];
      if (!pt) continue;
      const nb = Math.ceil(pt.length / 16) + 1;
      for (let i = 0; i < nb; i++) {
        ivs.copy(ctr, (b + i) * 16, 12 * k, 12 * k + 12);
        ctr.writeUInt32BE(i + 1, (b + i) * 16 + 12); // J0 = IV||1, then IV||2, …
      }
      b += nb;
    }
    const ks = this.ecb.update(ctr.subarray(0, blocks * 16));
    const results = new Array(count).fill(null);
    b = 0;
    for (let k = 0; k < count; k++) {
      const pt = pts[k];
      if (!pt) continue;
      const field = pairs[2 * k];
      let aad = this.aadCache.get(field);
      if (!aad) {
        aad = Buffer.from(field);
        this.aadCache.set(field, aad);
      }
      const n = pt.length;
      const base = b * 16;
      const out = Buffer.allocUnsafe(12 + n + 16);
      ivs.copy(out, 0, 12 * k, 12 * k + 12);
      for (let i = 0; i < n; i++) out[12 + i] = pt[i] ^ ks[base + 16 + i];
      const y = [0, 0, 0, 0];
      this.absorb(y, aad, aad.length);
      this.absorb(y, out.subarray(12, 12 + n), n);
      // lengths block: [len(A) bits]64 || [len(C) bits]64 (both < 2^32 here)
      y[1] ^= aad.length * 8;
      y[3] ^= n * 8;
      this.mul(y);
      const t = 12 + n;
      out.writeUInt32BE((y[0] ^ ks.readUInt32BE(base)) >>> 0, t);
      out.writeUInt32BE((y[1] ^ ks.readUInt32BE(base + 4)) >>> 0, t + 4);
      out.writeUInt32BE((y[2] ^ ks.readUInt32BE(base + 8)) >>> 0, t + 8);
      out.writeUInt32BE((y[3] ^ ks.readUInt32BE(base + 12)) >>> 0, t + 12);
      results[k] = this.prefix + out.toString("base64url");
      b += Math.ceil(n / 16) + 1;
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
  const rows = job.text.split(ROW_SEP);
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
  return { jobId: job.jobId, copy, mailing, count: rows.length, states, categories };
}

/** Per-thread state from the secrets the import passes in. */
export function createSealState(init) {
  return {
    gcm: new FastGcm(init.keyId, init.key),
    pepper: Buffer.from(init.pepper),
    roundKeys: referenceRoundKeys(init.referenceKey),
  };
}
