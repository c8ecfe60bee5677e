/** The exposure page (`/exposure`). See ./index.ts for the rules every page text follows. */
import type { Localized } from "../i18n";
import { CATEGORY_KEYS } from "../categories";

/** Who the letter speaks to. */
export type LetterAudience = "adult" | "minor" | "deceased";

/** The first things to do, chosen by what was involved (see `summarySteps` in the page). */
export type SummaryStep = "freeze" | "irs" | "eob" | "careful";

/** Text of the exposure page (`/exposure`). */
export interface ExposureText {
  /** The short summary at the top: how many kinds, the first two things to do, the offer. */
  readonly summary: {
    readonly heading: string;
    /** `{count}` kinds of information, for each audience; `one` when there is a single kind. */
    readonly count: Readonly<Record<LetterAudience, { readonly one: string; readonly other: string }>>;
    readonly stepsIntro: string;
    readonly steps: Readonly<Record<SummaryStep, Readonly<Record<LetterAudience, string>>>>;
    readonly detailsHeading: string;
    readonly letterHeading: string;
  };
  readonly title: string;
  readonly heading: string;
  /** Opening paragraphs for each kind of letter. */
  readonly intro: Readonly<Record<LetterAudience, readonly string[]>>;
  readonly orderNote: string;
  readonly meaningLabel: string;
  readonly actionsLabel: string;
  readonly contactsLabel: string;
  readonly phoneLabel: string;
  readonly ttyLabel: string;
  readonly websiteLabel: string;
  /** Heading over `AUDIENCE_NOTES` (from `./guidance`) for a minor's or a deceased person's letter. */
  readonly audienceHeading: { readonly minor: string; readonly deceased: string };
  readonly notInvolvedHeading: string;
  readonly notInvolvedIntro: string;
  readonly offer: {
    readonly heading: string;
    readonly body: readonly string[];
    /** Added for a minor's letter. */
    readonly minorNote: string;
    readonly enrollBy: string;
    readonly button: string;
    readonly alreadyEnrolled: string;
    readonly closed: string;
  };
  readonly moreGuidanceLink: string;
  readonly helpLine: string;
  readonly signOut: string;
  readonly sessionExpired: { readonly heading: string; readonly body: readonly string[] };
  readonly signedOut: { readonly heading: string; readonly body: readonly string[] };
}

