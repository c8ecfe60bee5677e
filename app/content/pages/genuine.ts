/** Is this letter genuine? (`/genuine`). See ./index.ts for the rules every page text follows. */
import type { Localized } from "../i18n";
import type { Section } from "./shared";

/** Text of the "Is this letter genuine?" page. */
export interface GenuineText {
  readonly title: string;
  readonly heading: string;
  readonly intro: readonly string[];
  readonly sections: readonly Section[];
  readonly stepsHeading: string;
  readonly steps: readonly string[];
  /** Things to check outside this site (issue 16, item 5); each shown only when the incident sets it. */
  readonly anchors: {
    readonly heading: string;
    readonly intro: string;
    readonly phone: string;
    readonly returnAddress: string;
    readonly entities: string;
    readonly hhs: string;
    readonly hhsLink: string;
    readonly attorneysGeneral: string;
  };
  /** "Was this letter mailed?": the reference-number lookup. */
  readonly lookup: {
    readonly heading: string;
    readonly intro: string;
    readonly label: string;
    readonly hint: string;
    readonly button: string;
    readonly mailed: string;
    readonly mailedNext: string;
    readonly notFound: string;
    readonly notFoundNext: string;
    readonly errorHeading: string;
    readonly malformed: string;
    readonly throttled: string;
  };
}

/** "Is this letter genuine?" page text. */
export const GENUINE_TEXT: Localized<GenuineText> = {
  en: {
    title: "Is this letter genuine?",
    heading: "Is this letter genuine?",
    intro: ["After a data breach, scammers sometimes send fake letters, emails or texts.", "Here is how to tell if your letter is real."],
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
      "Enter the reference number from your letter below. We tell you if we mailed it, and when.",
      "Check your letter against the places below. They are not run by us.",
      "Or call us at {phone}, {hours}, and read us the reference number.",
      "If you think a letter, call or message is fake, tell us at {phone}.",
    ],
    anchors: {
      heading: "Check it outside this site",
      intro: "A fake letter can copy our words. It cannot change these. Open each site by typing its address yourself.",
      phone: "The phone number on a real letter is {phone}.",
      returnAddress: "The return address on a real envelope is:",
      entities: "Notices on the websites of the health care providers:",
      hhs: "The U.S. Department of Health and Human Services lists large health data breaches on its own website.",
      hhsLink: "HHS breach portal",
      attorneysGeneral: "Notices from state attorneys general:",
    },
    lookup: {
      heading: "Was this letter mailed?",
      intro:
        "Enter the reference number from your letter. We tell you only if we mailed a letter with that number, and when. We do not show anything about you.",
      label: "Reference number",
      hint: "12 digits, like {referenceFormat}. It is printed near the top of the letter.",
      button: "Check the number",
      mailed: "Yes. We mailed a letter with the reference number {reference} on {date}.",
      mailedNext: "To see what the letter is about, enter the activation code from it on the home page.",
      notFound: "We did not find a mailed letter with the reference number {reference}.",
      notFoundNext: "Check the number for a typo. If it is right, the letter may be fake. Call us at {phone} to ask.",
      errorHeading: "Please fix this problem",
      malformed: "A reference number has 12 digits, like {referenceFormat}.",
      throttled: "There were too many tries from this connection. Wait {minutes} minutes, or call us at {phone}.",
    },
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
      "Escriba abajo el número de referencia de su carta. Le decimos si la enviamos, y cuándo.",
      "Compare su carta con los lugares de abajo. No los manejamos nosotros.",
      "O llámenos al {phone}, {hours}, y léanos el número de referencia.",
      "Si cree que una carta, llamada o mensaje es falso, avísenos al {phone}.",
    ],
    anchors: {
      heading: "Verifíquela fuera de este sitio",
      intro: "Una carta falsa puede copiar nuestras palabras. No puede cambiar estos datos. Abra cada sitio escribiendo usted mismo la dirección.",
      phone: "El número de teléfono de una carta real es el {phone}.",
      returnAddress: "La dirección del remitente en un sobre real es:",
      entities: "Avisos en los sitios web de los proveedores de salud:",
      hhs: "El Departamento de Salud y Servicios Humanos de EE. UU. publica en su sitio web las filtraciones grandes de datos de salud.",
      hhsLink: "Portal de filtraciones del HHS",
      attorneysGeneral: "Avisos de los fiscales generales de los estados:",
    },
    lookup: {
      heading: "¿Se envió esta carta?",
      intro: "Escriba el número de referencia de su carta. Solo le decimos si enviamos una carta con ese número, y cuándo. No mostramos nada sobre usted.",
      label: "Número de referencia",
      hint: "12 dígitos, como {referenceFormat}. Está cerca de la parte de arriba de la carta.",
      button: "Verificar el número",
      mailed: "Sí. Enviamos una carta con el número de referencia {reference} el {date}.",
      mailedNext: "Para ver de qué trata la carta, escriba su código de activación en la página de inicio.",
      notFound: "No encontramos una carta enviada con el número de referencia {reference}.",
      notFoundNext: "Revise si hay un error en el número. Si está bien, la carta puede ser falsa. Llámenos al {phone} para preguntar.",
      errorHeading: "Corrija este problema",
      malformed: "Un número de referencia tiene 12 dígitos, como {referenceFormat}.",
      throttled: "Hubo demasiados intentos desde esta conexión. Espere {minutes} minutos, o llámenos al {phone}.",
    },
  },
};
