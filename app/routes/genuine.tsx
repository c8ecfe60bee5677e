import { useLoaderData } from "@remix-run/react";
import { TextPage } from "~/components/text-section";
import { GENUINE_TEXT } from "~/content/pages";
import { titleMeta } from "~/http/public-page";
import { publicTextLoader } from "~/http/public-page.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
export const meta = titleMeta(GENUINE_TEXT);

export const loader = publicTextLoader;

/** "Is this letter genuine?": how to tell a real letter from a scam. */
export default function GenuinePage() {
  const { lang, vars } = useLoaderData<typeof loader>();
  const t = GENUINE_TEXT[lang];
  return <TextPage text={t} vars={vars} lang={lang} />;
}
