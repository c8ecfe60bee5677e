import type { NamedLink } from "../../../db/schema/index";
import type { AppContext } from "../context.server";
import { getCurrentIncident } from "./current.server";

/** What a person can check outside the site that a letter is genuine (the incident's optional fields). */
export type GenuineAnchors = {
  phone: string;
  returnAddress: string[];
  coveredEntityWebsites: NamedLink[];
  hhsBreachPortalUrl: string | null;
  attorneyGeneralPostings: NamedLink[];
};

/** The current incident's anchors for the "is this letter genuine?" page; empty lists when unset. */
export async function getGenuineAnchors(ctx: AppContext): Promise<GenuineAnchors | null> {
  const i = await getCurrentIncident(ctx);
  if (!i) return null;
  return {
    phone: i.tollFreePhone,
    returnAddress: (i.letterReturnAddress ?? "")
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
    coveredEntityWebsites: i.coveredEntityWebsites ?? [],
    hhsBreachPortalUrl: i.hhsBreachPortalUrl ?? null,
    attorneyGeneralPostings: i.attorneyGeneralPostings ?? [],
  };
}
