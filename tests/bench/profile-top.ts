// `npx tsx tests/bench/profile-top.ts FILE.cpuprofile [--top 25] [--under name]`: where a
// `node --cpu-prof` profile's time went — self time per function, and inclusive time per
// function (counted once per sample even when it recurses). `--under` keeps only samples whose
// stack holds a frame of that name (the check's action, the exposure loader…).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "25" }, under: { type: "string" } } });
const profile = JSON.parse(readFileSync(positionals[0]!, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const label = (n: Node) => {
  const file = n.callFrame.url.replace(/^.*node_modules\//, "").replace(/^.*\/(app|build|db)\//, "$1/");
  return `${n.callFrame.functionName || "(anonymous)"} ${file}:${n.callFrame.lineNumber + 1}`;
};
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
let idle = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  const node = byId.get(id)!;
  if (node.callFrame.functionName === "(idle)") {
    idle += dt;
    return;
  }
  const stack: Node[] = [];
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!);
  if (values.under && !stack.some((n) => n.callFrame.functionName === values.under)) return;
  total += dt;
  self.set(label(node), (self.get(label(node)) ?? 0) + dt);
  for (const l of new Set(stack.map(label))) inclusive.set(l, (inclusive.get(l) ?? 0) + dt);
});
const top = Number(values.top);
const show = (title: string, m: Map<string, number>) => {
  console.info(`\n${title}`);
  for (const [l, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.info(`  ${((100 * t) / total).toFixed(1).padStart(5)} %  ${l}`);
};
console.info(`busy ${(total / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s${values.under ? ` (samples under ${values.under})` : ""}`);
show("self time", self);
show("inclusive time", inclusive);
