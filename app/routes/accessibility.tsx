import { useLoaderData } from "@remix-run/react";
import { TextPage } from "~/components/text-section";
import { ACCESSIBILITY_TEXT } from "~/content/pages";
import { titleMeta } from "~/http/public-page";
import { publicTextLoader } from "~/http/public-page.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
export const meta = titleMeta(ACCESSIBILITY_TEXT);

export const loader = publicTextLoader;

/** The accessibility statement. */
export default function AccessibilityPage() {
  const { lang, vars } = useLoaderData<typeof loader>();
  const t = ACCESSIBILITY_TEXT[lang];
  return <TextPage text={t} vars={vars} lang={lang} />;
}
