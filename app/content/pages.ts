/**
 * The fixed text of the public pages, in English and Spanish, as plain structured data
 * (headings, paragraphs, numbered steps, questions and answers) for the React pages to render.
 *
 * Anything the incident supplies is a `{placeholder}` (see {@link PAGE_PLACEHOLDERS}); fill it
 * with `fill()` from `./i18n`. Every `Localized` object here has the same shape in both languages
 * (same keys, same list lengths), and each string uses the same placeholders in both; the content
 * tests check this. Sources: DESIGN.md (pages, the patient check, security model, guidance facts).
 */
import type { ContactId } from "./contacts";
import type { Localized } from "./i18n";

/**
 * The placeholders used in this file and what to put in them. Values that are words
 * (`hours`, `date`) must be given in the page's language.
 */
export const PAGE_PLACEHOLDERS = {
  phone: "the incident's toll-free number, e.g. 1-833-000-0000",
  hours: "the call center's hours, in the page's language",
  organization: "the company that had the breach (e.g. HealthEC LLC)",
  vendor: "the monitoring vendor (e.g. TransUnion)",
  months: "length of the monitoring offer in months (e.g. 12)",
  date: "a date in the page's language (e.g. the enroll-by date)",
  minutes: "how many minutes to wait before trying again",
  portal: "the portal's public address, e.g. exposurecheck.example.com",
  referenceFormat: "what a reference number looks like, e.g. R-XXXX-XXXX",
} as const;

/** A placeholder name used in these page texts. */
export type PagePlaceholder = keyof typeof PAGE_PLACEHOLDERS;

/** A titled block of text. Render `paragraphs`, then `bullets` (a list), then `steps` (numbered). */
export interface Section {
  /** Stable anchor id, the same in every language. */
  readonly id: string;
  readonly heading: string;
  readonly paragraphs: readonly string[];
  readonly bullets?: readonly string[];
  readonly steps?: readonly string[];
  /** Contacts to list under the section, as ids into `CONTACTS`. */
  readonly contacts?: readonly ContactId[];
}

/** One question and its answer (one or more paragraphs). */
export interface QuestionAnswer {
  /** Stable anchor id, the same in every language. */
  readonly id: string;
  readonly question: string;
  readonly answer: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Home: what happened, the check form, the notice's section headings

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
      codeHint:
        "It is printed on your letter. It has 16 letters and numbers and looks like XXXX-XXXX-XXXX-XXXX.",
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
    whatYouCanDoSteps: [
      "Check what was involved with the form on this page.",
      "Enroll in the free credit monitoring by the date in your letter.",
      "Read every Explanation of Benefits from your health plan and look for care you did not get.",
      "Get your free credit reports at annualcreditreport.com or 1-877-322-8228.",
      "Think about a free credit freeze at Equifax, Experian and TransUnion.",
      "Be careful with calls, texts and emails about this breach.",
    ],
    moreInfo: [
      "Call us toll-free at {phone}, {hours}.",
      "You can also read our answers to common questions.",
    ],
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
      codeHint:
        "Está impreso en su carta. Tiene 16 letras y números, y se ve así: XXXX-XXXX-XXXX-XXXX.",
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
    whatYouCanDoSteps: [
      "Vea qué información se vio afectada con el formulario de esta página.",
      "Inscríbase en el monitoreo de crédito gratuito a más tardar en la fecha que indica su carta.",
      "Lea cada Explicación de Beneficios (EOB) de su plan de salud y busque servicios que usted no recibió.",
      "Pida sus informes de crédito gratuitos en annualcreditreport.com o al 1-877-322-8228.",
      "Considere congelar su crédito gratis en Equifax, Experian y TransUnion.",
      "Tenga cuidado con las llamadas, los mensajes de texto y los correos sobre esta filtración.",
    ],
    moreInfo: [
      "Llámenos gratis al {phone}, {hours}.",
      "También puede leer nuestras respuestas a las preguntas frecuentes.",
    ],
  },
};

// ---------------------------------------------------------------------------------------------
// The check's error messages

