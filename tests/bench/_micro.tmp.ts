import { sealNotice } from "~/services/notices/seal.server";
import { FieldCipher, keyedHash } from "~/utils/crypto.server";
import { randomBytes, createCipheriv, createHmac, createHash } from "node:crypto";
import { generateActivationCode } from "~/services/notices/activation-code.server";
const cipher = new FieldCipher([{ id: "k1", key: randomBytes(32) }]);
const pepper = randomBytes(32);
const p = { externalId: "E123456", firstName: "Maria", lastName: "Lopez", addressLine1: "12 Main St", city: "Detroit", state: "MI", zip: "48201", dateOfBirth: "1970-05-17", language: "en" as const, deceased: false, exposed: ["name","ssn"] as any, email: "a@b.com", phone: "5551234567" };
const opts = { incidentId: "x", organizationId: "y", batchId: "z", mailingDate: "2023-12-22", keepCodeForMailing: true };
for (let r = 0; r < 3; r++) {
  let t = performance.now(); const N = 100000;
  for (let i = 0; i < N; i++) sealNotice(pepper, cipher, p, opts);
  console.log("seal µs/row", ((performance.now() - t) * 1000 / N).toFixed(2));
}
let t = performance.now(); const N = 200000;
for (let i = 0; i < N; i++) cipher.encrypt("dob", "1970-05-17");
console.log("encrypt µs", ((performance.now() - t) * 1000 / N).toFixed(2));
t = performance.now();
for (let i = 0; i < N; i++) keyedHash(pepper, "search:LOPEZ|1970-05-17|48201");
console.log("hmac µs", ((performance.now() - t) * 1000 / N).toFixed(2));
const ip = Buffer.alloc(64, 0x36), op = Buffer.alloc(64, 0x5c); for (let i=0;i<32;i++){ip[i]^=pepper[i]!;op[i]^=pepper[i]!;}
const hi = createHash("sha256").update(ip), ho = createHash("sha256").update(op);
t = performance.now();
let x;
for (let i = 0; i < N; i++) { const inner = hi.copy().update("search:LOPEZ|1970-05-17|48201").digest(); x = ho.copy().update(inner).digest(); }
console.log("hmac via copy µs", ((performance.now() - t) * 1000 / N).toFixed(2), x.equals(keyedHash(pepper, "search:LOPEZ|1970-05-17|48201")));
t = performance.now();
for (let i = 0; i < N; i++) generateActivationCode();
console.log("code µs", ((performance.now() - t) * 1000 / N).toFixed(2));
