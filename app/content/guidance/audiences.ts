/**
 * The category guidance as it reads for a letter not addressed to the person themselves: to the
 * parent or guardian of a minor, and to the next of kin of a person who has died (issue 16,
 * item 3: those pages said "your plan" and "get your credit reports"). Same facts and contacts as
 * the adult text (the group files beside this one); only who is spoken to and about changes.
 */
import type { CategoryKey } from "../categories";
import type { Lang } from "../i18n";
import { BILLING_GUIDANCE } from "./billing";
import type { CategoryGuidance } from "./entry";
import { IDENTITY_GUIDANCE } from "./identity";
import { INSURANCE_GUIDANCE } from "./insurance";
import { MEDICAL_GUIDANCE } from "./medical";
import type { GuidanceAudience } from "./audience-text";
import { DECEASED_GUIDANCE } from "./deceased";
import { MINOR_GUIDANCE } from "./minor";

export type { GuidanceAudience } from "./audience-text";
export { DECEASED_GUIDANCE, MINOR_GUIDANCE };

const ADULT = { ...IDENTITY_GUIDANCE, ...MEDICAL_GUIDANCE, ...INSURANCE_GUIDANCE, ...BILLING_GUIDANCE };

/** The guidance for one category, worded for who is reading (label and contacts are shared). */
export function guidanceFor(key: CategoryKey, lang: Lang, audience: GuidanceAudience): CategoryGuidance {
  const base = ADULT[key][lang];
  if (audience === "adult") return base;
  const text = (audience === "minor" ? MINOR_GUIDANCE : DECEASED_GUIDANCE)[key][lang];
  return { ...base, meaning: text.meaning, actions: text.actions };
}
