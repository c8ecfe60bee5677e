import { eq } from "drizzle-orm";
import { batches, enrollments, incidents, notices, organizations, type Batch, type Incident, type Notice, type Organization } from "../db/schema/index";
import type { AppContext } from "../app/services/context.server";
import { sealNotice, type PersonInput } from "../app/services/notices/seal.server";
import { forgetPublicIncident } from "../app/services/incidents/current.server";
import { startPatientSession } from "../app/services/patient/session.server";
import { randomBytes } from "node:crypto";

/** Test data factories: one place that knows how to make a valid row. */
let seq = 0;
const next = () => ++seq;

export async function createIncident(ctx: AppContext, overrides: Partial<typeof incidents.$inferInsert> = {}): Promise<Incident> {
  const n = next();
  const [row] = await ctx.db
    .insert(incidents)
    .values({
      slug: `incident-${n}-${randomBytes(3).toString("hex")}`,
      name: "Test incident",
      breachedEntity: "Test Vendor LLC",
      intrusionStart: "2026-07-14",
      intrusionEnd: "2026-07-23",
      discoveredOn: "2026-07-24",
      reviewEndedOn: "2026-10-24",
      noticeDate: "2026-11-13",
      whatHappened: { en: "Someone got into a vendor's systems.", es: "Alguien entró en los sistemas de un proveedor." },
      whatWeAreDoing: { en: "We secured the systems.", es: "Protegimos los sistemas." },
      notInvolved: { en: ["Credit card numbers", "Bank account numbers"], es: ["Números de tarjetas de crédito", "Números de cuentas bancarias"] },
      tollFreePhone: "1-855-555-0100",
      phoneHours: { en: "Monday to Friday, 9 a.m. to 9 p.m. ET", es: "De lunes a viernes, de 9 a. m. a 9 p. m. ET" },
      offerMonths: 12,
      enrollBy: "2027-02-11",
      partnerName: "Test Monitoring",
      partnerUrl: "https://monitoring.example.org",
      partnerPhone: "1-855-555-0101",
      retainUntil: "2029-11-13",
      ...overrides,
    })
    .returning();
  forgetPublicIncident(ctx); // as the incident services do: public pages read it afresh
  return row!;
}

export async function createOrganization(
  ctx: AppContext,
  incident: Incident,
  overrides: Partial<typeof organizations.$inferInsert> = {},
): Promise<Organization> {
  const n = next();
  const [row] = await ctx.db
    .insert(organizations)
    .values({ incidentId: incident.id, slug: `org-${n}`, name: `Test Provider ${n}`, ...overrides })
    .returning();
  return row!;
}

export async function createBatch(ctx: AppContext, org: Organization, overrides: Partial<typeof batches.$inferInsert> = {}): Promise<Batch> {
  const [row] = await ctx.db
    .insert(batches)
    .values({
      incidentId: org.incidentId,
      organizationId: org.id,
      fileName: "test.csv",
      fileSha256: randomBytes(32).toString("hex"),
      status: "mailed",
      mailingDate: "2026-11-13",
      mailedOn: "2026-11-13",
      ...overrides,
    })
    .returning();
  return row!;
}

export function person(overrides: Partial<PersonInput> = {}): PersonInput {
  const n = next();
  return {
    externalId: `EXT-${n}`,
    firstName: "Maria",
    lastName: "Lopez",
    addressLine1: `${n} Main St`,
    city: "Detroit",
    state: "MI",
    zip: "48201",
    dateOfBirth: "1970-05-17",
    language: "en",
    deceased: false,
    exposed: ["name", "ssn", "diagnosis"],
    ...overrides,
  };
}

/** A notice in a batch; returns the clear code (as on the letter) alongside the row. */
export async function createNotice(
  ctx: AppContext,
  batch: Batch,
  overrides: Partial<PersonInput> = {},
): Promise<{ notice: Notice; code: string; person: PersonInput }> {
  const p = person(overrides);
  const sealed = sealNotice(ctx.config.codePepper, ctx.cipher, p, {
    incidentId: batch.incidentId,
    organizationId: batch.organizationId,
    batchId: batch.id,
    mailingDate: batch.mailingDate,
    keepCodeForMailing: batch.status === "awaiting_mailing",
  });
  const [row] = await ctx.db.insert(notices).values(sealed.row).returning();
  return { notice: row!, code: sealed.code, person: p };
}

/** An incident, one organization and one mailed batch: the usual starting point. */
export async function createMailedWorld(ctx: AppContext) {
  const incident = await createIncident(ctx);
  const org = await createOrganization(ctx, incident);
  const batch = await createBatch(ctx, org);
  return { incident, org, batch };
}

export async function reloadNotice(ctx: AppContext, id: number): Promise<Notice> {
  const [row] = await ctx.db.select().from(notices).where(eq(notices.id, id));
  return row!;
}

/** A patient session for a notice, as a successful check starts it; returns the cookie's token. */
export async function startSessionFor(ctx: AppContext, notice: Pick<Notice, "id">): Promise<string> {
  return startPatientSession(ctx.db, notice.id, ctx.now());
}

/** An enrollment row for a notice: enrolled (a code drawn) or waiting (the pool was empty). */
export async function createEnrollment(ctx: AppContext, notice: Notice, status: "enrolled" | "waiting"): Promise<void> {
  await ctx.db.insert(enrollments).values({
    noticeId: notice.id,
    incidentId: notice.incidentId,
    organizationId: notice.organizationId,
    product: notice.isMinor ? "minor" : "adult",
    status,
    channel: "web",
    requestedAt: ctx.now(),
    enrolledAt: status === "enrolled" ? ctx.now() : null,
  });
}
