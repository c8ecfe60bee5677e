import type { Incident, Notice, Product } from "../../../db/schema/index";

/**
 * The offer rules of an incident (they live on the incidents row: `offerMonths`, `enrollBy`,
 * `partnerName`, `partnerUrl`, `partnerPhone`):
 * - adults get the adult product; a minor (under 18 on the mailing date) the minor product,
 *   enrolled by a parent or guardian who gives their name;
 * - a deceased person's notice offers no enrollment (the page tells the next of kin what to do);
 * - enrollment is open through the enroll-by date (inclusive, UTC day), then closed;
 * - coverage runs `offerMonths` months from the day of enrollment.
 * No waiver of any legal right is asked for, anywhere: the only consent is to the partner's terms.
 */
export type OfferState = "open" | "closed" | "deceased" | "unavailable";

export function productFor(notice: Pick<Notice, "isMinor">): Product {
  return notice.isMinor ? "minor" : "adult";
}

/** The UTC calendar day of an instant, as YYYY-MM-DD (the same day rule as the exposure page). */
export function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function offerState(incident: Pick<Incident, "enrollBy">, notice: Pick<Notice, "isDeceased" | "revokedAt" | "purgedAt">, now: Date): OfferState {
  if (notice.revokedAt || notice.purgedAt) return "unavailable";
  if (notice.isDeceased) return "deceased";
  return dayOf(now) <= incident.enrollBy ? "open" : "closed";
}

/** `YYYY-MM-DD` plus whole months (clamped to the month's last day), plus days. */
export function addMonthsDays(day: string, months: number, days = 0): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const firstOfTarget = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  const target = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth(), Math.min(d, lastDay) + days));
  return target.toISOString().slice(0, 10);
}

/** Coverage from the day of enrollment for `months` months: the last covered day is inclusive. */
export function coverageFor(startDay: string, months: number): { start: string; end: string } {
  return { start: startDay, end: addMonthsDays(startDay, months, -1) };
}
