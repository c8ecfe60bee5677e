/**
 * "Error: " before the page title when a page shows errors (a refused form, an error page), so a
 * screen reader says so first when the page loads (GOV.UK's pattern; WCAG 3.3.1 and 2.4.2).
 *
 * A page rendered with status 4xx/5xx gets the prefix in the server's HTML (entry.server). The
 * browser script takes it off before React hydrates (so the markup matches) and puts it back
 * after; a form refused during a JavaScript navigation adds it from the error summary. The text
 * node is changed in place, so React's own title updates on the next navigation replace it.
 */
export const ERROR_TITLE_PREFIX = "Error: ";

export function setErrorTitle(on: boolean): void {
  if (typeof document === "undefined") return;
  const node = document.querySelector("head title")?.firstChild;
  if (!node || node.nodeType !== Node.TEXT_NODE) return;
  const text = node.nodeValue ?? "";
  if (on && !text.startsWith(ERROR_TITLE_PREFIX)) node.nodeValue = ERROR_TITLE_PREFIX + text;
  if (!on && text.startsWith(ERROR_TITLE_PREFIX)) node.nodeValue = text.slice(ERROR_TITLE_PREFIX.length);
}
