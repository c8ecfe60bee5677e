import { Resend } from "resend";
import type { Config } from "~/utils/env.server";

/** One email ready to go, recipient decrypted just before sending. */
export type OutgoingEmail = { id: number; idempotencyKey: string; to: string; subject: string; text: string; html: string };

/**
 * What happened to one attempt. `retry`: worth trying again (429, 5xx, unreachable, timeout);
 * `retryAfterMs`: what the provider asked for (429 `retry-after`). `error` is a status code and an
 * error name, never the provider's message (which can quote the recipient).
 */
export type SendOutcome = { ok: true; providerId: string } | { ok: false; retry: boolean; retryAfterMs?: number; error: string };

export type EmailTransport = { name: "resend" | "outbox"; send(email: OutgoingEmail): Promise<SendOutcome> };

/** One Resend call may take this long before it counts as unreachable. */
export const RESEND_TIMEOUT_MS = 15_000;

/** Resend error names that mean "try again later" even when the body carries no status code. */
const TRANSIENT_NAMES = new Set(["rate_limit_exceeded", "internal_server_error", "application_error", "concurrent_idempotent_requests"]);

/** `retry-after`: seconds, or an HTTP date. */
export function parseRetryAfter(value: string | undefined | null, now: Date): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/**
 * Delivery through the resend package. It never throws: it resolves `{ data, error, headers }`;
 * an unreachable server gives `statusCode: null`. The idempotency key (the message's dedupe key)
 * makes a retry after a lost answer safe: Resend delivers it once.
 */
export function resendTransport(config: Config, now: () => Date): EmailTransport {
  const settings = config.resend;
  if (!settings) throw new Error("RESEND_API_KEY is not set");
  const client = new Resend(settings.apiKey, settings.baseUrl ? { baseUrl: settings.baseUrl.replace(/\/$/, "") } : undefined);
  return {
    name: "resend",
    async send(email) {
      const result = await client.emails.send({ from: config.emailFrom, to: email.to, subject: email.subject, text: email.text, html: email.html }, {
        idempotencyKey: email.idempotencyKey,
        signal: AbortSignal.timeout(RESEND_TIMEOUT_MS),
      } as never);
      if (!result.error && result.data) return { ok: true, providerId: result.data.id };
      const error = result.error ?? { statusCode: null, name: "application_error" as const, message: "" };
      const headers = result.headers ?? {};
      const status = typeof error.statusCode === "number" ? error.statusCode : null;
      const name = String(error.name ?? "unknown");
      const label = `${status ?? "unreachable"} ${name}`;
      if (status === 429 || name === "rate_limit_exceeded") {
        return { ok: false, retry: true, retryAfterMs: parseRetryAfter(headers["retry-after"], now()), error: label };
      }
      if (status === null || status >= 500 || status === 408 || status === 409 || TRANSIENT_NAMES.has(name)) {
        return { ok: false, retry: true, error: label };
      }
      // 4xx: a bad request, a bad key, a refused address. Retrying will not help; admins see it.
      return { ok: false, retry: false, error: label };
    },
  };
}

/** Without RESEND_API_KEY: "delivered" means kept for the admin outbox page. */
export const outboxTransport: EmailTransport = {
  name: "outbox",
  async send(email) {
    return { ok: true, providerId: `outbox-${email.id}` };
  },
};

export function transportFor(config: Config, now: () => Date): EmailTransport {
  return config.resend ? resendTransport(config, now) : outboxTransport;
}
