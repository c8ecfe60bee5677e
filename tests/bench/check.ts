// `npm run bench -- check [--notices 4452782] [--seconds 20] [--levels 10,50,100] [--port 3200] [--cpu-prof DIR] [--only check|exposure] [--sustain SECONDS] [--accept-encoding VALUE]`
// Notice-day capacity (issue 12): POST /check and GET /exposure of our production server against
// two bare node:http + postgres.js servers (tests/bench/bare-server.ts) on the same database, in
// the same run, at rising concurrency, driven by autocannon. Every request comes from its own
// client address (X-Forwarded-For, TRUST_PROXY=1). Only ratios measured in one run compare: the
// machine is shared. BENCH_DATABASE_URL names the PostgreSQL server (a database bench_check is
// created and dropped). `--cpu-prof DIR` runs our server under `node --cpu-prof` and leaves its
// profile in DIR (open it in Chrome DevTools or summarise it with tests/bench/profile-top.ts).
import { createBenchDatabase } from "./fill";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { createServer as createNetServer } from "node:net";
import { parseArgs } from "node:util";
import autocannon, { type Result } from "autocannon";
import { migrateDatabase, openDatabase } from "../../db/client";
import { createAppContext } from "../../app/services/context.server";
import { formatActivationCode, generateActivationCode, hashActivationCode } from "../../app/services/notices/activation-code.server";
import { patientCookie } from "../../app/http/patient.server";
import { loadConfig } from "../../app/utils/env.server";
import { sha256Hex } from "../../app/utils/crypto.server";

/** Notices with real codes and dates of birth that the load posts (the rest only fill the table). */
const CHECKABLE = 20_000;
const SESSIONS = 5_000;

export type Level = {
  server: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  errors: number;
  decay: number;
  /** CPU the server process used per answered request (user + system), ms: robust on a busy machine. */
  cpuMs: number;
  /** CPU all local PostgreSQL processes used per answered request, ms (NaN when not on Linux). */
  dbCpuMs: number;
  /** Requests answered in each second of the run (the last, partial one left out). */
  perSecond: number[];
};

/** User + system CPU time of a process so far, in ms (Linux /proc; NaN elsewhere). */
function cpuTimeMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

export function secrets(url: string, port: number) {
  return {
    NODE_ENV: "production" as const,
    DATABASE_URL: url,
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    CODE_PEPPER: randomBytes(32).toString("base64url"),
    DATA_KEYS: `b1:${randomBytes(32).toString("base64")}`,
    AUDIT_SEAL_KEY: randomBytes(32).toString("base64url"),
    PUBLIC_URL: `http://localhost:${port}`,
  };
}

