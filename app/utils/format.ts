import type { Lang } from "~/content/i18n";

/** One formatter per language, made once: constructing an Intl.DateTimeFormat costs far more than using it. */
const DATE_FORMATS: Record<Lang, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }),
  es: new Intl.DateTimeFormat("es-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }),
};

/** "2027-02-11" → "February 11, 2027" / "11 de febrero de 2027", in UTC so the day never shifts. */
export function formatDate(isoDate: string, lang: Lang): string {
  const d = new Date(`${isoDate.slice(0, 10)}T12:00:00Z`);
  return DATE_FORMATS[lang === "es" ? "es" : "en"].format(d);
}

/** A phone number as a tel: link target. */
export function telHref(phone: string): string {
  return `tel:+1${phone.replace(/\D/g, "").replace(/^1/, "")}`;
}
