import { BATCH_COLUMNS } from "./validate";

/**
 * A template batch file for admins: the header row with every column the import reads (in the
 * order of DESIGN.md "Batch file") and one made-up example row. Not personal data.
 */
export function batchTemplateCsv(): string {
  const example: Record<(typeof BATCH_COLUMNS)[number], string> = {
    external_id: "PATIENT-0001",
    first_name: "Ana",
    middle_name: "",
    last_name: "Example",
    suffix: "",
    address_line1: "100 Main St",
    address_line2: "Apt 2",
    city: "Detroit",
    state: "MI",
    zip: "48201",
    date_of_birth: "1970-05-17",
    email: "",
    phone: "",
    language: "en",
    deceased: "N",
    exposed: "name;address;date_of_birth;health_insurance",
  };
  return `${BATCH_COLUMNS.join(",")}\r\n${BATCH_COLUMNS.map((c) => example[c]).join(",")}\r\n`;
}
