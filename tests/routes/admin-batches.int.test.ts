import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { eq, sql } from "drizzle-orm";
import { batches, type Incident, type Organization } from "../../db/schema/index";
import type { AppServer } from "../../app/server";
import { waitForWebImports } from "~/services/batches/web-import.server";
import { openTestEnv, type TestEnv } from "../support/db";
import { startTestServer, visibleText } from "../support/server";
import { auditRows, createStaff, signedIn } from "../support/staff";
import { createIncident, createOrganization } from "../factories";

/**
 * The admin batch pages over real HTTP (Express + the Remix build): an admin uploads a CSV as a
 * browser does (multipart), the import runs in the background and the batch page shows it finish;
 * the report and mailing downloads are audited and formula-safe; mark-mailed ends the mailing
 * file; the reports match the rows; returned mail raises the substitute-notice banner at 10.
 */
let env: TestEnv;
let server: AppServer;
let incident: Incident;
let org: Organization;
let admin: { cookie: string; actor: { id: string } };
let agent: { cookie: string; actor: { id: string } };

beforeAll(async () => {
  env = await openTestEnv({ start: new Date() });
  server = await startTestServer(env);
  incident = await createIncident(env.ctx, { name: "Lakeshore test incident" });
  org = await createOrganization(env.ctx, incident, { slug: "lakeshore", name: "Lakeshore Physicians ACO" });
  const a = await createStaff(env.ctx, "admin");
  admin = await signedIn(env.ctx, a);
  agent = await signedIn(env.ctx, await createStaff(env.ctx, "agent"));
});
afterAll(async () => {
  await waitForWebImports();
  await server?.close();
  await env?.close().catch(() => {});
});

const HEADER =
  "external_id,first_name,middle_name,last_name,suffix,address_line1,address_line2,city,state,zip,date_of_birth,email,phone,language,deceased,exposed";
const STATES = ["MI", "OH", "IL", "MI", "TX"];

/** `rows` valid people (states cycling through STATES), one of them with formula-looking fields. */
function batchCsv(rows: number, prefix: string, extra: string[] = []): string {
  const lines = [HEADER];
  for (let i = 1; i <= rows; i++) {
    const first = i === 1 ? '=HYPERLINK("http://evil.example","x")' : `Ana${i}`;
    const line1 = i === 1 ? "@SUM(1+1)" : `${i} Main St`;
    lines.push(
      `${prefix}${i},"${first.replace(/"/g, '""')}",,Núñez,,${line1},"Apt 2, Bldg 3",Detroit,${STATES[i % STATES.length]},48201,1980-02-${String((i % 28) + 1).padStart(2, "0")},,,en,N,name;ssn`,
    );
  }
  return `\uFEFF${[...lines, ...extra].join("\r\n")}\r\n`;
}

const get = (path: string, cookie = admin.cookie) => fetch(server.url + path, { redirect: "manual", headers: { Cookie: cookie } });

function upload(fields: Record<string, string>, file: { name: string; content: string } | null, cookie = admin.cookie, path = "/admin/batches") {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("file", new Blob([file.content], { type: "text/csv" }), file.name);
  return fetch(server.url + path, { method: "POST", body: form, redirect: "manual", headers: { Cookie: cookie, "Sec-Fetch-Site": "same-origin" } });
}

async function pollUntilDone(batchId: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const html = await (await get(`/admin/batches/${batchId}`)).text();
    const status = /data-status="([a-z_]+)"/.exec(html)?.[1];
    if (status && status !== "importing") return html;
    expect(html).toContain('http-equiv="refresh"');
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the import did not finish");
}

const batchIdFrom = (res: Response) => /^\/admin\/batches\/([0-9a-f-]{36})$/.exec(res.headers.get("location") ?? "")?.[1];

