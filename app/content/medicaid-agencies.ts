/**
 * The Medicaid agency of each state, DC and the territories, for "Medicaid help" on the exposure
 * page (issue 16, item 7: a Michigan patient was told to call TennCare).
 *
 * Source: CMS lists every state's Medicaid agency at `MEDICAID_AGENCIES_SOURCE`; each website is
 * the agency's own. Phone numbers are given only where the number is the agency's published
 * member line that we are sure of; elsewhere the page tells the person to call the number on
 * their Medicaid card, which is always right for their plan. `MEDICAID_AGENCIES_VERIFIED_ON` is
 * the day this table was last compared with the source. It was compiled on a machine without web
 * access: re-check every row against the source before an incident goes live (docs/medicaid-agencies.md).
 */
import type { Lang } from "./i18n";

export const MEDICAID_AGENCIES_SOURCE = "https://www.medicaid.gov/about-us/where-can-people-get-help-medicaid-chip";
export const MEDICAID_AGENCIES_VERIFIED_ON = "2026-12-02";

export type MedicaidAgency = {
  /** The state's or territory's name in English and Spanish. */
  readonly place: Readonly<Record<Lang, string>>;
  /** The agency (and its program's name, when people know it by that). Proper names: one language. */
  readonly agency: string;
  readonly url: string;
  readonly phone?: string;
};

const same = (name: string) => ({ en: name, es: name });

