/**
 * Text of the enrollment pages (/enroll and /enroll/done), in English and Spanish (usted).
 * Plain language, short sentences. Placeholders are filled with `fill()`: {vendor}, {vendorUrl},
 * {vendorPhone}, {months}, {date}, {phone}, {hours}, {start}, {end}.
 *
 * Nothing here asks anyone to give up a legal right: the only consent is to the monitoring
 * partner's own terms for the monitoring service.
 */
import type { Localized } from "./i18n";

/** The enrollment form's error messages, by key (the form's schema in services/enrollment uses these keys). */
export type EnrollErrorKey = "emailFormat" | "emailMismatch" | "guardianRequired" | "guardianTooLong" | "consentRequired";

export interface EnrollText {
  readonly title: string;
  readonly heading: string;
  readonly intro: string;
  readonly whatYouGet: readonly string[];
  readonly enrollBy: string;
  readonly minorHeading: string;
  readonly minorIntro: string;
  readonly guardianLabel: string;
  readonly guardianHint: string;
  readonly emailHeading: string;
  readonly emailIntro: string;
  readonly emailLabel: string;
  readonly emailConfirmLabel: string;
  readonly emailHint: string;
  readonly consentHeading: string;
  readonly consentLabel: string;
  readonly termsLink: string;
  readonly noWaiver: string;
  readonly submit: string;
  readonly back: string;
  readonly errorHeading: string;
  readonly errors: Readonly<Record<EnrollErrorKey, string>>;
  readonly closed: { readonly heading: string; readonly body: readonly string[] };
  readonly deceased: { readonly heading: string; readonly body: readonly string[] };
  /**
   * The confirmation (issue 16, item 6): exactly what is done, what is left (activation with the
   * partner, whose address and phone are links), what happens next, and what we never ask for.
   */
  readonly result: {
    readonly title: string;
    readonly heading: string;
    readonly intro: string;
    readonly doneHeading: string;
    readonly done: readonly string[];
    readonly codeLabel: string;
    readonly keepSafe: string;
    readonly activateHeading: string;
    readonly activateIntro: string;
    /** `{vendorUrl}` and `{vendorPhone}` become links. */
    readonly activateSteps: readonly string[];
    readonly coverage: string;
    readonly productMinor: string;
    readonly emailQueued: string;
    readonly emailNotGiven: string;
    readonly nextHeading: string;
    readonly next: readonly string[];
    readonly neverHeading: string;
    readonly never: readonly string[];
    readonly printHint: string;
    readonly printButton: string;
    readonly helpLine: string;
  };
  readonly waiting: { readonly title: string; readonly heading: string; readonly body: readonly string[] };
  readonly backToExposure: string;
  readonly signOut: string;
}

