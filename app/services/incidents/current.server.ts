import { desc, eq, sql } from "drizzle-orm";
import { incidents, notices, type Incident } from "../../../db/schema/index";
import type { AppContext } from "../context.server";

/**
 * The incident the public pages speak about: the one named by INCIDENT_SLUG, else the newest.
 * (A deployment can hold several; each notice knows its own, and the exposure page uses that.)
 */
export async function getCurrentIncident(ctx: AppContext): Promise<Incident | null> {
  const slug = ctx.config.incidentSlug;
  const query = ctx.db.select().from(incidents);
  const [row] = slug ? await query.where(eq(incidents.slug, slug)).limit(1) : await query.orderBy(desc(incidents.createdAt)).limit(1);
  return row ?? null;
}

/** How long a process serves the public pages' incident from memory (docs/decisions/048). */
export const PUBLIC_INCIDENT_CACHE_MS = 5_000;
const publicIncidents = new WeakMap<object, Map<string, { incident: Incident; until: number }>>();

/**
 * getCurrentIncident for what every public page reads on every request (the layout's phone
 * number, the page texts' values, the 429 page): kept in memory per database for PUBLIC_INCIDENT_CACHE_MS.
 * This process forgets it at once when it writes an incident (forgetPublicIncident); another
 * process's change (the CLI, a second instance) shows within that time. "No incident yet" is not
 * kept, so a new site opens at once. Staff pages read the table every time.
 */
export async function getPublicIncident(ctx: AppContext): Promise<Incident | null> {
  const key = ctx.config.incidentSlug ?? "";
  let byDatabase = publicIncidents.get(ctx.database);
  const hit = byDatabase?.get(key);
  if (hit && hit.until > performance.now()) return hit.incident;
  const incident = await getCurrentIncident(ctx);
  if (incident) {
    if (!byDatabase) publicIncidents.set(ctx.database, (byDatabase = new Map()));
    byDatabase.set(key, { incident, until: performance.now() + PUBLIC_INCIDENT_CACHE_MS });
  }
  return incident;
}

/** After writing an incident (create, update, purge, demo seed): public pages read it afresh. */
export function forgetPublicIncident(ctx: Pick<AppContext, "database">): void {
  publicIncidents.delete(ctx.database);
}

/**
 * A condition on `notices`: only those of this deployment's incident (INCIDENT_SLUG, else the
 * newest, as getCurrentIncident). The patient check and the call-center lookup carry it, so a code
 * never opens a notice of another incident's site (docs/decisions/050). A sub-select, so each
 * stays one statement.
 */
export function noticeInCurrentIncident(slug: string | undefined) {
  return slug
    ? sql`${notices.incidentId} = (select id from incidents where slug = ${slug})`
    : sql`${notices.incidentId} = (select id from incidents order by created_at desc limit 1)`;
}

/** What public pages may show about an incident (no internal ids beyond what links need). */
export type PublicIncident = Pick<
  Incident,
  | "name"
  | "breachedEntity"
  | "intrusionStart"
  | "intrusionEnd"
  | "discoveredOn"
  | "reviewEndedOn"
  | "noticeDate"
  | "whatHappened"
  | "whatWeAreDoing"
  | "notInvolved"
  | "tollFreePhone"
  | "phoneHours"
  | "offerMonths"
  | "enrollBy"
  | "partnerName"
  | "partnerUrl"
  | "partnerPhone"
>;

/** Exactly the public fields, in one order, from an incident row (or anything that has them). */
export function toPublicIncident(i: PublicIncident): PublicIncident {
  return {
    name: i.name,
    breachedEntity: i.breachedEntity,
    intrusionStart: i.intrusionStart,
    intrusionEnd: i.intrusionEnd,
    discoveredOn: i.discoveredOn,
    reviewEndedOn: i.reviewEndedOn,
    noticeDate: i.noticeDate,
    whatHappened: i.whatHappened,
    whatWeAreDoing: i.whatWeAreDoing,
    notInvolved: i.notInvolved,
    tollFreePhone: i.tollFreePhone,
    phoneHours: i.phoneHours,
    offerMonths: i.offerMonths,
    enrollBy: i.enrollBy,
    partnerName: i.partnerName,
    partnerUrl: i.partnerUrl,
    partnerPhone: i.partnerPhone,
  };
}

/** The home page's view of the current incident, in one language. */
export async function getHomeIncident(ctx: AppContext, lang: "en" | "es") {
  // Read afresh: the home page is where an operator looks after a change, and with the database
  // away it answers "try again shortly" rather than a form that cannot work.
  const i = await getCurrentIncident(ctx);
  return i ? homeIncidentOf(i, lang, ctx.now()) : null;
}

/** What the home page shows of an incident (stored, or a definition being previewed). */
export function homeIncidentOf(i: PublicIncident & Pick<Incident, "retainUntil">, lang: "en" | "es", now: Date) {
  return {
    breachedEntity: i.breachedEntity,
    whatHappened: i.whatHappened[lang],
    whatWeAreDoing: i.whatWeAreDoing[lang],
    intrusionStart: i.intrusionStart,
    intrusionEnd: i.intrusionEnd,
    discoveredOn: i.discoveredOn,
    noticeDate: i.noticeDate,
    phone: i.tollFreePhone,
    hours: i.phoneHours[lang],
    offerMonths: i.offerMonths,
    enrollBy: i.enrollBy,
    partnerName: i.partnerName,
    ended: hasResponseEnded(i, now),
  };
}

/**
 * The response is over on and after the retention date: the purge erases personal data then, and
 * the public site says "this response has ended" instead of offering the check.
 */
export function hasResponseEnded(i: Pick<Incident, "retainUntil">, now: Date): boolean {
  return i.retainUntil <= now.toISOString().slice(0, 10);
}

/** Values the fixed page texts' `{placeholders}` take, from the current incident. */
export async function getPageVars(ctx: AppContext, lang: "en" | "es"): Promise<Record<string, string | number>> {
  const i = await getPublicIncident(ctx);
  return {
    phone: i?.tollFreePhone ?? "",
    hours: i?.phoneHours[lang] ?? "",
    organization: i?.breachedEntity ?? "",
    vendor: i?.partnerName ?? "",
    months: i?.offerMonths ?? 12,
    date: i?.enrollBy ?? "",
    portal: ctx.config.publicUrl.replace(/^https?:\/\//, ""),
    referenceFormat: "1234-5678-9012",
  };
}
