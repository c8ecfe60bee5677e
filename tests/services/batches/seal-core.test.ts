import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { csvCell, GcmSealer, generateCode, permuteReference, referenceRoundKeys } from "~/services/batches/seal-core.mjs";
import { generateReferenceNumber, hasValidCheckSymbol, parseActivationCode } from "~/services/notices/activation-code.server";
import { FieldCipher } from "~/utils/crypto.server";

describe("the import's fast sealing (seal-core.mjs) gives what the rest of the app reads", () => {
  it("GcmSealer values (node:crypto AES-256-GCM) decrypt with FieldCipher, for every length and for UTF-8, bound to their field and key id", () => {
    const key = randomBytes(32);
    const fast = new GcmSealer("k7", key);
    const cipher = new FieldCipher([{ id: "k7", key }]);
    const samples = ["", "a", "x".repeat(15), "x".repeat(16), "x".repeat(17), "x".repeat(200), "José Hernández Müller", "ü".repeat(33)];
    for (const s of samples) expect(cipher.decrypt("name", fast.encrypt("name", s))).toBe(s);
    const many = fast.encryptMany(["dob", "1970-05-17", "email", null, "phone", "3135550100"]);
    expect(many[1]).toBeNull();
    expect(cipher.decrypt("dob", many[0])).toBe("1970-05-17");
    expect(cipher.decrypt("phone", many[2])).toBe("3135550100");
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
      const c = generateCode();
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

  it("CSV cells are RFC 4180 quoted and formula-safe", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@x")).toBe("'@x");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe("\"'\rx\"");
    expect(csvCell("=a,b")).toBe("\"'=a,b\"");
  });
});
