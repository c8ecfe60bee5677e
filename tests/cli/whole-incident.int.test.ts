import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { auditEvents, emailMessages, enrollments, incidents, monitoringCodes, notices, patientSessions } from "../../db/schema/index";
import type { AppServer } from "../../app/server";
import { enrollInMonitoring } from "~/services/enrollment/enroll.server";
import { rowsOf } from "~/services/batches/sql.server";
import { reportByOrganization } from "~/services/reports/reports.server";
import { openTestEnv, type TestEnv } from "../support/db";
import { runCli, tempFile } from "../support/cli";
import { postForm, startTestServer, visibleText } from "../support/server";

/**
 * A whole incident as an operator runs it, on an empty database: describe it, add an
 * organization, import a batch, mark it mailed, load codes; a person checks and enrolls; then the
 * retention date comes and the purge erases every personal field while counts, reports and the
 * audit chain hold — and the code answers "this response has ended".
 */
let env: TestEnv;
let server: AppServer;
beforeAll(async () => {
  env = await openTestEnv({ start: "2026-12-20T15:00:00Z" });
  server = await startTestServer(env);
});
afterAll(async () => {
  await server?.close();
  await env?.close().catch(() => {});
});

const PEOPLE = [
  ["LV-1", "Ana", "Ruiz", "MI", "48201", "1980-03-04", "ana@example.com", "313-555-0101", "es"],
  ["LV-2", "Bo", "Chen", "MI", "48202", "1975-06-07", "", "", "en"],
  ["LV-3", "Cy", "Diaz", "TX", "75001", "1990-09-10", "cy@example.com", "", "en"],
  ["LV-4", "Di", "Evans", "NY", "12201", "1950-12-13", "", "212-555-0104", "en"],
  ["LV-5", "Ed", "Fox", "TX", "75002", "1965-01-02", "", "", "en"],
];
const csv = [
  "external_id,first_name,last_name,address_line1,city,state,zip,date_of_birth,email,phone,language,exposed",
  ...PEOPLE.map(
    ([id, f, l, st, zip, dob, email, phone, lang]) => `${id},${f},${l},1 Main St,Town,${st},${zip},${dob},${email},${phone},${lang},name;ssn;diagnosis`,
  ),
].join("\r\n");

const dobFields = (dob: string) => {
  const [y, m, d] = dob.split("-");
  return { "dob-month": String(Number(m)), "dob-day": String(Number(d)), "dob-year": y! };
};

