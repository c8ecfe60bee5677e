// The optional OpenSSL binding of the import's sealing (./native/ec_seal.c; decision 019): where
// npm install builds it, what it exports, and loading it once per file.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where `npm install` builds the OpenSSL binding, for the batches directory `dir`. */
export function nativeSealPath(dir = path.dirname(fileURLToPath(import.meta.url))): string {
  return path.join(dir, "native/build/Release/ec_seal.node");
}

/** What ./native/ec_seal.c exports. */
export type NativeSeal = {
  hmacSha256: (key: Uint8Array, data: Uint8Array, ends: Uint32Array, out: Uint8Array) => void;
  sealCopy: (
    key: Uint8Array,
    prefix: Uint8Array,
    pepper: Uint8Array,
    heads: Uint8Array,
    headEnds: Uint32Array,
    plain: Uint8Array,
    plainEnds: Uint32Array,
    aads: Uint8Array,
    aadEnds: Uint32Array,
    hashData: Uint8Array,
    hashEnds: Uint32Array,
    out: Uint8Array,
    outStart: number,
  ) => number;
};

const loaded = new Map<string, NativeSeal | null>();
/**
 * The OpenSSL binding at `file`, or null when it is not built (EC_NATIVE_SEAL=off: the pool
 * passes no file at all).
 */
export function loadNativeSeal(file: string): NativeSeal | null {
  if (!loaded.has(file)) loaded.set(file, existsSync(file) ? (createRequire(import.meta.url)(file) as NativeSeal) : null);
  return loaded.get(file) ?? null;
}
