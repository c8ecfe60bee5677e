import { CONTACTS, type Contact, type ContactId } from "~/content/contacts";
import { guidanceFor } from "~/content/guidance";
import { fill, type Lang } from "~/content/i18n";
import { medicaidAgencyFor, medicaidAgencyText } from "~/content/medicaid-agencies";
import { EXPOSURE_TEXT, SUMMARY_TEXT, summarySteps } from "~/content/pages";
import { formatDate } from "~/utils/format";
import type { Exposure } from "./exposure.server";

/** A phone number to keep: who, and the number. */
export type SummaryPhone = { name: string; phone: string };

/**
 * The summary to keep (issue 16, item 11), as words ready to print: what was involved and what
 * to do about each, what was not, the first steps, the offer and every phone number. Built from
 * the exposure only — it holds no activation code and no date of birth, because the exposure has
 * neither. The PDF (summary-pdf.server.ts) and the page's print-only phone list both use it.
 */
export type LetterSummary = {
  lang: Lang;
  title: string;
  letter: string;
  count: string;
  stepsHeading: string;
  steps: string[];
  offer: { heading: string; lines: string[] } | null;
  involvedHeading: string;
  meaningLabel: string;
  actionsLabel: string;
  categories: { key: string; label: string; meaning: string; actions: string[] }[];
  notInvolvedHeading: string;
  notInvolvedIntro: string;
  notInvolved: string[];
  phonesHeading: string;
  ourLine: string;
  phones: SummaryPhone[];
  never: string;
  made: string;
};

/** The values the exposure page's texts fill in ({phone}, {date}, …): the page and the summary share them. */
export function exposureVars(exposure: Exposure, lang: Lang): Record<string, string | number> {
  const inc = exposure.incident;
  return {
    phone: inc.tollFreePhone,
    hours: inc.phoneHours[lang],
    organization: inc.breachedEntity,
    vendor: inc.partnerName,
    months: inc.offerMonths,
    date: formatDate(inc.enrollBy, lang),
    medicaidAgency: medicaidAgencyText(exposure.state, lang),
    count: exposure.categories.length,
  };
}

export function buildLetterSummary(exposure: Exposure, lang: Lang, options: { portal: string; today: Date }): LetterSummary {
  const t = EXPOSURE_TEXT[lang];
  const s = SUMMARY_TEXT[lang].pdf;
  const inc = exposure.incident;
  const audience = exposure.audience;
  const vars = { ...exposureVars(exposure, lang), portal: options.portal };
  const categories = exposure.categories.map((key) => {
    const g = guidanceFor(key, lang, audience);
    return { key, label: g.label, meaning: fill(g.meaning, vars), actions: g.actions.map((a) => fill(a, vars)), contacts: g.contacts };
  });
  const count = t.summary.count[audience];
  return {
    lang,
    title: s.title,
    letter: fill(s.letter, {
      organization: exposure.organizationName,
      date: formatDate(exposure.letterDate, lang),
      reference: exposure.referenceNumber,
    }),
    count: fill(exposure.categories.length === 1 ? count.one : count.other, vars),
    stepsHeading: s.stepsHeading,
    steps: summarySteps(exposure.categories).map((step) => fill(t.summary.steps[step][audience], vars)),
    offer: offerOf(exposure, lang, vars),
    involvedHeading: s.involvedHeading,
    meaningLabel: t.meaningLabel,
    actionsLabel: t.actionsLabel,
    categories: categories.map(({ key, label, meaning, actions }) => ({ key, label, meaning, actions })),
    notInvolvedHeading: t.notInvolvedHeading,
    notInvolvedIntro: t.notInvolvedIntro,
    notInvolved: [...inc.notInvolved[lang]],
    phonesHeading: s.phonesHeading,
    ourLine: fill(s.ourLine, vars),
    phones: phonesOf(
      exposure,
      lang,
      categories.flatMap((c) => c.contacts),
    ),
    never: s.never,
    made: fill(s.made, { made: formatDate(options.today.toISOString(), lang) }),
  };
}

function offerOf(exposure: Exposure, lang: Lang, vars: Record<string, string | number>): LetterSummary["offer"] {
  if (exposure.audience === "deceased") return null;
  const t = EXPOSURE_TEXT[lang].offer;
  const heading = fill(t.heading, vars);
  if (exposure.enrollment) return { heading, lines: [t.alreadyEnrolled] };
  if (!exposure.offerOpen) return { heading, lines: [fill(t.closed, vars)] };
  const lines = t.body.map((b) => fill(b, vars));
  if (exposure.audience === "minor") lines.push(t.minorNote);
  lines.push(fill(t.enrollBy, vars), fill(SUMMARY_TEXT[lang].pdf.offerEnroll, vars));
  return { heading, lines };
}

/** Every phone number the exposure page names (its print-only list). */
export function letterPhones(exposure: Exposure, lang: Lang): SummaryPhone[] {
  return phonesOf(
    exposure,
    lang,
    exposure.categories.flatMap((key) => guidanceFor(key, lang, exposure.audience).contacts),
  );
}

/** The monitoring partner, then every contact the cards name that has a phone, once each. */
export function phonesOf(exposure: Exposure, lang: Lang, contacts: readonly ContactId[]): SummaryPhone[] {
  const out: SummaryPhone[] = [];
  if (exposure.audience !== "deceased") out.push({ name: exposure.incident.partnerName, phone: exposure.incident.partnerPhone });
  const medicaid = medicaidAgencyFor(exposure.state);
  for (const id of new Set(contacts)) {
    const c =
      id === "state_medicaid" && medicaid
        ? { name: medicaid.agency, phone: medicaid.phone }
        : { name: CONTACTS[id].name[lang], phone: (CONTACTS[id] as Contact).phone };
    if (c.phone && !out.some((p) => p.phone === c.phone && p.name === c.name)) out.push({ name: c.name, phone: c.phone });
  }
  return out;
}
