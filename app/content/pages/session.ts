/**
 * The patient session's time limit (issue 16, item 6; WCAG 2.2.1 / 2.2.6): the box on every
 * patient page, the warning a couple of minutes before the end, and the page after it.
 * See ./index.ts for the rules every page text follows.
 */
import type { Localized } from "../i18n";

export interface SessionText {
  /** The box at the foot of every patient page (it works without JavaScript). */
  readonly box: {
    readonly heading: string;
    readonly rule: string;
    /** Without JavaScript the page cannot know the reader's clock: minutes from when it opened. */
    readonly endsNoClock: string;
    /** With JavaScript: the reader's own clock time. */
    readonly endsAt: string;
    /** The 60-minute limit comes first: the button cannot help. */
    readonly limit: string;
    readonly button: string;
  };
  /** The warning a couple of minutes before the end (JavaScript). */
  readonly warning: {
    readonly heading: string;
    readonly body: string;
    readonly limitBody: string;
    readonly button: string;
    readonly extended: string;
  };
  /** The page after the session ended by itself (`/session/ended`). */
  readonly ended: {
    readonly title: string;
    readonly heading: string;
    readonly idle: string;
    readonly limit: string;
    readonly body: readonly string[];
    readonly again: string;
    readonly helpLine: string;
  };
}

export const SESSION_TEXT: Localized<SessionText> = {
  en: {
    box: {
      heading: "Staying signed in",
      rule: "To protect your information, we sign you out if you do nothing for 15 minutes.",
      endsNoClock: "If you do nothing, you will be signed out {minutes} minutes after this page opened.",
      endsAt: "If you do nothing, you will be signed out at {time}.",
      limit: "You can stay signed in for 60 minutes in all. After that, enter your code again.",
      button: "I'm still here",
    },
    warning: {
      heading: "Are you still there?",
      body: "To protect your information, we will sign you out at {time}. Do you need more time?",
      limitBody: "You have been signed in for almost 60 minutes. We will sign you out at {time}. Then you can enter your code again.",
      button: "I'm still here",
      extended: "Thank you. You are still signed in.",
    },
    ended: {
      title: "You were signed out",
      heading: "You were signed out",
      idle: "You did nothing on this site for 15 minutes. To protect your information, we signed you out.",
      limit: "You were signed in for 60 minutes. That is the longest we keep anyone signed in. It protects your information.",
      body: [
        "Nothing was lost. If you enrolled, your enrollment is saved.",
        "To see your information again, enter the code from your letter and your date of birth.",
      ],
      again: "Enter my code again",
      helpLine: "Questions? Call us at {phone}, {hours}.",
    },
  },
  es: {
    box: {
      heading: "Seguir con la sesión abierta",
      rule: "Para proteger su información, cerramos la sesión si no hace nada durante 15 minutos.",
      endsNoClock: "Si no hace nada, cerraremos la sesión {minutes} minutos después de abrir esta página.",
      endsAt: "Si no hace nada, a las {time} cerraremos la sesión.",
      limit: "Puede tener la sesión abierta 60 minutos en total. Después, escriba su código otra vez.",
      button: "Sigo aquí",
    },
    warning: {
      heading: "¿Sigue ahí?",
      body: "Para proteger su información, a las {time} cerraremos la sesión. ¿Necesita más tiempo?",
      limitBody: "Ya lleva casi 60 minutos con la sesión abierta. A las {time} la cerraremos. Luego puede escribir su código otra vez.",
      button: "Sigo aquí",
      extended: "Gracias. Su sesión sigue abierta.",
    },
    ended: {
      title: "Cerramos su sesión",
      heading: "Cerramos su sesión",
      idle: "No hizo nada en este sitio durante 15 minutos. Para proteger su información, cerramos la sesión.",
      limit: "Tuvo la sesión abierta 60 minutos. Es lo más que la dejamos abierta. Así protegemos su información.",
      body: [
        "No se perdió nada. Si se inscribió, su inscripción está guardada.",
        "Para ver su información otra vez, escriba el código de su carta y su fecha de nacimiento.",
      ],
      again: "Escribir mi código otra vez",
      helpLine: "¿Tiene preguntas? Llámenos al {phone}, {hours}.",
    },
  },
};