/** Keyed by USPS code. Codes without an agency (military mail, freely associated states) are absent. */
export const MEDICAID_AGENCIES: Readonly<Record<string, MedicaidAgency>> = {
  AL: { place: same("Alabama"), agency: "Alabama Medicaid Agency", url: "https://medicaid.alabama.gov" },
  AK: { place: same("Alaska"), agency: "Alaska Department of Health, Division of Public Assistance", url: "https://health.alaska.gov/dpa/" },
  AZ: { place: same("Arizona"), agency: "AHCCCS (Arizona Health Care Cost Containment System)", url: "https://www.azahcccs.gov" },
  AR: { place: same("Arkansas"), agency: "Arkansas Department of Human Services", url: "https://humanservices.arkansas.gov" },
  CA: { place: same("California"), agency: "Medi-Cal (California Department of Health Care Services)", url: "https://www.dhcs.ca.gov" },
  CO: { place: same("Colorado"), agency: "Health First Colorado (Department of Health Care Policy and Financing)", url: "https://www.healthfirstcolorado.com" },
  CT: { place: same("Connecticut"), agency: "HUSKY Health (Connecticut Department of Social Services)", url: "https://www.huskyhealthct.org" },
  DE: { place: same("Delaware"), agency: "Delaware Division of Medicaid and Medical Assistance", url: "https://dhss.delaware.gov/dhss/dmma/" },
  DC: { place: { en: "the District of Columbia", es: "el Distrito de Columbia" }, agency: "DC Department of Health Care Finance", url: "https://dhcf.dc.gov" },
  FL: { place: same("Florida"), agency: "Florida Agency for Health Care Administration (Florida Medicaid)", url: "https://ahca.myflorida.com/medicaid" },
  GA: { place: same("Georgia"), agency: "Georgia Department of Community Health (Georgia Medicaid)", url: "https://medicaid.georgia.gov" },
  HI: { place: { en: "Hawaii", es: "Hawái" }, agency: "Med-QUEST Division (Hawaii Department of Human Services)", url: "https://medquest.hawaii.gov" },
  ID: { place: same("Idaho"), agency: "Idaho Department of Health and Welfare", url: "https://healthandwelfare.idaho.gov" },
  IL: { place: same("Illinois"), agency: "Illinois Department of Healthcare and Family Services", url: "https://hfs.illinois.gov" },
  IN: { place: same("Indiana"), agency: "Indiana Family and Social Services Administration (Indiana Medicaid)", url: "https://www.in.gov/medicaid/" },
  IA: { place: same("Iowa"), agency: "Iowa Department of Health and Human Services (Iowa Medicaid)", url: "https://hhs.iowa.gov" },
  KS: { place: same("Kansas"), agency: "KanCare (Kansas Medicaid)", url: "https://www.kancare.ks.gov" },
  KY: { place: same("Kentucky"), agency: "Kentucky Department for Medicaid Services", url: "https://www.chfs.ky.gov/agencies/dms/" },
  LA: { place: { en: "Louisiana", es: "Luisiana" }, agency: "Louisiana Department of Health (Louisiana Medicaid)", url: "https://ldh.la.gov/medicaid" },
  ME: { place: same("Maine"), agency: "MaineCare (Maine Department of Health and Human Services)", url: "https://www.maine.gov/dhhs/oms" },
  MD: { place: same("Maryland"), agency: "Maryland Department of Health (Maryland Medicaid)", url: "https://health.maryland.gov/mmcp" },
  MA: { place: same("Massachusetts"), agency: "MassHealth", url: "https://www.mass.gov/masshealth" },
  MI: {
    place: { en: "Michigan", es: "Míchigan" },
    agency: "Michigan Department of Health and Human Services (Michigan Medicaid)",
    url: "https://www.michigan.gov/mdhhs",
    phone: "1-800-642-3195",
  },
  MN: { place: same("Minnesota"), agency: "Minnesota Department of Human Services (Medical Assistance)", url: "https://mn.gov/dhs" },
  MS: { place: { en: "Mississippi", es: "Misisipi" }, agency: "Mississippi Division of Medicaid", url: "https://medicaid.ms.gov" },
  MO: { place: { en: "Missouri", es: "Misuri" }, agency: "MO HealthNet (Missouri Department of Social Services)", url: "https://mydss.mo.gov/healthcare" },
  MT: { place: same("Montana"), agency: "Montana Department of Public Health and Human Services", url: "https://dphhs.mt.gov" },
  NE: { place: same("Nebraska"), agency: "Nebraska Department of Health and Human Services (Nebraska Medicaid)", url: "https://dhhs.ne.gov" },
  NV: { place: same("Nevada"), agency: "Nevada Medicaid (Division of Health Care Financing and Policy)", url: "https://dhcfp.nv.gov" },
  NH: {
    place: { en: "New Hampshire", es: "Nuevo Hampshire" },
    agency: "New Hampshire Department of Health and Human Services",
    url: "https://www.dhhs.nh.gov",
  },
  NJ: { place: { en: "New Jersey", es: "Nueva Jersey" }, agency: "NJ FamilyCare (New Jersey Medicaid)", url: "https://www.njfamilycare.org" },
  NM: { place: { en: "New Mexico", es: "Nuevo México" }, agency: "New Mexico Health Care Authority (New Mexico Medicaid)", url: "https://www.hca.nm.gov" },
  NY: {
    place: { en: "New York", es: "Nueva York" },
    agency: "New York State Department of Health (New York Medicaid)",
    url: "https://www.health.ny.gov/health_care/medicaid/",
  },
  NC: {
    place: { en: "North Carolina", es: "Carolina del Norte" },
    agency: "NC Medicaid (North Carolina Department of Health and Human Services)",
    url: "https://medicaid.ncdhhs.gov",
  },
  ND: { place: { en: "North Dakota", es: "Dakota del Norte" }, agency: "North Dakota Health and Human Services", url: "https://www.hhs.nd.gov" },
  OH: { place: same("Ohio"), agency: "Ohio Department of Medicaid", url: "https://medicaid.ohio.gov", phone: "1-800-324-8680" },
  OK: { place: same("Oklahoma"), agency: "SoonerCare (Oklahoma Health Care Authority)", url: "https://oklahoma.gov/ohca.html" },
  OR: { place: { en: "Oregon", es: "Oregón" }, agency: "Oregon Health Plan (Oregon Health Authority)", url: "https://www.oregon.gov/oha" },
  PA: {
    place: { en: "Pennsylvania", es: "Pensilvania" },
    agency: "Pennsylvania Department of Human Services (Medical Assistance)",
    url: "https://www.dhs.pa.gov",
  },
  RI: { place: same("Rhode Island"), agency: "Rhode Island Executive Office of Health and Human Services", url: "https://eohhs.ri.gov" },
  SC: {
    place: { en: "South Carolina", es: "Carolina del Sur" },
    agency: "Healthy Connections (South Carolina Department of Health and Human Services)",
    url: "https://www.scdhhs.gov",
  },
  SD: {
    place: { en: "South Dakota", es: "Dakota del Sur" },
    agency: "South Dakota Department of Social Services (South Dakota Medicaid)",
    url: "https://dss.sd.gov",
  },
  TN: { place: same("Tennessee"), agency: "TennCare (Tennessee Medicaid)", url: "https://www.tn.gov/tenncare.html", phone: "1-855-259-0701" },
  TX: { place: same("Texas"), agency: "Texas Health and Human Services Commission (Texas Medicaid)", url: "https://www.hhs.texas.gov" },
  UT: { place: same("Utah"), agency: "Utah Department of Health and Human Services (Utah Medicaid)", url: "https://medicaid.utah.gov" },
  VT: { place: same("Vermont"), agency: "Green Mountain Care (Department of Vermont Health Access)", url: "https://dvha.vermont.gov" },
  VA: { place: same("Virginia"), agency: "Cover Virginia (Department of Medical Assistance Services)", url: "https://www.coverva.dmas.virginia.gov" },
  WA: { place: same("Washington"), agency: "Apple Health (Washington State Health Care Authority)", url: "https://www.hca.wa.gov" },
  WV: { place: { en: "West Virginia", es: "Virginia Occidental" }, agency: "West Virginia Bureau for Medical Services", url: "https://dhhr.wv.gov/bms" },
  WI: { place: same("Wisconsin"), agency: "Wisconsin Department of Health Services (Wisconsin Medicaid)", url: "https://www.dhs.wisconsin.gov/medicaid" },
  WY: { place: same("Wyoming"), agency: "Wyoming Department of Health (Wyoming Medicaid)", url: "https://health.wyo.gov/healthcarefin/medicaid/" },
  PR: { place: same("Puerto Rico"), agency: "Programa Medicaid de Puerto Rico (Departamento de Salud)", url: "https://www.medicaid.pr.gov" },
  GU: { place: same("Guam"), agency: "Guam Department of Public Health and Social Services (Medicaid)", url: "https://dphss.guam.gov" },
  VI: {
    place: { en: "the U.S. Virgin Islands", es: "las Islas Vírgenes de EE. UU." },
    agency: "U.S. Virgin Islands Department of Human Services (Medicaid)",
    url: "https://dhs.gov.vi",
  },
  AS: { place: { en: "American Samoa", es: "Samoa Americana" }, agency: "American Samoa Medicaid State Agency", url: MEDICAID_AGENCIES_SOURCE },
  MP: {
    place: { en: "the Northern Mariana Islands", es: "las Islas Marianas del Norte" },
    agency: "CNMI State Medicaid Agency",
    url: MEDICAID_AGENCIES_SOURCE,
  },
};

