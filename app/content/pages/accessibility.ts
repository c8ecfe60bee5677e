/** The accessibility statement (`/accessibility`). See ./index.ts for the rules every page text follows. */
import type { Localized } from "../i18n";
import type { Section } from "./shared";

/** Text of the accessibility statement. */
export interface AccessibilityText {
  readonly title: string;
  readonly heading: string;
  readonly sections: readonly Section[];
}

/** Accessibility statement: the WCAG 2.1 AA target and how to ask for another format. */
export const ACCESSIBILITY_TEXT: Localized<AccessibilityText> = {
  en: {
    title: "Accessibility",
    heading: "Accessibility",
    sections: [
      {
        id: "goal",
        heading: "Our goal",
        paragraphs: ["We want everyone to be able to use this website.", "We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.1, level AA."],
      },
      {
        id: "how-it-works",
        heading: "How this website works",
        paragraphs: [],
        bullets: [
          "Every page works without JavaScript.",
          "You can use every page with a keyboard alone.",
          "The pages work with screen readers.",
          "You can zoom in to make the text larger.",
          "Every page is in English and Spanish.",
        ],
      },
      {
        id: "other-format",
        heading: "Ask for another format or language",
        paragraphs: [
          "Call us toll-free at {phone}, {hours}. We can go over your letter with you on the phone.",
          "Tell us if you need another format, such as large print, or another language.",
          "If you are deaf or hard of hearing, or have a speech disability, dial 711 to use a relay service.",
        ],
      },
      {
        id: "report-problem",
        heading: "Tell us about a problem",
        paragraphs: [
          "If part of this website is hard to use, call us at {phone}.",
          "Tell us which page it was and what went wrong. We will help you and work to fix it.",
        ],
      },
    ],
  },
  es: {
    title: "Accesibilidad",
    heading: "Accesibilidad",
    sections: [
      {
        id: "goal",
        heading: "Nuestro objetivo",
        paragraphs: [
          "Queremos que todas las personas puedan usar este sitio web.",
          "Buscamos cumplir las Pautas de Accesibilidad para el Contenido Web (WCAG) 2.1, nivel AA.",
        ],
      },
      {
        id: "how-it-works",
        heading: "Cómo funciona este sitio web",
        paragraphs: [],
        bullets: [
          "Todas las páginas funcionan sin JavaScript.",
          "Puede usar todas las páginas solo con el teclado.",
          "Las páginas funcionan con lectores de pantalla.",
          "Puede ampliar la pantalla para ver el texto más grande.",
          "Todas las páginas están en inglés y en español.",
        ],
      },
      {
        id: "other-format",
        heading: "Pida otro formato u otro idioma",
        paragraphs: [
          "Llámenos gratis al {phone}, {hours}. Podemos revisar su carta con usted por teléfono.",
          "Díganos si necesita otro formato, como letra grande, u otro idioma.",
          "Si es una persona sorda o con problemas de audición o del habla, marque el 711 para usar un servicio de retransmisión.",
        ],
      },
      {
        id: "report-problem",
        heading: "Avísenos si hay un problema",
        paragraphs: [
          "Si alguna parte de este sitio web es difícil de usar, llámenos al {phone}.",
          "Díganos en qué página fue y qué pasó. Le ayudaremos y trabajaremos para corregirlo.",
        ],
      },
    ],
  },
};
