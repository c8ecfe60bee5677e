import { describe, expect, it } from "vitest";
import { cspNonce, FieldCipher } from "~/utils/crypto.server";

describe("field encryption", () => {
  const k1 = { id: "k1", key: Buffer.alloc(32, 1) };
  const k2 = { id: "k2", key: Buffer.alloc(32, 2) };

  it("round-trips, names its key, and never repeats a ciphertext", () => {
    const c = new FieldCipher([k1]);
    const a = c.encrypt("dob", "1958-04-28");
    expect(a.startsWith("k1.")).toBe(true);
    expect(a).not.toContain("1958");
    expect(c.encrypt("dob", "1958-04-28")).not.toBe(a);
    expect(c.decrypt("dob", a)).toBe("1958-04-28");
  });

  it("decrypts old values after a key rotation, encrypts with the new key", () => {
    const old = new FieldCipher([k1]).encrypt("name", "Maria");
    const rotated = new FieldCipher([k2, k1]);
    expect(rotated.decrypt("name", old)).toBe("Maria");
    expect(rotated.encrypt("name", "Maria").startsWith("k2.")).toBe(true);
  });

  it("refuses a value moved to another field, a tampered value, or an unknown key", () => {
    const c = new FieldCipher([k1]);
    const v = c.encrypt("dob", "1958-04-28");
    expect(() => c.decrypt("email", v)).toThrow();
    const tampered = v.slice(0, -2) + (v.endsWith("A") ? "BB" : "AA");
    expect(() => c.decrypt("dob", tampered)).toThrow();
    expect(() => new FieldCipher([k2]).decrypt("dob", v)).toThrow(/unknown data key/);
  });
});

describe("CSP nonces", () => {
  it("are 128 random bits each, never repeated, across many refills of the pool", () => {
    const nonces = Array.from({ length: 5000 }, () => cspNonce());
    expect(new Set(nonces).size).toBe(5000);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
    expect(nonces.every((n) => /^[A-Za-z0-9+/]{22}==$/.test(n))).toBe(true);
  });
});