describe(`admin batch pages over HTTP (${process.env.TEST_DB_KIND})`, () => {
  let batchId: string;
  let references: string[] = [];

  it("an admin uploads a CSV (multipart); it imports in the background and the batch page shows it finish; the same file again adds nothing", async () => {
    const list = await get("/admin/batches");
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('data-testid="no-batches"');

    const csv = batchCsv(25, "W");
    const res = await upload({ organizationId: org.id, mailingDate: "", skipInvalid: "", dryRun: "" }, { name: "lakeshore-1.csv", content: csv });
    expect(res.status).toBe(303);
    batchId = batchIdFrom(res)!;
    expect(batchId).toBeTruthy();
    // The estimate for the progress bar was counted while the file streamed to disk.
    const [row0] = await env.ctx.db.select().from(batches).where(eq(batches.id, batchId));
    expect(row0!.source).toBe("web");
    expect(row0!.rowsTotal).toBe(25);

    const html = await pollUntilDone(batchId);
    expect(html).toContain('data-status="awaiting_mailing"');
    expect(html).not.toContain('http-equiv="refresh"');
    expect(html).toMatch(/data-testid="rows-imported">25</);
    expect(html).toContain('data-testid="mailing-download"');
    expect(await waitForWebImports()).toBeUndefined();
    const [n] = await env.ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from notices where batch_id = ${batchId}`);
    expect(Number(n!.n)).toBe(25);
    expect((await auditRows(env.ctx, { action: "batch.upload", subjectId: batchId }))[0]).toMatchObject({ actorId: admin.actor.id, outcome: "success" });
    expect((await auditRows(env.ctx, { action: "batch.import", subjectId: batchId }))[0]).toMatchObject({ outcome: "success" });

    const listed = await (await get("/admin/batches")).text();
    expect(listed).toContain(`data-batch="${batchId}"`);
    expect(listed).toContain("lakeshore-1.csv");

    // The same bytes again: nothing new, said plainly, with a link to the batch that has them.
    const again = await upload({ organizationId: org.id }, { name: "renamed.csv", content: csv });
    expect(again.status).toBe(409);
    const againHtml = await again.text();
    expect(againHtml).toContain('data-testid="duplicate-file"');
    expect(visibleText(againHtml)).toContain("This file was imported already");
    expect(againHtml).toContain(`/admin/batches/${batchId}`);
    expect(await env.ctx.db.select().from(batches)).toHaveLength(1);
    expect((await auditRows(env.ctx, { action: "batch.upload" })).at(-1)).toMatchObject({ outcome: "failure", subjectId: batchId });
  });

  it("rejected rows: all-or-nothing by default (report on the page and as a formula-safe, audited CSV); a dry run stores nothing", async () => {
    const bad = batchCsv(4, "R", [
      "R9,Bo,,Li,,1 Elm,,Flint,ZZ,48502,1990-02-30,,,en,N,name;not_a_category",
      "R1,Dup,,Li,,1 Elm,,Flint,MI,48502,1990-01-01,,,en,N,name",
    ]);
    const dry = await upload({ organizationId: org.id, dryRun: "yes" }, { name: "bad.csv", content: bad });
    expect(dry.status).toBe(200);
    const dryHtml = await dry.text();
    expect(dryHtml).toContain('data-testid="dry-run-result"');
    expect(dryHtml).toContain('data-reason="bad_state"');
    expect(dryHtml).toContain('data-reason="duplicate_in_file"');
    expect(await env.ctx.db.select().from(batches)).toHaveLength(1);

    const res = await upload({ organizationId: org.id }, { name: "bad.csv", content: bad });
    expect(res.status).toBe(303);
    const id = batchIdFrom(res)!;
    const html = await pollUntilDone(id);
    expect(html).toContain('data-status="rejected"');
    expect(html).toContain('data-testid="batch-rejected"');
    for (const reason of ["bad_state", "impossible_date", "unknown_category"]) expect(html).toContain(`data-reason="${reason}"`);
    expect(html).not.toContain("Flint"); // the report never quotes a field
    const [count] = await env.ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from notices where batch_id = ${id}`);
    expect(Number(count!.n)).toBe(0);

    const csvRes = await get(`/admin/batches/${id}/report.csv`);
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get("content-type")).toContain("text/csv");
    expect(csvRes.headers.get("content-disposition")).toMatch(/^attachment; filename="report-/);
    const body = await csvRes.text();
    expect(body.split("\r\n")[0]).toBe("line,column,reason,message");
    expect(body).toMatch(/\r\n6,state,bad_state,/);
    for (const cell of parse(body, { relax_column_count: true }).flat() as string[]) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(await auditRows(env.ctx, { action: "batch.report.download", subjectId: id })).toHaveLength(1);

    // Skip-invalid imports the valid rows (4 minus the duplicate's first line stays: R1 is the first).
    const skip = await upload(
      { organizationId: org.id, skipInvalid: "yes" },
      { name: "bad-skip.csv", content: `${bad}R77,Ok,,Li,,2 Elm,,Flint,MI,48502,1990-01-01,,,en,N,name\r\n` },
    );
    const skipId = batchIdFrom(skip)!;
    const skipHtml = await pollUntilDone(skipId);
    expect(skipHtml).toContain('data-status="awaiting_mailing"');
    expect(skipHtml).toMatch(/data-testid="rows-imported">5</);
    expect(skipHtml).toContain('data-testid="report-download"');
  });

  it("the mailing file downloads (formula-safe, audited) while awaiting mailing, and is refused after mark-mailed", async () => {
    const res = await get(`/admin/batches/${batchId}/mailing.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const records = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(25);
    const evil = records.find((r) => r.full_name!.includes("HYPERLINK"))!;
    expect(evil.full_name!.startsWith("'=")).toBe(true);
    expect(evil.address_line1).toBe("'@SUM(1+1)");
    expect(records.every((r) => /^[A-Z0-9-]{10,}$/.test(r.activation_code!))).toBe(true);
    references = records.map((r) => r.reference_number!);
    const audits = await auditRows(env.ctx, { action: "batch.mailing.export", subjectId: batchId });
    expect(audits.at(-1)).toMatchObject({ outcome: "success", actorId: admin.actor.id });

    // Mark mailed needs the confirmation, and refuses a date in the future.
    const post = (fields: Record<string, string>) =>
      fetch(`${server.url}/admin/batches/${batchId}`, {
        method: "POST",
        body: new URLSearchParams(fields),
        redirect: "manual",
        headers: { Cookie: admin.cookie, "Sec-Fetch-Site": "same-origin" },
      });
    const unconfirmed = await post({ intent: "mark-mailed", mailedOn: env.ctx.now().toISOString().slice(0, 10) });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain("Confirm that the print vendor has mailed the letters.");
    expect((await post({ intent: "mark-mailed", mailedOn: "2999-01-01", confirm: "yes" })).status).toBe(400);
    const mailed = await post({ intent: "mark-mailed", mailedOn: env.ctx.now().toISOString().slice(0, 10), confirm: "yes" });
    expect(mailed.status).toBe(303);
    expect(mailed.headers.get("location")).toBe(`/admin/batches/${batchId}?notice=mailed`);
    const page = await (await get(`/admin/batches/${batchId}?notice=mailed`)).text();
    expect(page).toContain('data-status="mailed"');
    expect(page).not.toContain('data-testid="mailing-download"');

    const refused = await get(`/admin/batches/${batchId}/mailing.csv`);
    expect(refused.status).toBe(409);
    expect(await refused.text()).not.toContain("activation_code");
    expect((await auditRows(env.ctx, { action: "batch.mailing.export", subjectId: batchId })).at(-1)).toMatchObject({ outcome: "denied" });

    // Reprint one letter: a one-line mailing file with a new code; audited.
    const reprint = await fetch(`${server.url}/admin/batches/${batchId}/reprint`, {
      method: "POST",
      body: new URLSearchParams({ referenceNumber: references[3]!, reason: "letter lost" }),
      redirect: "manual",
      headers: { Cookie: admin.cookie, "Sec-Fetch-Site": "same-origin" },
    });
    expect(reprint.status).toBe(200);
    const reprinted = parse(await reprint.text(), { columns: true }) as Record<string, string>[];
    expect(reprinted).toHaveLength(1);
    expect(reprinted[0]!.reference_number).toBe(references[3]);
    expect(reprinted[0]!.activation_code).not.toBe(records[3]!.activation_code);
    expect((await auditRows(env.ctx, { action: "notice.reissue" })).at(-1)).toMatchObject({ outcome: "success" });
    const unknown = await fetch(`${server.url}/admin/batches/${batchId}/reprint`, {
      method: "POST",
      body: new URLSearchParams({ referenceNumber: "0000-0000-0001" }),
      redirect: "manual",
      headers: { Cookie: admin.cookie, "Sec-Fetch-Site": "same-origin" },
    });
    expect(unknown.status).toBe(303);
    expect(unknown.headers.get("location")).toBe(`/admin/batches/${batchId}?notice=reprint-unknown`);
  });

  it("an agent gets 403 with no data on the pages and downloads", async () => {
    for (const path of [
      "/admin/batches",
      `/admin/batches/${batchId}`,
      `/admin/batches/${batchId}/mailing.csv`,
      `/admin/batches/${batchId}/report.csv`,
      "/admin/reports",
      "/admin/reports/download?by=state",
      "/admin/hhs",
      "/admin/returned-mail",
      "/admin/organizations",
    ]) {
      const res = await get(path, agent.cookie);
      expect(res.status, path).toBe(403);
      expect(await res.text(), path).not.toMatch(/Lakeshore|activation_code|notified/);
    }
    const posted = await upload({ organizationId: org.id }, { name: "x.csv", content: batchCsv(2, "AG") }, agent.cookie);
    expect(posted.status).toBe(403);
    expect(await env.ctx.db.select().from(batches).where(eq(batches.fileName, "x.csv"))).toHaveLength(0);
    expect((await auditRows(env.ctx, { action: "staff.access.denied", actorId: agent.actor.id })).length).toBeGreaterThanOrEqual(10);
  });

  it("the reports page and its CSV match the rows; the HHS page counts the people", async () => {
    const res = await get("/admin/reports");
    expect(res.status).toBe(200);
    const html = await res.text();
    const truth = await env.ctx.database.rows<{ state: string; n: number }>(
      sql`select n.state, count(*)::int as n from notices n join batches b on b.id = n.batch_id where b.status in ('awaiting_mailing','mailed') group by 1`,
    );
    const total = truth.reduce((a, r) => a + Number(r.n), 0);
    expect(total).toBe(30);
    expect(html).toMatch(new RegExp(`data-testid="total-notified">${total}<`));
    for (const r of truth)
      expect(html).toMatch(new RegExp(`data-key="${r.state}"><th scope="row">${r.state}</th><td class="text-right" data-col="notified">${r.n}<`));
    expect(html).toContain('role="img"');
    expect(html).toContain('<title id="checks-chart-title">');

    const csv = await get("/admin/reports/download?by=state");
    expect(csv.status).toBe(200);
    const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    for (const r of truth) expect(rows.find((x) => x.state === r.state)?.notified).toBe(String(r.n));
    expect(rows.at(-1)).toMatchObject({ state: "Total", notified: String(total) });
    expect((await auditRows(env.ctx, { action: "report.download" })).at(-1)).toMatchObject({ details: { by: "state" } });
    expect((await get("/admin/reports/download?by=nope")).status).toBe(404);

    const hhs = await (await get("/admin/hhs")).text();
    expect(visibleText(hhs).replace(/\s+/g, "")).toContain("Individualsaffected30(0minors,0deceased)");
    expect(hhs).toContain('data-category="ssn"');
    const orgs = await (await get("/admin/organizations")).text();
    expect(orgs).toMatch(/data-testid="notified-lakeshore">30</);
  });

  it("returned mail: 9 letters back show no banner; the 10th raises the substitute-notice banner (here and on the admin home)", async () => {
    const post = (refs: string[]) => upload({ references: refs.join("\n") }, null, admin.cookie, "/admin/returned-mail");
    const first = await post([...references.slice(0, 9), "not-a-number", "9999-9999-9999"]);
    expect(first.status).toBe(200);
    const html1 = await first.text();
    expect(html1).toMatch(/data-testid="flagged">9</);
    expect(html1).not.toContain('data-testid="substitute-notice"');
    expect(await (await get("/admin")).text()).not.toContain('data-testid="substitute-notice"');

    const file = new FormData();
    file.append("references", "");
    file.append("file", new Blob([`reference_number\r\n${references[9]}\r\n${references[0]}\r\n`], { type: "text/csv" }), "returned.csv");
    const second = await fetch(`${server.url}/admin/returned-mail`, {
      method: "POST",
      body: file,
      redirect: "manual",
      headers: { Cookie: admin.cookie, "Sec-Fetch-Site": "same-origin" },
    });
    const html2 = await second.text();
    expect(html2).toMatch(/data-testid="flagged">1</);
    expect(html2).toContain('data-testid="substitute-notice"');
    expect(await (await get("/admin/returned-mail")).text()).toContain('data-testid="substitute-notice"');
    expect(await (await get("/admin")).text()).toContain('data-testid="substitute-notice"');
    const [flagged] = await env.ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from notices where returned_mail_at is not null`);
    expect(Number(flagged!.n)).toBe(10);
    expect(await auditRows(env.ctx, { action: "returned_mail.upload" })).toHaveLength(2);
    const report = await (await get("/admin/reports")).text();
    expect(report).toContain('data-testid="substitute-notice"');
  });

  it("organizations: an admin adds one (zod-validated, audited); a bad slug keeps what was typed", async () => {
    const post = (fields: Record<string, string>) =>
      fetch(`${server.url}/admin/organizations`, {
        method: "POST",
        body: new URLSearchParams(fields),
        redirect: "manual",
        headers: { Cookie: admin.cookie, "Sec-Fetch-Site": "same-origin" },
      });
    const bad = await post({ name: "Riverside Clinic", slug: "Not OK!" });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('data-testid="error-summary"');
    expect(badHtml).toContain('value="Riverside Clinic"');
    const ok = await post({ name: "Riverside Clinic", slug: "riverside" });
    expect(ok.status).toBe(303);
    expect(await (await get("/admin/organizations?created=riverside")).text()).toContain('data-org="riverside"');
    expect((await post({ name: "Again", slug: "riverside" })).status).toBe(400);
    expect(await auditRows(env.ctx, { action: "organization.create" })).toHaveLength(1);
  });
});

