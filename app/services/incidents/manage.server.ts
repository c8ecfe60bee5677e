import { asc, eq } from "drizzle-orm";
import { incidents, type Incident } from "../../../db/schema/index";
import type { Actor } from "../actor";
import { recordAuditEvent } from "../audit/record.server";
import type { AppContext, RequestMeta } from "../context.server";
import { forgetPublicIncident } from "./current.server";
import { INCIDENT_FIELDS, incidentWarnings, parseIncidentDefinition, parseIncidentUpdate, type IncidentDefinition } from "./schemas";

/** Who sets up an incident: an admin on the web or the operator at the command line. */
export type IncidentActor = Actor;

/** The definition as the file holds it (the same keys), from a stored row. */
export function toIncidentDefinition(row: Incident): IncidentDefinition {
  const out: Record<string, unknown> = {};
  for (const key of INCIDENT_FIELDS) {
    const value = (row as Record<string, unknown>)[key];
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out as IncidentDefinition;
}

const today = (ctx: AppContext) => ctx.now().toISOString().slice(0, 10);

export type IncidentWriteResult =
  { kind: "created" | "updated"; incident: Incident; warnings: string[]; changed: string[] } | { kind: "invalid"; problems: string[] } | { kind: "not_found" };

/**
 * Create an incident from a whole definition. Nothing is written unless every field is valid;
 * the audit row is written in the same transaction as the incident.
 */
export async function createIncident(ctx: AppContext, actor: IncidentActor, meta: RequestMeta | null, input: unknown): Promise<IncidentWriteResult> {
  const parsed = parseIncidentDefinition(input);
  if (!parsed.ok) return { kind: "invalid", problems: parsed.problems };
  const def = parsed.value;
  const result = await ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: incidents.id }).from(incidents).where(eq(incidents.slug, def.slug));
    if (existing) return { kind: "invalid" as const, problems: [`slug: an incident with the slug ${def.slug} exists already`] };
    const [row] = await tx
      .insert(incidents)
      .values({ ...def, createdAt: ctx.now() })
      .returning();
    await recordAuditEvent(tx, {
      at: ctx.now(),
      ...actor,
      action: "incident.create",
      subjectType: "incident",
      subjectId: row!.id,
      ip: meta?.ip ?? null,
      requestId: meta?.requestId ?? null,
      outcome: "success",
      details: { slug: def.slug },
    });
    return { kind: "created" as const, incident: row!, warnings: incidentWarnings(def, today(ctx)), changed: [...INCIDENT_FIELDS] };
  });
  forgetPublicIncident(ctx); // after the commit, so no reader keeps the old definition meanwhile
  return result;
}

/**
 * Change some fields of an incident (any subset of the file's keys). The merged definition is
 * checked whole, so dates stay in order; the audit row names the fields that changed (not values).
 */
export async function updateIncident(
  ctx: AppContext,
  actor: IncidentActor,
  meta: RequestMeta | null,
  slug: string,
  input: unknown,
): Promise<IncidentWriteResult> {
  const result = await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(incidents).where(eq(incidents.slug, slug)).for("update");
    if (!current) return { kind: "not_found" as const };
    const parsed = parseIncidentUpdate(toIncidentDefinition(current), input);
    if (!parsed.ok) return { kind: "invalid" as const, problems: parsed.problems };
    const changed = parsed.changed ?? [];
    const changes = Object.fromEntries(changed.map((k) => [k, parsed.value[k as keyof IncidentDefinition]]));
    const [row] = changed.length ? await tx.update(incidents).set(changes).where(eq(incidents.id, current.id)).returning() : [current];
    await recordAuditEvent(tx, {
      at: ctx.now(),
      ...actor,
      action: "incident.update",
      subjectType: "incident",
      subjectId: current.id,
      ip: meta?.ip ?? null,
      requestId: meta?.requestId ?? null,
      outcome: "success",
      details: { slug, fields: changed.join(",") },
    });
    return { kind: "updated" as const, incident: row!, warnings: incidentWarnings(parsed.value, today(ctx)), changed };
  });
  forgetPublicIncident(ctx); // after the commit (see createIncident)
  return result;
}

/** Read an incident's definition for an operator (audited: who looked at the set-up, when). */
export async function showIncident(ctx: AppContext, actor: IncidentActor, meta: RequestMeta | null, incident: Incident): Promise<IncidentDefinition> {
  await ctx.db.transaction(async (tx) => {
    await recordAuditEvent(tx, {
      at: ctx.now(),
      ...actor,
      action: "incident.view",
      subjectType: "incident",
      subjectId: incident.id,
      ip: meta?.ip ?? null,
      requestId: meta?.requestId ?? null,
      outcome: "success",
      details: { slug: incident.slug },
    });
  });
  return toIncidentDefinition(incident);
}

export type IncidentChoice = { kind: "ok"; incident: Incident } | { kind: "none" } | { kind: "unknown"; slug: string } | { kind: "ambiguous"; slugs: string[] };

/**
 * Which incident an operator's command is about: the slug given, else INCIDENT_SLUG (the
 * deployment's own incident, docs/decisions/050), else the only one. Several and none named is
 * ambiguous: the caller asks for a slug rather than guess.
 */
export async function chooseIncident(ctx: AppContext, slug?: string | null): Promise<IncidentChoice> {
  const wanted = slug || ctx.config.incidentSlug;
  if (wanted) {
    const [row] = await ctx.db.select().from(incidents).where(eq(incidents.slug, wanted));
    return row ? { kind: "ok", incident: row } : { kind: "unknown", slug: wanted };
  }
  const rows = await ctx.db.select().from(incidents).orderBy(asc(incidents.createdAt)).limit(50);
  if (rows.length === 0) return { kind: "none" };
  if (rows.length === 1) return { kind: "ok", incident: rows[0]! };
  return { kind: "ambiguous", slugs: rows.map((r) => r.slug) };
}

/** Plain words for a choice that did not name one incident. */
export function describeIncidentChoice(choice: Exclude<IncidentChoice, { kind: "ok" }>, flag = "--incident"): string {
  switch (choice.kind) {
    case "none":
      return "there is no incident yet: create one with `incident create --file <incident.json>`";
    case "unknown":
      return `there is no incident with the slug ${choice.slug}`;
    case "ambiguous":
      return `there are several incidents (${choice.slugs.join(", ")}): name one with ${flag} <slug>`;
  }
}
