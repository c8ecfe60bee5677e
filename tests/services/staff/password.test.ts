import { describe, expect, it } from "vitest";
import { commonPasswords, isCommonPassword } from "~/services/staff/common-passwords.server";
import { DEMO_STAFF } from "~/services/demo/staff.server";
import {
  checkNewPassword,
  generateOneTimePassword,
  hashPassword,
  PASSWORD_MIN_CHARS,
  PASSWORD_PROBLEM_TEXT,
  verifyPassword,
} from "~/services/staff/password.server";

describe("staff passwords", () => {
  it("hashes with argon2id m=19456 KiB, t=2, p=1 and verifies only the right password", async () => {
    const hash = await hashPassword("lantern-orchard-velvet");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hash).not.toContain("lantern");
    expect(await verifyPassword(hash, "lantern-orchard-velvet")).toBe(true);
    expect(await verifyPassword(hash, "lantern-orchard-velvet ")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });

  it("refuses fewer than 12 characters, and says why", () => {
    expect(PASSWORD_MIN_CHARS).toBe(12);
    expect(checkNewPassword("short-pass1", "a@b.test")).toBe("tooShort");
    expect(checkNewPassword("x".repeat(300), "a@b.test")).toBe("tooLong");
    expect(PASSWORD_PROBLEM_TEXT.tooShort).toContain("12");
  });

  it("refuses passwords from the shipped list, with the reason, also dressed up with digits and symbols", () => {
    expect(commonPasswords().size).toBeGreaterThan(3000);
    for (const p of [
      "password1234",
      "Password1234!",
      "qwertyuiop123",
      "123456789012",
      "iloveyou2024",
      "Summer2024!!!!",
      "!!football1234",
      "correcthorsebatterystaple",
    ]) {
      expect(checkNewPassword(p, "a@b.test"), p).toBe("common");
    }
    expect(PASSWORD_PROBLEM_TEXT.common).toMatch(/commonly used passwords/);
    expect(isCommonPassword("pelican-tundra-sextant")).toBe(false);
  });

  it("refuses a password built on the email address", () => {
    expect(checkNewPassword("jordan.smith-is-great", "Jordan.Smith@org.test")).toBe("containsEmail");
  });

  it("accepts a long uncommon passphrase, the demo passwords and generated one-time passwords", () => {
    expect(checkNewPassword("pelican tundra sextant", "a@b.test")).toBeNull();
    for (const d of DEMO_STAFF) expect(checkNewPassword(d.password, d.email), d.email).toBeNull();
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const otp = generateOneTimePassword();
      expect(otp).toMatch(/^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}$/);
      expect(checkNewPassword(otp, "a@b.test")).toBeNull();
      seen.add(otp);
    }
    expect(seen.size).toBe(50);
  });
});
