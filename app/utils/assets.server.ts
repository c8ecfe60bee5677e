import { readFileSync } from "node:fs";
import path from "node:path";

/** Without the build step's pruned stylesheet (a bare `remix build`), the full USWDS file and ours. */
const UNPRUNED = ["/uswds/css/uswds.min.css", "/app.css"];
let cached: string[] | undefined;

/**
 * The stylesheets every page links: the one pruned, fingerprinted file that `npm run build` makes
 * (app/styles/build-css.mjs), read once from build/site-css.json.
 */
export function stylesheets(): string[] {
  if (cached) return cached;
  try {
    const { href } = JSON.parse(readFileSync(path.resolve("build/site-css.json"), "utf8")) as { href?: unknown };
    cached = typeof href === "string" && href.startsWith("/build/") ? [href] : UNPRUNED;
  } catch {
    cached = UNPRUNED;
  }
  return cached;
}
