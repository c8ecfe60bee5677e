// Adult guidance for who the person is: name, address, date of birth, Social Security and taxpayer numbers.
import { FREEZE_CONTACTS } from "../contacts";
import { entry, type CategoryGuidanceEntries } from "./entry";

export const IDENTITY_GUIDANCE: CategoryGuidanceEntries<"name" | "address" | "date_of_birth" | "ssn" | "taxpayer_id"> = {
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
};
