// @ts-check
// `npm run build:native` (and npm install's postinstall): build the optional OpenSSL sealing binding.
//
// Optional the way bufferutil or argon2's fallback are: with no C compiler (or no node-gyp) the
// install goes on, prints one line, and batch imports use the portable node:crypto path. The new
// binding is built in a temporary directory, loaded once to prove it works, and only then moved
// over the old one (a rename), so a failed rebuild never removes a binding that worked.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const target = path.join(here, "build/Release/ec_seal.node");
/** @param {string} line */
const say = (line) => console.warn(`ec_seal: ${line}`);

if (process.env.EC_NATIVE_SEAL === "off") {
  say("EC_NATIVE_SEAL=off: not built; batch imports use the portable node:crypto path.");
  process.exit(0);
}

const work = mkdtempSync(path.join(os.tmpdir(), "ec-seal-build-"));
try {
  for (const f of ["binding.gyp", "ec_seal.c"]) copyFileSync(path.join(here, f), path.join(work, f));
  // Output kept, shown only on failure with EC_NATIVE_SEAL_VERBOSE=1 (a missing compiler is normal).
  const run = spawnSync("node-gyp", ["rebuild", "--silent"], { cwd: work, encoding: "utf8", shell: process.platform === "win32" });
  const built = path.join(work, "build/Release/ec_seal.node");
  if (run.status !== 0 || !existsSync(built)) {
    const why = /** @type {NodeJS.ErrnoException | undefined} */ (run.error)?.code === "ENOENT" ? "node-gyp not found" : "no C compiler or OpenSSL headers?";
    const kept = existsSync(target) ? " The binding built before is kept." : " Batch imports use the portable node:crypto path.";
    say(`not built (${why}).${kept}`);
    if (process.env.EC_NATIVE_SEAL_VERBOSE) console.warn(`${run.stdout ?? ""}${run.stderr ?? ""}`);
    process.exit(0);
  }
  createRequire(import.meta.url)(built); // loads, or throws before anything is replaced
  mkdirSync(path.dirname(target), { recursive: true });
  const staged = `${target}.${process.pid}.new`;
  copyFileSync(built, staged);
  renameSync(staged, target);
  say("built; batch imports seal through OpenSSL directly.");
} catch (error) {
  const kept = existsSync(target) ? " The binding built before is kept." : " Batch imports use the portable node:crypto path.";
  say(`not built (${error instanceof Error ? error.message.split("\n")[0] : String(error)}).${kept}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
