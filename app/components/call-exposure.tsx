import { AUDIENCE_NOTES, CATEGORY_GUIDANCE } from "~/content/guidance";
import { CALL_SCRIPTS } from "~/content/calls";
import { fill, type Lang, type TemplateVars } from "~/content/i18n";
import type { CategoryKey } from "~/content/categories";

/**
 * What the caller's exposure page shows, for the agent to read aloud: the involved categories
 * (most serious first) in the caller's language, each with its meaning and steps, the audience
 * notes (minor, deceased), and what was not involved. Same `data-testid="exposed-categories"` and
 * `data-category` attributes as the patient's page (DESIGN.md "Call-center console").
 */
export function CallExposure({
  lang,
  categories,
  audience,
  notInvolved,
  vars,
}: {
  lang: Lang;
  categories: CategoryKey[];
  audience: "adult" | "minor" | "deceased";
  notInvolved: string[];
  vars: TemplateVars;
}) {
  const script = CALL_SCRIPTS[lang];
  return (
    <section aria-labelledby="exposure-heading" lang={lang}>
      <h2 id="exposure-heading">{lang === "es" ? "Qué datos estaban incluidos" : "What was involved"}</h2>
      <p className="ec-script" data-testid="script-explain">
        <span className="usa-tag margin-right-1">Read aloud</span>
        {fill(script.explain, vars)}
      </p>
      <div data-testid="exposed-categories">
        {categories.map((key) => {
          const g = CATEGORY_GUIDANCE[key][lang];
          return (
            <section key={key} data-category={key} className="border-left-05 border-primary padding-left-2 margin-bottom-3" aria-labelledby={`cat-${key}`}>
              <h3 className="margin-bottom-1" id={`cat-${key}`}>
                {g.label}
              </h3>
              <p className="margin-top-0">{fill(g.meaning, vars)}</p>
              <ol className="usa-list margin-top-0">
                {g.actions.map((a) => (
                  <li key={a}>{fill(a, vars)}</li>
                ))}
              </ol>
            </section>
          );
        })}
      </div>
      {audience !== "adult" ? (
        <div className="usa-alert usa-alert--info usa-alert--slim margin-y-2">
          <div className="usa-alert__body">
            <p className="usa-alert__text text-bold">
              {audience === "minor" ? "A minor's letter: the caller is the parent or guardian." : "A deceased person's letter: the caller is the next of kin."}
            </p>
            <ol className="usa-list">
              {AUDIENCE_NOTES[lang][audience].map((n) => (
                <li key={n}>{fill(n, vars)}</li>
              ))}
            </ol>
          </div>
        </div>
      ) : null}
      <p className="text-bold margin-bottom-0">{script.notInvolved}</p>
      <ul className="usa-list margin-top-0" data-testid="not-involved">
        {notInvolved.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </section>
  );
}
