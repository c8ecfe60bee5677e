import type { Localized } from "./i18n";

/**
 * The two pages the public site shows when there is nothing to check: before an incident is set
 * up ("not open yet"), and after its response has ended (retention date reached, data purged).
 * Short sentences, the most important first.
 */
export type ClosedText = { title: string; heading: string; body: string[]; guidanceLink?: string };

export const NOT_OPEN_TEXT: Localized<ClosedText> = {
  en: {
    title: "Exposure Check: not open yet",
    heading: "This website is not open yet",
    body: ["There is nothing to check here yet.", "If you got a letter about a data breach, call the phone number printed on your letter."],
  },
  es: {
    title: "Exposure Check: todavía no está abierto",
    heading: "Este sitio web todavía no está abierto",
    body: [
      "Todavía no hay nada que consultar aquí.",
      "Si recibió una carta sobre una filtración de datos, llame al número de teléfono que aparece en su carta.",
    ],
  },
};

export const ENDED_TEXT: Localized<ClosedText> = {
  en: {
    title: "Exposure Check: this response has ended",
    heading: "This response has ended",
    body: [
      "The response to this data breach is over. Activation codes no longer work.",
      "Personal information kept for the response has been deleted, as the letter said it would be.",
      "You can still protect yourself: get your free credit reports at annualcreditreport.com or 1-877-322-8228, and report identity theft at IdentityTheft.gov or 1-877-438-4338.",
    ],
    guidanceLink: "How to protect yourself",
  },
  es: {
    title: "Exposure Check: esta respuesta ha terminado",
    heading: "Esta respuesta ha terminado",
    body: [
      "La respuesta a esta filtración de datos terminó. Los códigos de activación ya no funcionan.",
      "La información personal que se guardó para la respuesta fue borrada, como decía la carta.",
      "Todavía puede protegerse: pida sus informes de crédito gratis en annualcreditreport.com o al 1-877-322-8228, y reporte el robo de identidad en IdentityTheft.gov o al 1-877-438-4338.",
    ],
    guidanceLink: "Cómo protegerse",
  },
};
