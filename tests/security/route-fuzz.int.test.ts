// Issue 15, finding 5: bad input gets a 4xx and a plain page, never a 5xx. Every route of the
// build, anonymous and as an admin, with malformed ids, headers, bodies and file names; plus the
// reported cases one by one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import net from "node:net";
import type { AppServer } from "../../app/server";
import { openTestEnv, type TestEnv } from "../support/db";
import { loadBuild, startTestServer, visibleText } from "../support/server";
import { createStaff, signedIn } from "../support/staff";
import { createMailedWorld } from "../factories";

let env: TestEnv;
let server: AppServer;
let adminStaff: Awaited<ReturnType<typeof createStaff>>;
let paths: { path: string; full: boolean }[];
/** A fresh admin session (the fuzz posts to the sign-out routes too). */
const adminCookie = async () => (await signedIn(env.ctx, adminStaff)).cookie;

const BAD_IDS = [
  "99999999999999999999999",
  "-1",
  "0",
  "1e400",
  "abc",
  "%00",
  "%0d%0a",
  "..%2f..%2fpackage.json",
  "%E0%A4%A",
  "'%20or%201=1--",
  "x".repeat(3000),
];

beforeAll(async () => {
  env = await openTestEnv({ start: new Date() });
  await createMailedWorld(env.ctx);
  server = await startTestServer(env);
  adminStaff = await createStaff(env.ctx, "admin");
  const build = await loadBuild();
  // Every route's URL pattern, with each dynamic segment filled by each bad id.
  const patterns = Object.values(build.routes)
    .map((r) => r.path)
    .filter((p): p is string => typeof p === "string");
  const full = new Set<string>();
  for (const route of Object.values(build.routes)) {
    let p = route.path ?? "";
    let parent = route.parentId ? build.routes[route.parentId] : undefined;
    while (parent) {
      if (parent.path) p = `${parent.path}/${p}`;
      parent = parent.parentId ? build.routes[parent.parentId] : undefined;
    }
    full.add(`/${p}`.replace(/\/+$/, "") || "/");
  }
  paths = [];
  // Every bad id gets a GET; the headers and bodies go to each route once (the first bad id).
  for (const p of full) {
    if (!p.includes(":")) paths.push({ path: p, full: true });
    else BAD_IDS.forEach((id, i) => paths.push({ path: p.replace(/:[A-Za-z]+/g, id), full: i === 0 }));
  }
  expect(patterns.length).toBeGreaterThan(20);
});
afterAll(async () => {
  await server?.close();
  await env?.close().catch(() => {});
});

type Attempt = { method: string; path: string; headers?: Record<string, string>; body?: BodyInit };

const MULTIPART_BOUNDARY = "----fuzzboundary";
const multipart = (filename: string) =>
  `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename=${filename}\r\nContent-Type: text/csv\r\n\r\nexternal_id\r\n1\r\n--${MULTIPART_BOUNDARY}--\r\n`;

const BODIES: { type: string; body: string }[] = [
  { type: "application/x-www-form-urlencoded", body: "%%%&&&==intent=%ZZ&next=%0d%0a" },
  { type: "application/x-www-form-urlencoded", body: "intent=verify&outcome=pass&id=99999999999999999999&email=" + "a".repeat(3000) },
  { type: "multipart/form-data; boundary=" + MULTIPART_BOUNDARY, body: multipart('"a=b.csv"') },
  { type: "multipart/form-data; boundary=" + MULTIPART_BOUNDARY, body: multipart('"unbalanced.csv') },
  { type: "multipart/form-data; boundary=" + MULTIPART_BOUNDARY, body: multipart('a=b"c.csv') },
  { type: "multipart/form-data; boundary=" + MULTIPART_BOUNDARY, body: "--" + MULTIPART_BOUNDARY + "\r\ngarbage without headers" },
  { type: "multipart/form-data", body: "no boundary at all" },
  { type: "application/json", body: '{"intent": ' },
  { type: "text/plain", body: "\u0000\u0001\u0002" },
];

const HEADERS: Record<string, string>[] = [
  { Cookie: "ec_patient=%%%; ec_staff=" + "z".repeat(2000) + "; ec_lang=\u00ff" },
  { Cookie: "ec_lang=es; ec_patient=abc.def; __Host-ec_staff=x" },
  { "Accept-Language": "%%%;q=abc", Accept: "*/*;q=x" },
  { "X-Forwarded-For": "not-an-ip, 999.999.1.1", "X-Forwarded-Host": "evil.example:abc" },
  { "Sec-Fetch-Site": "same-origin", Origin: "https://evil.example" },
];

