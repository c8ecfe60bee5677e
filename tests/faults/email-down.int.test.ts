// Fault under load (issue 12 item 5c): the email provider is down while people check in and
// enroll over HTTP, and stays down for ten minutes. No enrollment fails; the confirmations wait in
// the queue (the worker keeps trying with back-off); once the provider is back every one is sent,
// none twice. The unloaded cases (500, 429, unreachable, a worker dying mid-send) are in
// tests/services/email/delivery.int.test.ts; this uses the same stand-in for Resend's API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { emailMessages, enrollments } from "../../db/schema/index";
import type { AppServer } from "../../app/server";
import { EMAIL_RETRY_MAX_MS, startEmailWorker } from "~/services/email/worker.server";
import { openTestEnv, type TestEnv } from "../support/db";
import { postForm, startTestServer } from "../support/server";
import { createMailedWorld, createNotice } from "../factories";
import { loadCodes, vendorCodes } from "../services/enrollment/support";
import { ResendStandIn } from "../services/email/resend-stand-in";
import { checkLoad, dobFields } from "./support";

const standIn = new ResendStandIn();
let env: TestEnv;
let server: AppServer;
let stopWorker: (() => Promise<void>) | undefined;
beforeAll(async () => {
  await standIn.start();
  await standIn.stop(); // down from the start; the port is kept for its return
  env = await openTestEnv({ config: { resend: { apiKey: "re_test_key", baseUrl: standIn.url }, trustProxy: true, trustProxySetting: { hops: 1 } } });
  server = await startTestServer(env);
});
afterAll(async () => {
  await stopWorker?.();
  await server?.close();
  await standIn.stop();
  await env?.close();
});

async function waitFor(label: string, ok: () => Promise<boolean>, ms = 20_000) {
  const until = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe(`the email provider down while people enroll (${process.env.TEST_DB_KIND})`, () => {
  it("every enrollment succeeds; the emails wait, then go out once each when the provider is back", async () => {
    const N = 10;
    const { incident, batch } = await createMailedWorld(env.ctx);
    await loadCodes(env.ctx, incident.id, "adult", vendorCodes(N + 2));
    const people = await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const dob = `1969-10-${String(i + 1).padStart(2, "0")}`;
        const n = await createNotice(env.ctx, batch, { dateOfBirth: dob });
        return { id: n.notice.id, code: n.code, dob };
      }),
    );
    stopWorker = startEmailWorker(env.ctx, { intervalMs: 50 });
    // Background load: other people checking in all along.
    const load = checkLoad(server.url, people, { workers: 2 });

    let next = 0;
    const statuses: number[] = [];
    const enrollOne = async () => {
      while (next < people.length) {
        const p = people[next++]!;
        const checked = await postForm(`${server.url}/check`, { code: p.code, ...dobFields(p.dob) }, { "X-Forwarded-For": `10.6.0.${next}` });
        const cookie = checked.headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; ");
        const email = `person${p.id}@example.test`;
        const res = await postForm(`${server.url}/enroll`, { email, emailConfirm: email, consent: "yes" }, { cookie, "X-Forwarded-For": `10.6.0.${next}` });
        statuses.push(res.status);
      }
    };
    await Promise.all(Array.from({ length: 4 }, enrollOne));
    expect(statuses).toEqual(Array.from({ length: N }, () => 303));
    const ids = people.map((p) => p.id);
    expect(await env.ctx.db.select().from(enrollments).where(inArray(enrollments.noticeId, ids))).toHaveLength(N);

    // The worker tried and is backing off; nothing reached the provider.
    const messages = () => env.ctx.db.select().from(emailMessages).where(inArray(emailMessages.noticeId, ids));
    await waitFor("a first failed attempt at every email", async () => {
      const all = await messages();
      return all.length === N && all.every((m) => m.attempts >= 1 && m.status === "pending");
    });
    // Ten minutes down: the worker keeps trying.
    env.clock.advance(10 * 60_000);
    await waitFor("a retry during the outage", async () => (await messages()).every((m) => m.attempts >= 2 && m.status === "pending")).catch(async (e) => {
      console.error(
        JSON.stringify(
          (await messages()).map((m) => [m.status, m.attempts, m.nextAttemptAt, m.lastError]),
          null,
          0,
        ),
        env.ctx.now(),
      );
      throw e;
    });
    for (const m of await messages()) {
      expect(m.status).toBe("pending");
      expect(m.lastError).toMatch(/^unreachable /);
    }
    expect(standIn.received).toHaveLength(0);

    // Back: every email goes out at its next attempt.
    await standIn.start();
    env.clock.advance(EMAIL_RETRY_MAX_MS);
    await waitFor("every email sent", async () => (await messages()).every((m) => m.status === "sent"));
    await load.stop();
    const keys = standIn.received.map((r) => String(r.headers["idempotency-key"]));
    expect(new Set(keys).size).toBe(N);
    expect(keys).toHaveLength(N); // none sent twice
    expect(standIn.delivered.size).toBe(N);
    const [one] = await env.ctx.db.select().from(emailMessages).where(eq(emailMessages.noticeId, people[0]!.id));
    console.info(
      `email down (${process.env.TEST_DB_KIND}): ${JSON.stringify({ enrollments: N, attempts_until_sent: one!.attempts, background_checks: load.samples.length })}`,
    );
  });
});
