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
