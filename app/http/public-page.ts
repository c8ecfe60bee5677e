import type { MetaFunction } from "@remix-run/node";
import type { Lang } from "~/content/i18n";

/** The `meta` of a fixed-text public page: its title in the reader's language. */
export function titleMeta(texts: Record<Lang, { title: string }>): MetaFunction<() => Promise<{ lang: Lang }>> {
  return ({ data }) => [{ title: texts[data?.lang ?? "en"].title }];
}
