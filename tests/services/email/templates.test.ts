import { describe, expect, it } from "vitest";
import { CATEGORY_KEYS } from "~/content/categories";
import { CATEGORY_GUIDANCE } from "~/content/guidance";
import { allTemplateCases, INVITATION_LINK_PLACEHOLDER, renderEmail, withSecretLink } from "~/services/email/templates";

/** Everything a body could leak if someone put it in a template by mistake. */
const VARS = {
  portal: "https://exposurecheck.example.org",
  date: "February 11, 2027",
  product: "adult",
  remaining: 12,
  loaded: 150,
  percent: 10,
  role: "agent",
  hours: 72,
  change: "an administrator account was disabled",
};
const CODE_LIKE = /\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/;
const DOB_LIKE = /\b(19|20)\d{2}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/(19|20)\d{2}\b/;

describe("email templates carry no personal data", () => {
  const cases = allTemplateCases();

  it("there is a template for every kind, in English and Spanish", () => {
    expect(cases.map((c) => `${c.kind}:${c.lang}`)).toEqual(
      expect.arrayContaining([
        "enrollment_confirmed:en",
        "enrollment_confirmed:es",
        "enrollment_ready:es",
        "reminder_30:es",
        "reminder_7:en",
        "pool_low:en",
        "pool_empty:en",
        "staff_invitation:en",
        "admin_account_changed:en",
      ]),
    );
    expect(cases).toHaveLength(16);
  });

  for (const { kind, lang } of cases) {
    it(`${kind} (${lang}): no category key or label, no date of birth, no code, no organization; links to the portal`, () => {
      const email = renderEmail(kind, lang, VARS);
      const all = `${email.subject}\n${email.text}\n${email.html}`;
      for (const key of CATEGORY_KEYS) {
        expect(all, `key ${key}`).not.toMatch(new RegExp(`\\b${key}\\b`, "i"));
        for (const l of ["en", "es"] as const) {
          expect(all.toLowerCase(), `label of ${key} (${l})`).not.toContain(CATEGORY_GUIDANCE[key][l].label.toLowerCase());
        }
      }
      expect(all).not.toMatch(DOB_LIKE);
      expect(all).not.toMatch(CODE_LIKE);
      for (const forbidden of ["HealthEC", "Test Vendor", "Provider", "Beaumont", "Corewell"]) expect(all).not.toContain(forbidden);
      expect(email.text).toContain(VARS.portal);
      expect(email.html).toContain(`<a href="${VARS.portal}">`);
      // Every placeholder was filled.
      expect(all).not.toMatch(/\{[a-zA-Z]+\}/);
      expect(email.subject.length).toBeGreaterThan(5);
    });
  }

  it("the invitation email holds a placeholder, never a link, until it is sent; the link goes in as text and as one <a>", () => {
    const email = renderEmail("staff_invitation", "en", VARS);
    expect(email.text).toContain(INVITATION_LINK_PLACEHOLDER);
    expect(email.text).not.toContain("token=");
    const link = "https://exposurecheck.example.org/staff/invitation?token=abc_DEF-123";
    const sent = withSecretLink(email, link);
    expect(sent.text).toContain(link);
    expect(sent.html).toContain(`<a href="${link}">${link}</a>`);
    expect(`${sent.text}${sent.html}`).not.toContain(INVITATION_LINK_PLACEHOLDER);
    expect(email.text).not.toMatch(/password:/i);
  });

  it("escapes what goes into the HTML", () => {
    const email = renderEmail("enrollment_confirmed", "en", { portal: "https://x.example/?a=<b>" });
    expect(email.html).not.toContain("<b>");
  });
});
