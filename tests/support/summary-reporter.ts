/**
 * Prints one plain closing line, `Tests: N passed, N failed, N skipped`, after vitest's own
 * summary, so that any tool (CI included) can read the result without parsing vitest's output.
 * Also prints the count per project, which says how many tests ran on each database driver.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const total = { passed: 0, failed: 0, skipped: 0 };
    let todo = 0;
    const perProject = new Map<string, { passed: number; failed: number; skipped: number }>();
    for (const module of testModules) {
      const name = module.project.name || 'default';
      const bucket = perProject.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
      perProject.set(name, bucket);
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) {
        // A file that failed to load counts as one failure.
        bucket.failed += 1;
        total.failed += 1;
      }
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (test.options.mode === 'todo') todo += 1;
        const key = state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : 'skipped';
        bucket[key] += 1;
        total[key] += 1;
      }
    }
    const lines = [...perProject.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, c]) => `  ${name.padEnd(9)} ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
    process.stdout.write(
      `\nPer project (pglite and postgres run the same database tests on each driver):\n${lines.join('\n')}\n` +
        (todo ? `Todo (counted as skipped): ${todo}, each naming the issue that will fill it in\n` : '') +
        `Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`,
    );
  }
}
