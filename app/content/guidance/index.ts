/**
 * What each involved category means and what to do about it, in English and Spanish.
 *
 * Sources: DESIGN.md "Guidance facts" (FTC, IRS, CMS, the three bureaus) and the category
 * catalog's labels. Phone numbers and addresses are in `./contacts.ts`, each with its source.
 * Written for frightened readers on a phone: one or two short sentences of meaning, then two or
 * three imperative steps, most important first. Nothing here asks anyone to send a Social
 * Security number anywhere.
 */
import type { CategoryKey } from "../categories";
import type { Lang, Localized } from "../i18n";
import { BILLING_GUIDANCE } from "./billing";
import type { CategoryGuidance } from "./entry";
import { IDENTITY_GUIDANCE } from "./identity";
import { INSURANCE_GUIDANCE } from "./insurance";
import { MEDICAL_GUIDANCE } from "./medical";

export type { CategoryGuidance } from "./entry";
export { DECEASED_GUIDANCE, guidanceFor, MINOR_GUIDANCE, type GuidanceAudience } from "./audiences";

/** Guidance for every category in both languages (the type makes sure none is missing). */
export const CATEGORY_GUIDANCE: Readonly<Record<CategoryKey, Localized<CategoryGuidance>>> = {
  ...IDENTITY_GUIDANCE,
  ...MEDICAL_GUIDANCE,
  ...INSURANCE_GUIDANCE,
  ...BILLING_GUIDANCE,
};

/** The label of a category in a language (English labels are exactly DESIGN.md's). */
export function categoryLabel(key: CategoryKey, lang: Lang): string {
  return CATEGORY_GUIDANCE[key][lang].label;
}

/** Extra steps for letters not addressed to the person themselves. */
export interface AudienceNotes {
  /** To the parent or guardian of a person under 18. */
  readonly minor: readonly string[];
  /** To the next of kin of a person who has died. */
  readonly deceased: readonly string[];
}

/**
 * Extra steps shown on the exposure page for a minor's letter (speaking to the parent or
 * guardian) and for a deceased person's letter (speaking to the next of kin).
 * Source: DESIGN.md "Guidance facts" (free freeze for children under 16 placed by a parent;
 * the "deceased — do not issue credit" flag).
 */
export const AUDIENCE_NOTES: Localized<AudienceNotes> = {
  en: {
    minor: [
      "Check whether your child has a credit report. Most children do not, so a report can be a sign of identity theft.",
      "Ask Equifax, Experian and TransUnion for a free credit freeze for your child. A parent or guardian can do this for a child under 16.",
      "Each bureau will tell you which papers to send, such as a copy of your child's birth certificate.",
      "Read every Explanation of Benefits for your child and look for care your child did not get.",
    ],
    deceased: [
      "Ask Equifax, Experian and TransUnion to add a “deceased — do not issue credit” flag to the person's credit report.",
      "Send each bureau a copy of the death certificate. If they ask, also send proof that you can handle the person's affairs.",
      "Read any Explanation of Benefits or Medicare Summary Notice that still comes, and report care the person did not get.",
    ],
  },
  es: {
    minor: [
      "Averigüe si su hijo o hija tiene un informe de crédito. La mayoría de los niños no tienen uno, así que si existe puede ser una señal de robo de identidad.",
      "Pida a Equifax, Experian y TransUnion que congelen gratis el crédito de su hijo o hija. El padre, la madre o el tutor puede hacerlo si el menor tiene menos de 16 años.",
      "Cada agencia le dirá qué documentos debe enviar, como una copia del certificado de nacimiento del menor.",
      "Lea cada Explicación de Beneficios (EOB) de su hijo o hija y busque servicios que el menor no recibió.",
    ],
    deceased: [
      "Pida a Equifax, Experian y TransUnion que marquen el informe de crédito de la persona con la nota “fallecido: no otorgar crédito” (en inglés, “deceased — do not issue credit”).",
      "Envíe a cada agencia una copia del certificado de defunción. Si se lo piden, envíe también un documento que demuestre que usted puede encargarse de los asuntos de la persona.",
      "Lea cada Explicación de Beneficios (EOB) o Aviso de Resumen de Medicare (MSN) que siga llegando, y reporte los servicios que la persona no recibió.",
    ],
  },
};
