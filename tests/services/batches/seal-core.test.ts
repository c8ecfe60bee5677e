import { describe, expect, it } from "vitest";
import { randomBytes, createHmac } from "node:crypto";
import {
  BatchSealer,
  ByteSink,
  GcmSealer,
  loadNativeSeal,
  nativeSealPath,
  permuteReference,
  referenceRoundKeys,
  SEALED_SLOTS,
} from "~/services/batches/seal-core";
import { countLines, firstRecordEnd, lastRecordEnd } from "~/services/batches/import/chunk";
import { workerNativePath } from "~/services/batches/import/seal-pool.server";
import { generateActivationCode, generateReferenceNumber, hasValidCheckSymbol, parseActivationCode } from "~/services/notices/activation-code.server";
import { FieldCipher } from "~/utils/crypto.server";

// The binding is optional (npm install builds it where there is a C compiler). Where it is absent,
// its own checks are skipped, saying why, and the portable node:crypto path is what is tested.
const NATIVE = loadNativeSeal(nativeSealPath());
const WITHOUT_BINDING = NATIVE
  ? ""
  : " [skipped: the OpenSSL binding is not built on this machine (no C compiler at npm install); node:crypto is the path in use]";

describe("the import's fast sealing (seal-core) gives what the rest of the app reads", () => {
  it("the import's workers look for the binding where npm install builds it (else they silently take the slower path)", () => {
    expect(workerNativePath()).toBe(nativeSealPath());
  });

  it("GcmSealer values (node:crypto AES-256-GCM) decrypt with FieldCipher, for every length and for UTF-8, bound to their field and key id", () => {
    const key = randomBytes(32);
    const fast = new GcmSealer("k7", key);
    const cipher = new FieldCipher([{ id: "k7", key }]);
    const samples = ["", "a", "x".repeat(15), "x".repeat(16), "x".repeat(17), "x".repeat(200), "José Hernández Müller", "ü".repeat(33)];
    for (const s of samples) expect(cipher.decrypt("name", fast.encrypt("name", s))).toBe(s);
    // Same plaintext twice: different IVs, different values. Wrong field: refused.
    expect(fast.encrypt("dob", "1970-05-17")).not.toBe(fast.encrypt("dob", "1970-05-17"));
    expect(() => cipher.decrypt("address", fast.encrypt("dob", "1970-05-17"))).toThrow();
    // The key id is in the value: another key of the same id does not open it, an unknown id is refused.
    const v = fast.encrypt("dob", "1970-05-17");
    expect(v.startsWith("k7.")).toBe(true);
    expect(() => new FieldCipher([{ id: "k7", key: randomBytes(32) }]).decrypt("dob", v)).toThrow();
    expect(() => new FieldCipher([{ id: "k8", key }]).decrypt("dob", v)).toThrow(/unknown data key/);
    // A flipped ciphertext bit fails the tag; FieldCipher's own values have the same shape.
    const raw = Buffer.from(v.slice(3), "base64url");
    raw[14] = raw[14]! ^ 1;
    expect(() => cipher.decrypt("dob", `k7.${raw.toString("base64url")}`)).toThrow();
    expect(Buffer.from(cipher.encrypt("dob", "1970-05-17").slice(3), "base64url").length).toBe(raw.length);
  });

  it("codes have the right check symbol and parse", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const c = generateActivationCode();
      expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
      expect(hasValidCheckSymbol(c)).toBe(true);
      expect(parseActivationCode(c)).toEqual({ kind: "ok", code: c });
      seen.add(c);
    }
    expect(seen.size).toBe(5000);
  });

  it("reference numbers from counters never repeat and do not look serial", () => {
    const keys = referenceRoundKeys(randomBytes(32));
    const refs = Array.from({ length: 200_000 }, (_, i) => permuteReference(keys, i));
    expect(new Set(refs).size).toBe(refs.length);
    for (const r of refs.slice(0, 100)) expect(r).toMatch(/^\d{4}-\d{4}-\d{4}$/);
    const digits = refs.slice(0, 1000).map((r) => Number(r.replace(/-/g, "")));
    const ascending = digits.filter((d, i) => i > 0 && d > digits[i - 1]!).length;
    expect(ascending).toBeGreaterThan(400);
    expect(ascending).toBeLessThan(600);
    expect(permuteReference(keys, 999_999_999_999)).toMatch(/^\d{4}-\d{4}-\d{4}$/);
    expect(generateReferenceNumber()).toMatch(/^\d{4}-\d{4}-\d{4}$/);
  });

  it.skipIf(!NATIVE)(`the OpenSSL binding, where npm install built it, hashes exactly what node:crypto hashes${WITHOUT_BINDING}`, () => {
    const native = NATIVE!;
    const pepper = randomBytes(32);
    for (const sealer of [new BatchSealer("k3", randomBytes(32), pepper, native), new BatchSealer("k3", randomBytes(32), pepper, null)]) {
      const inputs = ["", "search:RIVERA|1970-05-17|48201", "ü".repeat(99)];
      expect(sealer.hmacHex(inputs)).toEqual(inputs.map((v) => createHmac("sha256", pepper).update(v, "utf8").digest("hex")));
    }
    // Wrong shapes are refused, not read out of bounds.
    expect(() => native.hmacSha256(pepper, Buffer.from("ab"), new Uint32Array([2]), Buffer.alloc(31))).toThrow(/bad arguments/);
    expect(() => native.hmacSha256(pepper, Buffer.from("ab"), new Uint32Array([3]), Buffer.alloc(32))).toThrow(/bad arguments/);
  });

  it("writes whole COPY lines natively exactly as the node:crypto path does: heads, hashes as bytea, values sealed to their field, empty as NULL", () => {
    const native = NATIVE;
    const key = randomBytes(32);
    const pepper = randomBytes(32);
    const cipher = new FieldCipher([{ id: "k3", key }]);
    const heads = ["2\t1111-2222-3333\t{ssn}\tMI\ten\tf\tf", "3\t4444-5555-6666\t{}\tPR\tes\tt\tf", "17\t7777-8888-9999\t{a,b}\tTX\ten\tf\tt"];
    const V = SEALED_SLOTS.length;
    const plains = [
      ["ABCDEFGHJKMNPQR5", "X-1", '{"first":"José"}', "{}", "1970-05-17", "ana@example.com", "3135550100"],
      ["", "ü".repeat(300), '{"first":"Zoë"}', "a".repeat(1000), "2010-01-31", "", ""],
      ["Q".repeat(16), "e", "n", "x".repeat(16), "1901-12-31", "", "5"],
    ].flat();
    const hashInputs = ["ABCDEFGHJKMNPQR5", "external:o:X-1", "search:RIVERA|1970-05-17|48201", "", "ü".repeat(40), "s", "c", "e", "s"];
    const headEnds = Uint32Array.from(heads.map((_, i) => heads.slice(0, i + 1).join("").length));
    const read = (sealer: BatchSealer) => {
      const sink = new ByteSink(16); // too small at first: it must grow
      sink.write("before\n");
      sealer.sealCopy(sink, heads.join(""), headEnds, plains, hashInputs);
      const lines = Buffer.from(sink.bytes()).toString("utf8").split("\n");
      expect(lines.shift()).toBe("before");
      expect(lines.pop()).toBe("");
      return lines.map((line, i) => {
        const cols = line.split("\t");
        expect(cols.slice(0, 7).join("\t")).toBe(heads[i]);
        const hashes = cols.slice(7, 10);
        const values = cols.slice(10);
        expect(values).toHaveLength(V);
        return {
          hashes,
          values: values.map((v, j) => (v === "\\N" ? null : (expect(v.startsWith("k3.")).toBe(true), cipher.decrypt(SEALED_SLOTS[j]!, v)))),
          sealed: values,
        };
      });
    };
    const expected = heads.map((_, i) => ({
      hashes: hashInputs.slice(3 * i, 3 * i + 3).map((v) => `\\\\x${createHmac("sha256", pepper).update(v, "utf8").digest("hex")}`),
      values: plains.slice(V * i, V * i + V).map((v) => v || null),
    }));
    for (const n of native ? [native, null] : [null]) {
      const got = read(new BatchSealer("k3", key, pepper, n));
      expect(got.map(({ hashes, values }) => ({ hashes, values }))).toEqual(expected);
      // A value sealed for one field does not open as another; IVs are fresh per value.
      expect(() => cipher.decrypt("dob", got[0]!.sealed[2]!)).toThrow();
      expect(new Set(got.flatMap((r) => r.sealed.filter((v) => v !== "\\N"))).size).toBe(got.flatMap((r) => r.sealed.filter((v) => v !== "\\N")).length);
    }
    // A key id that would need escaping in COPY text is refused.
    expect(() => new BatchSealer("k\t3", key, pepper, native)).toThrow(/key id/);
    if (!native) return;
    // Wrong shapes are refused; a buffer too small is reported, not overrun.
    const aads = Buffer.from(SEALED_SLOTS.join(""));
    const aadEnds = Uint32Array.from(SEALED_SLOTS.map((_, i) => SEALED_SLOTS.slice(0, i + 1).join("").length));
    const one = (plainEnds: Uint32Array, out: Buffer, start = 0) =>
      native.sealCopy(
        key,
        Buffer.from("k3."),
        pepper,
        Buffer.from("h"),
        new Uint32Array([1]),
        Buffer.from("abcdefg"),
        plainEnds,
        aads,
        aadEnds,
        Buffer.from("x"),
        new Uint32Array([1]),
        out,
        start,
      );
    expect(one(Uint32Array.from([1, 2, 3, 4, 5, 6, 7]), Buffer.alloc(4096))).toBeGreaterThan(7 * 40);
    expect(one(Uint32Array.from([1, 2, 3, 4, 5, 6, 7]), Buffer.alloc(100))).toBe(-1);
    expect(() => one(Uint32Array.from([1, 2, 3, 4, 5, 6, 8]), Buffer.alloc(4096))).toThrow(/bad arguments/);
    expect(() => one(Uint32Array.from([2, 1, 3, 4, 5, 6, 7]), Buffer.alloc(4096))).toThrow(/bad arguments/);
    expect(() => one(Uint32Array.from([1, 2, 3, 4, 5, 6]), Buffer.alloc(4096))).toThrow(/bad arguments/);
    expect(() => one(Uint32Array.from([1, 2, 3, 4, 5, 6, 7]), Buffer.alloc(4096), 5000)).toThrow(/bad arguments/);
  });

  it("cuts a file only at record ends: never inside a quoted field", () => {
    const b = (s: string) => Buffer.from(s, "utf8");
    expect(lastRecordEnd(b("a,b\nc,d\ne"))).toBe(8);
    expect(lastRecordEnd(b("a,b"))).toBe(-1);
    expect(lastRecordEnd(b('a,"x\ny"\nc,"d'))).toBe(8);
    expect(lastRecordEnd(b('a,"x\ny\nz'))).toBe(-1);
    expect(lastRecordEnd(b('a,"say ""hi""\n"\n'))).toBe(16);
    expect(firstRecordEnd(b('h,"x\ny"\nrow\n'))).toBe(8);
    expect(firstRecordEnd(b("h,i"))).toBe(-1);
    expect(countLines(b("a\r\nb\n\nc"))).toBe(3);
  });
});