/** Messages for the check form (`POST /check`). */
export interface CheckErrors {
  /** Heading of the error summary box above the form. */
  readonly summaryHeading: string;
  /**
   * The one answer for a wrong code, a wrong date of birth and a locked notice: word for word the
   * same, so it never tells which part was wrong (DESIGN.md, "The patient check").
   */
  readonly noMatch: string;
  /** The code's check symbol is wrong: answered without a database lookup. */
  readonly codeTypo: string;
  readonly codeMissing: string;
  readonly codeFormat: string;
  readonly monthMissing: string;
  readonly monthInvalid: string;
  readonly dayMissing: string;
  readonly dayInvalid: string;
  readonly yearMissing: string;
  readonly yearInvalid: string;
  /** A date that does not exist, such as 2 30 1986. */
  readonly dateNotReal: string;
  readonly dateInFuture: string;
  /** Throttled (429). `{minutes}` is 2 or more; use `tooManyAttemptsOneMinute` for 1. */
  readonly tooManyAttempts: string;
  readonly tooManyAttemptsOneMinute: string;
}

/** Error messages of the check form. */
export const CHECK_ERRORS: Localized<CheckErrors> = {
  en: {
    summaryHeading: "There is a problem",
    noMatch:
      "We could not match that code and date of birth. Check both against your letter and try again. If it still does not work, call us at {phone}.",
    codeTypo:
      "This code has a typo. Check each letter and number against your letter, then try again.",
    codeMissing: "Enter the activation code from your letter.",
    codeFormat:
      "The activation code has 16 letters and numbers, like XXXX-XXXX-XXXX-XXXX. Check your letter and try again.",
    monthMissing: "Enter the month of birth.",
    monthInvalid: "Enter the month as a number from 1 to 12.",
    dayMissing: "Enter the day of birth.",
    dayInvalid: "Enter the day as a number from 1 to 31.",
    yearMissing: "Enter the year of birth.",
    yearInvalid: "Enter the year with 4 numbers, for example 1986.",
    dateNotReal: "That date does not exist. Check the month and the day.",
    dateInFuture: "The date of birth cannot be in the future.",
    tooManyAttempts:
      "Too many tries. Please wait {minutes} minutes, then try again. Or call us at {phone}.",
    tooManyAttemptsOneMinute: "Too many tries. Please wait 1 minute, then try again. Or call us at {phone}.",
  },
  es: {
    summaryHeading: "Hay un problema",
    noMatch:
      "No pudimos encontrar una carta con ese código y esa fecha de nacimiento. Compare los dos datos con su carta e inténtelo de nuevo. Si aún no funciona, llámenos al {phone}.",
    codeTypo:
      "Este código tiene un error de escritura. Compare cada letra y número con su carta e inténtelo de nuevo.",
    codeMissing: "Escriba el código de activación que aparece en su carta.",
    codeFormat:
      "El código de activación tiene 16 letras y números, como XXXX-XXXX-XXXX-XXXX. Revise su carta e inténtelo de nuevo.",
    monthMissing: "Escriba el mes de nacimiento.",
    monthInvalid: "Escriba el mes como un número del 1 al 12.",
    dayMissing: "Escriba el día de nacimiento.",
    dayInvalid: "Escriba el día como un número del 1 al 31.",
    yearMissing: "Escriba el año de nacimiento.",
    yearInvalid: "Escriba el año con 4 números, por ejemplo 1986.",
    dateNotReal: "Esa fecha no existe. Revise el mes y el día.",
    dateInFuture: "La fecha de nacimiento no puede ser una fecha futura.",
    tooManyAttempts:
      "Demasiados intentos. Espere {minutes} minutos y vuelva a intentarlo. O llámenos al {phone}.",
    tooManyAttemptsOneMinute:
      "Demasiados intentos. Espere 1 minuto y vuelva a intentarlo. O llámenos al {phone}.",
  },
};

// ---------------------------------------------------------------------------------------------
// Exposure page

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

// ---------------------------------------------------------------------------------------------
// Is this letter genuine?

/** Text of the "Is this letter genuine?" page. */
export interface GenuineText {
  readonly title: string;
  readonly heading: string;
  readonly intro: readonly string[];
  readonly sections: readonly Section[];
  readonly stepsHeading: string;
  readonly steps: readonly string[];
}

