// Adult guidance for the care itself: record numbers, diagnoses, conditions, prescriptions, providers.
import { entry, type CategoryGuidanceEntries } from "./entry";

export const MEDICAL_GUIDANCE: CategoryGuidanceEntries<"medical_record_number" | "diagnosis" | "diagnosis_code" | "condition" | "prescription" | "provider"> = {
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
};
