import type { ServerBuild } from "@remix-run/node";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { startServer, type AppServer } from "../../app/server";
import type { TestEnv } from "./db";

/** The real HTTP server (Express + the Remix build in build/) over a test environment's database. */
export async function loadBuild(): Promise<ServerBuild> {
  return (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
}

export async function startTestServer(env: TestEnv, options: { bodyTimeoutMs?: number } = {}): Promise<AppServer> {
  const build = await loadBuild();
  return startServer({ config: { ...env.config, port: 0, host: "127.0.0.1" }, build, database: env.database, ctx: env.ctx, ...options });
}

/** A form POST the way a browser on our own page sends it. */
export function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: "POST",
    body: new URLSearchParams(fields),
    redirect: "manual",
    headers: { "Sec-Fetch-Site": "same-origin", ...headers },
  });
}

/** The page without what legitimately differs between two answers: nonces and typed values. */
export function comparable(html: string): string {
  return html.replace(/nonce="[^"]*"/g, 'nonce=""').replace(/ value="[^"]*"/g, "");
}

/** What a reader sees: no scripts, no tags, no input values; whitespace collapsed. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
