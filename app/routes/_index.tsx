import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CheckPage } from "~/components/check-page";
import { closedTitle } from "~/components/closed-page";
import { HOME_TEXT } from "~/content/pages";
import { getHomeIncident } from "~/services/incidents/current.server";
import { getLang } from "~/http/lang.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const lang = data?.lang ?? "en";
  if (data && !data.incident) return [{ title: closedTitle(lang, "not_open") }];
  if (data?.incident?.ended) return [{ title: closedTitle(lang, "ended") }];
  return [{ title: HOME_TEXT[lang].title }];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const ended = new URL(request.url).searchParams.get("ended");
  return {
    lang,
    incident: await getHomeIncident(context.app, lang),
    ended: ended === "expired" || ended === "signedout" ? (ended as "expired" | "signedout") : null,
  };
}

export default function Home() {
  const { lang, incident, ended } = useLoaderData<typeof loader>();
  return <CheckPage lang={lang} incident={incident} ended={ended} />;
}