async function send(a: Attempt, cookie?: string): Promise<{ status: number; requestId: string | null }> {
  const headers = new Headers({ "Sec-Fetch-Site": "same-origin", ...a.headers });
  if (cookie) headers.set("Cookie", cookie);
  const res = await fetch(server.url + a.path, { method: a.method, headers, body: a.body, redirect: "manual" });
  await res.arrayBuffer();
  return { status: res.status, requestId: res.headers.get("x-request-id") };
}

describe(`no route answers 5xx to bad input (${process.env.TEST_DB_KIND})`, () => {
  it("every route, anonymous and as an admin: malformed ids, headers, bodies and file names", async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const { path, full } of paths) {
      const attempts: Attempt[] = [
        { method: "GET", path },
        { method: "POST", path, headers: { "Content-Type": BODIES[0]!.type }, body: BODIES[0]!.body },
      ];
      if (full) {
        attempts.push(...HEADERS.map((headers) => ({ method: "GET", path, headers })));
        for (const b of BODIES) attempts.push({ method: "POST", path, headers: { "Content-Type": b.type }, body: b.body });
        attempts.push({ method: "POST", path, headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" }, body: "a=1" });
      }
      const admin = await adminCookie();
      // A path's attempts two at a time (anonymous and as the admin).
      for (const a of attempts) {
        await Promise.all(
          [undefined, admin].map(async (cookie) => {
            const { status, requestId } = await send(a, a.headers?.Cookie ?? cookie);
            sent++;
            if (status >= 500)
              failures.push(
                `${status} ${a.method} ${path.slice(0, 80)} ${JSON.stringify(a.headers ?? {}).slice(0, 120)} ${cookie ? "(admin)" : ""} request ${requestId}`,
              );
          }),
        );
      }
    }
    expect(sent).toBeGreaterThan(500);
    expect(failures).toEqual([]);
  }, 600_000);
});

describe(`the reported bad inputs, one by one (${process.env.TEST_DB_KIND})`, () => {
  it("an outbox id beyond the bigint range: 404", async () => {
    const res = await fetch(`${server.url}/admin/outbox/99999999999999999999999`, { headers: { Cookie: await adminCookie() }, redirect: "manual" });
    expect(res.status).toBe(404);
  });

  it("a path through the static server with ..%2f: a plain 4xx page, not a 500", async () => {
    for (const path of ["/build/..%2f..%2fpackage.json", "/uswds/..%2f..%2f..%2fpackage.json", "/build/%E0%A4%A"]) {
      const res = await rawGet(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expect(res.text).not.toContain('"name": "exposure-check"');
      expect(res.text).toMatch(/Page not found|could not read/i);
    }
  });

  it("a same-origin Sec-Fetch-Site with a foreign Origin: 403 and a plain page", async () => {
    const res = await fetch(`${server.url}/check`, {
      method: "POST",
      headers: { "Sec-Fetch-Site": "same-origin", Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "code=x",
      redirect: "manual",
    });
    expect(res.status).toBe(403);
    expect(visibleText(await res.text())).toContain("Request refused");
  });

  it("a multipart upload whose file name holds = or an unbalanced quote: 400", async () => {
    for (const filename of ['"a=b.csv"', '"unbalanced.csv', 'a=b"c.csv']) {
      const res = await fetch(`${server.url}/admin/batches`, {
        method: "POST",
        headers: { Cookie: await adminCookie(), "Sec-Fetch-Site": "same-origin", "Content-Type": `multipart/form-data; boundary=${MULTIPART_BOUNDARY}` },
        body: multipart(filename),
        redirect: "manual",
      });
      expect(res.status, filename).toBeLessThan(500);
      expect(res.status, filename).toBeGreaterThanOrEqual(400);
    }
  });
});

/** A GET sent byte for byte (fetch would normalize the `..`). */
function rawGet(path: string): Promise<{ status: number; text: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`);
    });
    let data = "";
    socket.setEncoding("utf8");
    socket.on("data", (c: string) => (data += c));
    socket.on("end", () => resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(data)?.[1] ?? 0), text: data }));
    socket.on("error", reject);
  });
}
