// `npm run bench -- attack [--notices 200000] [--seconds 20] [--rate 10] [--bot-connections 40] [--addresses 5000] [--port 3210]`
// Issue 12 item 4, full size: people check in at a steady rate (their right codes, each from its
// own address) first on a quiet server, then while a bot posts wrong guesses as fast as it can from
// a pool of addresses — random codes, and real letters with wrong dates of birth. Prints the
// people's latency under attack over without it (same run, same server), what the bot got, and
// whether the portal-wide alert fired. BENCH_DATABASE_URL names the PostgreSQL server (a database
// bench_attack is created and dropped). The reduced version runs in CI: tests/security/attack.int.test.ts.
import { createBenchDatabase } from "./fill";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import autocannon, { type Result } from "autocannon";
import { formatActivationCode, generateActivationCode } from "../../app/services/notices/activation-code.server";
import { getCheckFailureAlert } from "../../app/services/notices/alerts.server";
import { fill, secrets, waitFor } from "./check";

const DB_NAME = "bench_attack";

type Run = { rps: number; p50: number; p99: number; statuses: Record<string, number>; errors: number };

function summary(result: Result): Run {
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count]));
  return { rps: result.requests.total / result.duration, p50: result.latency.p50, p99: result.latency.p99, statuses, errors: result.errors + result.timeouts };
}

const form = (code: string, dob: string) => {
  const [y, m, d] = dob.split("-");
  return new URLSearchParams({ code, "dob-month": String(Number(m)), "dob-day": String(Number(d)), "dob-year": y! }).toString();
};

export async function run(argv: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args: argv,
    options: {
      notices: { type: "string", default: "200000" },
      seconds: { type: "string", default: "20" },
      rate: { type: "string", default: "10" },
      "bot-connections": { type: "string", default: "40" },
      addresses: { type: "string", default: "5000" },
      port: { type: "string", default: "3210" },
      "skip-build": { type: "boolean", default: false },
    },
  });
  const [notices, seconds, rate, botConnections, addresses, port] = [
    values.notices,
    values.seconds,
    values.rate,
    values["bot-connections"],
    values.addresses,
    values.port,
  ].map(Number) as [number, number, number, number, number, number];
  if (![notices, seconds, rate, botConnections, addresses].every((x) => x > 0)) throw new Error("options take positive numbers");
  if (!values["skip-build"]) {
    console.info("building for production…");
    if (spawnSync("npm", ["run", "build", "--silent"], { stdio: ["ignore", "ignore", "inherit"] }).status !== 0) throw new Error("build failed");
  }
  const benchDb = await createBenchDatabase(DB_NAME);
  const dbUrl = new URL(benchDb.url);
  const env = secrets(dbUrl.toString(), port);
  console.info(`loading ${notices.toLocaleString()} notices into ${DB_NAME}…`);
  const { database, ctx, people } = await fill(dbUrl.toString(), env, notices);
  // People check in with the first half of the real codes; the bot guesses at the second half.
  const half = Math.floor(people.length / 2);
  const [legitPeople, victims] = [people.slice(0, half), people.slice(half)];

  let child: ChildProcess | undefined;
  try {
    child = spawn(process.execPath, ["--import", "tsx", "app/server.ts"], {
      env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", TRUST_PROXY: "1" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(`${url}/healthz`, child, "our server");

    let p = 0;
    let personIp = 0;
    const legit = () =>
      autocannon({
        url: `${url}/check`,
        connections: Math.max(2, rate),
        overallRate: rate,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            setupRequest: (req) => {
              const person = legitPeople[p++ % legitPeople.length]!;
              const n = ++personIp;
              return {
                ...req,
                method: "POST",
                body: form(person.code, person.dob),
                headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `10.1.${(n >> 8) & 255}.${n & 255}` },
              };
            },
          },
        ],
      });
    let b = 0;
    const bot = () =>
      autocannon({
        url: `${url}/check`,
        connections: botConnections,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            setupRequest: (req) => {
              const n = ++b;
              const a = n % addresses;
              // Nine guesses in ten: a random well-formed code. One in ten: a real letter, wrong date of birth.
              const victim = n % 10 === 0 ? victims[(n / 10) % victims.length] : undefined;
              return {
                ...req,
                method: "POST",
                body: victim ? form(victim.code, "1901-01-01") : form(formatActivationCode(generateActivationCode()), "1970-01-01"),
                headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `172.16.${(a >> 8) & 255}.${a & 255}` },
              };
            },
          },
        ],
      });

    console.info("warming up…");
    await autocannon({ url: `${url}/healthz`, connections: 2, duration: 2 });
    console.info(`people alone: ${rate} checks/s for ${seconds} s`);
    const quiet = summary(await legit());
    console.info(`  p50 ${quiet.p50} ms  p99 ${quiet.p99} ms  ${JSON.stringify(quiet.statuses)}`);
    console.info(`people at ${rate} checks/s while a bot guesses with ${botConnections} connections from ${addresses} addresses, ${seconds} s`);
    const [attackedResult, floodResult] = await Promise.all([legit(), bot()]);
    const underAttack = summary(attackedResult);
    const flood = summary(floodResult);
    console.info(`  people: p50 ${underAttack.p50} ms  p99 ${underAttack.p99} ms  ${JSON.stringify(underAttack.statuses)}  errors ${underAttack.errors}`);
    console.info(
      `  bot:    ${flood.rps.toFixed(0)} req/s  p50 ${flood.p50} ms  p99 ${flood.p99} ms  ${JSON.stringify(flood.statuses)}  errors ${flood.errors}`,
    );
    const alert = await getCheckFailureAlert(ctx);
    const locked = await database.postgres!`select lock_level, count(*)::int as n from notices where lock_level > 0 group by 1 order by 1`;
    const legitOk =
      (underAttack.statuses["303"] ?? 0) /
      Math.max(
        1,
        Object.values(underAttack.statuses).reduce((a, x) => a + x, 0),
      );
    const figures = {
      notices,
      seconds,
      rate,
      bot_connections: botConnections,
      addresses,
      legit_p50_quiet_ms: quiet.p50,
      legit_p99_quiet_ms: quiet.p99,
      legit_p50_attack_ms: underAttack.p50,
      legit_p99_attack_ms: underAttack.p99,
      p50_ratio: +(underAttack.p50 / Math.max(1, quiet.p50)).toFixed(2),
      p99_ratio: +(underAttack.p99 / Math.max(1, quiet.p99)).toFixed(2),
      legit_ok_share: +legitOk.toFixed(4),
      bot_rps: Math.round(flood.rps),
      bot_statuses: flood.statuses,
      bot_sessions: flood.statuses["303"] ?? 0,
      server_errors: Object.entries({ ...flood.statuses, ...underAttack.statuses })
        .filter(([k]) => k.startsWith("5"))
        .reduce((a, [, v]) => a + v, 0),
      alert_raised: alert.raised,
      locked_notices_by_level: Object.fromEntries(locked.map((r) => [String(r.lock_level), r.n])),
    };
    console.info(
      `\nlatency of people under attack / without: p50 ${figures.p50_ratio}×, p99 ${figures.p99_ratio}× (goal: p99 under 100 ms); people let in ${(legitOk * 100).toFixed(1)}%; bot sessions ${figures.bot_sessions}; 5xx ${figures.server_errors}; alert ${alert.raised ? "raised" : "NOT raised"}`,
    );
    await database.close();
    return figures;
  } finally {
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child!.once("exit", r));
    }
    await benchDb.drop();
  }
}