export async function fill(url: string, env: ReturnType<typeof secrets>, notices: number) {
  const database = await openDatabase({ url });
  await migrateDatabase(database);
  const config = loadConfig(env);
  const ctx = createAppContext(database, config);
  const sql = database.postgres!;
  const t = performance.now();
  await sql.unsafe(`insert into incidents (id, slug, name, breached_entity, intrusion_start, intrusion_end, discovered_on, review_ended_on, notice_date,
      what_happened, what_we_are_doing, not_involved, toll_free_phone, phone_hours, enroll_by, partner_name, partner_url, partner_phone, retain_until)
    values ('00000000-0000-0000-0000-000000000001', 'bench', 'Bench incident', 'Bench LLC', '2023-07-14', '2023-07-23', '2023-07-24', '2023-10-24', '2023-12-22',
      '{"en":"Someone got into a computer system.","es":"Alguien entró en un sistema."}', '{"en":"We are telling everyone.","es":"Avisamos a todos."}',
      '{"en":["Credit card numbers"],"es":["Números de tarjetas"]}', '1-855-555-0100', '{"en":"9 to 5","es":"9 a 5"}', '2099-03-22', 'TransUnion', 'https://example.org', '1-855-555-0101', '2099-12-22')`);
  await sql.unsafe(`insert into organizations (id, incident_id, slug, name)
    select ('00000000-0000-0000-0001-' || lpad(g::text, 12, '0'))::uuid, '00000000-0000-0000-0000-000000000001', 'org-' || g, 'Organization ' || g from generate_series(1, 17) g`);
  await sql.unsafe(`insert into batches (id, incident_id, organization_id, file_name, file_sha256, status, mailing_date, mailed_on)
    select ('00000000-0000-0000-0002-' || lpad(g::text, 12, '0'))::uuid, '00000000-0000-0000-0000-000000000001',
      ('00000000-0000-0000-0001-' || lpad(g::text, 12, '0'))::uuid, 'b.csv', md5(g::text), 'mailed', '2023-12-22', '2023-12-22' from generate_series(1, 17) g`);
  const filler = Math.max(0, notices - CHECKABLE);
  await sql.begin(async (tx) => {
    await tx.unsafe("select set_config('ec.bulk_import', 'on', true)");
    await tx.unsafe(`insert into notices (incident_id, organization_id, batch_id, reference_number, code_hash, external_id_hash, categories, state)
      select '00000000-0000-0000-0000-000000000001', ('00000000-0000-0000-0001-' || lpad((1 + g % 17)::text, 12, '0'))::uuid,
        ('00000000-0000-0000-0002-' || lpad((1 + g % 17)::text, 12, '0'))::uuid, 'F' || lpad(g::text, 11, '0'),
        decode(md5('c' || g) || md5('d' || g), 'hex'), decode(md5('e' || g), 'hex'), array['name','address','date_of_birth'], 'MI'
      from generate_series(1, ${filler}) g`);
  });
  const people: { code: string; dob: string }[] = [];
  for (let i = 0; i < Math.min(CHECKABLE, notices); i += 2000) {
    const rows = [];
    for (let j = i; j < Math.min(i + 2000, CHECKABLE, notices); j++) {
      const code = generateActivationCode();
      const dob = `19${String(30 + (j % 70)).padStart(2, "0")}-${String(1 + (j % 12)).padStart(2, "0")}-${String(1 + (j % 28)).padStart(2, "0")}`;
      people.push({ code: formatActivationCode(code), dob });
      rows.push({
        incident_id: "00000000-0000-0000-0000-000000000001",
        organization_id: `00000000-0000-0000-0001-${String(1 + (j % 17)).padStart(12, "0")}`,
        batch_id: `00000000-0000-0000-0002-${String(1 + (j % 17)).padStart(12, "0")}`,
        reference_number: `R${String(j).padStart(11, "0")}`,
        code_hash: hashActivationCode(config.codePepper, code),
        external_id_hash: Buffer.from(sha256Hex(`x${j}`), "hex"),
        categories: ["name", "date_of_birth", "ssn", "diagnosis", "health_insurance"],
        state: "MI",
        language: j % 8 === 0 ? "es" : "en",
        dob_enc: ctx.cipher.encrypt("dob", dob),
      });
    }
    await sql`insert into notices ${sql(rows)}`;
  }
  await sql.unsafe("analyze");
  console.info(`  ${notices.toLocaleString()} notices in ${((performance.now() - t) / 1000).toFixed(1)} s (${people.length.toLocaleString()} with real codes)`);
  return { database, ctx, config, people };
}

/** Refuse to start on a port something else answers on: the load would measure that instead. */
export async function assertPortsFree(ports: number[]): Promise<void> {
  for (const port of ports) {
    await new Promise<void>((resolve, reject) => {
      const probe = createNetServer();
      probe.once("error", () => reject(new Error(`port ${port} is in use: choose another with --port`)));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
    });
  }
}

