// Issue 15, finding 6: every patient cookie's name comes from one helper — `__Host-` where cookies
// are Secure (production), plain over http (development, tests).
import { describe, expect, it } from "vitest";
import { cookieName } from "~/http/cookie-names";
import { langCookieFor } from "~/http/lang.server";
import { clearPatientCookies, countRefusal, patientCookies } from "~/http/patient.server";
import { testConfig } from "~/utils/env.server";

const dev = testConfig();
const prod = testConfig({ secureCookies: true });

describe("the patient cookie helper", () => {
  it("names: __Host- with Secure cookies, plain without", () => {
    for (const base of ["ec_patient", "ec_notice_lang", "ec_lang", "ec_refusals"] as const) {
      expect(cookieName(base, prod)).toBe(`__Host-${base}`);
      expect(cookieName(base, dev)).toBe(base);
    }
  });

  it("production: every cookie the helper makes is Secure, Path=/, without Domain — what __Host- demands", async () => {
    const c = patientCookies(prod);
    const headers = [
      await c.session.serialize("token"),
      await c.noticeLang.serialize("es"),
      await c.refusals.serialize(1),
      await langCookieFor(prod).serialize("es"),
      (await countRefusal(new Request("http://x/"), prod)).setCookie,
    ];
    for (const h of headers) {
      expect(h).toMatch(/^__Host-ec_/);
      expect(h).toMatch(/;\s*Secure/i);
      expect(h).toMatch(/;\s*Path=\/(;|$)/i);
      expect(h).not.toMatch(/Domain=/i);
    }
    expect(await c.session.parse(headers[0]!.split(";")[0]!)).toBe("token");
  });

  it("development: plain names, not Secure; a count kept under either name is read", async () => {
    const c = patientCookies(dev);
    expect(await c.session.serialize("t")).toMatch(/^ec_patient=/);
    expect(await c.session.serialize("t")).not.toMatch(/Secure/i);
    const first = await countRefusal(new Request("http://x/"), dev);
    const second = await countRefusal(new Request("http://x/", { headers: { Cookie: first.setCookie.split(";")[0]! } }), prod);
    expect(second.count).toBe(2);
    expect(second.setCookie).toMatch(/^__Host-ec_refusals=/);
  });

  it("clearing in production ends both spellings; in development only the plain one", async () => {
    const p = (await clearPatientCookies(prod)).map((c) => c.split("=")[0]);
    expect(p.sort()).toEqual(["__Host-ec_notice_lang", "__Host-ec_patient", "ec_notice_lang", "ec_patient"]);
    const d = (await clearPatientCookies(dev)).map((c) => c.split("=")[0]);
    expect(d.sort()).toEqual(["ec_notice_lang", "ec_patient"]);
  });
});
