// (Under app/ because the top level of the repository is fixed; it is a build step, not app code.)
// Build step after `remix build`: the one stylesheet every page loads.
// USWDS's compiled CSS (528 KB) pruned with PurgeCSS to the selectors our pages use (found in the
// app's source and the built server bundle), followed by our own public/app.css, written under a
// content hash to build/client/site-<hash>.css, which the server sends with a one-year immutable
// cache. build/site-css.json names the file for the root layout and the plain error page.
// Decision record: docs/decisions/080-page-weight.md.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PurgeCSS } from "purgecss";

const root = path.resolve(import.meta.dirname, "../..");
const uswds = path.join(root, "node_modules/@uswds/uswds/dist/css/uswds.min.css");
const ours = path.join(root, "public/app.css");
const outDir = path.join(root, "build/client");

// Class names such as `tablet:grid-col-4` carry a colon; the default extractor would split them.
const extractor = (content) => [...new Set([...(content.match(/[\w-]+/g) ?? []), ...(content.match(/[\w:-]+/g) ?? [])])];

const content = [path.join(root, "app/**/*.{ts,tsx}")];
if (existsSync(path.join(root, "build/index.js"))) content.push(path.join(root, "build/index.js"));

const [pruned] = await new PurgeCSS().purge({
  content,
  css: [uswds],
  defaultExtractor: extractor,
  fontFace: true,
  keyframes: true,
  variables: false,
  safelist: {
    standard: ["html", "body", /^usa-sr-only$/, /^usa-focus$/],
    // Focus rings on elements given tabIndex (JSX camel case hides the attribute from the scan).
    greedy: [/usa-skipnav/, /tabindex/i, /contenteditable/i, /^abbr$/, /^class$/, /where/],
  },
});

// PurgeCSS drops rules whose selector has `:where(…)` (links inside .usa-form lost their colour):
// put back each such top-level rule whose class names all occur in our pages.
const sources = readdirSync(path.join(root, "app"), { recursive: true, encoding: "utf8" })
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => path.join(root, "app", f))
  .concat(content.slice(1));
const tokens = new Set(extractor(sources.map((f) => readFileSync(f, "utf8")).join("\n")));
const original = readFileSync(uswds, "utf8");
const whereRules = [...original.matchAll(/(?<=^|\})([^{}@]*:where\([^{}]*)\{[^{}]*\}/g)]
  .filter(([, selector]) => [...selector.matchAll(/\.([\w-]+)/g)].every(([, name]) => tokens.has(name)))
  .map(([rule]) => rule);
pruned.css += whereRules.join("");

// USWDS refers to its fonts and icons relative to its css/ folder; they are served from /uswds/.
const uswdsCss = pruned.css.replace(/url\((['"]?)\.\.\/(fonts|img)\//g, "url($1/uswds/$2/");
const css = `${uswdsCss}\n${readFileSync(ours, "utf8")}`;
const hash = createHash("sha256").update(css).digest("hex").slice(0, 12);
mkdirSync(outDir, { recursive: true });
for (const old of readdirSync(outDir)) if (/^site-[0-9a-f]+\.css$/.test(old)) rmSync(path.join(outDir, old));
const file = `site-${hash}.css`;
writeFileSync(path.join(outDir, file), css);
writeFileSync(path.join(root, "build/site-css.json"), JSON.stringify({ href: `/build/${file}` }) + "\n");
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.info(`[css] ${file}: ${kb(Buffer.byteLength(css))} (USWDS ${kb(readFileSync(uswds).length)} → ${kb(Buffer.byteLength(uswdsCss))})`);
