// Issue 15, finding 4: `next` is followed only to a path on our own site. A fuzz over the pieces
// open redirects are made of, checked the way a browser would read the Location we send.
import { describe, expect, it } from "vitest";
import { safeNextPath, safeStaffNextPath } from "~/utils/safe-next";

const SITE = "https://portal.example";
const PIECES = [
  "/",
  "//",
  "\\",
  "/\\",
  "\t",
  "\n",
  "\r",
  "\r\n",
  "%09",
  "%0a",
  "%0d%0a",
  "%2f",
  "%5c",
  "%2e%2e",
  "..",
  ".",
  "@",
  ":",
  "?",
  "#",
  "evil.example",
  "http:",
  "https:",
  "javascript:",
  "data:",
  " ",
  "\u0000",
  "\u007f",
  "\u0085",
  "\u2028",
  "\u3002",
  "．",
  "／",
  "staff",
  "admin",
  "login",
  "faq",
  "x=1",
  "&",
  "%",
  "%%",
  "%ZZ",
  "\u202e",
  "ｅｖｉｌ",
  "/./",
  "/../",
  ";",
  "'",
  '"',
  "<",
  ">",
];

/** Deterministic pseudo-random (the same cases every run, so a failure can be replayed). */
function* cases(count: number): Generator<string> {
  let seed = 0x9e3779b9;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(rand() * 6);
    let s = rand() < 0.8 ? "/" : "";
    for (let j = 0; j < n; j++) s += PIECES[Math.floor(rand() * PIECES.length)];
    yield s;
  }
}

/** What a browser does with a Location header value on our page: it must stay on our site. */
function staysHome(location: string): boolean {
  if (/[\u0000-\u001f\u007f]/.test(location)) return false; // would split the header or be dropped by the browser
  if (!location.startsWith("/") || location.startsWith("//") || location.startsWith("/\\")) return false;
  return new URL(location, SITE).origin === SITE;
}

describe("safe next: the redirect fuzz", () => {
  it("the reported cases go home", () => {
    expect(safeNextPath("/\t/evil.example/phish")).toBe("/");
    expect(safeNextPath("/\r\nSet-Cookie: x=1")).toBe("/");
    expect(safeNextPath("//evil.example")).toBe("/");
    expect(safeNextPath("/\\evil.example")).toBe("/");
    expect(safeNextPath("https://evil.example/")).toBe("/");
    expect(safeNextPath("javascript:alert(1)")).toBe("/");
    expect(safeNextPath(null)).toBe("/");
  });

  it("our own paths come through, query and all", () => {
    expect(safeNextPath("/faq")).toBe("/faq");
    expect(safeNextPath("/guidance/categories?x=1#ssn")).toBe("/guidance/categories?x=1#ssn");
    expect(safeStaffNextPath("/admin/batches")).toBe("/admin/batches");
    expect(safeStaffNextPath("/staff/calls/abc")).toBe("/staff/calls/abc");
  });

  it("the staff next stays inside the staff area and never loops to the login page", () => {
    expect(safeStaffNextPath("/faq")).toBe("/staff");
    expect(safeStaffNextPath("/staff/login")).toBe("/staff");
    expect(safeStaffNextPath("/staff/../faq")).toBe("/staff");
    expect(safeStaffNextPath("/staffing")).toBe("/staff");
  });

  it("20,000 generated values: every answer is a path a browser keeps on our site", () => {
    let followed = 0;
    for (const input of cases(20_000)) {
      for (const result of [safeNextPath(input), safeStaffNextPath(input)]) {
        if (!staysHome(result)) throw new Error(`escapes: ${JSON.stringify(input)} -> ${JSON.stringify(result)}`);
      }
      if (safeNextPath(input) !== "/") followed++;
    }
    // The fuzz is not vacuous: plenty of the values were ours and were followed.
    expect(followed).toBeGreaterThan(1000);
  });
});