/** "Is this letter genuine?" page text. */
export const GENUINE_TEXT: Localized<GenuineText> = {
  en: {
    title: "Is this letter genuine?",
    heading: "Is this letter genuine?",
    intro: [
      "After a data breach, scammers sometimes send fake letters, emails or texts.",
      "Here is how to tell if your letter is real.",
    ],
    sections: [
      {
        id: "real-letter",
        heading: "A real letter",
        paragraphs: [],
        bullets: [
          "Comes by U.S. mail, not by email or text.",
          "Has a reference number that looks like {referenceFormat}.",
          "Has a 16-character activation code that looks like XXXX-XXXX-XXXX-XXXX.",
          "Sends you to this website, {portal}, and to our toll-free number, {phone}.",
          "Offers free credit monitoring and never asks you to pay.",
        ],
      },
      {
        id: "we-never",
        heading: "What we will never do",
        paragraphs: [],
        bullets: [
          "We never ask for your Social Security number by email, text or phone.",
          "We never ask for a bank account number, a credit card number or a password.",
          "We never ask you to pay for anything.",
          "We never call, text or email you first to ask for personal information.",
        ],
      },
    ],
    stepsHeading: "How to check your letter",
    steps: [
      "Do not use a phone number or link from an email or text about this breach.",
      "Type {portal} into your web browser yourself.",
      "Enter the activation code and date of birth for your letter. If it shows your information, the letter is real.",
      "Or call us at {phone}, {hours}, and read us the reference number.",
      "If you think a letter, call or message is fake, tell us at {phone}.",
    ],
  },
  es: {
    title: "¿Es auténtica esta carta?",
    heading: "¿Es auténtica esta carta?",
    intro: [
      "Después de una filtración de datos, a veces los estafadores envían cartas, correos o mensajes de texto falsos.",
      "Así puede saber si su carta es real.",
    ],
    sections: [
      {
        id: "real-letter",
        heading: "Una carta real",
        paragraphs: [],
        bullets: [
          "Llega por el correo postal de EE. UU., no por correo electrónico ni por mensaje de texto.",
          "Tiene un número de referencia que se ve así: {referenceFormat}.",
          "Tiene un código de activación de 16 caracteres que se ve así: XXXX-XXXX-XXXX-XXXX.",
          "Le indica este sitio web, {portal}, y nuestro número gratuito, {phone}.",
          "Ofrece monitoreo de crédito gratuito y nunca le pide que pague.",
        ],
      },
      {
        id: "we-never",
        heading: "Lo que nunca haremos",
        paragraphs: [],
        bullets: [
          "Nunca le pedimos su número de Seguro Social por correo electrónico, mensaje de texto ni teléfono.",
          "Nunca le pedimos un número de cuenta bancaria, un número de tarjeta de crédito ni una contraseña.",
          "Nunca le pedimos que pague nada.",
          "Nunca le llamamos ni le escribimos primero para pedirle datos personales.",
        ],
      },
    ],
    stepsHeading: "Cómo verificar su carta",
    steps: [
      "No use números de teléfono ni enlaces que vengan en un correo o mensaje de texto sobre esta filtración.",
      "Escriba usted mismo {portal} en su navegador.",
      "Escriba el código de activación y la fecha de nacimiento de su carta. Si aparece su información, la carta es real.",
      "O llámenos al {phone}, {hours}, y léanos el número de referencia.",
      "Si cree que una carta, llamada o mensaje es falso, avísenos al {phone}.",
    ],
  },
};

// ---------------------------------------------------------------------------------------------
// FAQ

/** Text of the FAQ page. */
export interface FaqText {
  readonly title: string;
  readonly heading: string;
  readonly intro: string;
  readonly items: readonly QuestionAnswer[];
}

