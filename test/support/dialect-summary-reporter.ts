// Prints how many tests ran on each database, so a run that skipped PostgreSQL is visible.
import type { Reporter, TestModule } from 'vitest/node';

export default class DialectSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts: Record<string, { passed: number; failed: number; skipped: number }> = {
      sqlite: { passed: 0, failed: 0, skipped: 0 },
      postgres: { passed: 0, failed: 0, skipped: 0 },
    };
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const m = /\[(sqlite|postgres)\]/.exec(test.fullName);
        if (!m) continue;
        const bucket = counts[m[1]!]!;
        const state = test.result().state;
        if (state === 'passed') bucket.passed++;
        else if (state === 'failed') bucket.failed++;
        else bucket.skipped++;
      }
    }
    for (const [name, c] of Object.entries(counts)) {
      console.log(`[shixu] ${name} suite: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
    }
  }
}
