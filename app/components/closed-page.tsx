import { Link } from "@remix-run/react";
import type { Lang } from "~/content/i18n";
import { ENDED_TEXT, NOT_OPEN_TEXT } from "~/content/closed";

export type ClosedKind = "not_open" | "ended";

/** A plain page for a site with nothing to check: not open yet, or the response has ended. */
export function ClosedPage({ lang, kind }: { lang: Lang; kind: ClosedKind }) {
  const t = (kind === "ended" ? ENDED_TEXT : NOT_OPEN_TEXT)[lang];
  return (
    <div className="grid-row padding-top-4" data-testid={kind === "ended" ? "response-ended" : "not-open"}>
      <div className="tablet-lg:grid-col-8">
        <h1 className="margin-top-0">{t.heading}</h1>
        {t.body.map((p, i) => (
          <p key={p} className={i === 0 ? "usa-intro" : undefined}>
            {p}
          </p>
        ))}
        {t.guidanceLink ? (
          <p>
            <Link to="/guidance">{t.guidanceLink}</Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}

export function closedTitle(lang: Lang, kind: ClosedKind): string {
  return (kind === "ended" ? ENDED_TEXT : NOT_OPEN_TEXT)[lang].title;
}