/** FAQ page text: the questions callers ask most. */
export const FAQ_TEXT: Localized<FaqText> = {
  en: {
    title: "Questions and answers",
    heading: "Questions and answers",
    intro: "If you do not find your answer here, call us at {phone}, {hours}.",
    items: [
      {
        id: "why-letter",
        question: "Why did I get this letter?",
        answer: [
          "Some of your information was in files that were taken in a data breach at {organization}.",
          "The law says people must be told when this happens. The letter tells you what happened and how to protect yourself.",
        ],
      },
      {
        id: "never-heard",
        question: "Why did a company I never heard of have my information?",
        answer: [
          "{organization} works for doctors, hospitals and health plans. It helps them manage their patients' care.",
          "Your provider shared your information with {organization} to do this work. Federal health privacy law (HIPAA) allows this, with a contract that protects the data.",
        ],
      },
      {
        id: "bank-card",
        question: "Was my bank account or credit card information taken?",
        answer: [
          "After you enter your code, the next page lists what was involved and what was not.",
          "If you see a charge you did not make, call your bank or card company right away.",
        ],
      },
      {
        id: "free",
        question: "Is the credit monitoring really free? What is the catch?",
        answer: [
          "There is no catch. {organization} pays for {months} months of monitoring from {vendor}.",
          "You do not need a credit card, and you will not be asked to pay.",
          "Enrolling does not make you give up any legal rights.",
        ],
      },
      {
        id: "deadline",
        question: "How long do I have to enroll?",
        answer: [
          "Enroll by the date in your letter. The page that shows your information lists it too.",
          "The {months} months of monitoring start on the day you enroll.",
        ],
      },
      {
        id: "lost-letter",
        question: "What if I lost my letter?",
        answer: [
          "Call us at {phone}, {hours}.",
          "We will ask some questions to make sure it is you. Then we can tell you what was involved and help you enroll.",
        ],
      },
      {
        id: "child",
        question: "The letter is for my child. What should I do?",
        answer: [
          "Enter the code from the letter and your child's date of birth.",
          "Your child can get free monitoring made for minors. You can also freeze your child's credit for free.",
        ],
      },
      {
        id: "deceased",
        question: "The letter is for someone who has died. What should I do?",
        answer: [
          "We are sorry for your loss. Enter the code from the letter and the date of birth of the person who died.",
          "The page will show steps for the family. One step is to ask the credit bureaus to flag the person's credit report.",
        ],
      },
      {
        id: "freeze",
        question: "How do I freeze my credit?",
        answer: [
          "Contact Equifax, Experian and TransUnion, online or by phone. A freeze is free.",
          "You must contact all three. Each one places the freeze within 1 business day.",
          "When you need new credit, you can lift the freeze. Online or by phone, it is lifted within 1 hour.",
        ],
      },
      {
        id: "calls",
        question: "Will someone call me about this?",
        answer: [
          "No. We will not call, text or email you to ask for personal information.",
          "If someone does, hang up. Then call us at {phone} to check.",
        ],
      },
      {
        id: "misuse",
        question: "I think someone used my information. What should I do?",
        answer: [
          "Report it at IdentityTheft.gov or call 1-877-438-4338. You will get a step-by-step recovery plan.",
          "Call the company where the fraud happened. If it was medical care, call your health plan too.",
        ],
      },
      {
        id: "help",
        question: "How can I get help in Spanish or by phone?",
        answer: [
          "Choose “Español” at the top of any page to read this website in Spanish.",
          "To talk to someone, call us at {phone}, {hours}. If you use a TTY, dial 711 first.",
        ],
      },
      {
        id: "what-kept",
        question: "Does this website have my medical records?",
        answer: [
          "No. This website shows only which kinds of information were involved.",
          "It does not keep copies of the information that was taken.",
        ],
      },
    ],
  },
  es: {
    title: "Preguntas y respuestas",
    heading: "Preguntas y respuestas",
    intro: "Si no encuentra aquí su respuesta, llámenos al {phone}, {hours}.",
    items: [
      {
        id: "why-letter",
        question: "¿Por qué recibí esta carta?",
        answer: [
          "Parte de su información estaba en archivos que fueron robados en una filtración de datos en {organization}.",
          "La ley exige avisar a las personas cuando esto sucede. La carta le explica qué pasó y cómo protegerse.",
        ],
      },
      {
        id: "never-heard",
        question: "¿Por qué una empresa que no conozco tenía mi información?",
        answer: [
          "{organization} trabaja para médicos, hospitales y planes de salud. Les ayuda a administrar la atención de sus pacientes.",
          "Su proveedor compartió su información con {organization} para hacer este trabajo. La ley federal de privacidad de la salud (HIPAA) lo permite, con un contrato que protege los datos.",
        ],
      },
      {
        id: "bank-card",
        question: "¿Se robaron la información de mi cuenta bancaria o de mi tarjeta de crédito?",
        answer: [
          "Después de escribir su código, la página siguiente muestra qué información se vio afectada y cuál no.",
          "Si ve un cargo que usted no hizo, llame de inmediato a su banco o a la compañía de su tarjeta.",
        ],
      },
      {
        id: "free",
        question: "¿De verdad es gratis el monitoreo de crédito? ¿Tiene alguna trampa?",
        answer: [
          "No tiene trampa. {organization} paga {months} meses de monitoreo de {vendor}.",
          "No necesita una tarjeta de crédito y no se le pedirá ningún pago.",
          "Inscribirse no significa que renuncie a sus derechos legales.",
        ],
      },
      {
        id: "deadline",
        question: "¿Cuánto tiempo tengo para inscribirme?",
        answer: [
          "Inscríbase a más tardar en la fecha que indica su carta. También aparece en la página que muestra su información.",
          "Los {months} meses de monitoreo empiezan a contar el día en que se inscribe.",
        ],
      },
      {
        id: "lost-letter",
        question: "¿Qué hago si perdí mi carta?",
        answer: [
          "Llámenos al {phone}, {hours}.",
          "Le haremos algunas preguntas para confirmar que es usted. Después podremos decirle qué información se vio afectada y ayudarle a inscribirse.",
        ],
      },
      {
        id: "child",
        question: "La carta es para mi hijo o hija. ¿Qué debo hacer?",
        answer: [
          "Escriba el código de la carta y la fecha de nacimiento de su hijo o hija.",
          "Su hijo o hija puede recibir un monitoreo gratuito especial para menores. También puede congelar gratis el crédito del menor.",
        ],
      },
      {
        id: "deceased",
        question: "La carta es para una persona que falleció. ¿Qué debo hacer?",
        answer: [
          "Lamentamos mucho su pérdida. Escriba el código de la carta y la fecha de nacimiento de la persona que falleció.",
          "La página le mostrará pasos para la familia. Uno de ellos es pedir a las agencias de crédito que marquen el informe de crédito de la persona.",
        ],
      },
      {
        id: "freeze",
        question: "¿Cómo congelo mi crédito?",
        answer: [
          "Comuníquese con Equifax, Experian y TransUnion, por internet o por teléfono. El congelamiento es gratis.",
          "Debe comunicarse con las tres. Cada una congela su crédito en un plazo de 1 día hábil.",
          "Cuando necesite crédito nuevo, puede levantar el congelamiento. Por internet o por teléfono, se levanta en 1 hora o menos.",
        ],
      },
      {
        id: "calls",
        question: "¿Alguien me va a llamar por esto?",
        answer: [
          "No. No le llamaremos ni le enviaremos mensajes o correos para pedirle datos personales.",
          "Si alguien lo hace, cuelgue. Luego llámenos al {phone} para confirmar.",
        ],
      },
      {
        id: "misuse",
        question: "Creo que alguien usó mi información. ¿Qué debo hacer?",
        answer: [
          "Repórtelo en RobodeIdentidad.gov o llame al 1-877-438-4338. Recibirá un plan de recuperación paso a paso.",
          "Llame a la empresa donde ocurrió el fraude. Si fue por atención médica, llame también a su plan de salud.",
        ],
      },
      {
        id: "help",
        question: "¿Cómo puedo recibir ayuda en español o por teléfono?",
        answer: [
          "Este sitio web ya está en español. Para verlo en inglés, elija “English” arriba en cualquier página.",
          "Para hablar con alguien, llámenos al {phone}, {hours}. Si usa un TTY, marque primero el 711.",
        ],
      },
      {
        id: "what-kept",
        question: "¿Este sitio web tiene mis expedientes médicos?",
        answer: [
          "No. Este sitio web solo muestra qué tipos de información se vieron afectados.",
          "No guarda copias de la información que fue robada.",
        ],
      },
    ],
  },
};

