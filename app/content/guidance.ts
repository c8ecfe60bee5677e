/**
 * What each involved category means and what to do about it, in English and Spanish.
 *
 * Sources: DESIGN.md "Guidance facts" (FTC, IRS, CMS, the three bureaus) and the category
 * catalog's labels. Phone numbers and addresses are in `./contacts.ts`, each with its source.
 * Written for frightened readers on a phone: one or two short sentences of meaning, then two or
 * three imperative steps, most important first. Nothing here asks anyone to send a Social
 * Security number anywhere.
 */
import type { CategoryKey } from "./categories";
import type { ContactId } from "./contacts";
import { FREEZE_CONTACTS } from "./contacts";
import type { Lang, Localized } from "./i18n";

/** The text shown for one involved category, in one language. */
export interface CategoryGuidance {
  /** Short name of the category (English labels are exactly DESIGN.md's). */
  readonly label: string;
  /** One or two sentences: what it means that this was involved. */
  readonly meaning: string;
  /** Two or three short imperative steps, most important first. */
  readonly actions: readonly string[];
  /** Who can help, as ids into `CONTACTS` (the same in every language). */
  readonly contacts: readonly ContactId[];
}

type GuidanceText = Omit<CategoryGuidance, "contacts">;

/** Builds both languages of one entry, sharing the language-independent contact list. */
function entry(contacts: readonly ContactId[], en: GuidanceText, es: GuidanceText): Localized<CategoryGuidance> {
  return { en: { ...en, contacts }, es: { ...es, contacts } };
}