describe(`a whole incident, from an empty database to the purge (${process.env.TEST_DB_KIND})`, () => {
  it("runs, ends, and keeps its counts", async () => {
    // An empty database: the public site says it is not open yet (not a 500).
    const closed = await fetch(server.url + "/");
    expect(closed.status).toBe(200);
    const closedHtml = await closed.text();
    expect(closedHtml).toContain('data-testid="not-open"');
    expect(closedHtml).not.toContain('action="/check"');

    expect((await runCli(env.ctx, ["incident", "create", "--file", "docs/examples/incident.json"])).code).toBe(0);
    expect((await runCli(env.ctx, ["org", "create", "--slug", "north-clinic", "--name", "North Clinic"])).code).toBe(0);
    const file = tempFile("batch.csv", csv);
    const mailing = file.replace(/batch\.csv$/, "mailing.csv");
    const imported = await runCli(env.ctx, [
      "batch",
      "import",
      "--org",
      "north-clinic",
      "--file",
      file,
      "--mailing-out",
      mailing,
      "--mailing-date",
      "2026-12-15",
    ]);
    expect(imported.code, imported.err).toBe(0);
    const batchId = /batch: ([0-9a-f-]{36})/.exec(imported.out)![1]!;
    const lines = readFileSync(mailing, "utf8").trim().split("\r\n");
    const header = lines[0]!.split(",");
    const codeOf = new Map(
      lines.slice(1).map((l) => {
        const cells = l.split(",");
        return [cells[header.indexOf("external_id")]!, cells[header.indexOf("activation_code")]!] as const;
      }),
    );
    expect(codeOf.size).toBe(5);
    expect((await runCli(env.ctx, ["batch", "mark-mailed", "--batch", batchId, "--date", "2026-12-15"])).code).toBe(0);
    const codes = tempFile("codes.txt", ["EX-0001", "EX-0002", "EX-0003"].join("\n"));
    expect((await runCli(env.ctx, ["pool", "import", "--product", "adult", "--file", codes])).code).toBe(0);

    // The home page is open now; Ana checks her letter and enrolls.
    expect(await (await fetch(server.url + "/")).text()).toContain('action="/check"');
    const ana = PEOPLE[0]!;
    const checked = await postForm(server.url + "/check", { code: codeOf.get(ana[0]!)!, ...dobFields(ana[5]!) });
    expect(checked.status).toBe(303);
    const [{ id: noticeId }] = (await env.ctx.db
      .select({ id: notices.id })
      .from(notices)
      .where(sql`first_checked_at is not null`)) as [{ id: number }];
    const enrolled = await enrollInMonitoring(
      env.ctx,
      { ip: "203.0.113.9", requestId: "r1" },
      { noticeId, email: "ana@example.com", termsAccepted: true, language: "es" },
    );
    expect(enrolled.kind).toBe("enrolled");
    // Bo checks too (a second session that the purge must remove).
    expect((await postForm(server.url + "/check", { code: codeOf.get("LV-2")!, ...dobFields("1975-06-07") })).status).toBe(303);

    const reportBefore = await runCli(env.ctx, ["report", "states", "--csv"]);
    expect(reportBefore.out).toMatch(/^total,5,/m);
    const [incident] = await env.ctx.db.select().from(incidents);
    const orgsBefore = await reportByOrganization(env.ctx, incident!.id);

    // Before the retention date the purge has nothing to do.
    expect((await runCli(env.ctx, ["purge"])).out).toContain("nothing to purge");

    env.clock.set("2029-12-15T09:00:00Z"); // retainUntil of the example
    const dry = await runCli(env.ctx, ["purge"]);
    expect(dry.out).toContain(
      "lakeview-2026 (retain until 2029-12-15): would erase notices 5, enrollments 1, emails 1, monitoring codes 3, patient sessions 2, call notes 0, reprints 0",
    );
    expect(dry.out).toContain("Dry run: nothing was erased.");
    expect(await env.ctx.db.$count(notices, sql`name_enc is not null`)).toBe(5);

    // An interrupted earlier run erased two notices only; --apply finishes the job.
    await env.ctx.db.execute(
      sql`update notices set name_enc = null, dob_enc = null, purged_at = now() where id in (select id from notices order by id limit 2)`,
    );
    const applied = await runCli(env.ctx, ["purge", "--apply"]);
    expect(applied.code).toBe(0);
    expect(applied.out).toContain(
      "lakeview-2026 (retain until 2029-12-15): erased notices 5, enrollments 1, emails 1, monitoring codes 3, patient sessions 2, call notes 0, reprints 0",
    );
    expect(applied.out).not.toMatch(/Ruiz|ana@example|1980/);

    // Every personal column is empty.
    const [left] = await rowsOf<Record<string, unknown>>(
      env.ctx.db,
      sql`select
        (select count(*) from notices where name_enc is not null or address_enc is not null or dob_enc is not null or email_enc is not null
          or phone_enc is not null or external_id_enc is not null or code_enc is not null or search_hash is not null or purged_at is null) as n,
        (select count(*) from enrollments where email_enc is not null or guardian_name_enc is not null) as e,
        (select count(*) from email_messages where to_enc <> '' and notice_id is not null) as m,
        (select count(*) from monitoring_codes where code_enc <> '') as c,
        (select count(*) from patient_sessions) as s`,
    );
    expect(Object.values(left!).map(Number)).toEqual([0, 0, 0, 0, 0]);
    expect(await env.ctx.db.$count(notices)).toBe(5); // the rows (and their counts) stay
    expect(await env.ctx.db.$count(enrollments, eq(enrollments.status, "enrolled"))).toBe(1);
    expect(await env.ctx.db.$count(monitoringCodes, sql`claimed_at is not null`)).toBe(1);
    expect(await env.ctx.db.$count(patientSessions)).toBe(0);
    const [mail] = await env.ctx.db.select().from(emailMessages);
    expect(mail!.toEnc).toBe("");

    // Reports unchanged; one audit row with the numbers; the chain verifies.
    expect((await runCli(env.ctx, ["report", "states", "--csv"])).out).toBe(reportBefore.out);
    expect(await reportByOrganization(env.ctx, incident!.id)).toEqual(orgsBefore);
    const purgeRows = await env.ctx.db.select().from(auditEvents).where(eq(auditEvents.action, "incident.purge"));
    expect(purgeRows).toHaveLength(1);
    expect(purgeRows[0]!.details).toMatchObject({
      slug: "lakeview-2026",
      notices: 5,
      enrollments: 1,
      emails: 1,
      monitoringCodes: 3,
      patientSessions: 2,
      noticesPurgedInAll: 5,
    });
    const verified = await runCli(env.ctx, ["audit", "verify"]);
    expect(verified.code, verified.err).toBe(0);

    // Running it again is harmless: nothing to do, no second audit row.
    expect((await runCli(env.ctx, ["purge", "--apply"])).out).toContain("nothing to purge");
    expect(await env.ctx.db.$count(auditEvents, eq(auditEvents.action, "incident.purge"))).toBe(1);

    // The code answers "this response has ended", whatever date of birth; the home page says so too.
    const ended = await postForm(server.url + "/check", { code: codeOf.get(ana[0]!)!, ...dobFields("2000-01-01") });
    expect(ended.status).toBe(410);
    expect(visibleText(await ended.text())).toContain("This response has ended");
    const home = await (await fetch(server.url + "/")).text();
    expect(home).toContain('data-testid="response-ended"');
    expect(home).not.toContain('action="/check"');
  });
});
