import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { auditEvents, batches, notices, type Organization } from "../../../db/schema/index";
import { beginImport, importBatch, loadsDirectly, runImport, sweepStaleImports, type ImportOptions } from "~/services/batches/import.server";
import { exportMailingFile, markBatchMailed, reprintNotice, BatchStateError } from "~/services/batches/mailing.server";
import { listStages } from "~/services/batches/import/stage.server";
import { beginDirectLoad, execOn, skipTriggers } from "~/services/batches/import/bulk-load.server";
import { redeemActivationCode } from "~/services/notices/check.server";
import { hashActivationCode } from "~/services/notices/activation-code.server";
import { searchHashFor, externalIdHashFor, type SealedAddress, type SealedName } from "~/services/notices/seal.server";
import { reportByOrganization, reportByState } from "~/services/reports/reports.server";
import { openTestEnv, type TestEnv } from "../../support/db";
import { createIncident, createOrganization } from "../../factories";
import { writeSyntheticBatch } from "../../bench/synthetic";

let env: TestEnv;
let dir: string;
beforeAll(async () => {
  // The pool gives up on a lock after 300 ms (the server's DB_LOCK_TIMEOUT_MS, made short): imports
  // must never depend on it (they set their own; see the test "waits for the locks it needs").
  env = await openTestEnv({ start: "2026-11-20T15:00:00Z", lockTimeoutMs: 300 });
  dir = mkdtempSync(path.join(os.tmpdir(), "ec-batches-"));
});
afterAll(async () => {
  await env?.close();
});

const ADMIN = { actorType: "cli" as const, actorId: "test-admin", actorRole: "admin" };
const HEADER =
  "external_id,first_name,middle_name,last_name,suffix,address_line1,address_line2,city,state,zip,date_of_birth,email,phone,language,deceased,exposed";
let fileSeq = 0;

function csvFile(lines: string[], options: { bom?: boolean; eol?: string; header?: string } = {}): string {
  const file = path.join(dir, `batch-${++fileSeq}.csv`);
  const text = [options.header ?? HEADER, ...lines].join(options.eol ?? "\n") + (options.eol ?? "\n");
  writeFileSync(file, (options.bom ? "\uFEFF" : "") + text);
  return file;
}

let personSeq = 0;
/** One valid row; override columns by name. */
function row(overrides: Record<string, string> = {}): string {
  const n = ++personSeq;
  const values: Record<string, string> = {
    external_id: `X${n}`,
    first_name: "Ana",
    middle_name: "",
    last_name: "Rivera",
    suffix: "",
    address_line1: `${n} Main St`,
    address_line2: "",
    city: "Detroit",
    state: "MI",
    zip: "48201",
    date_of_birth: "1970-05-17",
    email: "",
    phone: "",
    language: "en",
    deceased: "N",
    exposed: "name;ssn",
    ...overrides,
  };
  return HEADER.split(",")
    .map((c) => values[c]!)
    .join(",");
}

async function world() {
  const incident = await createIncident(env.ctx);
  const org = await createOrganization(env.ctx, incident);
  return { incident, org };
}

function imp(org: Organization, filePath: string, extra: Partial<ImportOptions> = {}) {
  return importBatch(env.ctx, ADMIN, null, {
    organizationId: org.id,
    filePath,
    fileName: path.basename(filePath),
    source: "cli",
    mailingDate: "2026-11-13",
    ...extra,
  });
}

