import { CONTACTS, type ContactId } from "~/content/contacts";
import type { Lang } from "~/content/i18n";
import type { MedicaidAgency } from "~/content/medicaid-agencies";
import { telHref } from "~/utils/format";

type Shown = { name: Record<Lang, string>; phone?: string; url?: string; urlEs?: string };

/**
 * Phone numbers and web addresses, each with its source shown on the guidance pages. When the
 * person's state is known, "your state Medicaid agency" becomes that state's agency.
 */
export function ContactList({
  ids,
  lang,
  labels,
  medicaid,
}: {
  ids: readonly ContactId[];
  lang: Lang;
  labels: { phone: string; website: string };
  medicaid?: MedicaidAgency;
}) {
  if (ids.length === 0) return null;
  return (
    <ul className="ec-contact-list">
      {ids.map((id) => {
        const c: Shown =
          id === "state_medicaid" && medicaid ? { name: { en: medicaid.agency, es: medicaid.agency }, phone: medicaid.phone, url: medicaid.url } : CONTACTS[id];
        const url = (lang === "es" && c.urlEs) || c.url;
        return (
          <li key={id}>
            <strong>{c.name[lang]}</strong>
            {c.phone ? (
              <>
                {" — "}
                {labels.phone}: <a href={telHref(c.phone)}>{c.phone}</a>
              </>
            ) : null}
            {url ? (
              <>
                {" — "}
                {labels.website}: <a href={url}>{url.replace(/^https:\/\/(www\.)?/, "").replace(/\/$/, "")}</a>
              </>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
