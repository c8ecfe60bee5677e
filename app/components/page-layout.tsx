import { Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Lang } from "~/content/i18n";
import { fill } from "~/content/i18n";
import { LAYOUT_TEXT } from "~/content/pages";

export type LayoutIncident = { phone: string; hours: string; organization: string } | null;

/**
 * The public frame: skip link, header with the site name, main navigation, language switch,
 * and a footer with the toll-free number. Works without JavaScript (no menu toggles needed:
 * the navigation is a plain list that wraps on a phone).
 */
export function PublicLayout({ lang, incident, path, children }: { lang: Lang; incident: LayoutIncident; path: string; children: ReactNode }) {
  const t = LAYOUT_TEXT[lang];
  const vars = incident ?? { phone: "", hours: "", organization: "" };
  const other: Lang = lang === "en" ? "es" : "en";
  const nav = [
    ["/", t.nav.home],
    ["/guidance", t.nav.guidance],
    ["/genuine", t.nav.genuine],
    ["/faq", t.nav.faq],
    ["/accessibility", t.nav.accessibility],
  ] as const;
  return (
    <>
      <a className="usa-skipnav" href="#main-content">
        {t.skipLink}
      </a>
      <header className="ec-header">
        <div className="grid-container ec-header__inner">
          <Link to="/" className="ec-header__title">
            {t.siteName}
          </Link>
          <a className="ec-header__lang" href={`/language/${other}?next=${encodeURIComponent(path)}`} lang={other} aria-label={t.langToggle.ariaLabel}>
            {t.langToggle.label}
          </a>
        </div>
        <nav aria-label={t.navLabel} className="ec-nav">
          <ul className="grid-container ec-nav__list">
            {nav.map(([to, label]) => (
              <li key={to}>
                <NavLink to={to} end className={({ isActive }) => (isActive ? "ec-nav__link is-current" : "ec-nav__link")}>
                  {label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main-content" className="grid-container padding-bottom-6" tabIndex={-1}>
        {children}
      </main>
      <footer className="usa-footer usa-footer--slim">
        <div className="usa-footer__secondary-section">
          <div className="grid-container">
            {incident
              ? t.footer.map((line) => (
                  <p key={line} className="margin-y-1">
                    {fill(line, vars)}
                  </p>
                ))
              : null}
          </div>
        </div>
      </footer>
    </>
  );
}
