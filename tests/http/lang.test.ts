// getLang's rule on the two headers it reads (decision 081), as the pages and the exposure fast
// path use it: the switch's choice, then the notice's language while the patient cookie is there,
// then Accept-Language, then English; both cookie spellings count; an unreadable value is ignored.
import { describe, expect, it } from "vitest";
import { getLang, langCookieFor, langOfHeaders, noticeLangCookieFor } from "~/http/lang.server";
import { testConfig } from "~/utils/env.server";

const dev = testConfig();
const prod = testConfig({ secureCookies: true });
const pair = async (cookie: { serialize(v: unknown): Promise<string> }, value: string) => (await cookie.serialize(value)).split(";")[0]!;

describe("langOfHeaders", () => {
  it("follows the rule, with either spelling of each cookie", async () => {
    for (const config of [dev, prod]) {
      const choiceEs = await pair(langCookieFor(config), "es");
      const choiceEn = await pair(langCookieFor(config), "en");
      const noticeEs = await pair(noticeLangCookieFor(config), "es");
      const patient = config.secureCookies ? "__Host-ec_patient=x" : "ec_patient=x";
      const cases: [string | null, string | null, string][] = [
        [null, null, "en"],
        [null, "es-MX,es;q=0.9", "es"],
        [choiceEs, null, "es"],
        [`${choiceEn}; ${noticeEs}; ${patient}`, "es", "en"], // the switch wins
        [`${patient}; ${noticeEs}`, "en", "es"], // the notice's language after the check
        [noticeEs, null, "en"], // … but only while the patient cookie is there
        ["ec_lang=en; ec_patient=x", null, "en"], // not a value we set: ignored
        ["ec_lang=ImZyIg==", null, "en"], // a language we do not have: ignored
        [`other=1;  ${choiceEs.replace("=", " = ")}`, null, "es"], // spaces around the name
      ];
      for (const [cookie, acceptLanguage, expected] of cases) {
        expect(await langOfHeaders(cookie, acceptLanguage), `${cookie} | ${acceptLanguage}`).toBe(expected);
        const headers = new Headers();
        if (cookie) headers.set("Cookie", cookie);
        if (acceptLanguage) headers.set("Accept-Language", acceptLanguage);
        expect(await getLang(new Request("http://localhost/", { headers }))).toBe(expected);
      }
    }
  });
});
