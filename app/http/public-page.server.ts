import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPageVars } from "~/services/incidents/current.server";
import { getLang } from "~/http/lang.server";

/** The loader of every fixed-text public page: the reader's language and the incident's values. */
export async function publicTextLoader({ request, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  return { lang, vars: await getPageVars(context.app, lang) };
}
