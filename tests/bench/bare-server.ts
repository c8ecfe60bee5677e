// The two baselines of `npm run bench -- check` (issue 12), each a bare node:http + postgres.js
// server with no framework and no page, reading the same form as POST /check:
//   lookup — HMAC the code and run the one indexed SELECT the check reads; answer 303.
//   check  — the least a successful check must write, in one statement with a durable commit:
//            lock the notice, mark it checked, start a session and append an audit row; 303.
// Usage: node --import tsx tests/bench/bare-server.ts <lookup|check> <port>   (DATABASE_URL, CODE_PEPPER)
import { createHash, createHmac, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import postgres from "postgres";

const [kind, portText] = process.argv.slice(2);
if (kind !== "lookup" && kind !== "check") throw new Error("kind: lookup | check");
const pepper = Buffer.from(process.env.CODE_PEPPER!, "utf8");
const sql = postgres(process.env.DATABASE_URL!, { max: 10, onnotice: () => {} });

function normalize(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

async function handle(body: string, ip: string): Promise<boolean> {
  const form = new URLSearchParams(body);
  const codeHash = createHmac("sha256", pepper)
    .update(normalize(form.get("code") ?? ""), "utf8")
    .digest();
  if (kind === "lookup") {
    const rows = await sql`select n.id, n.dob_enc from notices n join batches b on b.id = n.batch_id
      where n.code_hash = ${codeHash} and b.status = 'mailed' and n.revoked_at is null and n.purged_at is null and n.fraud_flagged_at is null`;
    return rows.length === 1;
  }
  const token = randomBytes(32).toString("base64url");
  const tokenHash = createHash("sha256").update(token).digest("hex");
  const ipHash = createHmac("sha256", pepper).update(`audit-ip:${ip}`).digest("base64url").slice(0, 22);
  const rows = await sql`
    with n as (
      select n.id from notices n join batches b on b.id = n.batch_id
      where n.code_hash = ${codeHash} and b.status = 'mailed' and n.revoked_at is null and n.purged_at is null and n.fraud_flagged_at is null
      for update of n),
    u as (update notices set failed_checks = 0, locked_until = null, first_checked_at = coalesce(first_checked_at, now()), last_checked_at = now()
      where id in (select id from n)),
    s as (insert into patient_sessions (token_hash, notice_id, created_at, last_seen_at) select ${tokenHash}, id, now(), now() from n)
    insert into audit_events (at, actor_type, action, subject_type, subject_id, ip_hash, outcome)
    select now(), 'patient', 'patient.check', 'notice', id::text, ${ipHash}, 'success' from n
    returning id`;
  return rows.length === 1;
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const ip = String(req.headers["x-forwarded-for"] ?? req.socket.remoteAddress);
    handle(Buffer.concat(chunks).toString("utf8"), ip).then(
      (found) => {
        res.writeHead(found ? 303 : 400, found ? { Location: "/exposure" } : {});
        res.end();
      },
      () => {
        res.writeHead(500);
        res.end();
      },
    );
  });
});
server.keepAliveTimeout = 5000;
server.listen(Number(portText), "127.0.0.1", () => console.info(`bare ${kind} on ${portText}`));
process.on("SIGTERM", () => {
  server.close();
  void sql.end({ timeout: 2 }).then(() => process.exit(0));
});
