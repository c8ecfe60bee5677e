import { SYNTHETIC_FIRST_NAMES, SYNTHETIC_LAST_NAMES } from "./names";
import { count, eq } from "drizzle-orm";
import { pathToFileURL } from "node:url";
import { CATEGORY_KEYS, type CategoryKey } from "~/content/categories";
import { createAppContext, type AppContext } from "../context.server";
import { formatActivationCode } from "../notices/activation-code.server";
import { sealNotice, type PersonInput } from "../notices/seal.server";
import { importMonitoringCodes } from "../enrollment/pool-import.server";
import { loadConfig } from "~/utils/env.server";
import { migrateDatabase, openDatabase } from "../../../db/client";
import { batches, incidents, notices, organizations } from "../../../db/schema/index";

/**
 * The demo incident, modelled on the 2023 HealthEC breach. The timeline keeps HealthEC's
 * intervals but is shifted so the letters went out a week before the seed runs and the offer is
 * open (docs/decisions/008-demo-timeline.md). All people are synthetic.
 */
export const DEMO_ORGANIZATIONS = [
  ["corewell-beaumont-aco", "Corewell Health (Beaumont ACO)"],
  ["honorhealth", "HonorHealth"],
  ["umc-southern-nevada", "University Medical Center of Southern Nevada"],
  ["tennessee-oncology", "Tennessee Oncology"],
  ["alliance-integrated-care-ny", "Alliance for Integrated Care of New York"],
  ["upstate-family-health", "Upstate Family Health Center"],
  ["community-health-care-systems", "Community Health Care Systems"],
  ["mid-florida-primary-care", "Mid-Florida Primary Care"],
  ["oakwood-aco", "Oakwood Accountable Care Organization"],
  ["illinois-health-partners", "Illinois Health Partners"],
  ["md-valuecare", "MD Valuecare"],
  ["primary-health-partners", "Primary Health Partners"],
  ["hudson-river-care-network", "Hudson River Care Network"],
  ["lakeshore-physicians-aco", "Lakeshore Physicians ACO"],
  ["great-plains-family-medicine", "Great Plains Family Medicine"],
  ["desert-valley-clinics", "Desert Valley Clinics"],
  ["bluegrass-community-health", "Bluegrass Community Health"],
] as const;

/** Fixed demo codes (synthetic people) so the README and browser tests can use them. */
export const DEMO_PEOPLE = [
  { label: "adult", code: "DEM0ADV1T7K4Q2X3", dob: "1958-04-28", language: "en", lastName: "Rivers", deceased: false },
  { label: "minor", code: "DEM0M1N0R8P3W5ZM", dob: "", language: "en", lastName: "Okafor", deceased: false },
  { label: "Spanish speaker", code: "DEM0ESPAN9H6T4RW", dob: "1979-11-03", language: "es", lastName: "Delgado", deceased: false },
  { label: "deceased", code: "DEM0DECSD3J7N2BA", dob: "1941-02-14", language: "en", lastName: "Hartley", deceased: true },
] as const;

const eqId = (id: string) => eq(batches.id, id);
const DAY_MS = 24 * 60 * 60 * 1000;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY_MS);

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATES: [string, number, string][] = [
  ["MI", 25, "48"],
  ["AZ", 10, "85"],
  ["NV", 8, "89"],
  ["TN", 8, "37"],
  ["NY", 10, "12"],
  ["GA", 6, "30"],
  ["FL", 8, "32"],
  ["IL", 6, "60"],
  ["VA", 5, "22"],
  ["OK", 4, "73"],
  ["TX", 4, "75"],
  ["CA", 3, "90"],
  ["OH", 2, "43"],
  ["PR", 1, "00"],
];
const CITIES: Record<string, string> = {
  MI: "Detroit",
  AZ: "Phoenix",
  NV: "Las Vegas",
  TN: "Nashville",
  NY: "Albany",
  GA: "Atlanta",
  FL: "Orlando",
  IL: "Chicago",
  VA: "Richmond",
  OK: "Tulsa",
  TX: "Dallas",
  CA: "Fresno",
  OH: "Columbus",
  PR: "San Juan",
};

export type DemoLogin = { label: string; code: string; dateOfBirth: string };
export type SeedResult = { created: boolean; notices: number; demo: DemoLogin[] };

