/** The exposure page (`/exposure`). See ./index.ts for the rules every page text follows. */
import type { Localized } from "../i18n";

/** Who the letter speaks to. */
export type LetterAudience = "adult" | "minor" | "deceased";

/** Text of the exposure page (`/exposure`). */
export interface ExposureText {
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
    title: "Your information that was involved",
    heading: "Your information that was involved",
    intro: {
      adult: [
        "These kinds of your information were in the files taken in the data breach.",
        "For each one, we explain what it means and what you can do.",
      ],
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
      body: [
        "For your privacy, we sign you out after a short time.",
        "Enter your code and date of birth again to see your information.",
      ],
    },
    signedOut: {
      heading: "You are signed out",
      body: [
        "To see your information again, enter your code and date of birth.",
        "If you used a shared computer, close the browser window.",
      ],
    },
  },
  es: {
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
