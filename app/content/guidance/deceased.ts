// The texts of one audience (see ./audiences.ts).
import { t, type ForAudience } from "./audience-text";

/** To the next of kin: about "the person", who has died. */
export const DECEASED_GUIDANCE: ForAudience = {
  name: {
    en: t(
      "The person's name was in the files. A name alone is not enough to open accounts, but scammers may use it to make a message seem real.",
      "Be careful with calls, texts and emails that use the person's name and ask for personal information.",
      "Hang up and call the company back at a number you already trust.",
    ),
    es: t(
      "El nombre de la persona estaba en los archivos. Con solo un nombre no se pueden abrir cuentas, pero los estafadores pueden usarlo para que un mensaje parezca real.",
      "Tenga cuidado con llamadas, mensajes y correos que usan el nombre de la persona y piden datos personales.",
      "Cuelgue y llame usted a la empresa, a un número que ya conoce y en el que confía.",
    ),
  },
  address: {
    en: t(
      "The person's postal address was in the files. Someone could send fake letters or bills that look real.",
      "Watch the person's mail for bills, cards or letters about accounts no one opened.",
      "Before you pay or answer a letter you did not expect, call the sender at a number you trust.",
    ),
    es: t(
      "La dirección postal de la persona estaba en los archivos. Alguien podría enviar cartas o facturas falsas que parecen reales.",
      "Revise el correo de la persona por si llegan facturas, tarjetas o cartas de cuentas que nadie abrió.",
      "Antes de pagar o responder una carta inesperada, llame a quien la envió a un número de confianza.",
    ),
  },
  date_of_birth: {
    en: t(
      "The person's date of birth was in the files. With a name and address, it can help someone pretend to be them.",
      "Ask Equifax, Experian and TransUnion to mark the person's credit file as deceased.",
      "Ask one bureau for the person's credit report and look for accounts you do not know.",
    ),
    es: t(
      "La fecha de nacimiento de la persona estaba en los archivos. Con el nombre y la dirección, puede ayudar a alguien a hacerse pasar por ella.",
      "Pida a Equifax, Experian y TransUnion que marquen el archivo de crédito de la persona como fallecida.",
      "Pida a una agencia el informe de crédito de la persona y busque cuentas que no reconozca.",
    ),
  },
  ssn: {
    en: t(
      "The person's Social Security number was in the files. This is the most serious item, because a thief could use it to open credit or file taxes in their name.",
      "Ask Equifax, Experian and TransUnion to mark the person's credit file as deceased.",
      "File the person's last tax return soon, so no one else can file one in their name.",
      "Ask one bureau for the person's credit report and look for accounts you do not know.",
    ),
    es: t(
      "El número de Seguro Social de la persona estaba en los archivos. Es el dato más grave, porque un ladrón podría usarlo para abrir crédito o presentar impuestos a su nombre.",
      "Pida a Equifax, Experian y TransUnion que marquen el archivo de crédito de la persona como fallecida.",
      "Presente pronto la última declaración de impuestos de la persona, para que nadie más presente una a su nombre.",
      "Pida a una agencia el informe de crédito de la persona y busque cuentas que no reconozca.",
    ),
  },
  taxpayer_id: {
    en: t(
      "The person's taxpayer identification number was in the files. Someone could try to file a tax return or open credit in their name.",
      "File the person's last tax return soon, so no one else can file one in their name.",
      "Ask Equifax, Experian and TransUnion to mark the person's credit file as deceased.",
      "If the IRS says a return was already filed with the number, report it at IdentityTheft.gov.",
    ),
    es: t(
      "El número de identificación de contribuyente de la persona estaba en los archivos. Alguien podría presentar una declaración de impuestos o abrir crédito a su nombre.",
      "Presente pronto la última declaración de impuestos de la persona, para que nadie más presente una a su nombre.",
      "Pida a Equifax, Experian y TransUnion que marquen el archivo de crédito de la persona como fallecida.",
      "Si el IRS le dice que ya se presentó una declaración con ese número, repórtelo en IdentityTheft.gov.",
    ),
  },
  medical_record_number: {
    en: t(
      "The number the person's provider used for their medical chart was in the files. Someone could use it to try to get care or records in their name.",
      "Tell the person's providers that they have died.",
      "Read any Explanation of Benefits that still comes. Look for care the person did not get.",
    ),
    es: t(
      "El número que usaba el proveedor para el expediente médico de la persona estaba en los archivos. Alguien podría usarlo para recibir atención o pedir registros a su nombre.",
      "Avise a los proveedores de la persona que falleció.",
      "Lea cada Explicación de Beneficios que todavía llegue. Busque servicios que la persona no recibió.",
    ),
  },
  diagnosis: {
    en: t(
      "Information about the person's diagnosis was in the files. This is private health information. Scammers may use it to make a call or letter seem real.",
      "Be careful with calls or letters that mention the person's health and ask you for money.",
      "Read any Explanation of Benefits that still comes. Look for care the person did not get.",
    ),
    es: t(
      "Había información sobre el diagnóstico de la persona en los archivos. Es información de salud privada. Los estafadores pueden usarla para que una llamada o carta parezca real.",
      "Tenga cuidado con llamadas o cartas que mencionan la salud de la persona y le piden dinero.",
      "Lea cada Explicación de Beneficios que todavía llegue. Busque servicios que la persona no recibió.",
    ),
  },
  diagnosis_code: {
    en: t(
      "Codes for the person's diagnosis were in the files. Anyone who looks up the codes can learn about their health.",
      "Be careful with calls or letters that mention the person's health and ask you for money.",
      "Read any Explanation of Benefits that still comes. Look for care the person did not get.",
    ),
    es: t(
      "Los códigos del diagnóstico de la persona estaban en los archivos. Quien busque esos códigos puede saber sobre su salud.",
      "Tenga cuidado con llamadas o cartas que mencionan la salud de la persona y le piden dinero.",
      "Lea cada Explicación de Beneficios que todavía llegue. Busque servicios que la persona no recibió.",
    ),
  },
  condition: {
    en: t(
      "Information about the person's mental or physical condition was in the files. This is private. Scammers may use it to make a call or offer seem real.",
      "Be careful with calls or letters that mention the person's health and ask you for money.",
      "Read any Explanation of Benefits that still comes. Look for care the person did not get.",
    ),
    es: t(
      "Había información sobre una condición mental o física de la persona en los archivos. Es privada. Los estafadores pueden usarla para que una llamada u oferta parezca real.",
      "Tenga cuidado con llamadas o cartas que mencionan la salud de la persona y le piden dinero.",
      "Lea cada Explicación de Beneficios que todavía llegue. Busque servicios que la persona no recibió.",
    ),
  },
  prescription: {
    en: t(
      "Information about the person's prescriptions, such as the names of medicines, was in the files. Someone could use it to try to get medicine in their name.",
      "Tell the person's pharmacy that they have died, so no one can fill prescriptions in their name.",
      "Read any health plan statement that still comes. Look for medicine the person did not get.",
    ),
    es: t(
      "Había información sobre las recetas de la persona, como nombres de medicinas, en los archivos. Alguien podría usarla para obtener medicinas a su nombre.",
      "Avise a la farmacia de la persona que falleció, para que nadie pueda surtir recetas a su nombre.",
      "Lea cada estado del plan de salud que todavía llegue. Busque medicinas que la persona no recibió.",
    ),
  },
  provider: {
    en: t(
      "The names and locations of the person's doctors, clinics or hospitals were in the files. Scammers may pretend to call from one of them.",
      "If a caller says they are from the person's provider, hang up and call the number you know.",
      "Read any Explanation of Benefits that still comes. Look for visits the person did not make.",
    ),
    es: t(
      "Los nombres y lugares de los médicos, clínicas u hospitales de la persona estaban en los archivos. Los estafadores pueden fingir que llaman de parte de uno de ellos.",
      "Si alguien dice que llama del proveedor de la persona, cuelgue y llame al número que conoce.",
      "Lea cada Explicación de Beneficios que todavía llegue. Busque visitas que la persona no hizo.",
    ),
  },
  health_insurance: {
    en: t(
      "Details about the person's health insurance, such as the plan name or member number, were in the files. Someone could try to use the plan to get care.",
      "Tell the person's health plan that they have died, at the number on their card.",
      "Read any Explanation of Benefits that still comes. Look for care the person did not get.",
    ),
    es: t(
      "Había datos del seguro médico de la persona, como el nombre del plan o el número de miembro, en los archivos. Alguien podría intentar usar el plan para recibir atención.",
      "Avise al plan de salud de la persona que falleció, al número de su tarjeta.",
      "Lea cada Explicación de Beneficios que todavía llegue. Busque servicios que la persona no recibió.",
    ),
  },
  beneficiary_number: {
    en: t(
      "The person's beneficiary number, the number a health plan or Medicare used for them, was in the files. Someone could try to bill for care in their name.",
      "Tell the person's health plan, or 1-800-MEDICARE, that they have died.",
      "Read any Explanation of Benefits or Medicare Summary Notice that still comes. Look for care the person did not get.",
    ),
    es: t(
      "El número de beneficiario de la persona, el que usaba su plan de salud o Medicare, estaba en los archivos. Alguien podría cobrar servicios a su nombre.",
      "Avise al plan de salud de la persona, o al 1-800-MEDICARE, que falleció.",
      "Lea cada Explicación de Beneficios o Aviso de Resumen de Medicare que todavía llegue. Busque servicios que la persona no recibió.",
    ),
  },
  subscriber_number: {
    en: t(
      "The subscriber number on the person's health insurance card was in the files. Someone could try to use it to get care or bill the plan.",
      "Tell the person's health plan that they have died, at the number on their card.",
      "Read any Explanation of Benefits that still comes. Look for care the person did not get.",
    ),
    es: t(
      "El número de suscriptor de la tarjeta del seguro médico de la persona estaba en los archivos. Alguien podría usarlo para recibir atención o cobrarle al plan.",
      "Avise al plan de salud de la persona que falleció, al número de su tarjeta.",
      "Lea cada Explicación de Beneficios que todavía llegue. Busque servicios que la persona no recibió.",
    ),
  },
  medicaid_medicare_id: {
    en: t(
      "The person's Medicaid or Medicare ID was in the files. Someone could try to use it to bill for care the person never got.",
      "Read any Medicare Summary Notice or Medicaid statement that still comes. Look for care the person did not get.",
      "For Medicare, call 1-800-MEDICARE (1-800-633-4227) about anything wrong. For Medicaid, call {medicaidAgency}.",
    ),
    es: t(
      "El número de Medicaid o Medicare de la persona estaba en los archivos. Alguien podría usarlo para cobrar servicios que la persona nunca recibió.",
      "Lea cada Aviso de Resumen de Medicare o estado de cuenta de Medicaid que todavía llegue. Busque servicios que la persona no recibió.",
      "Si tenía Medicare, llame al 1-800-MEDICARE (1-800-633-4227) si ve algo incorrecto. Si tenía Medicaid, llame a {medicaidAgency}.",
    ),
  },
  patient_account_number: {
    en: t(
      "The account number the person's provider used for bills was in the files. Someone could use it to send fake bills.",
      "Pay only bills that match a visit the person really had.",
      "If a bill looks wrong, call the provider at a number you trust.",
    ),
    es: t(
      "El número de cuenta que usaba el proveedor para las facturas de la persona estaba en los archivos. Alguien podría usarlo para enviar facturas falsas.",
      "Pague solo las facturas de visitas que la persona sí tuvo.",
      "Si una factura parece incorrecta, llame al proveedor a un número de confianza.",
    ),
  },
  patient_id_number: {
    en: t(
      "The number a provider used to find the person in its records was in the files. Someone could use it to pretend to be them or to make a scam seem real.",
      "Do not trust a caller just because they know the person's patient number.",
      "Read any Explanation of Benefits that still comes. Look for visits the person did not make.",
    ),
    es: t(
      "El número que usaba un proveedor para encontrar a la persona en sus registros estaba en los archivos. Alguien podría usarlo para hacerse pasar por ella o para que una estafa parezca real.",
      "No confíe en alguien solo porque sabe el número de paciente de la persona.",
      "Lea cada Explicación de Beneficios que todavía llegue. Busque visitas que la persona no hizo.",
    ),
  },
  treatment_cost: {
    en: t(
      "Information about what the person's care cost was in the files. Scammers may use it to send fake bills or ask the family for payment.",
      "Compare each medical bill with the Explanation of Benefits before you pay.",
      "If a bill looks wrong, call the provider at a number you trust.",
    ),
    es: t(
      "Había información sobre el costo de la atención de la persona en los archivos. Los estafadores pueden usarla para enviar facturas falsas o pedir pagos a la familia.",
      "Compare cada factura médica con la Explicación de Beneficios antes de pagar.",
      "Si una factura parece incorrecta, llame al proveedor a un número de confianza.",
    ),
  },
  claims: {
    en: t(
      "Billing and claims details for the person, such as dates of care and amounts billed, were in the files. Scammers may use them to send fake bills or make calls seem real.",
      "Read any Explanation of Benefits that still comes. Look for care the person did not get.",
      "Tell the health plan about any claim you do not know.",
      "If someone used the person's information, report it at IdentityTheft.gov.",
    ),
    es: t(
      "Había datos de facturación y reclamos de la persona, como fechas de atención y cantidades cobradas, en los archivos. Los estafadores pueden usarlos para enviar facturas falsas o para que una llamada parezca real.",
      "Lea cada Explicación de Beneficios que todavía llegue. Busque servicios que la persona no recibió.",
      "Avise al plan de salud de cualquier reclamo que no reconozca.",
      "Si alguien usó la información de la persona, repórtelo en IdentityTheft.gov.",
    ),
  },
};
