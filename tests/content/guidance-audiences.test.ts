import { describe, expect, it } from "vitest";
import { CATEGORY_KEYS } from "~/content/categories";
import { LANGS, placeholdersOf } from "~/content/i18n";
import { DECEASED_GUIDANCE, guidanceFor, MINOR_GUIDANCE } from "~/content/guidance";
import { EXPOSURE_TEXT, summarySteps } from "~/content/pages";

const all = (g: typeof MINOR_GUIDANCE, lang: "en" | "es") => CATEGORY_KEYS.flatMap((k) => [g[k][lang].meaning, ...g[k][lang].actions]);

describe("words for who is reading (issue 16, item 3)", () => {
  it("every category has a parent's and a next of kin's text, the same shape and placeholders in both languages", () => {
    for (const g of [MINOR_GUIDANCE, DECEASED_GUIDANCE]) {
      expect(Object.keys(g).sort()).toEqual([...CATEGORY_KEYS].sort());
      for (const k of CATEGORY_KEYS) {
        expect(g[k].es.actions.length, k).toBe(g[k].en.actions.length);
        expect(g[k].en.actions.length, k).toBeGreaterThanOrEqual(2);
        const ph = (lang: "en" | "es") => placeholdersOf([g[k][lang].meaning, ...g[k][lang].actions].join(" "));
        expect(ph("es"), k).toEqual(ph("en"));
      }
    }
  });

  it("a parent reads about their child, never 'your plan' or 'care you did not get'", () => {
    for (const text of all(MINOR_GUIDANCE, "en")) {
      expect(text).not.toMatch(/\byour (?!child)/i);
      expect(text).not.toMatch(/care you did not get|you did not open/i);
    }
    expect(all(MINOR_GUIDANCE, "en").join(" ")).toMatch(/your child/);
    for (const text of all(MINOR_GUIDANCE, "es")) expect(text).not.toMatch(/usted no recibió|su plan\b/);
    expect(all(MINOR_GUIDANCE, "es").join(" ")).toMatch(/su hijo o hija/);
  });

  it("next of kin read about the person, never 'your' plan, reports or care", () => {
    for (const text of all(DECEASED_GUIDANCE, "en")) {
      expect(text).not.toMatch(/\byour\b/i);
      expect(text).not.toMatch(/get your free credit reports|care you did not get/i);
    }
    for (const text of all(DECEASED_GUIDANCE, "es")) expect(text).not.toMatch(/usted no recibió|Congele su crédito/);
    expect(all(DECEASED_GUIDANCE, "en").join(" ")).toMatch(/the person/);
  });

  it("an adult's text is the catalog's own; label and contacts never change with the audience", () => {
    for (const lang of LANGS) {
      for (const k of CATEGORY_KEYS) {
        const adult = guidanceFor(k, lang, "adult");
        for (const audience of ["minor", "deceased"] as const) {
          const g = guidanceFor(k, lang, audience);
          expect(g.label).toBe(adult.label);
          expect(g.contacts).toEqual(adult.contacts);
        }
      }
    }
  });

  it("the summary's first steps are worded for each audience too", () => {
    for (const lang of LANGS) {
      const steps = EXPOSURE_TEXT[lang].summary.steps;
      for (const step of Object.values(steps)) {
        expect(step.minor).not.toBe(step.adult);
        expect(step.deceased).not.toBe(step.adult);
      }
    }
    expect(steps(["ssn", "name"])).toEqual(["freeze", "irs"]);
    expect(steps(["diagnosis", "claims"])).toEqual(["eob", "careful"]);
    expect(steps(["name"])).toEqual(["careful"]);
    function steps(c: string[]) {
      return summarySteps(c);
    }
  });
});
