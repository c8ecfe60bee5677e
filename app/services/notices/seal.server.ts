import type { notices } from "../../../db/schema/index";
import { keyedHash } from "~/utils/crypto.server";
import type { FieldCipher } from "~/utils/crypto.server";
import type { CategoryKey } from "~/content/categories";
import { generateActivationCode, generateReferenceNumber, hashActivationCode } from "./activation-code.server";

/** One person as a covered entity hands them over (the batch file's columns, validated). */
export type PersonInput = {
  externalId: string;
  firstName: string;
  middleName?: string | null;
  lastName: string;
  suffix?: string | null;
  addressLine1: string;
  addressLine2?: string | null;
  city: string;
  state: string;
  zip: string;
  dateOfBirth: string; // YYYY-MM-DD
  email?: string | null;
  phone?: string | null;
  language: "en" | "es";
  deceased: boolean;
  exposed: CategoryKey[];
};

export type SealedName = { first: string; middle: string | null; last: string; suffix: string | null };
export type SealedAddress = { line1: string; line2: string | null; city: string; state: string; zip: string };

/** Under 18 on the mailing date: the letter goes to the parent or guardian. */
export function isMinorOn(dateOfBirth: string, mailingDate: string): boolean {
  const [y, m, d] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const eighteenth = `${String(y + 18).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return eighteenth > mailingDate;
}

/** Normalization shared by import and staff lookup, so the same person hashes the same way. */
export function normalizeLastName(lastName: string): string {
  return lastName
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toUpperCase()
    .replace(/[^A-Z]/g, "");
}

/** Blind index for staff lookup: HMAC of normalized last name + date of birth + ZIP5. */
export function searchHashFor(pepper: Buffer, lastName: string, dateOfBirth: string, zip: string): Buffer {
  return keyedHash(pepper, `search:${normalizeLastName(lastName)}|${dateOfBirth}|${zip.slice(0, 5)}`);
}

export function externalIdHashFor(pepper: Buffer, organizationId: string, externalId: string): Buffer {
  return keyedHash(pepper, `external:${organizationId}:${externalId.trim()}`);
}

export type SealOptions = {
  incidentId: string;
  organizationId: string;
  batchId: string;
  mailingDate: string;
  /** Keep the clear code encrypted until the batch is mailed (mailing file export). */
  keepCodeForMailing: boolean;
  /** Demo data only: a fixed code. */
  code?: string;
};

/**
 * Turn a person into a notice row: a fresh activation code (returned in clear, once), its keyed
 * hash, a random reference number, and every personal field encrypted with its own field name.
 */
export function sealNotice(pepper: Buffer, cipher: FieldCipher, person: PersonInput, options: SealOptions): { row: typeof notices.$inferInsert; code: string } {
  const code = options.code ?? generateActivationCode();
  const name: SealedName = {
    first: person.firstName,
    middle: person.middleName || null,
    last: person.lastName,
    suffix: person.suffix || null,
  };
  const address: SealedAddress = {
    line1: person.addressLine1,
    line2: person.addressLine2 || null,
    city: person.city,
    state: person.state,
    zip: person.zip,
  };
  return {
    code,
    row: {
      incidentId: options.incidentId,
      organizationId: options.organizationId,
      batchId: options.batchId,
      referenceNumber: generateReferenceNumber(),
      codeHash: hashActivationCode(pepper, code),
      codeEnc: options.keepCodeForMailing ? cipher.encrypt("code", code) : null,
      externalIdHash: externalIdHashFor(pepper, options.organizationId, person.externalId),
      externalIdEnc: cipher.encrypt("external_id", person.externalId),
      categories: [...new Set(person.exposed)],
      state: person.state,
      language: person.language,
      isMinor: isMinorOn(person.dateOfBirth, options.mailingDate),
      isDeceased: person.deceased,
      nameEnc: cipher.encryptJson("name", name),
      addressEnc: cipher.encryptJson("address", address),
      dobEnc: cipher.encrypt("dob", person.dateOfBirth),
      emailEnc: person.email ? cipher.encrypt("email", person.email) : null,
      phoneEnc: person.phone ? cipher.encrypt("phone", person.phone) : null,
      searchHash: searchHashFor(pepper, person.lastName, person.dateOfBirth, person.zip),
    },
  };
}
