/**
 * The one place a `next` (where to go after a step) is read (issue 15, finding 4). A value is
 * followed only if it is a path on our own site: it is resolved against a placeholder origin the
 * way a browser would resolve it against ours, and kept only when the origin did not change. Any
 * control character (a tab or line break that browsers drop, CR/LF that would split a header),
 * a backslash (which browsers read as `/`) or an over-long value gives the fallback instead.
 * The result is the path, query and fragment as the URL parser wrote them: always starting with a
 * single `/`.
 */
const PLACEHOLDER_ORIGIN = "https://next.invalid";
export const NEXT_MAX_CHARS = 2000;

export function safeNextPath(next: string | null | undefined, fallback = "/"): string {
  if (typeof next !== "string" || next === "" || next.length > NEXT_MAX_CHARS) return fallback;
  // C0 controls, DEL, C1 controls, and the backslash: never part of a path we link to.

  if (/[\u0000-\u001f\u007f-\u009f\\]/.test(next)) return fallback;
  if (!next.startsWith("/") || next.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(next, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The parser may have normalized `/./x` or `/a/../x`; what it gives back must still be ours.
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}

/** A `next` inside the staff area: a same-origin path under /staff or /admin, not the login page. */
export function safeStaffNextPath(next: string | null | undefined): string {
  const path = safeNextPath(next, "/staff");
  const pathname = path.split(/[?#]/)[0]!;
  if (!/^\/(staff|admin)(\/|$)/.test(pathname) || /^\/staff\/login(\/|$|\.)/.test(pathname)) return "/staff";
  return path;
}