export async function waitFor(url: string, child: ChildProcess, label: string) {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${label} did not start`);
}

let ipCounter = 0;
const nextIp = () => {
  const n = ++ipCounter;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

/**
 * User + system CPU time of every PostgreSQL process on this machine so far, in ms (Linux /proc):
 * the database's share of a request, when the bench's database server is local.
 */
function databaseCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (!stat.includes("(postgres)")) continue;
      const fields = stat.split(") ")[1]!.split(" ");
      total += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

export async function load(
  label: string,
  url: string,
  connections: number,
  seconds: number,
  request: () => { method: string; body?: string; headers: Record<string, string> },
  okStatus: number,
  pid?: number,
): Promise<Level> {
  const ticks: number[] = [];
  const cpuBefore = cpuTimeMs(pid);
  const dbCpuBefore = databaseCpuMs();
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [{ setupRequest: (req) => ({ ...req, ...request() }) }],
  });
  instance.on("tick", ({ counter }) => ticks.push(counter));
  const result: Result = await instance;
  const cpuUsed = cpuTimeMs(pid) - cpuBefore;
  const dbCpuUsed = databaseCpuMs() - dbCpuBefore;
  // The last tick can be a partial second: leave it out of the decay figure.
  if (ticks.length > 3) ticks.pop();
  const third = Math.max(1, Math.floor(ticks.length / 3));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const decay = ticks.length >= 3 ? mean(ticks.slice(-third)) / Math.max(1, mean(ticks.slice(0, third))) : 1;
  const ok = result.statusCodeStats[String(okStatus)]?.count ?? 0;
  const total = Object.values(result.statusCodeStats).reduce((a, s) => a + s.count, 0);
  const level: Level = {
    server: label,
    connections,
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: total ? ok / total : 0,
    errors: result.errors + result.timeouts,
    decay,
    cpuMs: cpuUsed / Math.max(1, total),
    dbCpuMs: dbCpuUsed / Math.max(1, total),
    perSecond: ticks,
  };
  console.info(
    `  ${label.padEnd(14)} c=${String(connections).padStart(3)}  ${level.rps.toFixed(0).padStart(6)} req/s  p50 ${String(level.p50).padStart(5)} ms  p99 ${String(level.p99).padStart(5)} ms  ${(level.ok * 100).toFixed(1)}% ${okStatus}  errors ${level.errors}  last/first third ${decay.toFixed(2)}  CPU ${level.cpuMs.toFixed(2)} ms/req (database ${level.dbCpuMs.toFixed(2)})`,
  );
  return level;
}

export async function run(argv: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args: argv,
    options: {
      notices: { type: "string", default: "4452782" },
      seconds: { type: "string", default: "20" },
      levels: { type: "string", default: "10,50,100" },
      port: { type: "string", default: "3200" },
      "skip-build": { type: "boolean", default: false },
      "cpu-prof": { type: "string" },
      /** Run one part only (a profile of one request kind): check | exposure. */
      only: { type: "string" },
      /** After the levels, our check alone at the highest level for this many seconds: throughput minute by minute. */
      sustain: { type: "string", default: "0" },
      /** Send this Accept-Encoding on our exposure requests, as browsers do (e.g. "gzip, deflate, br, zstd"). */
      "accept-encoding": { type: "string" },
    },
  });
  const notices = Number(values.notices);
  const seconds = Number(values.seconds);
  const levels = values.levels!.split(",").map(Number);
  const port = Number(values.port);
  if (!(notices > 0) || !(seconds > 0) || levels.some((c) => !(c > 0))) throw new Error("--notices, --seconds and --levels take positive numbers");
  const only = values.only;
  if (only !== undefined && only !== "check" && only !== "exposure") throw new Error("--only takes check or exposure");

  if (!values["skip-build"]) {
    console.info("building for production…");
    const b = spawnSync("npm", ["run", "build", "--silent"], { stdio: ["ignore", "ignore", "inherit"] });
    if (b.status !== 0) throw new Error("build failed");
  }
  // Named by the port, so two runs on other ports (two developers on one machine) do not share it.
  const dbName = port === 3200 ? "bench_check" : `bench_check_${port}`;
  await assertPortsFree([port, port + 1, port + 2]);
  const benchDb = await createBenchDatabase(dbName);
  const dbUrl = new URL(benchDb.url);
  const env = secrets(dbUrl.toString(), port);
  console.info(`loading ${notices.toLocaleString()} notices into ${dbName}…`);
  const { database, config, people } = await fill(dbUrl.toString(), env, notices);

  const children: ChildProcess[] = [];
  const start = (label: string, args: string[], extra: Record<string, string>, nodeFlags: string[] = []) => {
    const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", ...args], {
      env: { ...process.env, ...env, ...extra },
      stdio: ["ignore", "ignore", "inherit"],
    });
    children.push(child);
    return child;
  };
  const ours = `http://127.0.0.1:${port}`;
  const lookup = `http://127.0.0.1:${port + 1}`;
  const bare = `http://127.0.0.1:${port + 2}`;
  try {
    const o = start(
      "ours",
      ["app/server.ts"],
      { PORT: String(port), HOST: "127.0.0.1", TRUST_PROXY: "1" },
      values["cpu-prof"] ? ["--cpu-prof", "--cpu-prof-dir", values["cpu-prof"]] : [],
    );
    const l = start("lookup", ["tests/bench/bare-server.ts", "lookup", String(port + 1)], {});
    const c = start("bare check", ["tests/bench/bare-server.ts", "check", String(port + 2)], {});
    await Promise.all([waitFor(`${ours}/healthz`, o, "our server"), waitFor(lookup, l, "bare lookup"), waitFor(bare, c, "bare check")]);

    let n = 0;
    const checkRequest = () => {
      const p = people[n++ % people.length]!;
      const [y, m, d] = p.dob.split("-");
      return {
        method: "POST",
        body: new URLSearchParams({ code: p.code, "dob-month": String(Number(m)), "dob-day": String(Number(d)), "dob-year": y! }).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": nextIp() },
      };
    };
    // Warm-up, not counted.
    for (const [label, url] of [
      ["ours", `${ours}/check`],
      ["lookup", lookup],
      ["bare check", bare],
    ] as const)
      await load(`${label} (warm)`, url, 10, 3, checkRequest, 303);

    console.info(`\nPOST /check, ${seconds} s per level:`);
    const check: Level[] = [];
    for (const connections of only === "exposure" ? [] : levels) {
      check.push(await load("bare lookup", lookup, connections, seconds, checkRequest, 303, l.pid));
      check.push(await load("bare check", bare, connections, seconds, checkRequest, 303, c.pid));
      check.push(await load("our /check", `${ours}/check`, connections, seconds, checkRequest, 303, o.pid));
    }

    const sustainSeconds = Number(values.sustain);
    let sustained: Record<string, unknown> | undefined;
    if (sustainSeconds > 0 && only !== "exposure") {
      const connections = Math.max(...levels);
      console.info(`\nPOST /check sustained: ${connections} connections for ${sustainSeconds} s`);
      const run = await load("our /check", `${ours}/check`, connections, sustainSeconds, checkRequest, 303, o.pid);
      const minutes: number[] = [];
      for (let i = 0; i + 60 <= run.perSecond.length; i += 60) minutes.push(Math.round(run.perSecond.slice(i, i + 60).reduce((a, b) => a + b, 0) / 60));
      console.info(`  req/s minute by minute: ${minutes.join(", ")}`);
      const [rows] =
        await database.postgres!`select (select count(*) from audit_events)::int as audit, (select count(*) from patient_sessions)::int as sessions`;
      console.info(`  afterwards: ${rows!.audit.toLocaleString()} audit rows, ${rows!.sessions.toLocaleString()} patient sessions`);
      sustained = {
        connections,
        seconds: sustainSeconds,
        rps: Math.round(run.rps),
        p50_ms: run.p50,
        p99_ms: run.p99,
        per_minute_rps: minutes,
        last_over_first_minute: minutes.length >= 2 ? +(minutes.at(-1)! / Math.max(1, minutes[0]!)).toFixed(2) : null,
        cpu_ms: +run.cpuMs.toFixed(2),
        db_cpu_ms: +run.dbCpuMs.toFixed(2),
      };
    }

    // Sessions as a check leaves them, made directly (a check each would take minutes at full size).
    const cookie = patientCookie(config);
    const ids = await database.postgres!`select id from notices where dob_enc is not null order by id limit ${SESSIONS}`;
    const cookies: string[] = [];
    const sessionRows = [];
    for (const { id } of ids) {
      const token = randomBytes(32).toString("base64url");
      sessionRows.push({ token_hash: sha256Hex(token), notice_id: Number(id), created_at: new Date().toISOString(), last_seen_at: new Date().toISOString() });
      cookies.push((await cookie.serialize(token)).split(";")[0]!);
    }
    for (let i = 0; i < sessionRows.length; i += 1000)
      await database.postgres!`insert into patient_sessions ${database.postgres!(sessionRows.slice(i, i + 1000))}`;
    let k = 0;
    const encoding: Record<string, string> = values["accept-encoding"] ? { "accept-encoding": values["accept-encoding"] } : {};
    const exposureRequest = () => ({
      method: "GET",
      headers: { cookie: `${cookies[k++ % cookies.length]!}; ec_lang=en`, "x-forwarded-for": nextIp(), ...encoding },
    });
    // Warm-up of the page itself (its templates, its statement), not counted.
    if (only !== "check") await load("ours (warm)", `${ours}/exposure`, 10, 3, exposureRequest, 200);
    console.info(`\nGET /exposure with a session vs the bare lookup, ${seconds} s per level:`);
    const exposure: Level[] = [];
    for (const connections of only === "check" ? [] : levels) {
      exposure.push(await load("bare lookup", lookup, connections, seconds, checkRequest, 303, l.pid));
      exposure.push(await load("our /exposure", `${ours}/exposure`, connections, seconds, exposureRequest, 200, o.pid));
    }

    const at = (list: Level[], server: string, c: number) => list.find((x) => x.server === server && x.connections === c);
    const figures: Record<string, unknown> = {
      notices,
      seconds,
      levels,
      ...(only ? { only } : {}),
      ...(values["accept-encoding"] ? { accept_encoding: values["accept-encoding"] } : {}),
    };
    console.info("\nratios (same run):");
    for (const c of levels) {
      const r: Record<string, number> = {};
      const lines: string[] = [];
      const ours_ = at(check, "our /check", c);
      const bareCheck = at(check, "bare check", c);
      const bareLookup = at(check, "bare lookup", c);
      if (ours_ && bareCheck && bareLookup) {
        Object.assign(r, {
          check_rps: Math.round(ours_.rps),
          check_p50_ms: ours_.p50,
          check_p99_ms: ours_.p99,
          check_decay: +ours_.decay.toFixed(2),
          bare_check_rps: Math.round(bareCheck.rps),
          bare_lookup_rps: Math.round(bareLookup.rps),
          check_vs_bare_check: +(ours_.rps / bareCheck.rps).toFixed(3),
          // CPU per request of each server process: on a busy machine, a steadier view than req/s.
          check_cpu_ms: +ours_.cpuMs.toFixed(2),
          bare_check_cpu_ms: +bareCheck.cpuMs.toFixed(2),
          check_db_cpu_ms: +ours_.dbCpuMs.toFixed(2),
          bare_check_db_cpu_ms: +bareCheck.dbCpuMs.toFixed(2),
        });
        lines.push(
          `check ${r.check_vs_bare_check}× the bare check (goal ≥ 0.5), p99 ${r.check_p99_ms} ms (goal < 250 at 50), CPU ${r.check_cpu_ms} ms/request (bare ${r.bare_check_cpu_ms}), database CPU ${r.check_db_cpu_ms} ms/request (bare ${r.bare_check_db_cpu_ms})`,
        );
      }
      const exp = at(exposure, "our /exposure", c);
      const expLookup = at(exposure, "bare lookup", c);
      if (exp && expLookup) {
        Object.assign(r, {
          exposure_rps: Math.round(exp.rps),
          exposure_p50_ms: exp.p50,
          exposure_p99_ms: exp.p99,
          exposure_decay: +exp.decay.toFixed(2),
          exposure_vs_bare_lookup: +(exp.rps / expLookup.rps).toFixed(3),
          exposure_cpu_ms: +exp.cpuMs.toFixed(2),
          bare_lookup_cpu_ms: +expLookup.cpuMs.toFixed(2),
          exposure_db_cpu_ms: +exp.dbCpuMs.toFixed(2),
          bare_lookup_db_cpu_ms: +expLookup.dbCpuMs.toFixed(2),
        });
        lines.push(
          `exposure ${r.exposure_vs_bare_lookup}× the bare lookup (goal ≥ 0.25), CPU ${r.exposure_cpu_ms} ms/request (bare lookup ${r.bare_lookup_cpu_ms}), database CPU ${r.exposure_db_cpu_ms} ms/request (bare ${r.bare_lookup_db_cpu_ms})`,
        );
      }
      console.info(`  c=${c}: ${lines.join("; ")}`);
      figures[`c${c}`] = r;
    }
    if (sustained) figures.sustained = sustained;
    await database.close();
    return figures;
  } finally {
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(children.map((ch) => (ch.exitCode === null ? new Promise((r) => ch.once("exit", r)) : null)));
    await benchDb.drop();
  }
}
