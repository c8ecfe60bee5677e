/**
 * Languages of the public portal and the small helpers every content module uses.
 *
 * Pure data and pure functions: no dependencies, safe in the browser and on the server.
 */

/** A language the public pages are written in: English or (Latin-American, usted) Spanish. */
export type Lang = "en" | "es";

/** Every supported language, English first (the default). */
export const LANGS = ["en", "es"] as const satisfies readonly Lang[];

/** The language used when none was chosen (or an unknown one was asked for). */
export const DEFAULT_LANG: Lang = "en";

/** True when `x` is one of {@link LANGS}, e.g. a `?lang=` query value or a cookie. */
export function isLang(x: unknown): x is Lang {
  return typeof x === "string" && (LANGS as readonly string[]).includes(x);
}

/** One value per language. Content objects are `Localized<…>` so en and es stay side by side. */
export type Localized<T> = Record<Lang, T>;

/** Values that {@link fill} can put into a template. */
export type TemplateVars = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9_]*)\}/g;

/**
 * Replaces `{name}` placeholders in a content template with the incident's values
 * (`{phone}`, `{hours}`, `{months}`, `{date}`, `{organization}`, `{minutes}` …).
 * A placeholder without a value is left as it is, so a missing value is visible, never silent.
 *
 * @example fill("Call {phone}.", { phone: "1-833-000-0000" }) // "Call 1-833-000-0000."
 */
export function fill(template: string, vars: TemplateVars): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = Object.hasOwn(vars, name) ? vars[name] : undefined;
    return value === undefined ? whole : String(value);
  });
}

/** The placeholder names used in a template, sorted and without repeats (for tests and checks). */
export function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match[1] !== undefined) names.add(match[1]);
  }
  return [...names].sort();
}
