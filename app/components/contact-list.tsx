import { CONTACTS, type ContactId } from "~/content/contacts";
import type { Lang } from "~/content/i18n";
import { telHref } from "~/utils/format";

/** Phone numbers and web addresses, each with its source shown on the guidance pages. */
export function ContactList({ ids, lang, labels }: { ids: readonly ContactId[]; lang: Lang; labels: { phone: string; website: string } }) {
  if (ids.length === 0) return null;
  return (
    <ul className="ec-contact-list">
      {ids.map((id) => {
        const c = CONTACTS[id];
        const url = (lang === "es" && "urlEs" in c && c.urlEs) || ("url" in c ? c.url : undefined);
        return (
          <li key={id}>
            <strong>{c.name[lang]}</strong>
            {"phone" in c && c.phone ? (
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