// ---------------------------------------------------------------------------------------------
// General guidance

/** Text of the general guidance page. */
export interface GuidanceText {
  readonly title: string;
  readonly heading: string;
  readonly intro: readonly string[];
  readonly stepsHeading: string;
  readonly steps: readonly string[];
  readonly sections: readonly Section[];
  /** Link text to the per-category guidance. */
  readonly byCategoryLink: string;
}

/**
 * General vigilance guidance. Source: DESIGN.md "Guidance facts" (FTC, IRS, CMS, the bureaus).
 */
export const GUIDANCE_TEXT: Localized<GuidanceText> = {
  en: {
    title: "Protect yourself after a data breach",
    heading: "Protect yourself after a data breach",
    intro: [
      "These steps can help anyone whose information was in a data breach.",
      "They are all free.",
    ],
    stepsHeading: "What to do now",
    steps: [
      "Get your free credit reports and look for accounts you do not know.",
      "Think about a credit freeze or a fraud alert.",
      "Read every Explanation of Benefits and Medicare Summary Notice.",
      "Watch out for scams that use the breach as an excuse to contact you.",
      "If someone used your information, report it at IdentityTheft.gov.",
    ],
    sections: [
      {
        id: "credit-reports",
        heading: "Free credit reports",
        paragraphs: [
          "A credit report lists your loans and credit cards. Look for any account you did not open.",
          "Get your reports free at annualcreditreport.com or 1-877-322-8228.",
          "Do not pay for a credit report. The official site is free.",
        ],
        contacts: ["annual_credit_report"],
      },
      {
        id: "freeze",
        heading: "Credit freeze",
        paragraphs: [
          "A credit freeze stops lenders from seeing your credit report. Then a thief cannot open new credit in your name.",
          "It is free. You must contact Equifax, Experian and TransUnion one by one.",
          "Online or by phone, a freeze is placed within 1 business day.",
          "When you apply for credit, you can lift the freeze. Online or by phone, it is lifted within 1 hour.",
          "A freeze does not change your credit score. Your cards keep working.",
        ],
        contacts: ["equifax_freeze", "experian_freeze", "transunion_freeze"],
      },
      {
        id: "fraud-alert",
        heading: "Fraud alert",
        paragraphs: [
          "A fraud alert tells lenders to check that it is really you before they give credit.",
          "It is free and lasts 1 year. Contact one bureau, and it tells the other two.",
          "If your identity was stolen, you can get an extended alert that lasts 7 years.",
        ],
        contacts: ["equifax_fraud_alert", "experian_fraud_alert", "transunion_fraud_alert"],
      },
      {
        id: "freeze-or-alert",
        heading: "Freeze or fraud alert?",
        paragraphs: [
          "A freeze gives the most protection. A fraud alert is easier, because you do not need to lift it to get credit.",
          "You can have both at the same time.",
        ],
      },
      {
        id: "medical",
        heading: "Watch your medical statements",
        paragraphs: [
          "Your health plan sends an Explanation of Benefits (EOB) after care is billed. It is not a bill.",
          "If you have Medicare, you get a Medicare Summary Notice instead.",
        ],
        bullets: [
          "Read every one. Look for visits, tests or medicine you did not get.",
          "Call your health plan about anything you do not know.",
          "Ask your providers for a copy of your records, and ask them to fix mistakes.",
        ],
        contacts: ["medicare", "senior_medicare_patrol"],
      },
      {
        id: "taxes",
        heading: "Protect your tax refund",
        paragraphs: [
          "If your Social Security number or taxpayer ID was involved, get an Identity Protection PIN from the IRS.",
          "It is a 6-digit number that only you and the IRS know. It stops others from filing a tax return with your number.",
        ],
        contacts: ["irs_ip_pin"],
      },
      {
        id: "scams",
        heading: "Watch out for scams",
        paragraphs: [
          "Scammers know about data breaches. They may say they are from us, your bank, Medicare or the IRS.",
        ],
        bullets: [
          "Do not click links or call numbers in messages you did not expect.",
          "Hang up and call the number you know, such as the one on your card.",
          "Never give your Social Security number or bank details to someone who contacts you first.",
          "We will never ask for your Social Security number by email or phone.",
        ],
      },
      {
        id: "identity-theft",
        heading: "If someone used your information",
        paragraphs: [
          "Report it at IdentityTheft.gov or call 1-877-438-4338. You will get a step-by-step recovery plan.",
          "Then ask the credit bureaus for an extended fraud alert.",
        ],
        contacts: ["identity_theft_gov"],
      },
    ],
    byCategoryLink: "See what to do for each kind of information",
  },
  es: {
    title: "Cómo protegerse después de una filtración de datos",
    heading: "Cómo protegerse después de una filtración de datos",
    intro: [
      "Estos pasos pueden ayudar a cualquier persona cuya información estuvo en una filtración de datos.",
      "Todos son gratuitos.",
    ],
    stepsHeading: "Qué hacer ahora",
    steps: [
      "Pida sus informes de crédito gratuitos y busque cuentas que no reconozca.",
      "Considere congelar su crédito o poner una alerta de fraude.",
      "Lea cada Explicación de Beneficios (EOB) y cada Aviso de Resumen de Medicare (MSN).",
      "Tenga cuidado con estafas que usan la filtración como excusa para comunicarse con usted.",
      "Si alguien usó su información, repórtelo en RobodeIdentidad.gov.",
    ],
    sections: [
      {
        id: "credit-reports",
        heading: "Informes de crédito gratuitos",
        paragraphs: [
          "Un informe de crédito muestra sus préstamos y tarjetas de crédito. Busque cuentas que usted no abrió.",
          "Pida sus informes gratis en annualcreditreport.com o al 1-877-322-8228.",
          "No pague por un informe de crédito. El sitio oficial es gratuito.",
        ],
        contacts: ["annual_credit_report"],
      },
      {
        id: "freeze",
        heading: "Congelamiento de crédito",
        paragraphs: [
          "El congelamiento de crédito impide que los prestamistas vean su informe de crédito. Así, un ladrón no puede abrir crédito nuevo a su nombre.",
          "Es gratis. Debe comunicarse con Equifax, Experian y TransUnion, una por una.",
          "Por internet o por teléfono, el congelamiento se aplica en un plazo de 1 día hábil.",
          "Cuando pida crédito, puede levantar el congelamiento. Por internet o por teléfono, se levanta en 1 hora o menos.",
          "El congelamiento no cambia su puntaje de crédito. Sus tarjetas siguen funcionando.",
        ],
        contacts: ["equifax_freeze", "experian_freeze", "transunion_freeze"],
      },
      {
        id: "fraud-alert",
        heading: "Alerta de fraude",
        paragraphs: [
          "Una alerta de fraude les pide a los prestamistas que confirmen que es usted antes de darle crédito.",
          "Es gratis y dura 1 año. Comuníquese con una agencia de crédito, y esa agencia avisará a las otras dos.",
          "Si le robaron la identidad, puede pedir una alerta extendida que dura 7 años.",
        ],
        contacts: ["equifax_fraud_alert", "experian_fraud_alert", "transunion_fraud_alert"],
      },
      {
        id: "freeze-or-alert",
        heading: "¿Congelamiento o alerta de fraude?",
        paragraphs: [
          "El congelamiento da más protección. La alerta de fraude es más sencilla, porque no necesita levantarla para pedir crédito.",
          "Puede tener las dos al mismo tiempo.",
        ],
      },
      {
        id: "medical",
        heading: "Revise sus estados de cuenta médicos",
        paragraphs: [
          "Su plan de salud le envía una Explicación de Beneficios (EOB) cuando se cobra un servicio. No es una factura.",
          "Si tiene Medicare, usted recibe en su lugar un Aviso de Resumen de Medicare (MSN).",
        ],
        bullets: [
          "Lea cada uno. Busque consultas, pruebas o medicamentos que usted no recibió.",
          "Llame a su plan de salud si ve algo que no reconoce.",
          "Pida a sus proveedores una copia de su expediente y pídales que corrijan los errores.",
        ],
        contacts: ["medicare", "senior_medicare_patrol"],
      },
      {
        id: "taxes",
        heading: "Proteja su reembolso de impuestos",
        paragraphs: [
          "Si su número de Seguro Social o de contribuyente estaba en los archivos, obtenga un PIN de Protección de Identidad del IRS.",
          "Es un número de 6 dígitos que solo usted y el IRS conocen. Impide que otra persona presente una declaración de impuestos con su número.",
        ],
        contacts: ["irs_ip_pin"],
      },
      {
        id: "scams",
        heading: "Cuidado con las estafas",
        paragraphs: [
          "Los estafadores saben de las filtraciones de datos. Pueden decir que llaman de parte nuestra, de su banco, de Medicare o del IRS.",
        ],
        bullets: [
          "No haga clic en enlaces ni llame a números que vengan en mensajes inesperados.",
          "Cuelgue y llame usted al número que conoce, por ejemplo el de su tarjeta.",
          "Nunca dé su número de Seguro Social ni sus datos bancarios a alguien que se comunica con usted primero.",
          "Nunca le pediremos su número de Seguro Social por correo electrónico ni por teléfono.",
        ],
      },
      {
        id: "identity-theft",
        heading: "Si alguien usó su información",
        paragraphs: [
          "Repórtelo en RobodeIdentidad.gov o llame al 1-877-438-4338. Recibirá un plan de recuperación paso a paso.",
          "Después, pida a las agencias de crédito una alerta de fraude extendida.",
        ],
        contacts: ["identity_theft_gov"],
      },
    ],
    byCategoryLink: "Vea qué hacer con cada tipo de información",
  },
};

