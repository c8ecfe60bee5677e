/**
 * Every outside phone number and web address the guidance points people to.
 *
 * Source: DESIGN.md "Guidance facts" (FTC, IRS, CMS, the three bureaus). Phone numbers for the
 * credit bureaus differ between sources (state sites and older letters list other numbers); each
 * entry here gives the organization's own page as `source`, and `verifiedOn` is the day that page
 * was last checked. Re-check every entry before a new incident goes live.
 */
import type { Localized } from "./i18n";

/** One organization people can call or visit. Phone numbers are written as 1-800-000-0000. */
export interface Contact {
  /** Stable id, also the key in {@link CONTACTS}. */
  readonly id: string;
  /** How to name the organization in each language. */
  readonly name: Localized<string>;
  /** Toll-free voice number. */
  readonly phone?: string;
  /** Number for callers who use a TTY, when the organization has its own. */
  readonly tty?: string;
  /** Web address to send people to. */
  readonly url?: string;
  /** Spanish-language web address, when the organization has one. */
  readonly urlEs?: string;
  /** The authoritative page the phone number and address were taken from. */
  readonly source: string;
  /** The day `source` was last checked (YYYY-MM-DD). */
  readonly verifiedOn: "2026-11-01";
}

const VERIFIED_ON = "2026-11-01" as const;

