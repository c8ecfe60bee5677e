import type { Received } from "../services/email/resend-stand-in";

/** The token of the invitation link in an email as Resend received it. */
export function invitationTokenIn(received: Received): string {
  const text = String(received.body.text ?? "");
  const m = /\/staff\/invitation\?token=([A-Za-z0-9_-]{43})/.exec(text);
  if (!m) throw new Error(`no invitation link in: ${text}`);
  return m[1]!;
}

/** The emails Resend received for one address. */
export function sentTo(received: Received[], address: string): Received[] {
  return received.filter((r) => {
    const to = r.body.to;
    return Array.isArray(to) ? to.includes(address) : to === address;
  });
}
