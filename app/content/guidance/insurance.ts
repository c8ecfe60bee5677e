// Adult guidance for coverage: health insurance, beneficiary and subscriber numbers, Medicaid and Medicare ids.
import { entry, type CategoryGuidanceEntries } from "./entry";

export const INSURANCE_GUIDANCE: CategoryGuidanceEntries<"health_insurance" | "beneficiary_number" | "subscriber_number" | "medicaid_medicare_id"> = {
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
};
