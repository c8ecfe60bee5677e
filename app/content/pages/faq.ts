/** Frequently asked questions (`/faq`). See ./index.ts for the rules every page text follows. */
import type { Localized } from "../i18n";
import type { QuestionAnswer } from "./shared";

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
        answer: ["No. We will not call, text or email you to ask for personal information.", "If someone does, hang up. Then call us at {phone} to check."],
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
        answer: ["No. This website shows only which kinds of information were involved.", "It does not keep copies of the information that was taken."],
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
        answer: ["No. Este sitio web solo muestra qué tipos de información se vieron afectados.", "No guarda copias de la información que fue robada."],
      },
    ],
  },
};