/**
 * A file large enough for the direct load (≥ 15 MB: 150,000 rows), uploaded over HTTP to a server
 * of its own (a fresh database: no batch mailed yet, so `auto` loads it straight into notices).
 */
describe.skipIf(process.env.TEST_DB_KIND !== "postgres")("a large upload over HTTP (postgres)", () => {
  it("streams to disk, loads straight into notices while the batch page keeps answering, and imports every row", async () => {
    const big = await openTestEnv({ start: new Date() });
    const bigServer = await startTestServer(big);
    try {
      const bigOrg = await createOrganization(big.ctx, await createIncident(big.ctx), { slug: "big-aco" });
      const { cookie } = await signedIn(big.ctx, await createStaff(big.ctx, "admin"));
      const csv = batchCsv(150_000, "L");
      expect(Buffer.byteLength(csv)).toBeGreaterThan(15_000_000);
      const form = new FormData();
      for (const [k, v] of Object.entries({ organizationId: bigOrg.id, mailingDate: "", skipInvalid: "", dryRun: "" })) form.append(k, v);
      form.append("file", new Blob([csv], { type: "text/csv" }), "big.csv");
      const res = await fetch(bigServer.url + "/admin/batches", {
        method: "POST",
        body: form,
        redirect: "manual",
        headers: { Cookie: cookie, "Sec-Fetch-Site": "same-origin" },
      });
      expect(res.status).toBe(303);
      const id = batchIdFrom(res)!;

      // While it loads: the batch page answers (it reads batches and counters, never the locked
      // notices), and notices itself is locked — the direct load is running.
      const seen = { pages: 0, noticesLocked: false };
      for (let status = "importing"; status === "importing";) {
        const page = await fetch(`${bigServer.url}/admin/batches/${id}`, { headers: { Cookie: cookie } });
        expect(page.status).toBe(200);
        status = /data-status="([a-z_]+)"/.exec(await page.text())?.[1] ?? "";
        seen.pages++;
        const probe = await big.database.postgres!.begin(async (tx) => {
          await tx`set local lock_timeout = '50ms'`;
          return tx
            .savepoint((sp) => sp`select 1 from notices limit 1`)
            .then(
              () => "read",
              (e: { code?: string }) => e.code ?? "error",
            );
        });
        if (probe === "55P03") seen.noticesLocked = true;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(seen.noticesLocked).toBe(true);
      expect(seen.pages).toBeGreaterThan(1);
      await waitForWebImports();
      const [b] = await big.ctx.db.select().from(batches).where(eq(batches.id, id));
      expect([b!.status, b!.rowsImported]).toEqual(["awaiting_mailing", 150_000]);
      const [n] = await big.ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from notices where batch_id = ${id}`);
      expect(Number(n!.n)).toBe(150_000);
    } finally {
      await waitForWebImports();
      await bigServer.close();
      await big.close().catch(() => {});
    }
  }, 120_000);
});
