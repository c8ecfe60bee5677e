import { describe, expect, it } from "vitest";
import { csvCell, csvLine, formulaSafe } from "~/utils/csv";

describe("the one CSV writer", () => {
  it("CSV cells are RFC 4180 quoted and formula-safe", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@x")).toBe("'@x");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe('"\'\rx"');
    expect(csvCell("=a,b")).toBe('"\'=a,b"');
  });

  it("formula safety alone leaves commas and quotes to the caller's writer", () => {
    expect(formulaSafe("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(formulaSafe("a,b")).toBe("a,b");
    expect(formulaSafe("")).toBe("");
  });

  it("a record ends with CRLF and an absent value is an empty cell", () => {
    expect(csvLine(["a", null, undefined, "=x"])).toBe("a,,,'=x\r\n");
  });
});
