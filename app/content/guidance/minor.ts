// The texts of one audience (see ./audiences.ts).
import { t, type ForAudience } from "./audience-text";

/** To the parent or guardian: about "your child". */
export const MINOR_GUIDANCE: ForAudience = {
  name: {
    en: t(
      "Your child's name was in the files. A name alone is not enough to open accounts, but scammers may use it to make a message seem real.",
      "Be careful with calls, texts and emails that use your child's name and ask for personal information.",
      "Hang up and call the company back at a number you already trust.",
    ),
    es: t(
      "El nombre de su hijo o hija estaba en los archivos. Con solo un nombre no se pueden abrir cuentas, pero los estafadores pueden usarlo para que un mensaje parezca real.",
      "Tenga cuidado con llamadas, mensajes y correos que usan el nombre de su hijo o hija y piden datos personales.",
      "Cuelgue y llame usted a la empresa, a un número que ya conoce y en el que confía.",
    ),
  },
  address: {
    en: t(
      "Your child's postal address was in the files. Someone could send fake letters or bills that look real.",
      "Watch for mail in your child's name about accounts or cards. A child should not get these.",
      "Before you pay or answer a letter you did not expect, call the sender at a number you trust.",
    ),
    es: t(
      "La dirección postal de su hijo o hija estaba en los archivos. Alguien podría enviar cartas o facturas falsas que parecen reales.",
      "Fíjese si llega correo a nombre de su hijo o hija sobre cuentas o tarjetas. Un menor no debería recibirlo.",
      "Antes de pagar o responder una carta inesperada, llame a quien la envió a un número de confianza.",
    ),
  },
  date_of_birth: {
    en: t(
      "Your child's date of birth was in the files. With a name and address, it can help someone pretend to be your child.",
      "Check whether your child has a credit report. Most children do not have one.",
      "Ask for a free credit freeze for your child at Equifax, Experian and TransUnion.",
    ),
    es: t(
      "La fecha de nacimiento de su hijo o hija estaba en los archivos. Con el nombre y la dirección, puede ayudar a alguien a hacerse pasar por el menor.",
      "Averigüe si su hijo o hija tiene un informe de crédito. La mayoría de los niños no tienen uno.",
      "Pida un congelamiento de crédito gratis para su hijo o hija en Equifax, Experian y TransUnion.",
    ),
  },
  ssn: {
    en: t(
      "Your child's Social Security number was in the files. This is the most serious item. A thief could use it for years before anyone notices.",
      "Ask Equifax, Experian and TransUnion for a free credit freeze for your child.",
      "Get an Identity Protection PIN for your child from the IRS at irs.gov/ippin.",
      "Check whether your child has a credit report. Most children do not have one.",
    ),
    es: t(
      "El número de Seguro Social de su hijo o hija estaba en los archivos. Es el dato más grave. Un ladrón podría usarlo durante años sin que nadie lo note.",
      "Pida a Equifax, Experian y TransUnion que congelen gratis el crédito de su hijo o hija.",
      "Pida al IRS un PIN de protección de identidad para su hijo o hija en irs.gov/ippin.",
      "Averigüe si su hijo o hija tiene un informe de crédito. La mayoría de los niños no tienen uno.",
    ),
  },
  taxpayer_id: {
    en: t(
      "Your child's taxpayer identification number was in the files. Someone could try to file a tax return or open credit in your child's name.",
      "Get an Identity Protection PIN for your child from the IRS at irs.gov/ippin.",
      "Ask Equifax, Experian and TransUnion for a free credit freeze for your child.",
      "If the IRS says a return was already filed with your child's number, report it at IdentityTheft.gov.",
    ),
    es: t(
      "El número de identificación de contribuyente de su hijo o hija estaba en los archivos. Alguien podría presentar una declaración de impuestos o abrir crédito a su nombre.",
      "Pida al IRS un PIN de protección de identidad para su hijo o hija en irs.gov/ippin.",
      "Pida a Equifax, Experian y TransUnion que congelen gratis el crédito de su hijo o hija.",
      "Si el IRS le dice que ya se presentó una declaración con ese número, repórtelo en IdentityTheft.gov.",
    ),
  },
  medical_record_number: {
    en: t(
      "The number your child's provider uses for the medical chart was in the files. Someone could use it to try to get care or records in your child's name.",
      "Read every Explanation of Benefits for your child. Look for care your child did not get.",
      "Ask your child's providers for a copy of the records and check them for mistakes.",
    ),
    es: t(
      "El número que usa el proveedor para el expediente médico de su hijo o hija estaba en los archivos. Alguien podría usarlo para recibir atención o pedir registros a nombre del menor.",
      "Lea cada Explicación de Beneficios de su hijo o hija. Busque servicios que el menor no recibió.",
      "Pida a los proveedores una copia del expediente de su hijo o hija y revise si hay errores.",
    ),
  },
  diagnosis: {
    en: t(
      "Information about your child's diagnosis was in the files. This is private health information. Scammers may use it to make a call or letter seem real.",
      "Be careful with calls, letters or ads that mention your child's health and ask for money or personal details.",
      "Read every Explanation of Benefits for your child. Look for care your child did not get.",
      "Ask your child's providers to fix anything in the records that is wrong.",
    ),
    es: t(
      "Había información sobre el diagnóstico de su hijo o hija en los archivos. Es información de salud privada. Los estafadores pueden usarla para que una llamada o carta parezca real.",
      "Tenga cuidado con llamadas, cartas o anuncios que mencionan la salud de su hijo o hija y piden dinero o datos personales.",
      "Lea cada Explicación de Beneficios de su hijo o hija. Busque servicios que el menor no recibió.",
      "Pida a los proveedores que corrijan cualquier error en el expediente de su hijo o hija.",
    ),
  },
  diagnosis_code: {
    en: t(
      "Codes for your child's diagnosis were in the files. Anyone who looks up the codes can learn about your child's health.",
      "Be careful with calls, letters or ads that mention your child's health and ask for money or personal details.",
      "Read every Explanation of Benefits for your child. Look for care your child did not get.",
    ),
    es: t(
      "Los códigos del diagnóstico de su hijo o hija estaban en los archivos. Quien busque esos códigos puede saber sobre la salud del menor.",
      "Tenga cuidado con llamadas, cartas o anuncios que mencionan la salud de su hijo o hija y piden dinero o datos personales.",
      "Lea cada Explicación de Beneficios de su hijo o hija. Busque servicios que el menor no recibió.",
    ),
  },
  condition: {
    en: t(
      "Information about your child's mental or physical condition was in the files. This is private. Scammers may use it to make a call or offer seem real.",
      "Be careful with offers of treatments, tests or medical equipment for your child that you did not ask for.",
      "Read every Explanation of Benefits for your child. Look for care your child did not get.",
    ),
    es: t(
      "Había información sobre una condición mental o física de su hijo o hija en los archivos. Es privada. Los estafadores pueden usarla para que una llamada u oferta parezca real.",
      "Tenga cuidado con ofertas de tratamientos, pruebas o equipo médico para su hijo o hija que usted no pidió.",
      "Lea cada Explicación de Beneficios de su hijo o hija. Busque servicios que el menor no recibió.",
    ),
  },
  prescription: {
    en: t(
      "Information about your child's prescriptions, such as the names of medicines, was in the files. Someone could use it to try to get medicine in your child's name.",
      "Check pharmacy receipts and health plan statements for medicine your child did not get.",
      "Tell the pharmacy and the health plan about any medicine you did not ask for.",
      "Be careful with calls or emails that offer cheap medicine.",
    ),
    es: t(
      "Había información sobre las recetas de su hijo o hija, como nombres de medicinas, en los archivos. Alguien podría usarla para obtener medicinas a nombre del menor.",
      "Revise los recibos de la farmacia y los estados del plan de salud por si hay medicinas que su hijo o hija no recibió.",
      "Avise a la farmacia y al plan de salud de cualquier medicina que usted no pidió.",
      "Tenga cuidado con llamadas o correos que ofrecen medicinas baratas.",
    ),
  },
  provider: {
    en: t(
      "The names and locations of your child's doctors, clinics or hospitals were in the files. Scammers may pretend to call from your child's provider.",
      "If a caller says they are from your child's provider, hang up and call the number you know.",
      "Read every Explanation of Benefits for your child. Look for visits your child did not make.",
    ),
    es: t(
      "Los nombres y lugares de los médicos, clínicas u hospitales de su hijo o hija estaban en los archivos. Los estafadores pueden fingir que llaman de parte del proveedor del menor.",
      "Si alguien dice que llama del proveedor de su hijo o hija, cuelgue y llame al número que conoce.",
      "Lea cada Explicación de Beneficios de su hijo o hija. Busque visitas que el menor no hizo.",
    ),
  },
  health_insurance: {
    en: t(
      "Details about your child's health insurance, such as the plan name or member number, were in the files. Someone could try to use the plan to get care.",
      "Read every Explanation of Benefits for your child. Look for care your child did not get.",
      "Call the health plan at the number on your child's card about anything you do not know.",
      "Ask the health plan if it can give your child a new member number.",
    ),
    es: t(
      "Había datos del seguro médico de su hijo o hija, como el nombre del plan o el número de miembro, en los archivos. Alguien podría intentar usar el plan para recibir atención.",
      "Lea cada Explicación de Beneficios de su hijo o hija. Busque servicios que el menor no recibió.",
      "Llame al plan de salud, al número de la tarjeta de su hijo o hija, si ve algo que no reconoce.",
      "Pregunte al plan de salud si puede dar a su hijo o hija un número de miembro nuevo.",
    ),
  },
  beneficiary_number: {
    en: t(
      "Your child's beneficiary number, the number a health plan uses for your child, was in the files. Someone could try to bill for care in your child's name.",
      "Read every Explanation of Benefits for your child. Look for care your child did not get.",
      "Call the health plan at the number on your child's card about anything you do not know.",
    ),
    es: t(
      "El número de beneficiario de su hijo o hija, el que usa el plan de salud para el menor, estaba en los archivos. Alguien podría cobrar servicios a nombre del menor.",
      "Lea cada Explicación de Beneficios de su hijo o hija. Busque servicios que el menor no recibió.",
      "Llame al plan de salud, al número de la tarjeta de su hijo o hija, si ve algo que no reconoce.",
    ),
  },
  subscriber_number: {
    en: t(
      "The subscriber number on your child's health insurance card was in the files. Someone could try to use it to get care or bill the plan.",
      "Read every Explanation of Benefits for your child. Look for care your child did not get.",
      "Call the health plan at the number on the card about anything you do not know.",
    ),
    es: t(
      "El número de suscriptor de la tarjeta del seguro médico de su hijo o hija estaba en los archivos. Alguien podría usarlo para recibir atención o cobrarle al plan.",
      "Lea cada Explicación de Beneficios de su hijo o hija. Busque servicios que el menor no recibió.",
      "Llame al plan de salud, al número de la tarjeta, si ve algo que no reconoce.",
    ),
  },
  medicaid_medicare_id: {
    en: t(
      "Your child's Medicaid ID was in the files. Someone could try to use it to bill Medicaid for care your child never got.",
      "Read any statement from Medicaid for your child. Look for care your child did not get.",
      "Call {medicaidAgency} about anything wrong.",
    ),
    es: t(
      "El número de Medicaid de su hijo o hija estaba en los archivos. Alguien podría usarlo para cobrarle a Medicaid por servicios que el menor nunca recibió.",
      "Lea cualquier estado de cuenta de Medicaid de su hijo o hija. Busque servicios que el menor no recibió.",
      "Llame a {medicaidAgency} si ve algo incorrecto.",
    ),
  },
  patient_account_number: {
    en: t(
      "The account number your child's provider uses for bills was in the files. Someone could use it to send you fake bills.",
      "Pay only bills that match a visit your child really had.",
      "If a bill looks wrong, call the provider at a number you trust.",
    ),
    es: t(
      "El número de cuenta que usa el proveedor para las facturas de su hijo o hija estaba en los archivos. Alguien podría usarlo para enviarle facturas falsas.",
      "Pague solo las facturas de visitas que su hijo o hija sí tuvo.",
      "Si una factura parece incorrecta, llame al proveedor a un número de confianza.",
    ),
  },
  patient_id_number: {
    en: t(
      "The number a provider uses to find your child in its records was in the files. Someone could use it to pretend to be your child or to make a scam seem real.",
      "Do not trust a caller just because they know your child's patient number.",
      "Read every Explanation of Benefits for your child. Look for visits your child did not make.",
    ),
    es: t(
      "El número que usa un proveedor para encontrar a su hijo o hija en sus registros estaba en los archivos. Alguien podría usarlo para hacerse pasar por el menor o para que una estafa parezca real.",
      "No confíe en alguien solo porque sabe el número de paciente de su hijo o hija.",
      "Lea cada Explicación de Beneficios de su hijo o hija. Busque visitas que el menor no hizo.",
    ),
  },
  treatment_cost: {
    en: t(
      "Information about what your child's care cost was in the files. Scammers may use it to send fake bills or ask for payment.",
      "Compare each medical bill for your child with the Explanation of Benefits before you pay.",
      "If a bill looks wrong, call the provider at a number you trust.",
    ),
    es: t(
      "Había información sobre el costo de la atención de su hijo o hija en los archivos. Los estafadores pueden usarla para enviar facturas falsas o pedir pagos.",
      "Compare cada factura médica de su hijo o hija con la Explicación de Beneficios antes de pagar.",
      "Si una factura parece incorrecta, llame al proveedor a un número de confianza.",
    ),
  },
  claims: {
    en: t(
      "Billing and claims details for your child, such as dates of care and amounts billed, were in the files. Scammers may use them to send fake bills or make calls seem real.",
      "Read every Explanation of Benefits for your child. Look for care your child did not get.",
      "Tell the health plan about any claim you do not know.",
      "If someone used your child's information, report it at IdentityTheft.gov.",
    ),
    es: t(
      "Había datos de facturación y reclamos de su hijo o hija, como fechas de atención y cantidades cobradas, en los archivos. Los estafadores pueden usarlos para enviar facturas falsas o para que una llamada parezca real.",
      "Lea cada Explicación de Beneficios de su hijo o hija. Busque servicios que el menor no recibió.",
      "Avise al plan de salud de cualquier reclamo que no reconozca.",
      "Si alguien usó la información de su hijo o hija, repórtelo en IdentityTheft.gov.",
    ),
  },
};
