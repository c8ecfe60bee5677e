// Reference numbers: a keyed Feistel permutation of [0, 10^12), applied to a counter. Every
// import reserves a range of counters, so two notices never get the same number by construction,
// and the numbers still look random (not serial). They are not secret (DESIGN.md).

const HALF = 1_000_000;
/** Six round keys from `key` (at least 24 bytes). */
export function referenceRoundKeys(key: Uint8Array): number[] {
  const b = Buffer.from(key);
  return [0, 1, 2, 3, 4, 5].map((i) => b.readUInt32BE(i * 4));
}
function fmix(x: number, k: number): number {
  let h = Math.imul(x ^ k, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % HALF;
}
/** The reference number of `counter` (0 ≤ counter < 10^12). */
export function permuteReference(roundKeys: number[], counter: number): string {
  let l = Math.floor(counter / HALF);
  let r = counter % HALF;
  for (const k of roundKeys) {
    const nr = (l + fmix(r, k)) % HALF;
    l = r;
    r = nr;
  }
  const s = String(l * HALF + r).padStart(12, "0");
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}
