import type { ReactNode } from "react";
import { ContactList } from "~/components/contact-list";
import { fill, type Lang, type TemplateVars } from "~/content/i18n";
import type { Section } from "~/content/pages";

/** One content section: paragraphs, then a bulleted list, then numbered steps, then contacts. */
export function TextSection({ section, vars, lang, level = 2 }: { section: Section; vars: TemplateVars; lang: Lang; level?: 2 | 3 }) {
  const H = level === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={section.id} className="margin-bottom-4">
      <H id={section.id}>{fill(section.heading, vars)}</H>
      {section.paragraphs.map((p) => (
        <p key={p}>{fill(p, vars)}</p>
      ))}
      {section.bullets?.length ? (
        <ul className="usa-list">
          {section.bullets.map((b) => (
            <li key={b}>{fill(b, vars)}</li>
          ))}
        </ul>
      ) : null}
      {section.steps?.length ? (
        <ol className="usa-list">
          {section.steps.map((b) => (
            <li key={b}>{fill(b, vars)}</li>
          ))}
        </ol>
      ) : null}
      {section.contacts?.length ? (
        <ContactList
          ids={section.contacts}
          lang={lang}
          labels={lang === "es" ? { phone: "Teléfono", website: "Sitio web" } : { phone: "Phone", website: "Website" }}
        />
      ) : null}
    </section>
  );
}

export function Steps({ heading, steps, vars }: { heading: string; steps: readonly string[]; vars: TemplateVars }) {
  return (
    <section aria-labelledby="steps-heading" className="margin-bottom-4">
      <h2 id="steps-heading">{fill(heading, vars)}</h2>
      <ol className="usa-process-list">
        {steps.map((s) => (
          <li className="usa-process-list__item" key={s}>
            <p className="margin-top-0">{fill(s, vars)}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * A fixed-text public page: heading, intro paragraphs, optional numbered steps, the sections, then
 * anything the page adds (`children`). The shell shared by /genuine, /guidance and /accessibility.
 */
export function TextPage({
  text,
  vars,
  lang,
  children,
}: {
  text: { heading: string; intro?: readonly string[]; stepsHeading?: string; steps?: readonly string[]; sections: readonly Section[] };
  vars: TemplateVars;
  lang: Lang;
  children?: ReactNode;
}) {
  return (
    <div className="padding-top-4 measure-6">
      <h1>{text.heading}</h1>
      {text.intro?.map((p) => (
        <p className="usa-intro" key={p}>
          {fill(p, vars)}
        </p>
      ))}
      {text.stepsHeading && text.steps ? <Steps heading={text.stepsHeading} steps={text.steps} vars={vars} /> : null}
      {text.sections.map((s) => (
        <TextSection key={s.id} section={s} vars={vars} lang={lang} />
      ))}
      {children}
    </div>
  );
}
