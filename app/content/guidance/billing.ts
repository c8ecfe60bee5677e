// Adult guidance for accounts and money: patient account and id numbers, treatment costs, claims.
import { entry, type CategoryGuidanceEntries } from "./entry";

export const BILLING_GUIDANCE: CategoryGuidanceEntries<"patient_account_number" | "patient_id_number" | "treatment_cost" | "claims"> = {
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
