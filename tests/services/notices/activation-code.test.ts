import { describe, expect, it } from "vitest";
import {
  CROCKFORD,
  formatActivationCode,
  generateActivationCode,
  hasValidCheckSymbol,
  hashActivationCode,
  luhnCheckSymbol,
  parseActivationCode,
  generateReferenceNumber,
  normalizeReferenceNumber,
} from "~/services/notices/activation-code.server";

describe("activation codes", () => {
  it("are 15 Crockford symbols plus a valid check symbol, shown in four groups", () => {
    const code = generateActivationCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(hasValidCheckSymbol(code)).toBe(true);
    expect(formatActivationCode(code)).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  });

  it("reads input forgivingly: case, spaces, hyphens, O as 0, I and L as 1", () => {
    const code = "DEM0M1N0R8P3W5ZM";
    expect(parseActivationCode(code)).toEqual({ kind: "ok", code });
    expect(parseActivationCode(" dem0-m1n0 r8p3-w5zm ")).toEqual({ kind: "ok", code });
    expect(parseActivationCode("DEMO-MIN0-R8P3-W5ZM")).toEqual({ kind: "ok", code });
    expect(parseActivationCode("DEMO-MlN0-R8P3-W5ZM")).toEqual({ kind: "ok", code });
    expect(parseActivationCode("")).toEqual({ kind: "empty" });
    expect(parseActivationCode("DEM0-M1N0-R8P3")).toEqual({ kind: "malformed" });
    expect(parseActivationCode("DEM0-M1N0-R8P3-W5ZU")).toEqual({ kind: "malformed" });
    expect(parseActivationCode("DEM0-M1N0-R8P3-W5ZN")).toEqual({ kind: "typo" });
  });

  it("catches every single-symbol substitution", () => {
    for (let n = 0; n < 200; n++) {
      const code = generateActivationCode();
      for (let i = 0; i < code.length; i++) {
        for (const c of CROCKFORD) {
          if (c === code[i]) continue;
          const bad = code.slice(0, i) + c + code.slice(i + 1);
          expect(hasValidCheckSymbol(bad), `${code} → ${bad}`).toBe(false);
        }
      }
    }
  });

  it("catches every adjacent transposition except 0↔Z, the one pair Luhn mod 32 cannot see", () => {
    let unseen = 0;
    // Every pair of symbols at every adjacent position, on random surroundings.
    for (let i = 0; i < 15; i++) {
      for (const a of CROCKFORD) {
        for (const b of CROCKFORD) {
          if (a === b) continue;
          const base = generateActivationCode().slice(0, 15).split("");
          base[i] = a;
          if (i + 1 < 15) base[i + 1] = b;
          const payload = base.join("");
          const code = payload + luhnCheckSymbol(payload);
          if (i + 1 >= 15 && code[15] !== b) continue; // the check symbol is what it is
          const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
          if (swapped === code) continue;
          if (hasValidCheckSymbol(swapped)) {
            expect(new Set([code[i], code[i + 1]])).toEqual(new Set(["0", "Z"]));
            unseen++;
          }
        }
      }
    }
    expect(unseen).toBeGreaterThan(0); // the named exception really exists
  });

  it("never repeats in a million codes", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1_000_000; i++) seen.add(generateActivationCode());
    expect(seen.size).toBe(1_000_000);
  }, 60_000);

  it("spreads symbols evenly (no modulo bias)", () => {
    const counts = new Map<string, number>();
    const n = 20_000;
    for (let i = 0; i < n; i++) for (const c of generateActivationCode().slice(0, 15)) counts.set(c, (counts.get(c) ?? 0) + 1);
    const expected = (n * 15) / 32;
    for (const c of CROCKFORD) expect(Math.abs((counts.get(c) ?? 0) - expected) / expected).toBeLessThan(0.05);
  });

  it("is stored as HMAC-SHA256 of the normalized code, which depends on the pepper", () => {
    const a = hashActivationCode(Buffer.from("pepper-a"), "DEM0M1N0R8P3W5ZM");
    expect(a).toHaveLength(32);
    expect(a.equals(hashActivationCode(Buffer.from("pepper-b"), "DEM0M1N0R8P3W5ZM"))).toBe(false);
  });
});

describe("reference numbers", () => {
  it("are 12 random digits in three groups, typed with or without separators", () => {
    const r = generateReferenceNumber();
    expect(r).toMatch(/^\d{4}-\d{4}-\d{4}$/);
    expect(normalizeReferenceNumber(r.replace(/-/g, " "))).toBe(r);
    expect(normalizeReferenceNumber("1234")).toBeNull();
  });
});