export const ENROLL_TEXT: Localized<EnrollText> = {
  en: {
    title: "Enroll in free credit monitoring",
    heading: "Enroll in free credit monitoring",
    intro: "You can get {months} months of credit monitoring and identity protection from {vendor}. It is free. You do not need a credit card.",
    whatYouGet: [
      "{vendor} watches your credit file and tells you about changes, like a new account in your name.",
      "If someone uses your identity, they help you fix it.",
      "The {months} months start on the day you enroll.",
    ],
    enrollBy: "Enroll by {date}.",
    minorHeading: "Enrolling a child",
    minorIntro: "This letter is about a child. A parent or guardian enrolls the child. The child gets a product made for minors.",
    guardianLabel: "Your full name (parent or guardian)",
    guardianHint: "We keep it with the enrollment, in case you call us.",
    emailHeading: "Confirmation email (optional)",
    emailIntro: "We can send you one email to confirm. It will not include your code or any details about you.",
    emailLabel: "Email",
    emailConfirmLabel: "Type the email again",
    emailHint: "Leave both boxes empty if you do not want an email.",
    consentHeading: "Terms",
    consentLabel: "I agree to {vendor}'s terms for the monitoring service.",
    termsLink: "Read {vendor}'s terms at {vendorUrl}",
    noWaiver: "Enrolling does not take away any of your legal rights.",
    submit: "Enroll",
    back: "Back",
    errorHeading: "Please fix these problems",
    errors: {
      emailFormat: "Enter an email like name@example.com, or leave it empty.",
      emailMismatch: "The two emails are not the same. Type them again.",
      guardianRequired: "Enter your full name as the parent or guardian.",
      guardianTooLong: "The name is too long. Use at most 120 characters.",
      consentRequired: "Check the box to agree to the monitoring terms.",
    },
    closed: {
      heading: "Enrollment has ended",
      body: ["The last day to enroll was {date}.", "If you have questions, call us at {phone}, {hours}."],
    },
    deceased: {
      heading: "No enrollment for this letter",
      body: [
        "This letter is about a person who has died. Monitoring is not offered for them.",
        'As next of kin, you can ask each credit bureau to add a note: "deceased — do not issue credit".',
        "If you have questions, call us at {phone}, {hours}.",
      ],
    },
    result: {
      title: "You signed up. Now activate your monitoring.",
      heading: "You signed up. Now activate your monitoring.",
      intro: "Your part with us is done. One step is left, and only you can do it: activate the monitoring with {vendor}.",
      doneHeading: "What is done",
      done: ["We saved your sign-up for {months} months of free monitoring from {vendor}.", "We gave you a monitoring code. It is below."],
      codeLabel: "Your monitoring code",
      keepSafe: "Keep this code. Do not share it. You need it to activate the monitoring.",
      activateHeading: "What is left: activate it with {vendor}",
      activateIntro: "{vendor} does not watch your credit until you activate.",
      activateSteps: [
        "Go to {vendor}'s website: {vendorUrl}",
        "Enter your monitoring code.",
        "Follow the steps to set up your account.",
        "No internet? Call {vendor} at {vendorPhone}.",
      ],
      coverage: "Your coverage runs from {start} through {end}.",
      productMinor: "This is the product for minors.",
      emailQueued: "We will send you one email to confirm. It does not include your code.",
      emailNotGiven: "We will not send you an email, because you did not give us one. Print this page or write down your code.",
      nextHeading: "What happens next",
      next: [
        "Activate soon. Your months of coverage have already started.",
        "After you activate, {vendor} tells you about changes to your credit file, like a new account in your name.",
        "To make sure it is you, {vendor} may ask for your Social Security number. Give it only on their website or at their phone number above.",
      ],
      neverHeading: "What we will never ask for",
      never: [
        "We will never ask for your Social Security number, a bank or card number, or a password by email, text or phone.",
        "We will never ask you to pay.",
      ],
      printHint: "You can print this page or save it. Use your browser's Print command.",
      printButton: "Print this page",
      helpLine: "Questions? Call us at {phone}, {hours}.",
    },
    waiting: {
      title: "You are on the list",
      heading: "You are on the list",
      body: [
        "We have run out of monitoring codes for now. We are getting more.",
        "We saved your request. You do not need to do it again.",
        "When new codes arrive, we enroll you. If we have your email, we send you a note. You can also come back here with the code from your letter.",
        "If you have questions, call us at {phone}, {hours}.",
      ],
    },
    backToExposure: "Back to your information",
    signOut: "Done — sign out",
  },
  es: {
    title: "Inscríbase en el monitoreo de crédito gratuito",
    heading: "Inscríbase en el monitoreo de crédito gratuito",
    intro: "Puede recibir {months} meses de monitoreo de crédito y protección de identidad de {vendor}. Es gratis. No necesita tarjeta de crédito.",
    whatYouGet: [
      "{vendor} vigila su historial de crédito y le avisa de cambios, como una cuenta nueva a su nombre.",
      "Si alguien usa su identidad, le ayudan a resolverlo.",
      "Los {months} meses empiezan el día en que se inscribe.",
    ],
    enrollBy: "Inscríbase antes del {date}.",
    minorHeading: "Inscribir a un menor",
    minorIntro: "Esta carta es sobre un menor. Lo inscribe su padre, madre o tutor. El menor recibe un producto hecho para menores.",
    guardianLabel: "Su nombre completo (padre, madre o tutor)",
    guardianHint: "Lo guardamos con la inscripción, por si nos llama.",
    emailHeading: "Correo de confirmación (opcional)",
    emailIntro: "Podemos enviarle un correo para confirmar. No incluirá su código ni datos sobre usted.",
    emailLabel: "Correo electrónico",
    emailConfirmLabel: "Escriba el correo otra vez",
    emailHint: "Deje ambos espacios vacíos si no quiere un correo.",
    consentHeading: "Condiciones",
    consentLabel: "Acepto las condiciones de {vendor} para el servicio de monitoreo.",
    termsLink: "Lea las condiciones de {vendor} en {vendorUrl}",
    noWaiver: "Inscribirse no le quita ninguno de sus derechos legales.",
    submit: "Inscribirme",
    back: "Volver",
    errorHeading: "Corrija estos problemas",
    errors: {
      emailFormat: "Escriba un correo como nombre@ejemplo.com, o déjelo vacío.",
      emailMismatch: "Los dos correos no son iguales. Escríbalos otra vez.",
      guardianRequired: "Escriba su nombre completo como padre, madre o tutor.",
      guardianTooLong: "El nombre es demasiado largo. Use 120 caracteres como máximo.",
      consentRequired: "Marque la casilla para aceptar las condiciones del monitoreo.",
    },
    closed: {
      heading: "La inscripción terminó",
      body: ["El último día para inscribirse fue el {date}.", "Si tiene preguntas, llámenos al {phone}, {hours}."],
    },
    deceased: {
      heading: "Esta carta no tiene inscripción",
      body: [
        "Esta carta es sobre una persona que falleció. No se ofrece monitoreo para ella.",
        'Como familiar, puede pedir a cada agencia de crédito que agregue una nota: "fallecido — no otorgar crédito".',
        "Si tiene preguntas, llámenos al {phone}, {hours}.",
      ],
    },
    result: {
      title: "Ya se inscribió. Ahora active su monitoreo.",
      heading: "Ya se inscribió. Ahora active su monitoreo.",
      intro: "Su parte con nosotros está hecha. Falta un paso, y solo usted puede darlo: activar el monitoreo con {vendor}.",
      doneHeading: "Lo que ya está hecho",
      done: ["Guardamos su inscripción en {months} meses de monitoreo gratis de {vendor}.", "Le dimos un código de monitoreo. Está abajo."],
      codeLabel: "Su código de monitoreo",
      keepSafe: "Guarde este código. No lo comparta. Lo necesita para activar el monitoreo.",
      activateHeading: "Lo que falta: actívelo con {vendor}",
      activateIntro: "{vendor} no vigila su crédito hasta que usted lo active.",
      activateSteps: [
        "Vaya al sitio web de {vendor}: {vendorUrl}",
        "Escriba su código de monitoreo.",
        "Siga los pasos para crear su cuenta.",
        "¿No tiene internet? Llame a {vendor} al {vendorPhone}.",
      ],
      coverage: "Su cobertura va del {start} al {end}.",
      productMinor: "Este es el producto para menores.",
      emailQueued: "Le enviaremos un correo para confirmar. No incluye su código.",
      emailNotGiven: "No le enviaremos un correo, porque no nos dio uno. Imprima esta página o anote su código.",
      nextHeading: "Lo que pasa después",
      next: [
        "Actívelo pronto. Sus meses de cobertura ya empezaron.",
        "Cuando lo active, {vendor} le avisa de cambios en su historial de crédito, como una cuenta nueva a su nombre.",
        "Para saber que es usted, {vendor} puede pedirle su número de Seguro Social. Déselo solo en su sitio web o en su teléfono de arriba.",
      ],
      neverHeading: "Lo que nunca le pediremos",
      never: [
        "Nunca le pediremos su número de Seguro Social, un número de banco o de tarjeta, ni una contraseña por correo, mensaje de texto o teléfono.",
        "Nunca le pediremos que pague.",
      ],
      printHint: "Puede imprimir o guardar esta página. Use el comando Imprimir de su navegador.",
      printButton: "Imprimir esta página",
      helpLine: "¿Preguntas? Llámenos al {phone}, {hours}.",
    },
    waiting: {
      title: "Está en la lista",
      heading: "Está en la lista",
      body: [
        "Por ahora se acabaron los códigos de monitoreo. Estamos consiguiendo más.",
        "Guardamos su solicitud. No necesita hacerla otra vez.",
        "Cuando lleguen códigos nuevos, lo inscribimos. Si tenemos su correo, le avisamos. También puede volver aquí con el código de su carta.",
        "Si tiene preguntas, llámenos al {phone}, {hours}.",
      ],
    },
    backToExposure: "Volver a su información",
    signOut: "Listo — cerrar sesión",
  },
};
