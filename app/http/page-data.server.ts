// What the root and the exposure page's loaders return, as pure functions of what they read. The
// loaders return exactly these, and the exposure fast path (./fast-exposure.server.ts) keys its
// page templates on exactly these: a field added here is in the key by construction.
import type { LayoutIncident } from "~/components/page-layout";
import type { Lang } from "~/content/i18n";
import type { Incident } from "../../db/schema/index";
import type { homeIncidentOf } from "~/services/incidents/current.server";
import { letterPhones } from "~/services/notices/summary";
import { stylesheets } from "~/utils/assets.server";
import type { PatientPage } from "./patient.server";

type HomeIncident = ReturnType<typeof homeIncidentOf>;

/** The root loader's data: the page's language, the frame's phone line, the stylesheets. */
export function rootData(lang: Lang, incident: Incident | null) {
  const layoutIncident: LayoutIncident = incident
    ? { phone: incident.tollFreePhone, hours: incident.phoneHours[lang], organization: incident.breachedEntity }
    : null;
  return { lang, incident: layoutIncident, stylesheets: stylesheets() };
}

/** The check page's loader data (GET /check, and the page a refused check shows): the home incident. */
export function checkPageData(lang: Lang, homeIncident: HomeIncident | null) {
  return { lang, incident: homeIncident };
}

/** The exposure page's loader data: the person's exposure, the session's time left, the phones to keep. */
export function exposurePageData(lang: Lang, page: Pick<PatientPage, "exposure" | "timeout">) {
  return { lang, exposure: page.exposure, timeout: page.timeout, phones: letterPhones(page.exposure, lang) };
}
