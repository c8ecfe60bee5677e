// One category's guidance in both languages, and how an entry is built.
import type { CategoryKey } from "../categories";
import type { ContactId } from "../contacts";
import type { Localized } from "../i18n";

/** The text shown for one involved category, in one language. */
export interface CategoryGuidance {
  /** Short name of the category (English labels are exactly DESIGN.md's). */
  readonly label: string;
  /** One or two sentences: what it means that this was involved. */
  readonly meaning: string;
  /** Two or three short imperative steps, most important first. */
  readonly actions: readonly string[];
  /** Who can help, as ids into `CONTACTS` (the same in every language). */
  readonly contacts: readonly ContactId[];
}

type GuidanceText = Omit<CategoryGuidance, "contacts">;

/** Builds both languages of one entry, sharing the language-independent contact list. */
export function entry(contacts: readonly ContactId[], en: GuidanceText, es: GuidanceText): Localized<CategoryGuidance> {
  return { en: { ...en, contacts }, es: { ...es, contacts } };
}

/** Some categories' entries (each file of this folder holds one group). */
export type CategoryGuidanceEntries<K extends CategoryKey> = Readonly<Record<K, Localized<CategoryGuidance>>>;
