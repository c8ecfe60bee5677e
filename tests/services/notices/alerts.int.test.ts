import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERT_MIN_FAILURES, getCheckFailureAlert } from "~/services/notices/alerts.server";
import { redeemActivationCode } from "~/services/notices/check.server";
import { openTestEnv, type TestEnv } from "../../support/db";
import { createMailedWorld, createNotice } from "../../factories";

let env: TestEnv;
beforeAll(async () => {
  env = await openTestEnv();
});
afterAll(async () => {
  await env?.close();
});

describe(`the portal-wide guessing alarm (${process.env.TEST_DB_KIND})`, () => {
  it("stays quiet at a normal failure rate, and is raised by a burst far above it", async () => {
    const { batch } = await createMailedWorld(env.ctx);
    const n = await createNotice(env.ctx, batch, { dateOfBirth: "1970-01-01" });
    // A normal day: a few typos an hour, from many addresses.
    for (let h = 0; h < 24; h++) {
      await redeemActivationCode(env.ctx, { ip: `192.0.2.${h}`, requestId: "r" }, { code: n.code, dateOfBirth: "1970-01-02" });
      env.clock.advance(60 * 60 * 1000);
    }
    expect((await getCheckFailureAlert(env.ctx)).raised).toBe(false);

    // A burst: guesses of unknown codes from many addresses within a few minutes.
    const other = await createNotice(env.ctx, batch);
    for (let i = 0; i < ALERT_MIN_FAILURES + 5; i++) {
      await redeemActivationCode(env.ctx, { ip: `198.18.${i >> 8}.${i & 255}`, requestId: "r" }, { code: other.code, dateOfBirth: "1999-09-09" });
    }
    const alert = await getCheckFailureAlert(env.ctx);
    expect(alert.raised).toBe(true);
    expect(alert.recentFailures).toBeGreaterThanOrEqual(ALERT_MIN_FAILURES);

    // Ten minutes later the burst is over.
    env.clock.advance(10 * 60 * 1000);
    expect((await getCheckFailureAlert(env.ctx)).raised).toBe(false);
  });
});