/** Guidance for every category in both languages. */
export const CATEGORY_GUIDANCE: Readonly<Record<CategoryKey, Localized<CategoryGuidance>>> = {
  name: entry(
    ["identity_theft_gov"],
    {
      label: "Name",
      meaning: "Your name was in the files. A name alone is not enough to open accounts, but scammers may use it to make a message seem real.",
      actions: [
        "Be careful with calls, texts and emails that use your name and ask for personal information.",
        "Hang up and call the company back at a number you already trust.",
      ],
    },
    {
      label: "Nombre",
      meaning:
        "Su nombre estaba en los archivos. Con solo un nombre no se pueden abrir cuentas, pero los estafadores pueden usarlo para que un mensaje parezca real.",
      actions: [
        "Tenga cuidado con las llamadas, los mensajes de texto y los correos electrónicos que usan su nombre y le piden datos personales.",
        "Cuelgue y llame usted a la empresa, a un número que ya conoce y en el que confía.",
      ],
    },
  ),

  address: entry(
    ["annual_credit_report"],
    {
      label: "Postal address",
      meaning: "Your postal address was in the files. Someone could send you fake letters or bills that look real.",
      actions: [
        "Watch your mail for bills, cards or letters about accounts you did not open.",
        "Before you pay or answer a letter you did not expect, call the sender at a number you trust.",
      ],
    },
    {
      label: "Dirección postal",
      meaning: "Su dirección postal estaba en los archivos. Alguien podría enviarle cartas o facturas falsas que parecen reales.",
      actions: [
        "Revise su correo por si llegan facturas, tarjetas o cartas de cuentas que usted no abrió.",
        "Antes de pagar o responder una carta inesperada, llame a quien la envió a un número de confianza.",
      ],
    },
  ),

  date_of_birth: entry(
    ["annual_credit_report", ...FREEZE_CONTACTS],
    {
      label: "Date of birth",
      meaning: "Your date of birth was in the files. With your name and address, it can help someone pretend to be you.",
      actions: ["Get your free credit reports and look for accounts you do not know.", "Think about a free credit freeze at Equifax, Experian and TransUnion."],
    },
    {
      label: "Fecha de nacimiento",
      meaning: "Su fecha de nacimiento estaba en los archivos. Junto con su nombre y su dirección, puede ayudar a alguien a hacerse pasar por usted.",
      actions: [
        "Pida sus informes de crédito gratuitos y busque cuentas que no reconozca.",
        "Considere congelar su crédito gratis en Equifax, Experian y TransUnion.",
      ],
    },
  ),

  ssn: entry(
    [...FREEZE_CONTACTS, "irs_ip_pin", "annual_credit_report"],
    {
      label: "Social Security number",
      meaning:
        "Your Social Security number was in the files. This is the most serious item, because a thief could use it to open credit or file taxes in your name.",
      actions: [
        "Freeze your credit for free at Equifax, Experian and TransUnion.",
        "Get an Identity Protection PIN from the IRS at irs.gov/ippin.",
        "Check your free credit reports for accounts you do not know.",
      ],
    },
    {
      label: "Número de Seguro Social",
      meaning:
        "Su número de Seguro Social estaba en los archivos. Es el dato más delicado, porque un ladrón podría usarlo para pedir crédito o declarar impuestos a su nombre.",
      actions: [
        "Congele su crédito gratis en Equifax, Experian y TransUnion.",
        "Obtenga un PIN de Protección de Identidad del IRS en irs.gov/ippin.",
        "Revise sus informes de crédito gratuitos y busque cuentas que no reconozca.",
      ],
    },
  ),

  taxpayer_id: entry(
    ["irs_ip_pin", ...FREEZE_CONTACTS, "identity_theft_gov"],
    {
      label: "Taxpayer identification number",
      meaning: "Your taxpayer identification number was in the files. Someone could try to file a tax return or open credit in your name.",
      actions: [
        "Get an Identity Protection PIN from the IRS at irs.gov/ippin.",
        "Freeze your credit for free at Equifax, Experian and TransUnion.",
        "If the IRS tells you a return was already filed with your number, report it at IdentityTheft.gov.",
      ],
    },
    {
      label: "Número de identificación de contribuyente",
      meaning:
        "Su número de identificación de contribuyente estaba en los archivos. Alguien podría intentar presentar una declaración de impuestos o pedir crédito a su nombre.",
      actions: [
        "Obtenga un PIN de Protección de Identidad del IRS en irs.gov/ippin.",
        "Congele su crédito gratis en Equifax, Experian y TransUnion.",
        "Si el IRS le avisa que ya se presentó una declaración con su número, repórtelo en RobodeIdentidad.gov.",
      ],
    },
  ),

  medical_record_number: entry(
    ["identity_theft_gov"],
    {
      label: "Medical record number",
      meaning: "The number your provider uses for your medical chart was in the files. Someone could use it to try to get care or records in your name.",
      actions: [
        "Read every Explanation of Benefits from your health plan and look for care you did not get.",
        "Ask your providers for a copy of your records and check them for mistakes.",
      ],
    },
    {
      label: "Número de expediente médico",
      meaning:
        "El número que su proveedor usa para su expediente médico estaba en los archivos. Alguien podría usarlo para intentar recibir atención u obtener registros a su nombre.",
      actions: [
        "Lea cada Explicación de Beneficios (EOB) de su plan de salud y busque servicios que usted no recibió.",
        "Pida a sus proveedores una copia de su expediente y revise que no tenga errores.",
      ],
    },
  ),

  diagnosis: entry(
    ["identity_theft_gov"],
    {
      label: "Diagnosis",
      meaning:
        "Information about a diagnosis was in the files. This is private health information, and scammers may use it to make a call or letter seem real.",
      actions: [
        "Be careful with calls, letters or ads that mention your health and ask for money or personal details.",
        "Read every Explanation of Benefits and look for care you did not get.",
        "Ask your providers to fix anything in your records that is wrong.",
      ],
    },
    {
      label: "Diagnóstico",
      meaning:
        "Había información sobre un diagnóstico en los archivos. Es información privada de salud, y los estafadores pueden usarla para que una llamada o una carta parezca real.",
      actions: [
        "Tenga cuidado con las llamadas, cartas o anuncios que mencionan su salud y le piden dinero o datos personales.",
        "Lea cada Explicación de Beneficios (EOB) y busque servicios que usted no recibió.",
        "Pida a sus proveedores que corrijan cualquier error en su expediente.",
      ],
    },
  ),

  diagnosis_code: entry(
    ["identity_theft_gov"],
    {
      label: "Diagnosis code",
      meaning: "Codes for a diagnosis were in the files. Anyone who looks up the codes can learn about your health.",
      actions: [
        "Be careful with calls, letters or ads that mention your health and ask for money or personal details.",
        "Read every Explanation of Benefits and look for care you did not get.",
      ],
    },
    {
      label: "Código de diagnóstico",
      meaning: "Había códigos de diagnóstico en los archivos. Quien busque esos códigos puede saber algo sobre su salud.",
      actions: [
        "Tenga cuidado con las llamadas, cartas o anuncios que mencionan su salud y le piden dinero o datos personales.",
        "Lea cada Explicación de Beneficios (EOB) y busque servicios que usted no recibió.",
      ],
    },
  ),

  condition: entry(
    ["identity_theft_gov"],
    {
      label: "Mental or physical condition",
      meaning: "Information about a mental or physical condition was in the files. This is private, and scammers may use it to make a call or offer seem real.",
      actions: [
        "Be careful with offers of treatments, tests or medical equipment that you did not ask for.",
        "Read every Explanation of Benefits and look for care you did not get.",
      ],
    },
    {
      label: "Condición física o mental",
      meaning:
        "Había información sobre una condición de salud física o mental en los archivos. Es información privada, y los estafadores pueden usarla para que una llamada o una oferta parezca real.",
      actions: [
        "Tenga cuidado con las ofertas de tratamientos, pruebas o equipos médicos que usted no pidió.",
        "Lea cada Explicación de Beneficios (EOB) y busque servicios que usted no recibió.",
      ],
    },
  ),

  prescription: entry(
    ["identity_theft_gov"],
    {
      label: "Prescription information",
      meaning:
        "Information about your prescriptions, such as the names of medicines, was in the files. Someone could use it to try to get medicine in your name.",
      actions: [
        "Check pharmacy receipts and health plan statements for medicine you did not get.",
        "Tell your pharmacy and health plan about any medicine you did not ask for.",
        "Be careful with calls or emails that offer cheap medicine.",
      ],
    },
    {
      label: "Información de recetas médicas",
      meaning:
        "Había información sobre sus recetas en los archivos, como los nombres de sus medicamentos. Alguien podría usarla para intentar obtener medicamentos a su nombre.",
      actions: [
        "Revise los recibos de la farmacia y los estados de cuenta de su plan de salud por si aparecen medicamentos que usted no recibió.",
        "Avise a su farmacia y a su plan de salud si aparece un medicamento que usted no pidió.",
        "Tenga cuidado con las llamadas o los correos que ofrecen medicamentos baratos.",
      ],
    },
  ),

  provider: entry(
    ["identity_theft_gov"],
    {
      label: "Provider name and location",
      meaning: "The names and locations of your doctors, clinics or hospitals were in the files. Scammers may pretend to call from your provider.",
      actions: [
        "If a caller says they are from your provider, hang up and call the number you know.",
        "Read every Explanation of Benefits and look for visits you did not make.",
      ],
    },
    {
      label: "Nombre y ubicación del proveedor médico",
      meaning:
        "Los nombres y las direcciones de sus médicos, clínicas u hospitales estaban en los archivos. Los estafadores podrían fingir que llaman de parte de su proveedor.",
      actions: [
        "Si alguien dice que llama de parte de su proveedor, cuelgue y llame usted al número que conoce.",
        "Lea cada Explicación de Beneficios (EOB) y busque consultas que usted no tuvo.",
      ],
    },
  ),

  health_insurance: entry(
    ["identity_theft_gov"],
    {
      label: "Health insurance information",
      meaning:
        "Details about your health insurance, such as your plan name or member number, were in the files. Someone could try to use your plan to get care.",
      actions: [
        "Read every Explanation of Benefits from your health plan and look for care you did not get.",
        "Call your health plan at the number on your card about anything you do not know.",
        "Ask your health plan if it can give you a new member number.",
      ],
    },
    {
      label: "Información del seguro médico",
      meaning:
        "Había datos de su seguro médico en los archivos, como el nombre del plan o su número de miembro. Alguien podría intentar usar su plan para recibir atención.",
      actions: [
        "Lea cada Explicación de Beneficios (EOB) de su plan de salud y busque servicios que usted no recibió.",
        "Llame a su plan de salud, al número de su tarjeta, si ve algo que no reconoce.",
        "Pregunte a su plan de salud si puede darle un nuevo número de miembro.",
      ],
    },
  ),

  beneficiary_number: entry(
    ["medicare", "identity_theft_gov"],
    {
      label: "Beneficiary number",
      meaning: "Your beneficiary number, the number a health plan or Medicare uses for you, was in the files. Someone could try to bill for care in your name.",
      actions: [
        "Read every Explanation of Benefits or Medicare Summary Notice and look for care you did not get.",
        "Call your health plan or 1-800-MEDICARE about anything you do not know.",
      ],
    },
    {
      label: "Número de beneficiario",
      meaning:
        "Su número de beneficiario, el que un plan de salud o Medicare usa para identificarle, estaba en los archivos. Alguien podría intentar cobrar por servicios a su nombre.",
      actions: [
        "Lea cada Explicación de Beneficios (EOB) o Aviso de Resumen de Medicare (MSN) y busque servicios que usted no recibió.",
        "Llame a su plan de salud o al 1-800-MEDICARE si ve algo que no reconoce.",
      ],
    },
  ),

  subscriber_number: entry(
    ["identity_theft_gov"],
    {
      label: "Subscriber number",
      meaning:
        "Your subscriber number, the ID number on your health insurance card, was in the files. Someone could try to use it to get care or bill your plan.",
      actions: [
        "Read every Explanation of Benefits and look for care you did not get.",
        "Call your health plan at the number on your card about anything you do not know.",
      ],
    },
    {
      label: "Número de suscriptor",
      meaning:
        "Su número de suscriptor, el número de identificación de su tarjeta del seguro médico, estaba en los archivos. Alguien podría intentar usarlo para recibir atención o cobrarle a su plan.",
      actions: [
        "Lea cada Explicación de Beneficios (EOB) y busque servicios que usted no recibió.",
        "Llame a su plan de salud, al número de su tarjeta, si ve algo que no reconoce.",
      ],
    },
  ),

  medicaid_medicare_id: entry(
    ["medicare", "senior_medicare_patrol", "state_medicaid"],
    {
      label: "Medicaid or Medicare ID",
      meaning: "Your Medicaid or Medicare ID was in the files. Someone could try to use it to bill Medicaid or Medicare for care you never got.",
      actions: [
        "Read every Medicare Summary Notice and every Medicaid statement. Look for care you did not get.",
        "For Medicare, call 1-800-MEDICARE (1-800-633-4227) or the Senior Medicare Patrol about anything wrong.",
        "For Medicaid, call {medicaidAgency}.",
      ],
    },
    {
      label: "Número de identificación de Medicaid o Medicare",
      meaning:
        "Su número de identificación de Medicaid o Medicare estaba en los archivos. Alguien podría intentar usarlo para cobrarle a Medicaid o a Medicare por servicios que usted nunca recibió.",
      actions: [
        "Lea cada Aviso de Resumen de Medicare (MSN) y cada estado de cuenta de Medicaid. Busque servicios que usted no recibió.",
        "Si tiene Medicare, llame al 1-800-MEDICARE (1-800-633-4227) o a la Patrulla de Medicare para Personas Mayores (SMP) si ve algo incorrecto.",
        "Si tiene Medicaid, llame a {medicaidAgency}.",
      ],
    },
  ),

  patient_account_number: entry(
    ["identity_theft_gov"],
    {
      label: "Patient account number",
      meaning: "The account number your provider uses for your bills was in the files. Someone could use it to send you fake bills.",
      actions: ["Pay only bills that match a visit you really had.", "If a bill looks wrong, call your provider at a number you trust."],
    },
    {
      label: "Número de cuenta del paciente",
      meaning: "El número de cuenta que su proveedor usa para sus facturas estaba en los archivos. Alguien podría usarlo para enviarle facturas falsas.",
      actions: [
        "Pague solo las facturas que correspondan a una consulta que usted tuvo de verdad.",
        "Si una factura parece incorrecta, llame a su proveedor a un número de confianza.",
      ],
    },
  ),

  patient_id_number: entry(
    ["identity_theft_gov"],
    {
      label: "Patient identification number",
      meaning: "The number a provider uses to find you in its records was in the files. Someone could use it to pretend to be you or to make a scam seem real.",
      actions: [
        "Do not trust a caller just because they know your patient number.",
        "Read every Explanation of Benefits and look for visits you did not make.",
      ],
    },
    {
      label: "Número de identificación del paciente",
      meaning:
        "El número que un proveedor usa para encontrarle en sus registros estaba en los archivos. Alguien podría usarlo para hacerse pasar por usted o para que una estafa parezca real.",
      actions: [
        "No confíe en alguien solo porque conoce su número de paciente.",
        "Lea cada Explicación de Beneficios (EOB) y busque consultas que usted no tuvo.",
      ],
    },
  ),

  treatment_cost: entry(
    ["identity_theft_gov"],
    {
      label: "Treatment cost information",
      meaning: "Information about what your care cost was in the files. Scammers may use it to send fake bills or ask for payment.",
      actions: [
        "Compare each medical bill with your Explanation of Benefits before you pay.",
        "If a bill looks wrong, call your provider at a number you trust.",
      ],
    },
    {
      label: "Información sobre el costo del tratamiento",
      meaning:
        "Había información sobre el costo de su atención médica en los archivos. Los estafadores podrían usarla para enviarle facturas falsas o pedirle pagos.",
      actions: [
        "Antes de pagar, compare cada factura médica con su Explicación de Beneficios (EOB).",
        "Si una factura parece incorrecta, llame a su proveedor a un número de confianza.",
      ],
    },
  ),

  claims: entry(
    ["identity_theft_gov"],
    {
      label: "Billing and claims information",
      meaning:
        "Billing and claims details, such as dates of care and amounts billed, were in the files. Scammers may use them to send fake bills or make calls seem real.",
      actions: [
        "Read every Explanation of Benefits and look for care you did not get.",
        "Tell your health plan about any claim you do not know.",
        "If someone used your information, report it at IdentityTheft.gov.",
      ],
    },
    {
      label: "Información de facturación y reclamaciones",
      meaning:
        "Había datos de facturación y reclamaciones en los archivos, como fechas de atención y montos cobrados. Los estafadores podrían usarlos para enviar facturas falsas o para que sus llamadas parezcan reales.",
      actions: [
        "Lea cada Explicación de Beneficios (EOB) y busque servicios que usted no recibió.",
        "Avise a su plan de salud si ve una reclamación que no reconoce.",
        "Si alguien usó su información, repórtelo en RobodeIdentidad.gov.",
      ],
    },
  ),
};

