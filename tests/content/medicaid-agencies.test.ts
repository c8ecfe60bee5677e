import { describe, expect, it } from "vitest";
import { CATEGORY_GUIDANCE } from "~/content/guidance";
import { fill } from "~/content/i18n";
import { MEDICAID_AGENCIES, MEDICAID_AGENCIES_SOURCE, MEDICAID_AGENCIES_VERIFIED_ON, medicaidAgencyFor, medicaidAgencyText } from "~/content/medicaid-agencies";
import { USPS_CODES } from "~/services/batches/validate";

const STATES =
  "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split(
    " ",
  );
const TERRITORIES = ["PR", "GU", "VI", "AS", "MP"];

describe("the state Medicaid agency table", () => {
  it("has every state, DC and the five inhabited territories, each with a secure website", () => {
    expect(STATES).toHaveLength(50);
    expect(Object.keys(MEDICAID_AGENCIES).sort()).toEqual([...STATES, "DC", ...TERRITORIES].sort());
    for (const [code, a] of Object.entries(MEDICAID_AGENCIES)) {
      expect(USPS_CODES.has(code), code).toBe(true);
      expect(a.url, code).toMatch(/^https:\/\/[a-z0-9.-]+\.(gov|us|org|com|gov\.vi)(\/|$)/);
      expect(a.agency.length, code).toBeGreaterThan(5);
      if (a.phone) expect(a.phone, code).toMatch(/^1-8\d\d-\d{3}-\d{4}$/);
    }
  });

  it("states its source and the day it was last checked", () => {
    expect(MEDICAID_AGENCIES_SOURCE).toMatch(/^https:\/\/www\.medicaid\.gov\//);
    expect(MEDICAID_AGENCIES_VERIFIED_ON).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("tells a Michigan patient to call Michigan's agency, not TennCare, in both languages", () => {
    const action = CATEGORY_GUIDANCE.medicaid_medicare_id.en.actions.find((a) => a.includes("{medicaidAgency}"))!;
    const en = fill(action, { medicaidAgency: medicaidAgencyText("MI", "en") });
    expect(en).toContain("Michigan Department of Health and Human Services");
    expect(en).not.toContain("TennCare");
    const actionEs = CATEGORY_GUIDANCE.medicaid_medicare_id.es.actions.find((a) => a.includes("{medicaidAgency}"))!;
    expect(fill(actionEs, { medicaidAgency: medicaidAgencyText("MI", "es") })).toContain("la agencia de Medicaid de Míchigan");
    expect(medicaidAgencyText("TN", "en")).toContain("TennCare");
  });

  it("falls back to 'your state Medicaid agency' where there is none (military mail, freely associated states)", () => {
    for (const code of ["AA", "AE", "AP", "FM", "MH", "PW", "UM", "", null]) {
      expect(medicaidAgencyFor(code)).toBeUndefined();
      expect(medicaidAgencyText(code, "en")).toContain("your state Medicaid agency");
    }
  });
});
