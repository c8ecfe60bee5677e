import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { count, desc, eq } from "drizzle-orm";
import { auditEvents, incidents, notices, organizations } from "../../db/schema/index";
import { batchTemplateCsv } from "../../app/services/batches/template";
import { openTestEnv, type TestEnv } from "../support/db";
import { runCli, tempFile } from "../support/cli";

/** The example shipped for operators (README "From zero to letters in the mail"). */
export const EXAMPLE_FILE = "docs/examples/incident.json";
export const example = () => JSON.parse(readFileSync(EXAMPLE_FILE, "utf8")) as Record<string, unknown>;

let env: TestEnv;
beforeAll(async () => {
  env = await openTestEnv({ start: "2026-12-01T12:00:00Z", config: { incidentSlug: undefined } });
});
afterAll(async () => {
  await env?.close();
});

const incidentCount = async () => Number((await env.ctx.db.select({ n: count() }).from(incidents))[0]!.n);

describe("incident create / update / show", () => {
  it("an operator describes the incident from the example file, reads it back, and changes part of it", async () => {
    const shown0 = await runCli(env.ctx, ["incident", "show"]);
    expect(shown0.code).toBe(1);
    expect(shown0.err).toMatch(/no incident yet/);
    expect((await runCli(env.ctx, ["org", "create", "--slug", "a", "--name", "A"])).err).toMatch(/no incident yet/);

    const created = await runCli(env.ctx, ["incident", "create", "--file", EXAMPLE_FILE]);
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^incident lakeview-2026 created \(/);
    expect(created.err).toBe(""); // the offer is open on 2026-12-01: no warning

    const again = await runCli(env.ctx, ["incident", "create", "--file", EXAMPLE_FILE]);
    expect(again.code).toBe(1);
    expect(again.err).toContain("slug: an incident with the slug lakeview-2026 exists already");

    const shown = await runCli(env.ctx, ["incident", "show"]);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.out)).toEqual(example());

    const patch = tempFile(
      "patch.json",
      JSON.stringify({ enrollBy: "2027-04-30", phoneHours: { en: "Every day, 8 a.m. to 8 p.m.", es: "Todos los días, de 8 a. m. a 8 p. m." } }),
    );
    const updated = await runCli(env.ctx, ["incident", "update", "--slug", "lakeview-2026", "--file", patch]);
    expect(updated.code).toBe(0);
    expect(updated.out).toBe("incident lakeview-2026 updated: enrollBy, phoneHours");
    const after = JSON.parse((await runCli(env.ctx, ["incident", "show", "--slug", "lakeview-2026"])).out);
    expect(after).toEqual({
      ...example(),
      enrollBy: "2027-04-30",
      phoneHours: { en: "Every day, 8 a.m. to 8 p.m.", es: "Todos los días, de 8 a. m. a 8 p. m." },
    });

    // A partial file is checked against what is stored: enroll-by cannot move before the notice date.
    const early = tempFile("early.json", JSON.stringify({ enrollBy: "2026-12-01" }));
    const refused = await runCli(env.ctx, ["incident", "update", "--slug", "lakeview-2026", "--file", early]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("enrollBy: must not be before noticeDate (2026-12-15)");
    expect(JSON.parse((await runCli(env.ctx, ["incident", "show"])).out).enrollBy).toBe("2027-04-30");
    const rename = tempFile("rename.json", JSON.stringify({ slug: "other" }));
    expect((await runCli(env.ctx, ["incident", "update", "--slug", "lakeview-2026", "--file", rename])).err).toContain("slug: cannot be changed");
    expect((await runCli(env.ctx, ["incident", "update", "--slug", "nope", "--file", patch])).code).toBe(1);

    // Every step is audited, with field names but no texts.
    const rows = await env.ctx.db.select().from(auditEvents).where(eq(auditEvents.subjectType, "incident")).orderBy(desc(auditEvents.id));
    expect(rows.map((r) => r.action)).toEqual(["incident.view", "incident.view", "incident.update", "incident.view", "incident.create"]);
    expect(rows[2]!.details).toEqual({ slug: "lakeview-2026", fields: "enrollBy,phoneHours" });
    expect(rows[2]!.actorType).toBe("cli");

    // With one incident, org create needs no --incident.
    expect((await runCli(env.ctx, ["org", "create", "--slug", "north-clinic", "--name", "North Clinic"])).code).toBe(0);
  });

  it("warns, but creates, when the offer already closed (an incident recorded after the fact)", async () => {
    const past = {
      ...example(),
      slug: "old-2023",
      intrusionStart: "2023-07-14",
      intrusionEnd: "2023-07-23",
      discoveredOn: "2023-07-24",
      reviewEndedOn: "2023-10-24",
      noticeDate: "2023-12-22",
      enrollBy: "2024-03-22",
      retainUntil: "2030-12-22",
    };
    const r = await runCli(env.ctx, ["incident", "create", "--file", tempFile("old.json", JSON.stringify(past))]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^warning: enrollBy: the offer already closed on 2024-03-22/);

    // Two incidents now: org create and show ask which one.
    const org = await runCli(env.ctx, ["org", "create", "--slug", "b", "--name", "B"]);
    expect(org.code).toBe(2);
    expect(org.err).toContain("there are several incidents (lakeview-2026, old-2023): name one with --incident <slug>");
    expect((await runCli(env.ctx, ["incident", "show"])).code).toBe(2);
    expect((await runCli(env.ctx, ["org", "create", "--slug", "b", "--name", "B", "--incident", "old-2023"])).out).toMatch(/created in old-2023/);
    expect((await runCli(env.ctx, ["org", "create", "--slug", "b", "--name", "B", "--incident", "nope"])).code).toBe(1);
  });

  it("answers each invalid field with `field: reason`, and writes nothing", async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ["missing name", { name: undefined }, "name: required"],
      ["bad slug", { slug: "Bad Slug" }, "slug: lower-case letters, digits and hyphens (at most 63)"],
      ["empty entity", { breachedEntity: "  " }, "breachedEntity: required"],
      ["not a date", { intrusionStart: "14/07/2026" }, "intrusionStart: must be a date YYYY-MM-DD"],
      ["impossible date", { discoveredOn: "2026-02-30" }, "discoveredOn: must be a date YYYY-MM-DD"],
      ["intrusion ends before it starts", { intrusionEnd: "2026-09-01" }, "intrusionEnd: must not be before intrusionStart (2026-09-02)"],
      ["discovered before the intrusion", { discoveredOn: "2026-09-01" }, "discoveredOn: must not be before intrusionStart (2026-09-02)"],
      ["review ends before discovery", { reviewEndedOn: "2026-09-05" }, "reviewEndedOn: must not be before discoveredOn (2026-09-10)"],
      ["letters before the review ended", { noticeDate: "2026-11-01" }, "noticeDate: must not be before reviewEndedOn (2026-11-20)"],
      ["offer ends before the letters", { enrollBy: "2026-12-01" }, "enrollBy: must not be before noticeDate (2026-12-15)"],
      ["retention before the offer ends", { retainUntil: "2027-01-01" }, "retainUntil: must not be before enrollBy (2027-03-15)"],
      ["Spanish missing", { whatHappened: { en: "Text" } }, "whatHappened.es: required"],
      ["Spanish empty", { whatWeAreDoing: { en: "Text", es: "" } }, "whatWeAreDoing.es: required"],
      ["hours as a plain string", { phoneHours: "9 to 5" }, 'phoneHours: must be {"en": "...", "es": "..."}'],
      ["a third language", { phoneHours: { en: "a", es: "b", fr: "c" } }, "phoneHours.fr: unknown field"],
      ["lists of different lengths", { notInvolved: { en: ["Cards", "Banks"], es: ["Tarjetas"] } }, "notInvolved.es: must list as many items as en (2)"],
      ["empty list item", { notInvolved: { en: [""], es: ["x"] } }, "notInvolved.en.0: required"],
      ["not toll-free", { tollFreePhone: "1-313-555-0100" }, "tollFreePhone: must be a toll-free number (800, 833, 844, 855, 866, 877, 888)"],
      ["phone with letters", { tollFreePhone: "1-800-FLOWERS" }, "tollFreePhone: must be a 10-digit phone number, e.g. 1-855-555-0100"],
      ["short partner phone", { partnerPhone: "555-0100" }, "partnerPhone: must be a 10-digit phone number, e.g. 1-855-555-0100"],
      ["http partner site", { partnerUrl: "http://monitoring.example.org" }, "partnerUrl: must be an https:// address"],
      ["not a URL", { partnerUrl: "monitoring" }, "partnerUrl: must be an https:// address"],
      ["zero months", { offerMonths: 0 }, "offerMonths: at least 1 month"],
      ["months as text", { offerMonths: "12" }, "offerMonths: must be a whole number of months"],
      ["fractional months", { offerMonths: 12.5 }, "offerMonths: must be a whole number of months"],
      ["too many months", { offerMonths: 120 }, "offerMonths: at most 60 months"],
      ["a typo in a key", { tollFreeNumber: "1-888-555-0100" }, "tollFreeNumber: unknown field"],
    ];
    const before = await incidentCount();
    for (const [what, change, line] of cases) {
      const def = { ...example(), slug: "bad-incident", ...change };
      const r = await runCli(env.ctx, ["incident", "create", "--file", tempFile("bad.json", JSON.stringify(def))]);
      expect(r.code, what).toBe(1);
      expect(r.err.split("\n"), what).toContain(line);
      expect(r.err, what).toContain("Nothing was written.");
    }
    // Several problems at once: each on its own line.
    const many = await runCli(env.ctx, [
      "incident",
      "create",
      "--file",
      tempFile("many.json", JSON.stringify({ ...example(), slug: "x-1", name: "", offerMonths: -1, partnerUrl: "ftp://x" })),
    ]);
    expect(many.err.split("\n").slice(0, 3).sort()).toEqual(["name: required", "offerMonths: at least 1 month", "partnerUrl: must be an https:// address"]);
    expect(await incidentCount()).toBe(before);

    // Bad usage: no file, unreadable file, not JSON, not an object.
    expect((await runCli(env.ctx, ["incident", "create"])).code).toBe(2);
    expect((await runCli(env.ctx, ["incident", "create", "--file", "/nonexistent.json"])).code).toBe(2);
    expect((await runCli(env.ctx, ["incident", "create", "--file", tempFile("x.json", "{nope")])).code).toBe(2);
    expect((await runCli(env.ctx, ["incident", "create", "--file", tempFile("x.json", "[1]")])).err).toContain("file: must be one JSON object");
  });
});