/** The label of a category in a language (English labels are exactly DESIGN.md's). */
export function categoryLabel(key: CategoryKey, lang: Lang): string {
  return CATEGORY_GUIDANCE[key][lang].label;
}

/** Extra steps for letters not addressed to the person themselves. */
export interface AudienceNotes {
  /** To the parent or guardian of a person under 18. */
  readonly minor: readonly string[];
  /** To the next of kin of a person who has died. */
  readonly deceased: readonly string[];
}

/**
 * Extra steps shown on the exposure page for a minor's letter (speaking to the parent or
 * guardian) and for a deceased person's letter (speaking to the next of kin).
 * Source: DESIGN.md "Guidance facts" (free freeze for children under 16 placed by a parent;
 * the "deceased — do not issue credit" flag).
 */
export const AUDIENCE_NOTES: Localized<AudienceNotes> = {
  en: {
    minor: [
      "Check whether your child has a credit report. Most children do not, so a report can be a sign of identity theft.",
      "Ask Equifax, Experian and TransUnion for a free credit freeze for your child. A parent or guardian can do this for a child under 16.",
      "Each bureau will tell you which papers to send, such as a copy of your child's birth certificate.",
      "Read every Explanation of Benefits for your child and look for care your child did not get.",
    ],
    deceased: [
      "Ask Equifax, Experian and TransUnion to add a “deceased — do not issue credit” flag to the person's credit report.",
      "Send each bureau a copy of the death certificate. If they ask, also send proof that you can handle the person's affairs.",
      "Read any Explanation of Benefits or Medicare Summary Notice that still comes, and report care the person did not get.",
    ],
  },
  es: {
    minor: [
      "Averigüe si su hijo o hija tiene un informe de crédito. La mayoría de los niños no tienen uno, así que si existe puede ser una señal de robo de identidad.",
      "Pida a Equifax, Experian y TransUnion que congelen gratis el crédito de su hijo o hija. El padre, la madre o el tutor puede hacerlo si el menor tiene menos de 16 años.",
      "Cada agencia le dirá qué documentos debe enviar, como una copia del certificado de nacimiento del menor.",
      "Lea cada Explicación de Beneficios (EOB) de su hijo o hija y busque servicios que el menor no recibió.",
    ],
    deceased: [
      "Pida a Equifax, Experian y TransUnion que marquen el informe de crédito de la persona con la nota “fallecido: no otorgar crédito” (en inglés, “deceased — do not issue credit”).",
      "Envíe a cada agencia una copia del certificado de defunción. Si se lo piden, envíe también un documento que demuestre que usted puede encargarse de los asuntos de la persona.",
      "Lea cada Explicación de Beneficios (EOB) o Aviso de Resumen de Medicare (MSN) que siga llegando, y reporte los servicios que la persona no recibió.",
    ],
  },
};
