/**
 * What every page text shares: the placeholders an incident fills in, and the shapes of a text
 * section and of a question with its answer.
 */
import type { ContactId } from "../contacts";

/**
 * The placeholders used in this file and what to put in them. Values that are words
 * (`hours`, `date`) must be given in the page's language.
 */
export const PAGE_PLACEHOLDERS = {
  phone: "the incident's toll-free number, e.g. 1-833-000-0000",
  hours: "the call center's hours, in the page's language",
  organization: "the company that had the breach (e.g. HealthEC LLC)",
  vendor: "the monitoring vendor (e.g. TransUnion)",
  months: "length of the monitoring offer in months (e.g. 12)",
  date: "a date in the page's language (e.g. the enroll-by date)",
  minutes: "how many minutes to wait before trying again",
  portal: "the portal's public address, e.g. exposurecheck.example.com",
  referenceFormat: "what a reference number looks like, e.g. R-XXXX-XXXX",
  count: "how many kinds of information were involved (2 or more)",
  start: "the first day of the intrusion, in the page's language",
  end: "the last day of the intrusion, in the page's language",
  discovered: "the day the breach was discovered, in the page's language",
  reference: "the letter's reference number (not secret; never the activation code)",
  made: "the day a summary was made, in the page's language",
  time: "a clock time on the reader's own clock (the session's end), e.g. 3:15 PM",
} as const;

/** A placeholder name used in these page texts. */
export type PagePlaceholder = keyof typeof PAGE_PLACEHOLDERS;

/** A titled block of text. Render `paragraphs`, then `bullets` (a list), then `steps` (numbered). */
export interface Section {
  /** Stable anchor id, the same in every language. */
  readonly id: string;
  readonly heading: string;
  readonly paragraphs: readonly string[];
  readonly bullets?: readonly string[];
  readonly steps?: readonly string[];
  /** Contacts to list under the section, as ids into `CONTACTS`. */
  readonly contacts?: readonly ContactId[];
}

/** One question and its answer (one or more paragraphs). */
export interface QuestionAnswer {
  /** Stable anchor id, the same in every language. */
  readonly id: string;
  readonly question: string;
  readonly answer: readonly string[];
}
