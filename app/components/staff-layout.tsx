import { Form, Link, NavLink } from "@remix-run/react";
import { createContext, type ReactNode } from "react";
import type { StaffActor } from "~/services/staff/roles";

/** True inside a StaffFrame: an error view there needs no frame of its own. */
export const InStaffFrame = createContext(false);

/** Staff and admin pages have their own frame (English only) instead of the public one. */
export function isStaffPath(pathname: string): boolean {
  return pathname === "/staff" || pathname.startsWith("/staff/") || pathname === "/admin" || pathname.startsWith("/admin/");
}

export type StaffHeaderActor = Pick<StaffActor, "email" | "role"> | null;
export type StaffHeaderNavItem = { path: string; label: string };

/**
 * The frame of every staff and admin page: skip link, a header that says who is signed in with a
 * sign-out button (a POST form: works without JavaScript), the pages the role may open, and a
 * reminder that every access is recorded. No patient data is ever in it.
 */
export function StaffFrame({ actor, nav, children }: { actor: StaffHeaderActor; nav: StaffHeaderNavItem[]; children: ReactNode }) {
  return (
    <InStaffFrame.Provider value={true}>
      <a className="usa-skipnav" href="#main-content">
        Skip to main content
      </a>
      <header className="ec-header" data-testid="staff-header">
        <div className="grid-container ec-header__inner">
          <Link to={actor ? "/staff" : "/staff/login"} className="ec-header__title">
            Exposure Check <span className="text-normal">· Staff</span>
          </Link>
          {actor ? (
            <div className="display-flex flex-align-center flex-wrap ec-gap-3">
              <span data-testid="signed-in-as">
                Signed in as <strong>{actor.email}</strong> ({actor.role})
              </span>
              <Form method="post" action="/staff/logout" reloadDocument>
                <button type="submit" className="usa-button usa-button--outline usa-button--inverse margin-0" data-testid="staff-sign-out">
                  Sign out
                </button>
              </Form>
            </div>
          ) : null}
        </div>
        {actor && nav.length > 0 ? (
          <nav aria-label="Staff" className="ec-nav">
            <ul className="grid-container ec-nav__list">
              {nav.map((item) => (
                <li key={item.path}>
                  <NavLink to={item.path} end className={({ isActive }) => (isActive ? "ec-nav__link is-current" : "ec-nav__link")}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main-content" className="grid-container padding-bottom-6" tabIndex={-1}>
        {children}
      </main>
      <footer className="usa-footer usa-footer--slim">
        <div className="usa-footer__secondary-section">
          <div className="grid-container">
            <p className="margin-y-1">For authorized staff only. Every sign-in, view, search, change and export is recorded.</p>
          </div>
        </div>
      </footer>
    </InStaffFrame.Provider>
  );
}
