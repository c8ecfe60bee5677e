import type { Reporter, TestModule } from "vitest/node";

/** Prints `Tests: N passed, N failed, N skipped` as the very last line, for CI to read. */
export default class CountReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of testModules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
    }
    setImmediate(() => console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`));
  }
}
