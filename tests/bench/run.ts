// `npm run bench -- <name> [options]`: progress and a human summary, then, as the very last line,
// one JSON object with the figures (DESIGN.md "Benchmarks").
import { runPoolDecay } from "./pool-decay";

const BENCHES: Record<string, (argv: string[]) => Promise<Record<string, unknown>>> = {
  "pool-decay": runPoolDecay,
};

const [name, ...rest] = process.argv.slice(2);
const bench = name ? BENCHES[name] : undefined;
if (!bench) {
  console.error(`Usage: npm run bench -- <${Object.keys(BENCHES).join("|")}> [options]`);
  process.exit(2);
}
const result = await bench(rest);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
