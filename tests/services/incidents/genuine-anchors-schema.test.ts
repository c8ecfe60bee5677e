// The incident file's optional "genuine letter" anchors (issue 16, item 5): extend, never rename.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { incidentInputFromForm, optionalFields, parseIncidentDefinition, requiredFields } from "~/services/incidents/schemas";

const example = () => JSON.parse(readFileSync("docs/examples/incident.json", "utf8")) as Record<string, unknown>;
const ANCHORS = ["coveredEntityWebsites", "hhsBreachPortalUrl", "attorneyGeneralPostings", "letterReturnAddress"];

describe("the incident file's optional anchors", () => {
  it("the example file sets them, and a file with exactly the original keys stays valid", () => {
    const full = example();
    for (const key of ANCHORS) expect(full).toHaveProperty(key);
    expect(parseIncidentDefinition(full).ok).toBe(true);
    const original = Object.fromEntries(Object.entries(full).filter(([k]) => k in requiredFields));
    expect(Object.keys(original)).toHaveLength(Object.keys(requiredFields).length);
    expect(parseIncidentDefinition(original)).toMatchObject({ ok: true });
    expect(Object.keys(optionalFields).sort()).toEqual([...ANCHORS].sort());
  });

  it("each bad value is named by field and reason", () => {
    const bad = {
      ...example(),
      hhsBreachPortalUrl: "http://ocrportal.hhs.gov/",
      coveredEntityWebsites: [
        { name: "North", url: "javascript:alert(1)" },
        { name: "", url: "https://ok.example" },
        { name: "X", url: "https://x.example", logo: "x" },
      ],
      attorneyGeneralPostings: "https://ag.example",
      letterReturnAddress: "x".repeat(301),
    };
    const r = parseIncidentDefinition(bad);
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.problems).toEqual(
      expect.arrayContaining([
        "hhsBreachPortalUrl: must be an https:// address",
        "coveredEntityWebsites.0.url: must be an https:// address",
        "coveredEntityWebsites.1.name: required",
        "coveredEntityWebsites.2.logo: unknown field",
        'attorneyGeneralPostings: must be a list of {"name": "...", "url": "https://..."}',
        "letterReturnAddress: at most 300 characters",
      ]),
    );
  });

  it("the admin form: one `Name | https://…` a line; a blank field is left out (an update keeps the stored value)", () => {
    const fields: Record<string, string> = {
      coveredEntityWebsites: "North Clinic | https://north.example/notice\n\n  South | https://south.example  ",
      hhsBreachPortalUrl: "  ",
    };
    const input = incidentInputFromForm((name) => fields[name] ?? null);
    expect(input.coveredEntityWebsites).toEqual([
      { name: "North Clinic", url: "https://north.example/notice" },
      { name: "South", url: "https://south.example" },
    ]);
    expect(input).not.toHaveProperty("hhsBreachPortalUrl");
    expect(input).not.toHaveProperty("attorneyGeneralPostings");
    expect(input).not.toHaveProperty("letterReturnAddress");
  });
});