async function countNotices(batchId: string): Promise<number> {
  const [r] = await env.ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from notices where batch_id = ${batchId}`);
  return r!.n;
}

describe(`batch import (${process.env.TEST_DB_KIND})`, () => {
  const cases: [string, Record<string, string>, string, string][] = [
    ["a missing required value", { last_name: "" }, "last_name", "missing"],
    ["an unknown category key", { exposed: "name;ssnn" }, "exposed", "unknown_category"],
    ["no category at all", { exposed: " ; " }, "exposed", "no_category"],
    ["a date that does not parse", { date_of_birth: "17 May 1970" }, "date_of_birth", "bad_date"],
    ["February 30", { date_of_birth: "2001-02-30" }, "date_of_birth", "impossible_date"],
    ["a date of birth in the future", { date_of_birth: "12/31/2030" }, "date_of_birth", "future_date"],
    ["a date of birth before 1900", { date_of_birth: "1899-12-31" }, "date_of_birth", "date_before_1900"],
    ["a state that is not a USPS code", { state: "XX" }, "state", "bad_state"],
    ["a ZIP with 4 digits", { zip: "4820" }, "zip", "bad_zip"],
    ["a language other than en/es", { language: "fr" }, "language", "bad_language"],
    ["a deceased flag that is not Y/N", { deceased: "maybe" }, "deceased", "bad_deceased"],
    ["an email without a domain", { email: "ana@" }, "email", "bad_email"],
    ["a phone with 7 digits", { phone: "555-0100" }, "phone", "bad_phone"],
  ];
  for (const [story, overrides, column, reason] of cases) {
    it(`reports ${story} as line, column, reason — and imports nothing`, async () => {
      const { org } = await world();
      const file = csvFile([row(), row(overrides), row()]);
      const r = await imp(org, file);
      expect(r.outcome).toBe("rejected");
      expect(r.report!.rows).toEqual([expect.objectContaining({ line: 3, column, reason })]);
      expect(r.report!.counts).toEqual({ [reason]: 1 });
      expect(await countNotices(r.batchId!)).toBe(0);
      const [b] = await env.ctx.db.select().from(batches).where(eq(batches.id, r.batchId!));
      expect(b!.status).toBe("rejected");
    });
  }

  it("reports bad encodings, a wrong field count, a header without required columns, and a file that is not CSV", async () => {
    const { org } = await world();
    const latin1 = path.join(dir, "latin1.csv");
    writeFileSync(latin1, Buffer.concat([Buffer.from(`${HEADER}\n${row()}\n`), Buffer.from(row({ last_name: "Mu\xfcller" }), "latin1"), Buffer.from("\n")]));
    let r = await imp(org, latin1, { dryRun: true });
    expect(r.report!.rows).toEqual([expect.objectContaining({ line: 3, column: "last_name", reason: "bad_encoding" })]);

    r = await imp(org, csvFile([row(), `${row()},extra`]), { dryRun: true });
    expect(r.report!.rows).toEqual([expect.objectContaining({ line: 3, reason: "column_count" })]);

    r = await imp(org, csvFile(["X1,Ana,Rivera"], { header: "external_id,first_name,last_name" }));
    expect(r.outcome).toBe("rejected");
    expect(r.report!.fileProblems.map((p) => p.column).sort()).toEqual(["address_line1", "city", "date_of_birth", "exposed", "state", "zip"]);

    const png = path.join(dir, "picture.csv");
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    r = await imp(org, png);
    expect(r.outcome).toBe("rejected");
    expect(r.report!.fileProblems).toEqual([expect.objectContaining({ reason: "not_csv" })]);
  });

  it("reads a BOM, CRLF line ends, a quoted comma and accented names, and seals them faithfully", async () => {
    const { org } = await world();
    const file = csvFile(
      [
        row({
          external_id: "BOM-1",
          first_name: "José",
          last_name: "Hernández",
          address_line1: '"12 Main St, Apt 4"',
          zip: "02134-0001",
          date_of_birth: "05/17/1970",
          email: "jose@example.com",
          phone: "(313) 555-0100",
          language: "ES",
          exposed: "ssn;name;ssn",
        }),
        row({ external_id: "BOM-2", first_name: "Zoë", last_name: "O'Brien", state: "pr", zip: "00901", date_of_birth: "2015-01-02", deceased: "true" }),
      ],
      { bom: true, eol: "\r\n", header: HEADER.replace("external_id", " External_ID").replace("exposed", "EXPOSED") },
    );
    const r = await imp(org, file);
    expect(r.outcome).toBe("imported");
    expect(r.imported).toBe(2);
    const rows = await env.ctx.db.select().from(notices).where(eq(notices.batchId, r.batchId!)).orderBy(notices.id);
    const byExt = new Map(rows.map((n) => [env.ctx.cipher.decrypt("external_id", n.externalIdEnc!), n]));
    const jose = byExt.get("BOM-1")!;
    expect(env.ctx.cipher.decryptJson<SealedName>("name", jose.nameEnc!)).toEqual({ first: "José", middle: null, last: "Hernández", suffix: null });
    expect(env.ctx.cipher.decryptJson<SealedAddress>("address", jose.addressEnc!)).toEqual({
      line1: "12 Main St, Apt 4",
      line2: null,
      city: "Detroit",
      state: "MI",
      zip: "02134-0001",
    });
    expect(env.ctx.cipher.decrypt("dob", jose.dobEnc!)).toBe("1970-05-17");
    expect(env.ctx.cipher.decrypt("email", jose.emailEnc!)).toBe("jose@example.com");
    expect(env.ctx.cipher.decrypt("phone", jose.phoneEnc!)).toBe("3135550100");
    expect(jose.language).toBe("es");
    expect(jose.categories).toEqual(["ssn", "name"]);
    expect(jose.searchHash!.equals(searchHashFor(env.config.codePepper, "Hernandez", "1970-05-17", "02134"))).toBe(true);
    expect(jose.externalIdHash.equals(externalIdHashFor(env.config.codePepper, org.id, "BOM-1"))).toBe(true);
    expect(jose.referenceNumber).toMatch(/^\d{4}-\d{4}-\d{4}$/);
    const zoe = byExt.get("BOM-2")!;
    expect([zoe.state, zoe.isMinor, zoe.isDeceased]).toEqual(["PR", true, true]);
    // Encrypted at rest: no clear name anywhere in the row.
    expect(JSON.stringify(rows)).not.toContain("Hernández");
  });

  it("reads the same records, lines and reasons however the file is cut into chunks for the workers", async () => {
    const { org } = await world();
    const lines: string[] = [];
    for (let i = 0; i < 60; i++) {
      if (i % 7 === 3)
        lines.push(row({ address_line2: '"Apt 4,\r\nRear door ""B"""' })); // a quoted field over two lines
      else if (i % 11 === 5) lines.push(row({ state: "XX" }));
      else if (i % 13 === 8) lines.push("");
      else if (i % 17 === 2) lines.push(row({ first_name: '"Ana ""Annie"""', zip: "123" }));
      else lines.push(row({ first_name: i % 2 ? "Zoë" : "Ana" }));
    }
    const file = csvFile(lines, { bom: true, eol: "\r\n" });
    const whole = await imp(org, file, { dryRun: true });
    expect(whole.report!.counts).toEqual({ bad_state: 4, bad_zip: 4 });
    // Line numbers count physical lines: after a two-line record, every line number moves by one more.
    const expectedLines: number[] = [];
    let physical = 2;
    for (let i = 0; i < 60; i++) {
      if (i % 7 !== 3 && i % 11 === 5) expectedLines.push(physical);
      else if (i % 7 !== 3 && i % 11 !== 5 && i % 13 !== 8 && i % 17 === 2) expectedLines.push(physical);
      physical += i % 7 === 3 ? 2 : 1;
    }
    expect(whole.report!.rows.map((p) => p.line)).toEqual(expectedLines);
    for (const readChunkBytes of [16, 61, 200, 999]) {
      const cut = await imp(org, file, { dryRun: true, readChunkBytes });
      expect([cut.rowsRead, cut.rejected, cut.report]).toEqual([whole.rowsRead, whole.rejected, whole.report]);
    }
    const real = await imp(org, file, { skipInvalid: true, readChunkBytes: 61 });
    expect(real.outcome).toBe("imported");
    expect(real.imported).toBe(whole.rowsRead - 8);
    const two = await env.ctx.db.select().from(notices).where(eq(notices.batchId, real.batchId!));
    const apartments = two.map((n) => env.ctx.cipher.decryptJson<SealedAddress>("address", n.addressEnc!).line2).filter(Boolean);
    expect(new Set(apartments)).toEqual(new Set(['Apt 4,\r\nRear door "B"']));
  });

  it("names the line of an unclosed quote, however the file is cut, and calls a header without rows empty", async () => {
    const { org } = await world();
    const file = csvFile([row(), row(), row({ first_name: '"Ana' }), row(), row()]);
    for (const readChunkBytes of [undefined, 40]) {
      const r = await imp(org, file, { readChunkBytes });
      expect(r.outcome).toBe("rejected");
      expect(r.report!.fileProblems).toEqual([{ line: 4, column: "", reason: "malformed_csv" }]);
      expect(await countNotices(r.batchId!)).toBe(0);
      await env.ctx.db.delete(batches).where(eq(batches.id, r.batchId!));
    }
    for (const [name, text] of [
      ["header-only.csv", `${HEADER}\r\n`],
      ["bom-only.csv", "\uFEFF"],
      ["blank.csv", "\n\n"],
    ] as const) {
      const f = path.join(dir, name);
      writeFileSync(f, text);
      const r = await imp(org, f, { dryRun: true });
      expect(r.report!.fileProblems.map((p) => p.reason)).toEqual(["empty_file"]);
    }
  });

  it.each([
    ["the OpenSSL binding, a worker per core", {}],
    ["node:crypto in one worker (IMPORT_WORKERS=1, EC_NATIVE_SEAL=off)", { importWorkers: 1, nativeSeal: false }],
  ])("over many sealing batches, each letter's reference number, code and person stay together, in file order: %s", async (_, settings) => {
    const { org } = await world();
    const people = Array.from({ length: 700 }, (_, i) => row({ external_id: `M-${i}`, email: i % 3 ? "" : `m${i}@example.com` }));
    const out = path.join(dir, "many.csv");
    const ctx = { ...env.ctx, config: { ...env.ctx.config, ...settings } };
    const file = csvFile(people);
    const r = await importBatch(ctx, ADMIN, null, {
      organizationId: org.id,
      filePath: file,
      fileName: path.basename(file),
      source: "cli",
      mailingDate: "2026-11-13",
      mailingOut: out,
    });
    expect([r.outcome, r.imported]).toEqual(["imported", 700]);
    const letters = (parse(readFileSync(out, "utf8"), { columns: true }) as Record<string, string>[]).map((l) => ({
      ref: l.reference_number!,
      ext: l.external_id!,
      code: l.activation_code!.replace(/-/g, ""),
    }));
    expect(letters.map((l) => l.ext)).toEqual(people.map((_, i) => `M-${i}`));
    expect(new Set(letters.map((l) => l.ref)).size).toBe(700);
    const rows = await env.ctx.db.select().from(notices).where(eq(notices.batchId, r.batchId!));
    const byRef = new Map(rows.map((n) => [n.referenceNumber, n]));
    for (const l of letters) {
      const n = byRef.get(l.ref)!;
      expect(env.ctx.cipher.decrypt("external_id", n.externalIdEnc!)).toBe(l.ext);
      expect(env.ctx.cipher.decrypt("code", n.codeEnc!)).toBe(l.code);
      expect(n.codeHash.equals(hashActivationCode(env.config.codePepper, l.code))).toBe(true);
      expect(n.emailEnc === null).toBe(Number(l.ext.slice(2)) % 3 !== 0);
    }
  });

  it("reads a file whose lines end with CR alone (old Mac CSV) and one with no line end at all", async () => {
    const { org } = await world();
    const cr = csvFile([row(), row({ state: "XX" }), row()], { eol: "\r" });
    const r = await imp(org, cr, { dryRun: true, readChunkBytes: 50 });
    expect([r.rowsRead, r.report!.rows.map((p) => [p.line, p.reason])]).toEqual([3, [[3, "bad_state"]]]);
    const bare = path.join(dir, "no-eol.csv");
    writeFileSync(bare, `${HEADER}\n${row()}`);
    const b = await imp(org, bare);
    expect([b.outcome, b.imported]).toEqual(["imported", 1]);
  });

  it("all-or-nothing by default; --skip-invalid imports the valid rows and keeps the report", async () => {
    const { org } = await world();
    const file = csvFile([row(), row({ state: "ZZ" }), row(), row({ zip: "" })]);
    const strict = await imp(org, file);
    expect(strict.outcome).toBe("rejected");
    expect(await countNotices(strict.batchId!)).toBe(0);

    const lenient = await imp(org, file, { skipInvalid: true });
    expect(lenient.outcome).toBe("imported");
    expect(lenient.imported).toBe(2);
    expect(lenient.report!.rows.map((p) => [p.line, p.reason])).toEqual([
      [3, "bad_state"],
      [5, "missing"],
    ]);
    expect(await countNotices(lenient.batchId!)).toBe(2);
  });

  it("the same file twice (same SHA-256) adds nothing", async () => {
    const { org } = await world();
    const file = csvFile([row(), row()]);
    const first = await imp(org, file);
    expect(first.outcome).toBe("imported");
    const again = await imp(org, file);
    expect(again.outcome).toBe("duplicate");
    expect(again.duplicateOf).toBe(first.batchId);
    const all = await env.ctx.db.select().from(batches).where(eq(batches.organizationId, org.id));
    expect(all).toHaveLength(1);
    expect(await countNotices(first.batchId!)).toBe(2);
    const uploads = await env.ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "batch.upload"), eq(auditEvents.subjectId, first.batchId!)));
    expect(uploads.map((a) => a.outcome).sort()).toEqual(["failure", "success"]);
  });

  it("names the first line of an external_id repeated in the file, and refuses one notified in an earlier batch", async () => {
    const { org } = await world();
    const early = await imp(org, csvFile([row({ external_id: "E-1" })]));
    expect(early.outcome).toBe("imported");

    const file = csvFile([row({ external_id: "D-1" }), row({ external_id: "E-1" }), row({ external_id: "D-1" }), row()]);
    const dry = await imp(org, file, { dryRun: true });
    expect(dry.outcome).toBe("dry_run");
    expect(dry.report!.rows.map((p) => [p.line, p.column, p.reason, p.detail ?? null])).toEqual([
      [3, "external_id", "already_notified", null],
      [4, "external_id", "duplicate_in_file", "first on line 2"],
    ]);
    const strict = await imp(org, file);
    expect(strict.outcome).toBe("rejected");
    expect(strict.report!.rows.map((p) => p.line)).toEqual([3, 4]);
    expect(await countNotices(strict.batchId!)).toBe(0);

    const lenient = await imp(org, file, { skipInvalid: true });
    expect(lenient.outcome).toBe("imported");
    expect(lenient.imported).toBe(2);
    const [s] = await env.ctx.database.rows<{ n: number }>(sql`select sum(notified)::int as n from notice_stats where batch_id = ${lenient.batchId}`);
    expect(s!.n).toBe(2);
  });

  it("the same external_id at two organizations is two people (the unique index is on the organization-keyed hash)", async () => {
    const { incident, org } = await world();
    const other = await createOrganization(env.ctx, incident);
    const a = await imp(org, csvFile([row({ external_id: "SAME-1" })]));
    const b = await imp(other, csvFile([row({ external_id: "SAME-1" })]));
    expect([a.outcome, b.outcome]).toEqual(["imported", "imported"]);
    const again = await imp(other, csvFile([row({ external_id: "SAME-1" })]));
    expect(again.report!.rows.map((p) => p.reason)).toEqual(["already_notified"]);
  });

  it("a reference number already taken is replaced, not a crash", async () => {
    const { org } = await world();
    const first = await imp(org, csvFile([row(), row(), row()]));
    const taken = await env.ctx.db.select({ ref: notices.referenceNumber }).from(notices).where(eq(notices.batchId, first.batchId!));
    // Reset the counters so the next import maps the same counters to the same numbers.
    await env.ctx.database.rows(sql`update reference_counters set next = next - 65536`);
    const second = await imp(org, csvFile([row(), row(), row()]), { mailingOut: path.join(dir, "remapped.csv") });
    expect(second.outcome).toBe("imported");
    const refs = await env.ctx.db.select({ ref: notices.referenceNumber }).from(notices).where(eq(notices.batchId, second.batchId!));
    expect(refs.filter((r) => taken.some((t) => t.ref === r.ref))).toEqual([]);
    const mailing = parse(readFileSync(path.join(dir, "remapped.csv")), { columns: true }) as Record<string, string>[];
    expect(mailing.map((m) => m.reference_number).sort()).toEqual(refs.map((r) => r.ref).sort());
  });

  it("the mailing file neutralizes formulas; its codes pass the patient check only after mark-mailed, and then cannot be exported", async () => {
    const { org } = await world();
    const out = path.join(dir, "mailing.csv");
    const file = csvFile([
      row({ external_id: "F-1", first_name: '=HYPERLINK("http://x")', last_name: "Cole", date_of_birth: "1961-03-04" }),
      row({ external_id: "F-2", last_name: "Diaz", address_line1: "@SUM(A1)", date_of_birth: "2012-06-30" }),
    ]);
    const r = await imp(org, file, { mailingOut: out });
    expect(r.outcome).toBe("imported");
    const text = readFileSync(out, "utf8");
    expect(text.split("\r\n")[0]).toBe(
      "reference_number,external_id,letter_variant,language,full_name,address_line1,address_line2,city,state,zip,activation_code,enroll_by",
    );
    const lines = parse(text, { columns: true }) as Record<string, string>[];
    const cole = lines.find((l) => l.external_id === "F-1")!;
    const diaz = lines.find((l) => l.external_id === "F-2")!;
    expect(cole.full_name).toBe('\'=HYPERLINK("http://x") Cole');
    expect(diaz.address_line1).toBe("'@SUM(A1)");
    expect([cole.letter_variant, diaz.letter_variant]).toEqual(["adult", "minor"]);
    expect(cole.activation_code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    // The web export gives the same codes.
    const exported = await exportMailingFile(env.ctx, ADMIN, null, r.batchId!);
    let csv = "";
    for await (const chunk of exported.lines) csv += chunk;
    const again = parse(csv, { columns: true }) as Record<string, string>[];
    expect(again.map((l) => l.activation_code).sort()).toEqual(lines.map((l) => l.activation_code).sort());

    const meta = { ip: "198.51.100.7", requestId: "r1" };
    expect((await redeemActivationCode(env.ctx, meta, { code: cole.activation_code!, dateOfBirth: "1961-03-04" })).kind).toBe("mismatch");
    await markBatchMailed(env.ctx, ADMIN, null, { batchId: r.batchId!, mailedOn: "2026-11-13" });
    expect((await redeemActivationCode(env.ctx, { ...meta, ip: "198.51.100.8" }, { code: cole.activation_code!, dateOfBirth: "1961-03-04" })).kind).toBe(
      "match",
    );
    expect((await redeemActivationCode(env.ctx, { ...meta, ip: "198.51.100.9" }, { code: diaz.activation_code!, dateOfBirth: "2012-06-30" })).kind).toBe(
      "match",
    );

    const [left] = await env.ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from notices where batch_id = ${r.batchId} and code_enc is not null`,
    );
    expect(left!.n).toBe(0);
    await expect(exportMailingFile(env.ctx, ADMIN, null, r.batchId!)).rejects.toBeInstanceOf(BatchStateError);
    const exports = await env.ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "batch.mailing.export"), eq(auditEvents.subjectId, r.batchId!)))
      .orderBy(auditEvents.id);
    expect(exports.map((a) => a.outcome)).toEqual(["success", "success", "denied"]);

    // Reprint: a new code works, the old one no longer does.
    const reprint = await reprintNotice(env.ctx, ADMIN, null, { referenceNumber: cole.reference_number!, reason: "letter lost" });
    const fresh = (parse(reprint.mailingCsv, { columns: true }) as Record<string, string>[])[0]!;
    expect(fresh.activation_code).not.toBe(cole.activation_code);
    expect((await redeemActivationCode(env.ctx, { ...meta, ip: "198.51.100.10" }, { code: cole.activation_code!, dateOfBirth: "1961-03-04" })).kind).toBe(
      "mismatch",
    );
    expect((await redeemActivationCode(env.ctx, { ...meta, ip: "198.51.100.11" }, { code: fresh.activation_code!, dateOfBirth: "1961-03-04" })).kind).toBe(
      "match",
    );
  });

  it("a crash mid-COPY leaves no notice and a failed batch; a dead 'importing' batch is found; the file imports again", async () => {
    const { org } = await world();
    const rows = Array.from({ length: 5000 }, () => row());
    const file = csvFile(rows);
    const crashed = await imp(org, file, { failAfterRows: 2000 });
    expect(crashed.outcome).toBe("failed");
    expect(await countNotices(crashed.batchId!)).toBe(0);
    const [b] = await env.ctx.db.select().from(batches).where(eq(batches.id, crashed.batchId!));
    expect(b!.status).toBe("failed");
    expect(await listStages(env.ctx.database)).toEqual([]);

    // A process that died without a word leaves its batch 'importing': the next import finds it dead.
    await env.ctx.db.update(batches).set({ status: "importing", phase: "reading" }).where(eq(batches.id, crashed.batchId!));
    const retry = await imp(org, file);
    expect(retry.outcome).toBe("imported");
    expect(retry.imported).toBe(5000);
    const [dead] = await env.ctx.db.select().from(batches).where(eq(batches.id, crashed.batchId!));
    expect(dead!.status).toBe("failed");
    expect(await sweepStaleImports(env.ctx)).toBe(0);
  });

  it("a batch begun in this process is alive before its run takes the lock: a batch page loading meanwhile does not find it dead", async () => {
    const { org } = await world();
    const file = csvFile([row(), row()]);
    const options: ImportOptions = { organizationId: org.id, filePath: file, fileName: "early.csv", source: "web" };
    const begun = await beginImport(env.ctx, ADMIN, null, options);
    if (!("batch" in begun) || !begun.batch) throw new Error("expected a batch");
    // The web action starts the run in the background and redirects; the progress page sweeps.
    expect(await sweepStaleImports(env.ctx)).toBe(0);
    const result = await runImport(env.ctx, ADMIN, null, begun.batch, options);
    expect(result.outcome).toBe("imported");
    const [b] = await env.ctx.db.select().from(batches).where(eq(batches.id, begun.batch.id));
    expect(b!.status).toBe("awaiting_mailing");
    // Once it has ended, nothing keeps it alive: a batch put back to 'importing' is found dead.
    await env.ctx.db.update(batches).set({ status: "importing" }).where(eq(batches.id, begun.batch.id));
    expect(await sweepStaleImports(env.ctx)).toBe(1);
  });

  it("reports match the rows", async () => {
    const { incident, org } = await world();
    const other = await createOrganization(env.ctx, incident);
    const a = await imp(org, csvFile([row({ state: "MI" }), row({ state: "MI", date_of_birth: "2010-01-01" }), row({ state: "OH", deceased: "Y" })]));
    const b = await imp(other, csvFile([row({ state: "OH" }), row({ state: "TX", exposed: "claims" })]));
    await imp(other, csvFile([row({ state: "TX" }), row({ state: "QQ" })])); // rejected: not counted
    expect([a.outcome, b.outcome]).toEqual(["imported", "imported"]);
    await markBatchMailed(env.ctx, ADMIN, null, { batchId: a.batchId! });
    const [mi] = await env.ctx.db
      .select()
      .from(notices)
      .where(and(eq(notices.batchId, a.batchId!), eq(notices.state, "MI")))
      .limit(1);
    // A check (what check.server writes) and a returned letter move the counters.
    await env.ctx.db.update(notices).set({ firstCheckedAt: env.clock.now(), lastCheckedAt: env.clock.now() }).where(eq(notices.id, mi!.id));
    await env.ctx.db
      .update(notices)
      .set({ lockedUntil: new Date(env.clock.now().getTime() + 3600_000) })
      .where(eq(notices.id, mi!.id));
    await env.ctx.db
      .update(notices)
      .set({ returnedMailAt: env.clock.now() })
      .where(and(eq(notices.batchId, b.batchId!), eq(notices.state, "TX")));

    const byState = await reportByState(env.ctx, incident.id);
    const pick = (s: string) => byState.find((r) => r.key === s);
    expect(pick("MI")).toMatchObject({ notified: 2, minors: 1, deceased: 0, checked: 1, locked: 1, returnedMail: 0 });
    expect(pick("OH")).toMatchObject({ notified: 2, deceased: 1, checked: 0 });
    expect(pick("TX")).toMatchObject({ notified: 1, returnedMail: 1 });
    const [truth] = await env.ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from notices where incident_id = ${incident.id}`);
    expect(byState.reduce((t, r) => t + r.notified, 0)).toBe(truth!.n);
    const byOrg = await reportByOrganization(env.ctx, incident.id);
    expect(byOrg.map((r) => [r.label, r.notified])).toEqual([
      [org.name, 3],
      [other.name, 2],
    ]);
  });
});

describe(`returned mail (${process.env.TEST_DB_KIND})`, () => {
  it("flags the listed letters once, counts unknown and malformed lines, and says when substitute notice is due", async () => {
    const { incident, org } = await world();
    const out = path.join(dir, "rm-mailing.csv");
    const r = await imp(org, csvFile(Array.from({ length: 12 }, () => row())), { mailingOut: out });
    const refs = (parse(readFileSync(out), { columns: true }) as Record<string, string>[]).map((m) => m.reference_number!);
    const { recordReturnedMail } = await import("~/services/batches/returned-mail.server");
    const first = await recordReturnedMail(env.ctx, ADMIN, null, {
      incidentId: incident.id,
      fileName: "returned.csv",
      content: ["reference_number", ...refs.slice(0, 9).map((x) => x.replace(/-/g, "")), "0000-0000-0001", "not a number", ""].join("\n"),
    });
    expect(first).toMatchObject({
      listed: 10,
      flagged: 9,
      alreadyFlagged: 0,
      unknown: 1,
      invalid: 1,
      invalidLines: [12],
      totalReturned: 9,
      substituteNoticeRequired: false,
    });
    const second = await recordReturnedMail(env.ctx, ADMIN, null, { incidentId: incident.id, fileName: "more.txt", content: refs.slice(8, 10).join("\r\n") });
    expect(second).toMatchObject({ flagged: 1, alreadyFlagged: 1, totalReturned: 10, substituteNoticeRequired: true });
    const [n] = await env.ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from notices where batch_id = ${r.batchId} and returned_mail_at is not null`,
    );
    expect(n!.n).toBe(10);
    const audits = await env.ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "returned_mail.upload"), eq(auditEvents.subjectId, incident.id)));
    expect(audits).toHaveLength(2);
  });
});

