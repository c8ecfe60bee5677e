import { generateSecret, generateSync, generateURI, NobleCryptoPlugin, ScureBase32Plugin, verifySync } from "otplib";

/**
 * TOTP (RFC 6238) through otplib: SHA-1, 6 digits, 30-second steps — what every authenticator app
 * reads from an otpauth:// URI. We accept one step either side (clock drift) and never a step at
 * or before the last one accepted for that account (`afterTimeStep`), so a code cannot be replayed.
 */
export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
/** ±1 step. */
export const TOTP_TOLERANCE_S = TOTP_PERIOD_S;
export const TOTP_ISSUER = "Exposure Check";

const plugins = { crypto: new NobleCryptoPlugin(), base32: new ScureBase32Plugin() };

/** A new Base32 secret (20 random bytes, 160 bits, RFC 4226's recommendation). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20, ...plugins });
}

export function totpUri(email: string, secret: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: email, secret, period: TOTP_PERIOD_S, digits: TOTP_DIGITS });
}

/** The time step a moment falls in. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_S);
}

/** The code for a moment (demo CLI and tests). */
export function totpCode(secret: string, now: Date): string {
  return generateSync({ secret, epoch: Math.floor(now.getTime() / 1000), period: TOTP_PERIOD_S, digits: TOTP_DIGITS, ...plugins });
}

/**
 * Check a code typed at `now`. Returns the time step it belongs to (store it as the account's last
 * step), or null: wrong, outside ±1 step, or for a step already used.
 */
export function checkTotp(secret: string, code: string, now: Date, lastStep: number | null): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  try {
    const result = verifySync({
      secret,
      token,
      epoch: Math.floor(now.getTime() / 1000),
      period: TOTP_PERIOD_S,
      digits: TOTP_DIGITS,
      epochTolerance: TOTP_TOLERANCE_S,
      ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
      ...plugins,
    });
    // TOTP results carry the step they matched (HOTP ones do not; we only ask for TOTP).
    return result.valid && "timeStep" in result ? result.timeStep : null;
  } catch {
    return null;
  }
}