/** The agency for a USPS code, or undefined (military mail, freely associated states, unknown). */
export function medicaidAgencyFor(state: string | null | undefined): MedicaidAgency | undefined {
  return state ? MEDICAID_AGENCIES[state.toUpperCase()] : undefined;
}

/** `{medicaidAgency}` in the guidance when the state is not known (public pages, no session). */
export const MEDICAID_AGENCY_GENERIC: Readonly<Record<Lang, string>> = {
  en: "your state Medicaid agency (the number is on your Medicaid card)",
  es: "la agencia de Medicaid de su estado (el número está en su tarjeta de Medicaid)",
};

/** `{medicaidAgency}` for a notice's state: the agency's name, and the card's number as the way to reach it. */
export function medicaidAgencyText(state: string | null | undefined, lang: Lang): string {
  const agency = medicaidAgencyFor(state);
  if (!agency) return MEDICAID_AGENCY_GENERIC[lang];
  return lang === "es"
    ? `la agencia de Medicaid de ${agency.place.es}: ${agency.agency}${agency.phone ? `, ${agency.phone}` : ""}`
    : `the Medicaid agency of ${agency.place.en}: ${agency.agency}${agency.phone ? `, ${agency.phone}` : ""}`;
}

/** The texts of the public table page (/guidance/medicaid). */
export const MEDICAID_PAGE_TEXT = {
  en: {
    title: "Medicaid agencies by state",
    intro: "If your Medicaid ID was in the files, call your state Medicaid agency. The number on your Medicaid card is the best number to call.",
    place: "State or territory",
    agency: "Medicaid agency",
    contact: "Website and phone",
    source: "Source: the list of state Medicaid agencies from the Centers for Medicare & Medicaid Services (CMS).",
    verified: "Last checked: {date}.",
  },
  es: {
    title: "Agencias de Medicaid por estado",
    intro:
      "Si su número de Medicaid estaba en los archivos, llame a la agencia de Medicaid de su estado. El número de su tarjeta de Medicaid es el mejor número para llamar.",
    place: "Estado o territorio",
    agency: "Agencia de Medicaid",
    contact: "Sitio web y teléfono",
    source: "Fuente: la lista de agencias estatales de Medicaid de los Centros de Servicios de Medicare y Medicaid (CMS).",
    verified: "Última revisión: {date}.",
  },
} as const;