/** All contacts, keyed by id. */
export const CONTACTS = {
  equifax_freeze: {
    id: "equifax_freeze",
    name: { en: "Equifax (credit freeze)", es: "Equifax (congelamiento de crédito)" },
    phone: "1-888-298-0045",
    url: "https://www.equifax.com/personal/credit-report-services/credit-freeze/",
    source: "https://www.equifax.com/personal/credit-report-services/credit-freeze/",
    verifiedOn: VERIFIED_ON,
  },
  equifax_fraud_alert: {
    id: "equifax_fraud_alert",
    name: { en: "Equifax (fraud alert)", es: "Equifax (alerta de fraude)" },
    phone: "1-800-525-6285",
    url: "https://www.equifax.com/personal/credit-report-services/credit-fraud-alerts/",
    source: "https://www.equifax.com/personal/credit-report-services/credit-fraud-alerts/",
    verifiedOn: VERIFIED_ON,
  },
  experian_freeze: {
    id: "experian_freeze",
    name: { en: "Experian (credit freeze)", es: "Experian (congelamiento de crédito)" },
    phone: "1-888-397-3742",
    url: "https://www.experian.com/freeze/center.html",
    source: "https://www.experian.com/freeze/center.html",
    verifiedOn: VERIFIED_ON,
  },
  experian_fraud_alert: {
    id: "experian_fraud_alert",
    name: { en: "Experian (fraud alert)", es: "Experian (alerta de fraude)" },
    phone: "1-888-397-3742",
    url: "https://www.experian.com/fraud/center.html",
    source: "https://www.experian.com/fraud/center.html",
    verifiedOn: VERIFIED_ON,
  },
  transunion_freeze: {
    id: "transunion_freeze",
    name: { en: "TransUnion (credit freeze)", es: "TransUnion (congelamiento de crédito)" },
    phone: "1-888-909-8872",
    url: "https://www.transunion.com/credit-freeze",
    source: "https://www.transunion.com/credit-freeze",
    verifiedOn: VERIFIED_ON,
  },
  transunion_fraud_alert: {
    id: "transunion_fraud_alert",
    name: { en: "TransUnion (fraud alert)", es: "TransUnion (alerta de fraude)" },
    phone: "1-800-680-7289",
    url: "https://www.transunion.com/fraud-alerts",
    source: "https://www.transunion.com/fraud-alerts",
    verifiedOn: VERIFIED_ON,
  },
  annual_credit_report: {
    id: "annual_credit_report",
    name: {
      en: "Free credit reports (AnnualCreditReport.com)",
      es: "Informes de crédito gratis (AnnualCreditReport.com)",
    },
    phone: "1-877-322-8228",
    url: "https://www.annualcreditreport.com",
    source: "https://www.annualcreditreport.com/index.action",
    verifiedOn: VERIFIED_ON,
  },
  identity_theft_gov: {
    id: "identity_theft_gov",
    name: {
      en: "Federal Trade Commission (IdentityTheft.gov)",
      es: "Comisión Federal de Comercio (RobodeIdentidad.gov)",
    },
    phone: "1-877-438-4338",
    tty: "1-866-653-4261",
    url: "https://www.identitytheft.gov",
    urlEs: "https://www.robodeidentidad.gov",
    source: "https://www.identitytheft.gov",
    verifiedOn: VERIFIED_ON,
  },
  irs_ip_pin: {
    id: "irs_ip_pin",
    name: {
      en: "IRS Identity Protection PIN",
      es: "IRS: PIN de Protección de Identidad",
    },
    url: "https://www.irs.gov/ippin",
    urlEs: "https://www.irs.gov/es/identity-theft-fraud-scams/get-an-identity-protection-pin",
    source: "https://www.irs.gov/identity-theft-fraud-scams/get-an-identity-protection-pin",
    verifiedOn: VERIFIED_ON,
  },
  medicare: {
    id: "medicare",
    name: { en: "Medicare (1-800-MEDICARE)", es: "Medicare (1-800-MEDICARE)" },
    phone: "1-800-633-4227",
    tty: "1-877-486-2048",
    url: "https://www.medicare.gov",
    urlEs: "https://es.medicare.gov",
    source: "https://www.medicare.gov/talk-to-someone",
    verifiedOn: VERIFIED_ON,
  },
  senior_medicare_patrol: {
    id: "senior_medicare_patrol",
    name: {
      en: "Senior Medicare Patrol (SMP)",
      es: "Patrulla de Medicare para Personas Mayores (SMP)",
    },
    phone: "1-877-808-2468",
    url: "https://smpresource.org",
    source: "https://smpresource.org",
    verifiedOn: VERIFIED_ON,
  },
  tenncare: {
    id: "tenncare",
    name: {
      en: "TennCare (Tennessee Medicaid) – TennCare Connect",
      es: "TennCare (Medicaid de Tennessee) – TennCare Connect",
    },
    phone: "1-855-259-0701",
    url: "https://www.tn.gov/tenncare.html",
    source: "https://www.tn.gov/tenncare/members-applicants/member-applicant.html",
    verifiedOn: VERIFIED_ON,
  },
  state_medicaid: {
    id: "state_medicaid",
    name: {
      en: "Your state Medicaid agency",
      es: "La agencia de Medicaid de su estado",
    },
    url: "https://www.medicaid.gov/about-us/where-can-people-get-help-medicaid-chip",
    source: "https://www.medicaid.gov/about-us/where-can-people-get-help-medicaid-chip",
    verifiedOn: VERIFIED_ON,
  },
} as const satisfies Record<string, Contact>;

/** The id of one entry in {@link CONTACTS}. */
export type ContactId = keyof typeof CONTACTS;

/** Every contact id, in the order above (bureaus, then federal, then state). */
export const CONTACT_IDS = Object.keys(CONTACTS) as ContactId[];

/** True when `s` names an entry of {@link CONTACTS}. */
export function isContactId(s: string): s is ContactId {
  return Object.hasOwn(CONTACTS, s);
}

/** The three nationwide credit bureaus' freeze pages, in alphabetical order. */
export const FREEZE_CONTACTS = ["equifax_freeze", "experian_freeze", "transunion_freeze"] as const satisfies readonly ContactId[];

/** The three nationwide credit bureaus' fraud-alert pages, in alphabetical order. */
export const FRAUD_ALERT_CONTACTS = ["equifax_fraud_alert", "experian_fraud_alert", "transunion_fraud_alert"] as const satisfies readonly ContactId[];
