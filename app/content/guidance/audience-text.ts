import type { CategoryKey } from "../categories";
import type { Localized } from "../i18n";

export type GuidanceAudience = "adult" | "minor" | "deceased";
export type Text = { readonly meaning: string; readonly actions: readonly string[] };
export type ForAudience = Readonly<Record<CategoryKey, Localized<Text>>>;

export const t = (meaning: string, ...actions: string[]): Text => ({ meaning, actions });
