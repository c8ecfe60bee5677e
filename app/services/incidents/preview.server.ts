import type { Exposure } from "../notices/exposure.server";
import { homeIncidentOf } from "./current.server";
import type { IncidentDefinition } from "./schemas";

/** The sample letter the exposure preview shows (no real person: fixed, made-up values). */
const SAMPLE = {
  referenceNumber: "1234-5678-9012",
  organizationName: "Sample Clinic",
  categories: ["name", "date_of_birth", "diagnosis", "health_insurance"] as Exposure["categories"],
};

export type IncidentPreview = {
  home: Record<"en" | "es", ReturnType<typeof homeIncidentOf>>;
  exposure: Record<"en" | "es", Exposure>;
};

/**
 * What the public home and exposure pages would show with this definition, in both languages,
 * before it is saved (the admin Incident page). Pure: nothing is read or written.
 */
export function previewIncident(def: IncidentDefinition, now: Date): IncidentPreview {
  const today = now.toISOString().slice(0, 10);
  const exposure = (lang: "en" | "es"): Exposure => ({
    ...SAMPLE,
    letterDate: def.noticeDate,
    audience: "adult",
    language: lang,
    state: "MI",
    incident: {
      name: def.name,
      breachedEntity: def.breachedEntity,
      intrusionStart: def.intrusionStart,
      intrusionEnd: def.intrusionEnd,
      discoveredOn: def.discoveredOn,
      reviewEndedOn: def.reviewEndedOn,
      noticeDate: def.noticeDate,
      whatHappened: def.whatHappened,
      whatWeAreDoing: def.whatWeAreDoing,
      notInvolved: def.notInvolved,
      tollFreePhone: def.tollFreePhone,
      phoneHours: def.phoneHours,
      offerMonths: def.offerMonths,
      enrollBy: def.enrollBy,
      partnerName: def.partnerName,
      partnerUrl: def.partnerUrl,
      partnerPhone: def.partnerPhone,
    },
    offerOpen: today <= def.enrollBy,
    enrollment: null,
  });
  return {
    home: { en: homeIncidentOf(def, "en", now), es: homeIncidentOf(def, "es", now) },
    exposure: { en: exposure("en"), es: exposure("es") },
  };
}