describe.skipIf(process.env.TEST_DB_KIND !== "postgres")("a large batch COPYed straight into notices (postgres)", () => {
  const direct = { load: "direct" as const };
  const indexesOfNotices = async () =>
    (await env.ctx.database.rows<{ def: string }>(sql`select indexdef as def from pg_indexes where tablename = 'notices' order by indexname`)).map(
      (r) => r.def,
    );
  const tableState = async () => ({
    indexes: await indexesOfNotices(),
    defaults: await env.ctx.database.rows(
      sql`select column_name, column_default from information_schema.columns where table_name = 'notices' and column_default is not null order by column_name`,
    ),
    triggers: await env.ctx.database.rows(
      sql`select tgname, tgenabled from pg_trigger where tgrelid = 'notices'::regclass and not tgisinternal order by tgname`,
    ),
  });

  it("gives the same notices as the staging path, locks only notices meanwhile, and leaves the table as it was", async () => {
    const { org } = await world();
    const before = await tableState();
    const out = path.join(dir, "direct-mailing.csv");
    const probes: Record<string, string>[] = [];
    // While the load's transaction is open: the pages' tables read normally; notices waits.
    const probe = () =>
      env.ctx.database.postgres!.begin(async (tx) => {
        await tx`set local lock_timeout = '500ms'`;
        const result: Record<string, string> = {};
        for (const table of ["incidents", "organizations", "batches"]) {
          await tx.unsafe(`select count(*) from ${table}`);
          result[table] = "read";
        }
        result.notices = await tx
          .savepoint((sp) => sp`select count(*) from notices`)
          .then(
            () => "read",
            (e: { code?: string }) => e.code ?? "error",
          );
        return result;
      });
    const r = await imp(
      org,
      csvFile([row({ first_name: "José", email: "jose@example.com" }), row({ state: "OH", date_of_birth: "2012-06-30" }), row({ deceased: "Y" })]),
      {
        ...direct,
        mailingOut: out,
        onProgress: async (p) => {
          if (p.phase === "moving") probes.push(await probe());
        },
      },
    );
    expect(r.outcome).toBe("imported");
    expect(r.imported).toBe(3);
    expect(probes).toEqual([{ incidents: "read", organizations: "read", batches: "read", notices: "55P03" }]);
    expect(await tableState()).toEqual(before);

    const rows = await env.ctx.db.select().from(notices).where(eq(notices.batchId, r.batchId!)).orderBy(notices.id);
    expect(rows).toHaveLength(3);
    expect(rows.every((n) => n.incidentId === org.incidentId && n.organizationId === org.id)).toBe(true);
    expect(env.ctx.cipher.decryptJson<SealedName>("name", rows[0]!.nameEnc!).first).toBe("José");
    expect(env.ctx.cipher.decrypt("email", rows[0]!.emailEnc!)).toBe("jose@example.com");
    expect(rows[1]!.phoneEnc).toBeNull();
    expect([rows[1]!.isMinor, rows[2]!.isDeceased]).toEqual([true, true]);
    const mailing = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
    expect(mailing.map((m) => m.reference_number)).toEqual(rows.map((n) => n.referenceNumber));
    for (const [i, m] of mailing.entries())
      expect(rows[i]!.codeHash.equals(hashActivationCode(env.ctx.config.codePepper, m.activation_code!.replace(/-/g, "")))).toBe(true);
    const [s] = await env.ctx.database.rows<{ n: number; minors: number }>(
      sql`select sum(notified)::int as n, sum(minors)::int as minors from notice_stats where batch_id = ${r.batchId}`,
    );
    expect(s).toEqual({ n: 3, minors: 1 });
    const audit = await env.ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, r.batchId!), eq(auditEvents.action, "batch.import")));
    expect(audit.map((a) => a.outcome)).toEqual(["success"]);
  });

  it("an external id twice or already notified: the unique index refuses, the staging path reports the lines", async () => {
    const { org } = await world();
    expect((await imp(org, csvFile([row({ external_id: "DE-1" })]), direct)).outcome).toBe("imported");
    const before = await tableState();
    const file = csvFile([row({ external_id: "DD-1" }), row({ external_id: "DE-1" }), row({ external_id: "DD-1" }), row()]);
    const strict = await imp(org, file, direct);
    expect(strict.outcome).toBe("rejected");
    expect(strict.report!.rows.map((p) => [p.line, p.reason])).toEqual([
      [3, "already_notified"],
      [4, "duplicate_in_file"],
    ]);
    expect(await countNotices(strict.batchId!)).toBe(0);
    const lenient = await imp(org, file, { ...direct, skipInvalid: true });
    expect([lenient.outcome, lenient.imported]).toEqual(["imported", 2]);
    expect(await countNotices(lenient.batchId!)).toBe(2);
    expect(await tableState()).toEqual(before);
  });

  it("waits for the locks it needs, however short the web pool's lock timeout", async () => {
    const { org } = await world();
    // A long report reading notices when the load begins (it drops the indexes): wait, not fail.
    const reader = await env.database.postgres!.reserve();
    try {
      await reader`begin`;
      await reader`select count(*) from notices`;
      const pending = imp(org, csvFile(Array.from({ length: 30 }, () => row())), direct);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await reader`commit`;
      const r = await pending;
      expect([r.outcome, r.imported]).toEqual(["imported", 30]);
    } finally {
      reader.release();
    }
  });

  it("a staging move of 100,000 rows (it locks notices to rebuild the indexes) also waits behind a reader", async () => {
    const { org } = await world();
    const file = path.join(dir, "staging-100k.csv");
    await writeSyntheticBatch(file, 100_000, 7);
    const reader = await env.database.postgres!.reserve();
    let readerDone: Promise<unknown> = Promise.resolve();
    try {
      const r = await imp(org, file, {
        load: "staging",
        // As the move begins, a report is reading notices; it finishes a second later.
        onProgress: async (p) => {
          if (p.phase !== "moving") return;
          await reader`begin`;
          await reader`select count(*) from notices`;
          readerDone = new Promise((resolve) => setTimeout(resolve, 1000)).then(() => reader`commit`);
        },
      });
      expect([r.outcome, r.imported]).toEqual(["imported", 100_000]);
    } finally {
      await readerDone;
      reader.release();
    }
  }, 120_000);

  it("a rejected row or a failure mid-COPY rolls everything back, indexes and triggers included", async () => {
    const { org } = await world();
    const before = await tableState();
    const rejected = await imp(org, csvFile([row(), row({ zip: "1" }), row()]), direct);
    expect(rejected.outcome).toBe("rejected");
    expect(await countNotices(rejected.batchId!)).toBe(0);
    const crashed = await imp(org, csvFile(Array.from({ length: 3000 }, () => row())), { ...direct, failAfterRows: 1000 });
    expect(crashed.outcome).toBe("failed");
    expect(await countNotices(crashed.batchId!)).toBe(0);
    expect(await tableState()).toEqual(before);
    const [b] = await env.ctx.db.select().from(batches).where(eq(batches.id, crashed.batchId!));
    expect(b!.status).toBe("failed");
  });

  it("loads directly only a large file into a small table before any letter is mailed, unless told", async () => {
    const { org } = await world();
    const small = await imp(org, csvFile([row()]));
    const [batch] = await env.ctx.db.select().from(batches).where(eq(batches.id, small.batchId!));
    const big = path.join(dir, "big-sparse.csv");
    writeFileSync(big, "");
    truncateSync(big, 16 * 1024 * 1024); // ~110 k rows by size; sparse, nothing written
    const choose = (filePath: string, extra: Partial<ImportOptions> = {}) => loadsDirectly(env.ctx, batch!, { filePath, ...extra });
    await env.ctx.database.rows(sql`update batches set status = 'awaiting_mailing' where status = 'mailed'`);
    expect(await choose(big)).toBe(true);
    expect(await choose(csvFile([row()]))).toBe(false);
    expect(await choose(big, { dryRun: true })).toBe(false);
    expect(await choose(big, { load: "staging" })).toBe(false);
    await markBatchMailed(env.ctx, ADMIN, null, { batchId: small.batchId! });
    expect(await choose(big)).toBe(false); // people may be checking: notices must stay readable
    expect(await choose(csvFile([row()]), { load: "direct" })).toBe(true);
  });

  it("a direct load that cannot begin gives its connection back without a transaction open", async () => {
    const conn = await env.ctx.database.postgres!.reserve();
    try {
      const exec = execOn(conn);
      const gone = { id: crypto.randomUUID(), incidentId: crypto.randomUUID(), organizationId: crypto.randomUUID() };
      await expect(beginDirectLoad(exec, gone)).rejects.toThrow(/gone/);
      // Outside a transaction every statement has its own now().
      await exec("select pg_sleep(0.01)");
      expect((await exec("select now() = statement_timestamp() as fresh"))[0]!.fresh).toBe(true);
    } finally {
      conn.release();
    }
  });

  it("without the right to skip row triggers, changes nothing and says so (foreign keys are then checked per row)", async () => {
    const pg = env.ctx.database.postgres!;
    await pg.unsafe(`do $$ begin create role ec_test_no_super nologin; exception when duplicate_object then null; end $$`);
    const conn = await pg.reserve();
    try {
      const exec = execOn(conn);
      await exec("begin");
      await exec("set local role ec_test_no_super");
      expect(await skipTriggers(exec)).toBe(false);
      expect((await exec("select current_setting('session_replication_role') as r"))[0]!.r).toBe("origin");
      await exec("reset role");
      expect(await skipTriggers(exec)).toBe(true);
      await exec("rollback");
    } finally {
      conn.release();
    }
  });
});