// ---------------------------------------------------------------------------------------------
// Accessibility statement

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
        paragraphs: [
          "We want everyone to be able to use this website.",
          "We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.1, level AA.",
        ],
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

// ---------------------------------------------------------------------------------------------
// Layout, navigation and error pages

/** A simple page with a title and a few paragraphs (error pages). */
export interface MessagePage {
  readonly title: string;
  readonly body: readonly string[];
}

/** Text shared by every public page: header, navigation, footer and error pages. */
export interface LayoutText {
  readonly siteName: string;
  readonly skipLink: string;
  readonly navLabel: string;
  readonly nav: {
    readonly home: string;
    readonly guidance: string;
    readonly genuine: string;
    readonly faq: string;
    readonly accessibility: string;
  };
  /** The link to the other language: its text is written in that other language. */
  readonly langToggle: {
    readonly label: string;
    /** Accessible name of the link, e.g. for `aria-label`. */
    readonly ariaLabel: string;
  };
  readonly footer: readonly string[];
  readonly homeLink: string;
  /** 500 and any unexpected error. */
  readonly error: MessagePage;
  /** 404. */
  readonly notFound: MessagePage;
  /** 503: the database or another dependency is away. */
  readonly unavailable: MessagePage;
  /** 429: throttled. `{minutes}` is how long to wait. */
  readonly tooManyAttempts: MessagePage;
}

