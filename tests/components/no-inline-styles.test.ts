import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Every .tsx file under app/. */
function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? tsxFiles(p) : p.endsWith(".tsx") ? [p] : [];
  });
}

describe("markup under our Content-Security-Policy", () => {
  it("uses no inline style attributes or inline <style> (style-src 'self' would silently drop them)", () => {
    const offenders = tsxFiles(path.resolve("app")).flatMap((file) => {
      const text = readFileSync(file, "utf8");
      return [...text.matchAll(/\bstyle=\{|<style[\s>]|\bdangerouslySetInnerHTML\b/g)].map(
        (m) => `${path.relative(process.cwd(), file)}:${text.slice(0, m.index).split("\n").length}`,
      );
    });
    expect(offenders).toEqual([]);
  });
});
