import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { notices, patientSessions } from "../../../db/schema/index";
import { getExposure } from "~/services/notices/exposure.server";
import { readPatientExposure } from "~/services/patient/exposure.server";
import { PATIENT_IDLE_MS, signOutPatient } from "~/services/patient/session.server";
import { sha256Hex } from "~/utils/crypto.server";
import { openTestEnv, type TestEnv } from "../../support/db";
import { createBatch, createEnrollment, createIncident, createMailedWorld, createNotice, createOrganization, startSessionFor } from "../../factories";

// readPatientExposure: the session rule and the exposure read in one statement. It must say what
// readPatientSession + getExposure said, field for field, and touch the session exactly once.

let env: TestEnv;
beforeAll(async () => {
  env = await openTestEnv();
});
afterAll(async () => {
  await env?.close();
});

const sessionRow = async (token: string) =>
  (
    await env.ctx.db
      .select()
      .from(patientSessions)
      .where(eq(patientSessions.tokenHash, sha256Hex(token)))
  )[0]!;

describe(`readPatientExposure (${process.env.TEST_DB_KIND})`, () => {
  it("gives getExposure's exposure, in the same order, for every kind of letter", async () => {
    const world = await createMailedWorld(env.ctx);
    const closed = await createIncident(env.ctx, { enrollBy: "2026-01-01", breachedEntity: "Closed Offer Inc." });
    const closedOrg = await createOrganization(env.ctx, closed, { name: "Lakeside Clinic" });
    const unmailed = await createBatch(env.ctx, world.org, { mailedOn: null, mailingDate: "2026-11-02" });
    const closedBatch = await createBatch(env.ctx, closedOrg);
    const made = [
      await createNotice(env.ctx, world.batch, { exposed: ["name", "ssn", "diagnosis"] }),
      await createNotice(env.ctx, world.batch, { language: "es", state: "TN", exposed: ["medicaid_medicare_id", "claims"] }),
      await createNotice(env.ctx, world.batch, { dateOfBirth: "2015-03-03", exposed: ["name", "date_of_birth"] }),
      await createNotice(env.ctx, world.batch, { deceased: true, exposed: ["provider"] }),
      await createNotice(env.ctx, unmailed, { exposed: ["health_insurance"] }),
      await createNotice(env.ctx, closedBatch, { exposed: ["address", "prescription"] }),
    ];
    await createEnrollment(env.ctx, made[0]!.notice, "enrolled");
    await createEnrollment(env.ctx, made[2]!.notice, "waiting");
    for (const { notice } of made) {
      const read = await readPatientExposure(env.ctx, await startSessionFor(env.ctx, notice));
      expect(read.kind).toBe("live");
      if (read.kind !== "live") continue;
      const expected = await getExposure(env.ctx, notice.id);
      expect(read.noticeId).toBe(notice.id);
      expect(JSON.stringify(read.exposure)).toBe(JSON.stringify(expected));
      expect(read.timeout).toEqual({ secondsLeft: PATIENT_IDLE_MS / 1000, canExtend: true });
    }
    const audiences = await Promise.all(made.map(async ({ notice }) => (await getExposure(env.ctx, notice.id))!));
    expect(audiences.map((e) => [e.audience, e.language, e.enrollment, e.offerOpen])).toEqual([
      ["adult", "en", "enrolled", true],
      ["adult", "es", null, true],
      ["minor", "en", "waiting", true],
      ["deceased", "en", null, true],
      ["adult", "en", null, true],
      ["adult", "en", null, false],
    ]);
  });

  it("touches the session once per read: last_seen_at moves, the 15-minute end moves with it", async () => {
    const { batch } = await createMailedWorld(env.ctx);
    const { notice } = await createNotice(env.ctx, batch);
    const token = await startSessionFor(env.ctx, notice);
    const start = (await sessionRow(token)).lastSeenAt.getTime();
    env.clock.advance(10 * 60 * 1000);
    expect((await readPatientExposure(env.ctx, token)).kind).toBe("live");
    expect((await sessionRow(token)).lastSeenAt.getTime()).toBe(start + 10 * 60 * 1000);
    env.clock.advance(10 * 60 * 1000); // 20 minutes after the check, 10 after the last read
    expect((await readPatientExposure(env.ctx, token)).kind).toBe("live");
    expect((await sessionRow(token)).lastSeenAt.getTime()).toBe(start + 20 * 60 * 1000);
  });

  it("writes nothing when the deadline moved less than a minute ago, and says the time left from the last move, to the minute", async () => {
    const { batch } = await createMailedWorld(env.ctx);
    const { notice } = await createNotice(env.ctx, batch);
    const token = await startSessionFor(env.ctx, notice);
    const start = (await sessionRow(token)).lastSeenAt.getTime();
    const xmin = async () =>
      (await env.ctx.database.query<{ xmin: string }>("select xmin::text as xmin from patient_sessions where token_hash = $1", [sha256Hex(token)]))[0]!.xmin;
    const version = await xmin();

    env.clock.advance(20 * 1000);
    const first = await readPatientExposure(env.ctx, token);
    expect(first.kind === "live" && first.timeout).toEqual({ secondsLeft: 15 * 60, canExtend: true }); // 14:40 left: the nearest minute
    env.clock.advance(39 * 1000);
    const soon = await readPatientExposure(env.ctx, token);
    expect(soon.kind === "live" && soon.timeout).toEqual({ secondsLeft: 14 * 60, canExtend: true }); // 14:01 left
    expect((await sessionRow(token)).lastSeenAt.getTime()).toBe(start);
    expect(await xmin()).toBe(version); // no new row version: neither read wrote anything

    env.clock.advance(1000); // a minute after the last move: this read moves it
    const later = await readPatientExposure(env.ctx, token);
    expect(later.kind === "live" && later.timeout).toEqual({ secondsLeft: 15 * 60, canExtend: true });
    expect((await sessionRow(token)).lastSeenAt.getTime()).toBe(start + 60 * 1000);

    // Reads inside the minute keep the 15 minutes counted from the last move, not from the read.
    env.clock.advance(30 * 1000);
    expect((await readPatientExposure(env.ctx, token)).kind).toBe("live");
    env.clock.advance(15 * 60 * 1000 - 30 * 1000); // exactly 15 minutes after the move: still open
    expect((await readPatientExposure(env.ctx, token)).kind).toBe("live");
    env.clock.advance(15 * 60 * 1000 + 1000);
    expect(await readPatientExposure(env.ctx, token)).toEqual({ kind: "ended", reason: "idle" });
  });

  it("ends an idle session (then knows it no more), and says so at the 60-minute limit", async () => {
    const { batch } = await createMailedWorld(env.ctx);
    const { notice } = await createNotice(env.ctx, batch);
    const idle = await startSessionFor(env.ctx, notice);
    env.clock.advance(PATIENT_IDLE_MS + 1000);
    expect(await readPatientExposure(env.ctx, idle)).toEqual({ kind: "ended", reason: "idle" });
    expect((await sessionRow(idle)).endedAt).not.toBeNull();
    expect(await readPatientExposure(env.ctx, idle)).toEqual({ kind: "none" });

    const busy = await startSessionFor(env.ctx, notice);
    for (let t = 10; t <= 50; t += 10) {
      env.clock.advance(10 * 60 * 1000);
      expect((await readPatientExposure(env.ctx, busy)).kind).toBe("live");
    }
    env.clock.advance(5 * 60 * 1000); // 55 minutes: five left, and they cannot be extended
    const near = await readPatientExposure(env.ctx, busy);
    expect(near.kind === "live" && near.timeout).toEqual({ secondsLeft: 300, canExtend: false });
    env.clock.advance(6 * 60 * 1000);
    expect(await readPatientExposure(env.ctx, busy)).toEqual({ kind: "ended", reason: "limit" });
  });

  it("knows no session for a signed-out, unknown or missing token", async () => {
    const { batch } = await createMailedWorld(env.ctx);
    const { notice } = await createNotice(env.ctx, batch);
    const token = await startSessionFor(env.ctx, notice);
    await signOutPatient(env.ctx, { ip: "203.0.113.9", requestId: "r1" }, token);
    expect(await readPatientExposure(env.ctx, token)).toEqual({ kind: "none" });
    expect(await readPatientExposure(env.ctx, "no-such-token")).toEqual({ kind: "none" });
    expect(await readPatientExposure(env.ctx, null)).toEqual({ kind: "none" });
  });

  it("a live session whose letter was withdrawn (reprinted, flagged, purged) shows nothing, as getExposure", async () => {
    const { batch } = await createMailedWorld(env.ctx);
    for (const set of [{ revokedAt: env.ctx.now() }, { fraudFlaggedAt: env.ctx.now() }, { purgedAt: env.ctx.now() }]) {
      const { notice } = await createNotice(env.ctx, batch);
      const token = await startSessionFor(env.ctx, notice);
      await env.ctx.db.update(notices).set(set).where(eq(notices.id, notice.id));
      expect(await readPatientExposure(env.ctx, token)).toEqual({ kind: "withdrawn", noticeId: notice.id });
      expect(await getExposure(env.ctx, notice.id)).toBeNull();
    }
  });
});
