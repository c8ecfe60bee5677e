// Issue 15, findings 9 and 10, through the real import on both databases: bidirectional control
// characters never reach the print vendor's mailing file (refused, with the reason in the batch
// report), and a person with every category involved imports.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CATEGORY_KEYS } from "~/content/categories";
import { importBatch } from "~/services/batches/import.server";
import { openTestEnv, type TestEnv } from "../support/db";
import { createIncident, createOrganization } from "../factories";

let env: TestEnv;
let dir: string;
beforeAll(async () => {
  env = await openTestEnv({ start: "2026-11-20T15:00:00Z" });
  dir = mkdtempSync(path.join(os.tmpdir(), "ec-batch-findings-"));
});
afterAll(async () => {
  await env?.close();
});

const HEADER = "external_id,first_name,last_name,address_line1,city,state,zip,date_of_birth,exposed";
const ADMIN = { actorType: "cli" as const, actorId: "test-admin", actorRole: "admin" };

async function run(lines: string[], skipInvalid = false) {
  const org = await createOrganization(env.ctx, await createIncident(env.ctx));
  const file = path.join(dir, `b-${Math.random().toString(36).slice(2)}.csv`);
  const mailingOut = `${file}.mailing.csv`;
  writeFileSync(file, [HEADER, ...lines].join("\n") + "\n");
  const result = await importBatch(env.ctx, ADMIN, null, {
    organizationId: org.id,
    filePath: file,
    fileName: "b.csv",
    source: "cli",
    mailingDate: "2026-11-13",
    skipInvalid,
    mailingOut,
  });
  return { result, mailing: () => readFileSync(mailingOut, "utf8") };
}

describe(`batch import findings (${process.env.TEST_DB_KIND})`, () => {
  it("finding 10: all 19 categories (the largest `exposed` cell) import", async () => {
    const all = [...CATEGORY_KEYS].join(";");
    expect(CATEGORY_KEYS.length).toBe(19);
    expect(all.length).toBeGreaterThan(200);
    const spaced = [...CATEGORY_KEYS].join(" ; "); // separators with spaces: longer still
    const { result } = await run([
      `A1,Ana,Rivera,1 Main St,Detroit,MI,48201,1970-05-17,${all}`,
      `A2,Bo,Rivera,2 Main St,Detroit,MI,48201,1971-05-17,"${spaced}"`,
    ]);
    expect(result.outcome).toBe("imported");
    expect(result.imported).toBe(2);
    expect(result.rejected).toBe(0);
  });

  it("finding 9: bidi controls in a name or an address are refused with the reason, and never written to the mailing file", async () => {
    const rlo = "\u202e";
    const isolate = "\u2066";
    const { result, mailing } = await run(
      [
        `B1,Ana${rlo}fdp.exe,Rivera,1 Main St,Detroit,MI,48201,1970-05-17,name`,
        `B2,Bo,Rivera,2 Main St${isolate},Detroit,MI,48201,1970-05-17,name`,
        `B3,Cy,Rivera,3 Main St,Detroit,MI,48201,1970-05-17,name`,
      ],
      true,
    );
    expect(result.outcome).toBe("imported");
    expect(result.imported).toBe(1);
    expect(result.report?.counts.bidi_characters).toBe(2);
    expect(result.report?.rows.map((r) => [r.line, r.column, r.reason])).toEqual([
      [2, "first_name", "bidi_characters"],
      [3, "address_line1", "bidi_characters"],
    ]);
    expect(mailing()).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    // Without --skip-invalid nothing is imported at all.
    const strict = await run([`C1,Ana${rlo},Rivera,1 Main St,Detroit,MI,48201,1970-05-17,name`]);
    expect(strict.result.imported).toBe(0);
    expect(strict.result.report?.counts.bidi_characters).toBe(1);
  });
});
