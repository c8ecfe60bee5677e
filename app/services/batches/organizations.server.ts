import { and, asc, eq } from "drizzle-orm";
import { organizations, type Organization } from "../../../db/schema/index";
import { recordAuditEvent } from "../audit/record.server";
import type { AppContext, RequestMeta } from "../context.server";
import { getCurrentIncident } from "../incidents/current.server";
import type { Actor } from "../actor";

export class OrganizationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OrganizationError";
  }
}

export const ORG_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Create an organization (covered entity) in the current incident. Slugs are unique per incident. */
export async function createOrganization(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta | null,
  input: { slug: string; name: string; incidentId?: string },
): Promise<Organization> {
  if (!ORG_SLUG.test(input.slug)) throw new OrganizationError("the slug takes lower-case letters, digits and hyphens");
  const name = input.name.trim();
  if (!name || name.length > 200) throw new OrganizationError("the name is required (at most 200 characters)");
  const incidentId = input.incidentId ?? (await getCurrentIncident(ctx))?.id;
  if (!incidentId) throw new OrganizationError("there is no incident yet");
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.incidentId, incidentId), eq(organizations.slug, input.slug)));
    if (existing) throw new OrganizationError(`an organization with the slug ${input.slug} exists already`);
    const [org] = await tx.insert(organizations).values({ incidentId, slug: input.slug, name, createdAt: ctx.now() }).returning();
    await recordAuditEvent(tx, {
      at: ctx.now(),
      ...actor,
      action: "organization.create",
      subjectType: "organization",
      subjectId: org!.id,
      ip: meta?.ip ?? null,
      requestId: meta?.requestId ?? null,
      outcome: "success",
      details: { slug: input.slug },
    });
    return org!;
  });
}

export async function findOrganizationBySlug(ctx: AppContext, slug: string, incidentId?: string): Promise<Organization | null> {
  const id = incidentId ?? (await getCurrentIncident(ctx))?.id;
  if (!id) return null;
  const [org] = await ctx.db
    .select()
    .from(organizations)
    .where(and(eq(organizations.incidentId, id), eq(organizations.slug, slug)));
  return org ?? null;
}

export async function listOrganizations(ctx: AppContext, incidentId: string): Promise<Organization[]> {
  return ctx.db.select().from(organizations).where(eq(organizations.incidentId, incidentId)).orderBy(asc(organizations.name));
}
