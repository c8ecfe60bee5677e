// `npm run bench -- pool-decay [--seconds 60] [--concurrency 64]`
// Sustained lookups through postgres.js (pool max 10) against local PostgreSQL. postgres.js 3.4.9
// unpatched slows down for as long as load lasts (porsager/postgres#747); with our patch the rate
// holds. Baseline = the first window of this same run; the figure is the last window's ratio to it.
import postgres from "postgres";
import { parseArgs } from "node:util";

export async function runPoolDecay(argv: string[]): Promise<Record<string, number | string>> {
  const { values } = parseArgs({
    args: argv,
    options: { seconds: { type: "string", default: "60" }, concurrency: { type: "string", default: "64" }, url: { type: "string" } },
  });
  const seconds = Number(values.seconds);
  const concurrency = Number(values.concurrency);
  const url = values.url ?? process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  const windowMs = 5000;
  const windows: number[] = [];
  let count = 0;
  let stop = false;
  const started = Date.now();
  const timer = setInterval(() => {
    windows.push(count / (windowMs / 1000));
    console.info(`  window ${windows.length}: ${Math.round(windows.at(-1)!)} queries/s`);
    count = 0;
    if (Date.now() - started >= seconds * 1000) stop = true;
  }, windowMs);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!stop) {
        await sql`select ${count}::int as n`;
        count++;
      }
    }),
  );
  clearInterval(timer);
  await sql.end();
  const baseline = windows[0] ?? 0;
  const last = windows.at(-1) ?? 0;
  console.info(`first window ${Math.round(baseline)} q/s, last ${Math.round(last)} q/s over ${seconds}s`);
  return {
    bench: "pool-decay",
    seconds,
    concurrency,
    baseline_qps: Math.round(baseline),
    last_qps: Math.round(last),
    ratio: Number((last / baseline).toFixed(3)),
  };
}