/** Header, navigation, footer and error page text. */
export const LAYOUT_TEXT: Localized<LayoutText> = {
  en: {
    siteName: "Exposure Check",
    skipLink: "Skip to main content",
    navLabel: "Main menu",
    nav: {
      home: "Home",
      guidance: "Guidance",
      genuine: "Is this letter genuine?",
      faq: "FAQ",
      accessibility: "Accessibility",
    },
    langToggle: {
      label: "Español",
      ariaLabel: "Ver esta página en español",
    },
    footer: [
      "This website is run for {organization} to help people affected by the data breach.",
      "Questions? Call us toll-free at {phone}, {hours}.",
      "We will never ask for your Social Security number by email or phone.",
    ],
    homeLink: "Go to the home page",
    error: {
      title: "Something went wrong",
      body: ["Please try again in a few minutes. If it keeps happening, call {phone}."],
    },
    notFound: {
      title: "Page not found",
      body: ["We could not find that page. Check the address, or go to the home page."],
    },
    unavailable: {
      title: "Please try again shortly",
      body: [
        "This website is not available right now. Please try again in a few minutes.",
        "If you need help now, call {phone}.",
      ],
    },
    tooManyAttempts: {
      title: "Too many attempts",
      body: [
        "For your safety, please wait {minutes} minutes before you try again.",
        "If you need help now, call {phone}.",
      ],
    },
  },
  es: {
    siteName: "Exposure Check",
    skipLink: "Ir al contenido principal",
    navLabel: "Menú principal",
    nav: {
      home: "Inicio",
      guidance: "Consejos",
      genuine: "¿Es auténtica esta carta?",
      faq: "Preguntas frecuentes",
      accessibility: "Accesibilidad",
    },
    langToggle: {
      label: "English",
      ariaLabel: "View this page in English",
    },
    footer: [
      "Este sitio web se ofrece en nombre de {organization} para ayudar a las personas afectadas por la filtración de datos.",
      "¿Tiene preguntas? Llámenos gratis al {phone}, {hours}.",
      "Nunca le pediremos su número de Seguro Social por correo electrónico ni por teléfono.",
    ],
    homeLink: "Ir a la página de inicio",
    error: {
      title: "Algo salió mal",
      body: ["Vuelva a intentarlo en unos minutos. Si el problema continúa, llame al {phone}."],
    },
    notFound: {
      title: "No encontramos la página",
      body: ["No pudimos encontrar esa página. Revise la dirección o vaya a la página de inicio."],
    },
    unavailable: {
      title: "Vuelva a intentarlo en un momento",
      body: [
        "Este sitio web no está disponible en este momento. Vuelva a intentarlo en unos minutos.",
        "Si necesita ayuda ahora, llame al {phone}.",
      ],
    },
    tooManyAttempts: {
      title: "Demasiados intentos",
      body: [
        "Por su seguridad, espere {minutes} minutos antes de volver a intentarlo.",
        "Si necesita ayuda ahora, llame al {phone}.",
      ],
    },
  },
};

/** Every localized page text in this module, by export name (used by the content tests). */
export const PAGE_TEXTS = {
  HOME_TEXT,
  CHECK_ERRORS,
  EXPOSURE_TEXT,
  GENUINE_TEXT,
  FAQ_TEXT,
  GUIDANCE_TEXT,
  ACCESSIBILITY_TEXT,
  LAYOUT_TEXT,
} as const;
