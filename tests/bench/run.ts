// `npm run bench -- <name> [options]`: runs one benchmark. Each prints progress and a human
// summary, and as its LAST line one JSON object with its figures (DESIGN.md "Benchmarks").
// Add a bench: a module exporting `run(args: string[]): Promise<Record<string, unknown>>`, listed below.
const BENCHES: Record<string, () => Promise<{ run(args: string[]): Promise<Record<string, unknown>> }>> = {
  import: () => import("./import"),
  reports: () => import("./reports"),
  lookup: () => import("./lookup"),
  lighthouse: () => import("./lighthouse"),
  check: () => import("./check"),
  purge: () => import("./purge"),
  attack: () => import("./attack"),
  "pool-decay": async () => ({ run: (await import("./pool-decay")).runPoolDecay }),
};

async function main() {
  const [name, ...args] = process.argv.slice(2);
  const load = name ? BENCHES[name] : undefined;
  if (!load) {
    console.error(`Usage: npm run bench -- <${Object.keys(BENCHES).join("|")}> [options]`);
    process.exit(2);
  }
  const figures = await (await load()).run(args);
  console.log(JSON.stringify({ bench: name, ...figures }));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
