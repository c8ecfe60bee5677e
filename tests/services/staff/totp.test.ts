import { describe, expect, it } from "vitest";
import { checkTotp, newTotpSecret, totpCode, totpStep, totpUri } from "~/services/staff/totp.server";

const at = (iso: string, plusMs = 0) => new Date(new Date(iso).getTime() + plusMs);
const T = "2026-11-20T15:00:05Z";

describe("TOTP", () => {
  it("matches the RFC 6238 test vector (SHA-1, 8 digits truncated to our 6)", () => {
    // RFC 6238 appendix B: secret "12345678901234567890" (Base32 below), T=59 s → 94287082.
    expect(totpCode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", new Date(59_000))).toBe("287082");
  });

  it("accepts the current step and one step either side, not two", () => {
    const secret = newTotpSecret();
    const now = at(T);
    for (const drift of [-30_000, 0, 30_000]) expect(checkTotp(secret, totpCode(secret, at(T, drift)), now, null), String(drift)).toBe(totpStep(at(T, drift)));
    for (const drift of [-60_000, 60_000]) expect(checkTotp(secret, totpCode(secret, at(T, drift)), now, null), String(drift)).toBeNull();
  });

  it("refuses a code for a step at or before the last one used (no replay)", () => {
    const secret = newTotpSecret();
    const now = at(T);
    const code = totpCode(secret, now);
    const step = checkTotp(secret, code, now, null)!;
    expect(checkTotp(secret, code, now, step)).toBeNull();
    expect(checkTotp(secret, totpCode(secret, at(T, -30_000)), now, step)).toBeNull();
    expect(checkTotp(secret, totpCode(secret, at(T, 30_000)), at(T, 30_000), step)).toBe(step + 1);
  });

  it("refuses malformed input and gives an otpauth URI authenticator apps read", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(checkTotp(secret, "12345", at(T), null)).toBeNull();
    expect(checkTotp(secret, "abcdef", at(T), null)).toBeNull();
    const code = totpCode(secret, at(T));
    expect(checkTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, at(T), null)).toBe(totpStep(at(T)));
    const uri = totpUri("agent@org.test", secret);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Exposure%20Check:agent%40org\.test\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain("issuer=Exposure%20Check");
  });
});