/** Create the demo incident if the database holds no incident yet. Safe to run again. */
export async function seedDemo(ctx: AppContext, options: { notices?: number; today?: Date } = {}): Promise<SeedResult> {
  const today = options.today ?? ctx.now();
  const noticeDate = addDays(today, -7);
  const mailingDate = iso(noticeDate);
  const minorDob = iso(addDays(today, -9 * 365));
  const demo = DEMO_PEOPLE.map((p) => ({
    label: p.label,
    code: formatActivationCode(p.code),
    dateOfBirth: p.label === "minor" ? minorDob : p.dob,
  }));

  const [existing] = await ctx.db.select({ n: count() }).from(incidents);
  if ((existing?.n ?? 0) > 0) {
    const [n] = await ctx.db.select({ n: count() }).from(notices);
    return { created: false, notices: Number(n?.n ?? 0), demo };
  }
  const total = options.notices ?? 2000;
  const rand = mulberry32(20231222);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

  const result = await ctx.db.transaction(async (tx) => {
    // HealthEC: intrusion 14–23 Jul 2023, review ended 24 Oct 2023, letters 22 Dec 2023.
    const shift = (daysBeforeNotice: number) => iso(addDays(noticeDate, -daysBeforeNotice));
    const [incident] = await tx
      .insert(incidents)
      .values({
        slug: "healthec-2023",
        name: "Population health data security incident",
        breachedEntity: "HealthEC LLC (demo)",
        intrusionStart: shift(161),
        intrusionEnd: shift(152),
        discoveredOn: shift(151),
        reviewEndedOn: shift(59),
        noticeDate: mailingDate,
        whatHappened: {
          en: "HealthEC is a company that helps your health care provider manage patient care. Someone got into some of its computer systems without permission for about ten days. They copied some files. Those files had information about patients of the providers that work with HealthEC.",
          es: "HealthEC es una empresa que ayuda a su proveedor de salud a manejar la atención de los pacientes. Alguien entró sin permiso en algunos de sus sistemas durante unos diez días. Copió algunos archivos. Esos archivos tenían información de pacientes de los proveedores que trabajan con HealthEC.",
        },
        whatWeAreDoing: {
          en: "We secured the systems and hired cybersecurity experts. We told the FBI, federal regulators and state officials. We reviewed every file to find out whose information was in it. We are offering free credit monitoring and identity protection.",
          es: "Protegimos los sistemas y contratamos a expertos en ciberseguridad. Avisamos al FBI, a las autoridades federales y a las estatales. Revisamos cada archivo para saber de quién era la información. Ofrecemos monitoreo de crédito y protección de identidad gratis.",
        },
        notInvolved: {
          en: ["Credit card numbers", "Bank account numbers"],
          es: ["Números de tarjetas de crédito", "Números de cuentas bancarias"],
        },
        tollFreePhone: "1-855-555-0142",
        phoneHours: {
          en: "Monday to Friday, 9 a.m. to 9 p.m. Eastern Time",
          es: "De lunes a viernes, de 9 a. m. a 9 p. m., hora del Este",
        },
        offerMonths: 12,
        enrollBy: iso(addDays(noticeDate, 90)),
        partnerName: "TransUnion (demo)",
        partnerUrl: "https://monitoring.example.org/enroll",
        partnerPhone: "1-855-555-0199",
        retainUntil: iso(addDays(noticeDate, 3 * 365)),
        // The "is this letter genuine?" anchors (example addresses: the demo is not a real breach).
        coveredEntityWebsites: [{ name: "Beaumont ACO (demo)", url: "https://provider.example.org/breach-notice" }],
        hhsBreachPortalUrl: "https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf",
        attorneyGeneralPostings: [{ name: "Michigan Department of Attorney General (demo)", url: "https://ag.example.org/data-breach-notices" }],
        letterReturnAddress: "HealthEC LLC (demo)\nP.O. Box 1234\nDublin, OH 43017",
      })
      .returning();
    const orgs = await tx
      .insert(organizations)
      .values(DEMO_ORGANIZATIONS.map(([slug, name]) => ({ incidentId: incident!.id, slug, name })))
      .returning();
    const orgBatches = await tx
      .insert(batches)
      .values(
        orgs.map((o) => ({
          incidentId: incident!.id,
          organizationId: o.id,
          fileName: `${o.slug}-demo.csv`,
          fileSha256: `demo-${o.slug}`,
          status: "mailed" as const,
          mailingDate,
          mailedOn: mailingDate,
          createdBy: "seed",
          finishedAt: today,
        })),
      )
      .returning();

    const weighted = STATES.flatMap(([s, w]) => Array.from({ length: w }, () => s));
    const rows: (typeof notices.$inferInsert)[] = [];
    for (let i = 0; i < total; i++) {
      const fixed = DEMO_PEOPLE[i];
      const orgIndex = fixed ? 0 : i % 3 === 0 ? 0 : Math.floor(rand() * orgs.length);
      const state = pick(weighted);
      const prefix = STATES.find(([s]) => s === state)![2];
      const r = rand();
      const deceased = fixed ? fixed.deceased : r < 0.02;
      const minor = fixed ? fixed.label === "minor" : !deceased && r < 0.12;
      const ageYears = minor ? 1 + Math.floor(rand() * 16) : 19 + Math.floor(rand() * 70);
      const dob = fixed ? demo[i]!.dateOfBirth : iso(addDays(today, -(ageYears * 365 + Math.floor(rand() * 360))));
      const exposed = new Set<CategoryKey>(["name", "address", "date_of_birth"]);
      const extra = 1 + Math.floor(rand() * 6);
      for (let k = 0; k < extra; k++) exposed.add(pick(CATEGORY_KEYS));
      if (fixed?.label === "adult") ["ssn", "health_insurance", "diagnosis", "medicaid_medicare_id"].forEach((k) => exposed.add(k as CategoryKey));
      const person: PersonInput = {
        externalId: `DEMO-${String(i + 1).padStart(6, "0")}`,
        firstName: pick(SYNTHETIC_FIRST_NAMES),
        lastName: fixed ? fixed.lastName : pick(SYNTHETIC_LAST_NAMES),
        addressLine1: `${100 + Math.floor(rand() * 9800)} ${pick(["Oak", "Maple", "Cedar", "Elm", "Pine"])} ${pick(["St", "Ave", "Rd", "Dr"])}`,
        city: CITIES[state] ?? "Springfield",
        state,
        zip: `${prefix}${String(Math.floor(rand() * 1000)).padStart(3, "0")}`,
        dateOfBirth: dob,
        email: rand() < 0.4 ? `person${i + 1}@example.com` : null,
        phone: rand() < 0.6 ? `555-01${String(i % 100).padStart(2, "0")}` : null,
        language: fixed ? fixed.language : rand() < 0.15 ? "es" : "en",
        deceased,
        exposed: [...exposed],
      };
      const sealed = sealNotice(ctx.config.codePepper, ctx.cipher, person, {
        incidentId: incident!.id,
        organizationId: orgs[orgIndex]!.id,
        batchId: orgBatches[orgIndex]!.id,
        mailingDate,
        keepCodeForMailing: false,
        code: fixed?.code,
      });
      rows.push(sealed.row);
    }
    for (let i = 0; i < rows.length; i += 500) await tx.insert(notices).values(rows.slice(i, i + 500));
    for (const b of orgBatches) {
      const n = rows.filter((r) => r.batchId === b.id).length;
      await tx.update(batches).set({ rowsTotal: n, rowsImported: n }).where(eqId(b.id));
    }
    return { created: true, notices: rows.length, demo };
  });
  if (result.created) await seedDemoMonitoringCodes(ctx);
  return result;
}

