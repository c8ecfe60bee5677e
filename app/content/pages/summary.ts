/**
 * The summary to keep (issue 16, item 11): the "Print or save" block of the exposure page and the
 * PDF made on the server (`/exposure/summary.pdf`). It never holds the activation code or the date
 * of birth. See ./index.ts for the rules every page text follows.
 */
import type { Localized } from "../i18n";

export interface SummaryText {
  /** The block on the exposure page. */
  readonly block: {
    readonly heading: string;
    readonly intro: string;
    readonly printButton: string;
    readonly printNoScript: string;
    readonly pdfLink: string;
  };
  /** The PDF (and the print-only phone list of the page). */
  readonly pdf: {
    readonly title: string;
    readonly fileName: string;
    readonly letter: string;
    readonly stepsHeading: string;
    readonly offerEnroll: string;
    readonly involvedHeading: string;
    readonly phonesHeading: string;
    readonly ourLine: string;
    readonly never: string;
    readonly made: string;
  };
}

export const SUMMARY_TEXT: Localized<SummaryText> = {
  en: {
    block: {
      heading: "Print or save",
      intro: "Keep a short summary: what was involved, what to do, and who to call. It never shows your code or your date of birth.",
      printButton: "Print this page",
      printNoScript: "To print this page, use your browser's Print command.",
      pdfLink: "Download the summary (PDF)",
    },
    pdf: {
      title: "Summary of your letter",
      fileName: "letter-summary.pdf",
      letter: "Letter from {organization}, dated {date}. Reference number: {reference}.",
      stepsHeading: "What to do now",
      offerEnroll: "To enroll, go to {portal} and enter the code from your letter.",
      involvedHeading: "What was involved",
      phonesHeading: "Phone numbers",
      ourLine: "Our call center: {phone}, {hours}.",
      never: "We will never ask for your Social Security number, a bank or card number, or a password by email, text or phone.",
      made: "Made on {made}. This summary does not show your code or your date of birth.",
    },
  },
  es: {
    block: {
      heading: "Imprimir o guardar",
      intro: "Guarde un resumen corto: qué datos estaban, qué hacer y a quién llamar. Nunca muestra su código ni su fecha de nacimiento.",
      printButton: "Imprimir esta página",
      printNoScript: "Para imprimir esta página, use el comando Imprimir de su navegador.",
      pdfLink: "Descargar el resumen (PDF)",
    },
    pdf: {
      title: "Resumen de su carta",
      fileName: "resumen-de-la-carta.pdf",
      letter: "Carta de {organization}, con fecha del {date}. Número de referencia: {reference}.",
      stepsHeading: "Qué hacer ahora",
      offerEnroll: "Para inscribirse, vaya a {portal} y escriba el código de su carta.",
      involvedHeading: "Qué datos estaban en los archivos",
      phonesHeading: "Números de teléfono",
      ourLine: "Nuestro centro de llamadas: {phone}, {hours}.",
      never: "Nunca le pediremos su número de Seguro Social, un número de banco o de tarjeta, ni una contraseña por correo, mensaje de texto o teléfono.",
      made: "Hecho el {made}. Este resumen no muestra su código ni su fecha de nacimiento.",
    },
  },
};
