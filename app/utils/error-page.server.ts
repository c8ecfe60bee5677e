import { stylesheets } from "./assets.server";

/**
 * A plain, self-contained error page for answers given outside React (a refused cross-site POST,
 * the database away, an error before Remix). No stack trace, no personal data, both languages.
 */
const TEXT: Record<number, { title: string; en: string; es: string }> = {
  400: {
    title: "We could not read that",
    en: "Part of what was sent was not in the form we expected. Go back and try again.",
    es: "Parte de lo enviado no tenía la forma esperada. Vuelva e inténtelo de nuevo.",
  },
  403: {
    title: "Request refused",
    en: "This form was sent from another website, so we did not accept it. Go to the home page and try again.",
    es: "Este formulario se envió desde otro sitio web, así que no lo aceptamos. Vaya a la página principal e inténtelo de nuevo.",
  },
  404: {
    title: "Page not found",
    en: "We could not find that page. Check the address, or go to the home page.",
    es: "No encontramos esa página. Revise la dirección o vaya a la página principal.",
  },
  408: {
    title: "That took too long",
    en: "What you sent did not arrive in time. Go back and try again.",
    es: "Lo que envió no llegó a tiempo. Vuelva e inténtelo de nuevo.",
  },
  413: {
    title: "Too much was sent",
    en: "What was sent is larger than this page accepts. Go back and try again.",
    es: "Lo enviado es más grande de lo que acepta esta página. Vuelva e inténtelo de nuevo.",
  },
  500: {
    title: "Something went wrong",
    en: "Please try again in a few minutes.",
    es: "Inténtelo de nuevo en unos minutos.",
  },
  503: {
    title: "Please try again shortly",
    en: "The site is busy or being fixed. Nothing you entered was saved. Please try again in a few minutes.",
    es: "El sitio está ocupado o en reparación. No se guardó nada de lo que escribió. Inténtelo de nuevo en unos minutos.",
  },
};

export function errorPageHtml(status: number): string {
  const t = TEXT[status] ?? TEXT[500]!;
  // The site's header and footer around the message, so even a page answered outside React (a
  // refused cross-site form, the database away) looks like ours and has its landmarks.
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Error: ${t.title} — Exposure Check</title>${stylesheets()
    .map((href) => `<link rel="stylesheet" href="${href}">`)
    .join("")}<link rel="icon" href="/favicon.svg" type="image/svg+xml"></head>
<body><a class="usa-skipnav" href="#main-content">Skip to main content</a>
<header class="ec-header"><div class="grid-container ec-header__inner"><a class="ec-header__title" href="/">Exposure Check</a></div></header>
<main class="grid-container padding-y-4" id="main-content" tabindex="-1">
<h1>${t.title}</h1><p class="usa-intro">${t.en}</p><p lang="es">${t.es}</p>
<p><a class="usa-button" href="/">Home / Inicio</a></p></main>
<footer class="usa-footer usa-footer--slim"><div class="usa-footer__secondary-section"><div class="grid-container"><p class="margin-y-1">Exposure Check</p></div></div></footer></body></html>`;
}