/** Demo vendor codes so enrollment works out of the box: 500 adult, 100 minor (synthetic). */
async function seedDemoMonitoringCodes(ctx: AppContext): Promise<void> {
  const [incident] = await ctx.db.select().from(incidents).where(eq(incidents.slug, "healthec-2023"));
  if (!incident) return;
  const actor = { actorType: "cli" as const, actorId: "seed", actorRole: "admin" };
  for (const [product, count, prefix] of [
    ["adult", 500, "DEMO-TU-A"],
    ["minor", 100, "DEMO-TU-M"],
  ] as const) {
    const text = Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(5, "0")}`).join("\n");
    await importMonitoringCodes(ctx, actor, null, { incidentId: incident.id, product, text, fileName: `demo-${product}.txt` });
  }
}

/**
 * The start-up banner's demo codes. Written straight to stdout: the server's console scrubber
 * would mask them, and these synthetic demo codes are meant to be seen.
 */
export function printDemoLogins(demo: DemoLogin[]): void {
  const lines = ["Demo activation codes (code, date of birth):", ...demo.map((d) => `  ${d.code}  ${d.dateOfBirth}  (${d.label})`)];
  process.stdout.write(`${lines.join("\n")}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const config = loadConfig();
  if (config.env === "production") {
    console.error("Refusing to seed demo data in production.");
    process.exit(1);
  }
  const database = await openDatabase({ url: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
  await migrateDatabase(database);
  const result = await seedDemo(createAppContext(database, config));
  console.info(result.created ? `Seeded ${result.notices} demo notices.` : `Demo data already present (${result.notices} notices).`);
  printDemoLogins(result.demo);
  await database.close();
}
