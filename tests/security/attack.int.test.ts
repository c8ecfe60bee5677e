// The reduced attack (issue 12 item 4), as CI runs it: a bot posts wrong guesses to a real server
// on 127.0.0.1 — from one address, from many, and at one real letter with wrong dates of birth —
// while people check in with their right codes. Legitimate checks must all succeed, the limits
// must hold exactly, nothing may answer 5xx, the bot gets no session, and the portal-wide alert
// fires. The full-size run with its latency ratio is `npm run bench -- attack`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { auditEvents } from "../../db/schema/index";
import type { AppServer } from "../../app/server";
import { clientAddressHash } from "~/services/audit/record.server";
import { generateActivationCode } from "~/services/notices/activation-code.server";
import { getCheckFailureAlert } from "~/services/notices/alerts.server";
import { LOCK_AFTER_FAILURES } from "~/services/notices/lock.server";
import { BLOCK_AFTER_FAILURES } from "~/utils/rate-limit.server";
import { openTestEnv, type TestEnv } from "../support/db";
import { postForm, startTestServer } from "../support/server";
import { createMailedWorld, createNotice, reloadNotice } from "../factories";

let env: TestEnv;
let server: AppServer;
beforeAll(async () => {
  // Behind one proxy: the client address is the last X-Forwarded-For entry, so one test can be
  // many addresses.
  env = await openTestEnv({ config: { trustProxy: true, trustProxySetting: { hops: 1 } } });
  server = await startTestServer(env);
});
afterAll(async () => {
  await server?.close();
  await env?.close();
});

const dobFields = (dob: string) => {
  const [y, m, d] = dob.split("-");
  return { "dob-month": String(Number(m)), "dob-day": String(Number(d)), "dob-year": y! };
};
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

type Sent = { from: string; status: number; ms: number; location: string | null };
async function check(code: string, dob: string, from: string): Promise<Sent> {
  const t = performance.now();
  const res = await postForm(`${server.url}/check`, { code, ...dobFields(dob) }, { "X-Forwarded-For": from });
  await res.arrayBuffer();
  return { from, status: res.status, ms: performance.now() - t, location: res.headers.get("location") };
}

describe(`the reduced attack (${process.env.TEST_DB_KIND})`, () => {
  it("a bot flood from one address and from many: people still get in, the limits hold exactly, no 5xx, the alert fires", async () => {
    const started = performance.now();
    const { batch } = await createMailedWorld(env.ctx);
    const people = await Promise.all(
      Array.from({ length: 10 }, (_, i) => createNotice(env.ctx, batch, { dateOfBirth: `1960-01-${String(i + 1).padStart(2, "0")}` })),
    );
    const victim = await createNotice(env.ctx, batch, { dateOfBirth: "1955-05-05" });
    let personIp = 0;
    const legit = (i: number) => check(people[i]!.code, people[i]!.person.dateOfBirth, `203.0.113.${++personIp}`);

    // Without the attack first: the baseline, measured in the same run.
    const quiet: Sent[] = [];
    for (let i = 0; i < 4; i++) quiet.push(await legit(i));

    // The bot's plan: one address that keeps going, many addresses with a few guesses each, and one
    // real letter with wrong dates of birth from a new address each time.
    const ONE = "198.51.100.1";
    const plan: (() => Promise<Sent>)[] = [];
    for (let i = 0; i < BLOCK_AFTER_FAILURES + 10; i++) plan.push(() => check(generateActivationCode(), "1970-01-01", ONE));
    for (let a = 0; a < 25; a++) for (let i = 0; i < 3; i++) plan.push(() => check(generateActivationCode(), "1970-01-01", `100.64.${a}.${i + 1}`));
    for (let i = 0; i < LOCK_AFTER_FAILURES + 5; i++) plan.push(() => check(victim.code, `1955-05-${String(i + 6).padStart(2, "0")}`, `100.65.0.${i + 1}`));
    plan.sort(() => Math.random() - 0.5);

    const bot: Sent[] = [];
    let next = 0;
    const worker = async () => {
      while (next < plan.length) bot.push(await plan[next++]!());
    };
    const attacked: Sent[] = [];
    const people_ = (async () => {
      for (let i = 4; i < people.length; i++) {
        attacked.push(await legit(i));
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await Promise.all([...Array.from({ length: 10 }, worker), people_]);

    // People: every one got in, during the flood too.
    for (const r of [...quiet, ...attacked]) expect([r.status, r.location]).toEqual([303, "/exposure"]);
    // The bot: nothing but refusals, never a session, never a server error.
    expect(bot.every((r) => r.status === 400 || r.status === 429)).toBe(true);

    // One address: exactly BLOCK_AFTER_FAILURES lookups, the rest refused with a 429 before any lookup.
    const one = bot.filter((r) => r.from === ONE);
    expect(one.filter((r) => r.status === 400)).toHaveLength(BLOCK_AFTER_FAILURES - 1);
    expect(one.filter((r) => r.status === 429)).toHaveLength(11);
    const looked = await env.ctx.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "patient.check"), inArray(auditEvents.ipHash, [clientAddressHash(ONE)])));
    expect(looked).toHaveLength(BLOCK_AFTER_FAILURES);

    // The letter guessed at: locked exactly once, at the first level; its owner is refused like anyone.
    const v = await reloadNotice(env.ctx, victim.notice.id);
    expect([v.lockLevel, v.failedChecks]).toEqual([1, 0]);
    expect((await check(victim.code, "1955-05-05", "203.0.113.250")).status).toBe(400);

    const alert = await getCheckFailureAlert(env.ctx);
    expect(alert.raised).toBe(true);

    const figures = {
      bot_requests: bot.length,
      bot_rps: +(bot.length / ((performance.now() - started) / 1000)).toFixed(1),
      bot_429: bot.filter((r) => r.status === 429).length,
      legit_p50_quiet_ms: Math.round(
        quantile(
          quiet.map((r) => r.ms),
          0.5,
        ),
      ),
      legit_p50_attack_ms: Math.round(
        quantile(
          attacked.map((r) => r.ms),
          0.5,
        ),
      ),
      legit_max_attack_ms: Math.round(Math.max(...attacked.map((r) => r.ms))),
      seconds: +((performance.now() - started) / 1000).toFixed(1),
    };
    console.info(`attack (${process.env.TEST_DB_KIND}): ${JSON.stringify(figures)}`);
  });
});