describe("several incidents on one database", () => {
  it("`batch import --incident` imports into the organization of the incident named, never the other one's; an unknown slug is bad usage", async () => {
    for (const slug of ["north-2026", "south-2026"]) {
      const file = tempFile(`${slug}.json`, JSON.stringify({ ...example(), slug, name: `Incident ${slug}` }));
      expect((await runCli(env.ctx, ["incident", "create", "--file", file])).code).toBe(0);
      // The same organization slug in both incidents: only --incident tells them apart.
      expect((await runCli(env.ctx, ["org", "create", "--incident", slug, "--slug", "clinic", "--name", `Clinic of ${slug}`])).code).toBe(0);
    }
    const csv = tempFile("batch.csv", batchTemplateCsv());
    const imported = await runCli(env.ctx, ["batch", "import", "--incident", "north-2026", "--org", "clinic", "--file", csv]);
    expect(imported.code, imported.err).toBe(0);

    const rows = await env.ctx.db
      .select({ slug: incidents.slug, org: organizations.name, n: count() })
      .from(notices)
      .innerJoin(incidents, eq(incidents.id, notices.incidentId))
      .innerJoin(organizations, eq(organizations.id, notices.organizationId))
      .groupBy(incidents.slug, organizations.name);
    expect(rows).toEqual([{ slug: "north-2026", org: "Clinic of north-2026", n: 1 }]);

    const unknown = await runCli(env.ctx, ["batch", "import", "--incident", "west-2026", "--org", "clinic", "--file", csv]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("there is no incident with the slug west-2026");
    const noOrg = await runCli(env.ctx, ["batch", "import", "--incident", "south-2026", "--org", "nowhere", "--file", csv]);
    expect(noOrg.code).toBe(2);
    expect(noOrg.err).toContain("no organization nowhere in the incident south-2026");
  });
});
