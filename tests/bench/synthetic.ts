import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { SYNTHETIC_FIRST_NAMES, SYNTHETIC_LAST_NAMES } from "../../app/services/demo/names";

// A deterministic synthetic HealthEC-like batch file (all people invented).
const STATES: [string, string, string][] = [
  ["MI", "48", "Detroit"],
  ["MI", "49", "Grand Rapids"],
  ["AZ", "85", "Phoenix"],
  ["NV", "89", "Las Vegas"],
  ["TN", "37", "Nashville"],
  ["NY", "12", "Albany"],
  ["GA", "30", "Atlanta"],
  ["FL", "32", "Orlando"],
  ["IL", "60", "Chicago"],
  ["VA", "22", "Richmond"],
  ["OK", "73", "Tulsa"],
  ["TX", "75", "Dallas"],
  ["CA", "90", "Fresno"],
  ["OH", "43", "Columbus"],
  ["PR", "00", "San Juan"],
];
const CATS = [
  "name",
  "address",
  "date_of_birth",
  "ssn",
  "medical_record_number",
  "diagnosis",
  "diagnosis_code",
  "health_insurance",
  "medicaid_medicare_id",
  "patient_account_number",
  "claims",
  "provider",
];

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SYNTHETIC_HEADER =
  "external_id,first_name,middle_name,last_name,suffix,address_line1,address_line2,city,state,zip,date_of_birth,email,phone,language,deceased,exposed";

/** Write `rows` people to `file`; returns the file's size in bytes. */
export async function writeSyntheticBatch(file: string, rows: number, seed = 4452782): Promise<number> {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const out = createWriteStream(file);
  let bytes = 0;
  let buf = `${SYNTHETIC_HEADER}\r\n`;
  for (let i = 1; i <= rows; i++) {
    const [state, zip2, city] = pick(STATES);
    const year = 1930 + Math.floor(rnd() * 90);
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const dob =
      rnd() < 0.5
        ? `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`
        : `${String(month).padStart(2, "0")}/${String(day).padStart(2, "0")}/${year}`;
    const cats = CATS.filter(() => rnd() < 0.3);
    if (!cats.length) cats.push("name");
    const last = pick(SYNTHETIC_LAST_NAMES);
    const hasEmail = rnd() < 0.3;
    const hasPhone = rnd() < 0.5;
    buf +=
      [
        `P${String(i).padStart(9, "0")}`,
        pick(SYNTHETIC_FIRST_NAMES),
        rnd() < 0.3 ? "A" : "",
        last.includes("'") ? `"${last}"` : last,
        rnd() < 0.03 ? "Jr." : "",
        `${1 + Math.floor(rnd() * 9999)} ${pick(["Main", "Oak", "Maple", "Cedar", "Elm"])} St`,
        rnd() < 0.15 ? `"Apt ${1 + Math.floor(rnd() * 300)}, Bldg ${1 + Math.floor(rnd() * 9)}"` : "",
        city,
        state,
        `${zip2}${String(Math.floor(rnd() * 1000)).padStart(3, "0")}`,
        dob,
        hasEmail ? `person${i}@example.com` : "",
        hasPhone ? `(555) 01${Math.floor(rnd() * 10)}-${String(Math.floor(rnd() * 10000)).padStart(4, "0")}` : "",
        rnd() < 0.12 ? "es" : "en",
        rnd() < 0.01 ? "Y" : "N",
        cats.join(";"),
      ].join(",") + "\r\n";
    if (buf.length > 1 << 20) {
      bytes += Buffer.byteLength(buf);
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  bytes += Buffer.byteLength(buf);
  out.end(buf);
  await once(out, "finish");
  return bytes;
}
