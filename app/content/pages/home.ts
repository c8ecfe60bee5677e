/** Home (`/`): what happened, the check form, the notice's section headings. See ./index.ts for the rules every page text follows. */
import type { Localized } from "../i18n";

/** Text of the home page (`/`): the check form and the breach notice's headings. */
export interface HomeText {
  readonly title: string;
  readonly heading: string;
  readonly intro: readonly string[];
  readonly form: {
    readonly heading: string;
    readonly intro: string;
    readonly codeLabel: string;
    readonly codeHint: string;
    readonly dobLegend: string;
    readonly dobHint: string;
    readonly monthLabel: string;
    readonly dayLabel: string;
    readonly yearLabel: string;
    readonly submit: string;
    /** Whose date of birth to enter: [for a child's letter, for a deceased person's letter]. */
    readonly whoseBirthDate: readonly string[];
    readonly noLetter: string;
  };
  /** The section headings of a breach notice; the incident supplies the text under each. */
  readonly noticeHeadings: {
    readonly whatHappened: string;
    readonly whatInvolved: string;
    readonly whatWeAreDoing: string;
    readonly whatYouCanDo: string;
    readonly moreInfo: string;
  };
  /** Under "What information was involved" (the intro above already says how to check). */
  readonly whatInvolvedText: string;
  /** The notice's dates under "What happened" (HHS letters must give the discovery date). */
  readonly dates: { readonly intrusion: string; readonly discovered: string };
  /** Generic numbered steps under "What you can do". */
  readonly whatYouCanDoSteps: readonly string[];
  /** Text under "For more information". */
  readonly moreInfo: readonly string[];
}

/** Home page text. */
export const HOME_TEXT: Localized<HomeText> = {
  en: {
    title: "Exposure Check: see what was involved in the data breach",
    heading: "Data breach notice",
    intro: [
      "If you got a letter from {organization} about a data breach, this website can help.",
      "Enter the code from your letter to see which of your information was involved and what to do.",
    ],
    form: {
      heading: "Check what was involved",
      intro: "Use the activation code and date of birth that go with your letter.",
      codeLabel: "Activation code",
      codeHint: "It is printed on your letter. It has 16 letters and numbers and looks like XXXX-XXXX-XXXX-XXXX.",
      dobLegend: "Date of birth",
      dobHint: "For example: 4 28 1986",
      monthLabel: "Month",
      dayLabel: "Day",
      yearLabel: "Year",
      submit: "Check my information",
      whoseBirthDate: [
        "If the letter is for your child, enter your child's date of birth.",
        "If the letter is about a person who has died, enter that person's date of birth.",
      ],
      noLetter: "Lost your letter? Call us at {phone}, {hours}.",
    },
    noticeHeadings: {
      whatHappened: "What happened",
      whatInvolved: "What information was involved",
      whatWeAreDoing: "What we are doing",
      whatYouCanDo: "What you can do",
      moreInfo: "For more information",
    },
    whatInvolvedText: "It was different for each person. The form on this page shows which kinds of your information were in the files.",
    dates: {
      intrusion: "When it happened: {start} to {end}.",
      discovered: "When it was found: {discovered}.",
    },
    whatYouCanDoSteps: [
      "Check what was involved with the form on this page.",
      "Enroll in the free credit monitoring by the date in your letter.",
      "Read every Explanation of Benefits from your health plan and look for care you did not get.",
      "Get your free credit reports at annualcreditreport.com or 1-877-322-8228.",
      "Think about a free credit freeze at Equifax, Experian and TransUnion.",
      "Be careful with calls, texts and emails about this breach.",
    ],
    moreInfo: ["Call us toll-free at {phone}, {hours}.", "You can also read our answers to common questions."],
  },
  es: {
    title: "Exposure Check: vea qué información se vio afectada por la filtración de datos",
    heading: "Aviso de filtración de datos",
    intro: [
      "Si recibió una carta de {organization} sobre una filtración de datos, este sitio web puede ayudarle.",
      "Escriba el código de su carta para ver qué información suya se vio afectada y qué puede hacer.",
    ],
    form: {
      heading: "Vea qué información se vio afectada",
      intro: "Use el código de activación y la fecha de nacimiento que corresponden a su carta.",
      codeLabel: "Código de activación",
      codeHint: "Está impreso en su carta. Tiene 16 letras y números, y se ve así: XXXX-XXXX-XXXX-XXXX.",
      dobLegend: "Fecha de nacimiento",
      dobHint: "Por ejemplo: 4 28 1986 (mes, día, año)",
      monthLabel: "Mes",
      dayLabel: "Día",
      yearLabel: "Año",
      submit: "Ver mi información",
      whoseBirthDate: [
        "Si la carta es para su hijo o hija, escriba la fecha de nacimiento del menor.",
        "Si la carta es sobre una persona que falleció, escriba la fecha de nacimiento de esa persona.",
      ],
      noLetter: "¿Perdió su carta? Llámenos al {phone}, {hours}.",
    },
    noticeHeadings: {
      whatHappened: "Qué sucedió",
      whatInvolved: "Qué información se vio afectada",
      whatWeAreDoing: "Qué estamos haciendo",
      whatYouCanDo: "Qué puede hacer usted",
      moreInfo: "Más información",
    },
    whatInvolvedText: "Fue distinto para cada persona. El formulario de esta página muestra qué tipos de su información estaban en los archivos.",
    dates: {
      intrusion: "Cuándo ocurrió: del {start} al {end}.",
      discovered: "Cuándo se descubrió: {discovered}.",
    },
    whatYouCanDoSteps: [
      "Vea qué información se vio afectada con el formulario de esta página.",
      "Inscríbase en el monitoreo de crédito gratuito a más tardar en la fecha que indica su carta.",
      "Lea cada Explicación de Beneficios (EOB) de su plan de salud y busque servicios que usted no recibió.",
      "Pida sus informes de crédito gratuitos en annualcreditreport.com o al 1-877-322-8228.",
      "Considere congelar su crédito gratis en Equifax, Experian y TransUnion.",
      "Tenga cuidado con las llamadas, los mensajes de texto y los correos sobre esta filtración.",
    ],
    moreInfo: ["Llámenos gratis al {phone}, {hours}.", "También puede leer nuestras respuestas a las preguntas frecuentes."],
  },
};
