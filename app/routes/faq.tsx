import { useLoaderData } from "@remix-run/react";
import { fill } from "~/content/i18n";
import { FAQ_TEXT } from "~/content/pages";
import { titleMeta } from "~/http/public-page";
import { publicTextLoader } from "~/http/public-page.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
export const meta = titleMeta(FAQ_TEXT);

export const loader = publicTextLoader;

/** Questions callers ask most: a list of questions linking to their answers (no JS needed). */
export default function FaqPage() {
  const { lang, vars } = useLoaderData<typeof loader>();
  const t = FAQ_TEXT[lang];
  return (
    <div className="padding-top-4 measure-6">
      <h1>{t.heading}</h1>
      <p className="usa-intro">{fill(t.intro, vars)}</p>
      <ul className="usa-list">
        {t.items.map((q) => (
          <li key={q.id}>
            <a href={`#${q.id}`}>{fill(q.question, vars)}</a>
          </li>
        ))}
      </ul>
      {t.items.map((q) => (
        <section key={q.id} aria-labelledby={q.id} className="margin-top-4">
          <h2 id={q.id} className="font-heading-lg">
            {fill(q.question, vars)}
          </h2>
          {q.answer.map((a) => (
            <p key={a}>{fill(a, vars)}</p>
          ))}
        </section>
      ))}
    </div>
  );
}