/** Exposure page text. */
export const EXPOSURE_TEXT: Localized<ExposureText> = {
  en: {
    summary: {
      heading: "What to do now",
      count: {
        adult: { one: "One kind of your information was in the files.", other: "{count} kinds of your information were in the files." },
        minor: { one: "One kind of your child's information was in the files.", other: "{count} kinds of your child's information were in the files." },
        deceased: { one: "One kind of the person's information was in the files.", other: "{count} kinds of the person's information were in the files." },
      },
      stepsIntro: "Do these first:",
      steps: {
        freeze: {
          adult: "Freeze your credit for free at Equifax, Experian and TransUnion.",
          minor: "Ask Equifax, Experian and TransUnion for a free credit freeze for your child.",
          deceased: "Ask Equifax, Experian and TransUnion to mark the person's credit file as deceased.",
        },
        irs: {
          adult: "Get an Identity Protection PIN from the IRS at irs.gov/ippin.",
          minor: "Get an Identity Protection PIN for your child from the IRS at irs.gov/ippin.",
          deceased: "File the person's last tax return soon, so no one else can file one in their name.",
        },
        eob: {
          adult: "Read every Explanation of Benefits from your health plan. Look for care you did not get.",
          minor: "Read every Explanation of Benefits for your child. Look for care your child did not get.",
          deceased: "Read any Explanation of Benefits that still comes. Look for care the person did not get.",
        },
        careful: {
          adult: "Be careful with calls, texts and emails about this breach. We never ask for your Social Security number.",
          minor: "Be careful with calls, texts and emails about this breach. We never ask for your child's Social Security number.",
          deceased: "Be careful with calls, texts and emails about this breach. We never ask for a Social Security number.",
        },
      },
      detailsHeading: "Each kind of information",
      letterHeading: "Your letter",
    },
    title: "Your information that was involved",
    heading: "Your information that was involved",
    intro: {
      adult: ["These kinds of your information were in the files taken in the data breach.", "For each one, we explain what it means and what you can do."],
      minor: [
        "This letter is about your child. You can take these steps as the parent or guardian.",
        "These kinds of your child's information were in the files taken in the data breach.",
      ],
      deceased: [
        "We are sorry for your loss. This letter is about a person who has died.",
        "These kinds of the person's information were in the files. As next of kin, you can take these steps to protect their identity.",
      ],
    },
    orderNote: "The most serious items are listed first.",
    meaningLabel: "What this means",
    actionsLabel: "What you can do",
    contactsLabel: "Who can help",
    phoneLabel: "Phone",
    ttyLabel: "TTY",
    websiteLabel: "Website",
    audienceHeading: {
      minor: "Steps for your child",
      deceased: "Steps for the family",
    },
    notInvolvedHeading: "What was not involved",
    notInvolvedIntro: "These kinds of information were not in the files:",
    offer: {
      heading: "Free credit monitoring for {months} months",
      body: [
        "{organization} pays for credit monitoring and identity protection from {vendor}.",
        "It is free for you. You do not need a credit card.",
        "The {months} months start on the day you enroll.",
      ],
      minorNote: "For a child, the monitoring is a product made for minors.",
      enrollBy: "Enroll by {date}.",
      button: "Enroll now",
      alreadyEnrolled: "You are already enrolled. You do not need to do it again.",
      closed: "Enrollment ended on {date}. Call us at {phone} if you have questions.",
    },
    moreGuidanceLink: "More ways to protect yourself",
    helpLine: "Questions? Call us at {phone}, {hours}.",
    signOut: "Done — sign out",
    sessionExpired: {
      heading: "Your session ended",
      body: ["For your privacy, we sign you out after a short time.", "Enter your code and date of birth again to see your information."],
    },
    signedOut: {
      heading: "You are signed out",
      body: ["To see your information again, enter your code and date of birth.", "If you used a shared computer, close the browser window."],
    },
  },
  es: {
    summary: {
      heading: "Qué hacer ahora",
      count: {
        adult: { one: "Un tipo de su información estaba en los archivos.", other: "{count} tipos de su información estaban en los archivos." },
        minor: {
          one: "Un tipo de información de su hijo o hija estaba en los archivos.",
          other: "{count} tipos de información de su hijo o hija estaban en los archivos.",
        },
        deceased: {
          one: "Un tipo de información de esa persona estaba en los archivos.",
          other: "{count} tipos de información de esa persona estaban en los archivos.",
        },
      },
      stepsIntro: "Haga esto primero:",
      steps: {
        freeze: {
          adult: "Congele su crédito gratis en Equifax, Experian y TransUnion.",
          minor: "Pida a Equifax, Experian y TransUnion que congelen gratis el crédito de su hijo o hija.",
          deceased: "Pida a Equifax, Experian y TransUnion que marquen el archivo de crédito de la persona como fallecida.",
        },
        irs: {
          adult: "Pida al IRS un PIN de protección de identidad en irs.gov/ippin.",
          minor: "Pida al IRS un PIN de protección de identidad para su hijo o hija en irs.gov/ippin.",
          deceased: "Presente pronto la última declaración de impuestos de la persona, para que nadie más presente una a su nombre.",
        },
        eob: {
          adult: "Lea cada Explicación de Beneficios de su plan de salud. Busque servicios que usted no recibió.",
          minor: "Lea cada Explicación de Beneficios de su hijo o hija. Busque servicios que su hijo o hija no recibió.",
          deceased: "Lea cada Explicación de Beneficios que todavía llegue. Busque servicios que la persona no recibió.",
        },
        careful: {
          adult: "Tenga cuidado con llamadas, mensajes y correos sobre esta filtración. Nunca le pedimos su número de Seguro Social.",
          minor: "Tenga cuidado con llamadas, mensajes y correos sobre esta filtración. Nunca le pedimos el número de Seguro Social de su hijo o hija.",
          deceased: "Tenga cuidado con llamadas, mensajes y correos sobre esta filtración. Nunca pedimos un número de Seguro Social.",
        },
      },
      detailsHeading: "Cada tipo de información",
      letterHeading: "Su carta",
    },
    title: "Su información afectada",
    heading: "Su información afectada",
    intro: {
      adult: [
        "Estos tipos de información suya estaban en los archivos robados en la filtración de datos.",
        "Para cada uno, le explicamos qué significa y qué puede hacer.",
      ],
      minor: [
        "Esta carta es sobre su hijo o hija. Como padre, madre o tutor, usted puede seguir estos pasos.",
        "Estos tipos de información de su hijo o hija estaban en los archivos robados en la filtración de datos.",
      ],
      deceased: [
        "Lamentamos mucho su pérdida. Esta carta es sobre una persona que falleció.",
        "Estos tipos de información de esa persona estaban en los archivos. Como familiar, usted puede seguir estos pasos para proteger su identidad.",
      ],
    },
    orderNote: "Los datos más delicados aparecen primero.",
    meaningLabel: "Qué significa",
    actionsLabel: "Qué puede hacer",
    contactsLabel: "Quién puede ayudarle",
    phoneLabel: "Teléfono",
    ttyLabel: "TTY",
    websiteLabel: "Sitio web",
    audienceHeading: {
      minor: "Pasos para su hijo o hija",
      deceased: "Pasos para la familia",
    },
    notInvolvedHeading: "Qué información no se vio afectada",
    notInvolvedIntro: "Estos tipos de información no estaban en los archivos:",
    offer: {
      heading: "Monitoreo de crédito gratis por {months} meses",
      body: [
        "{organization} paga el monitoreo de crédito y la protección de identidad de {vendor}.",
        "Es gratis para usted. No necesita una tarjeta de crédito.",
        "Los {months} meses empiezan a contar el día en que se inscribe.",
      ],
      minorNote: "Para un menor, el monitoreo es un servicio especial para niños.",
      enrollBy: "Inscríbase a más tardar el {date}.",
      button: "Inscribirme ahora",
      alreadyEnrolled: "Usted ya está inscrito. No necesita hacerlo otra vez.",
      closed: "La inscripción terminó el {date}. Si tiene preguntas, llámenos al {phone}.",
    },
    moreGuidanceLink: "Más formas de protegerse",
    helpLine: "¿Tiene preguntas? Llámenos al {phone}, {hours}.",
    signOut: "Listo: cerrar sesión",
    sessionExpired: {
      heading: "Su sesión terminó",
      body: [
        "Para proteger su privacidad, cerramos la sesión después de un rato.",
        "Escriba otra vez su código y su fecha de nacimiento para ver su información.",
      ],
    },
    signedOut: {
      heading: "Usted cerró la sesión",
      body: [
        "Para ver su información otra vez, escriba su código y su fecha de nacimiento.",
        "Si usó una computadora compartida, cierre la ventana del navegador.",
      ],
    },
  },
};

const FREEZE_KEYS = new Set(["ssn", "taxpayer_id", "date_of_birth"]);
const IRS_KEYS = new Set(["ssn", "taxpayer_id"]);
/** Every medical, insurance and billing category: the catalog lists them after the identity ones. */
const EOB_KEYS = new Set<string>(CATEGORY_KEYS.slice(CATEGORY_KEYS.indexOf("medical_record_number")));

/**
 * The two most important things to do first, from what was involved: a credit freeze (or the
 * deceased flag) when an SSN, taxpayer ID or date of birth was involved; the IRS PIN for an SSN or
 * taxpayer ID; reading every Explanation of Benefits for medical, insurance or billing data;
 * otherwise, care with calls and emails.
 */
export function summarySteps(categories: readonly string[]): SummaryStep[] {
  const has = (set: Set<string>) => categories.some((c) => set.has(c));
  const steps: SummaryStep[] = [];
  if (has(FREEZE_KEYS)) steps.push("freeze");
  if (has(IRS_KEYS)) steps.push("irs");
  if (has(EOB_KEYS)) steps.push("eob");
  steps.push("careful");
  return steps.slice(0, 2);
}
