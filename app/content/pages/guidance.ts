/** General guidance (`/guidance`). See ./index.ts for the rules every page text follows. */
import type { Localized } from "../i18n";
import type { Section } from "./shared";

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
    intro: ["These steps can help anyone whose information was in a data breach.", "They are all free."],
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
        paragraphs: ["Scammers know about data breaches. They may say they are from us, your bank, Medicare or the IRS."],
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
    intro: ["Estos pasos pueden ayudar a cualquier persona cuya información estuvo en una filtración de datos.", "Todos son gratuitos."],
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
        paragraphs: ["Los estafadores saben de las filtraciones de datos. Pueden decir que llaman de parte nuestra, de su banco, de Medicare o del IRS."],
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
