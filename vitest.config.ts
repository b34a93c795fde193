/**
 * One test run, three projects:
 * - `unit`: no database (or one the test starts itself);
 * - `pglite` and `postgres`: every `*.db.test.ts`, once on PGlite and once on a throwaway
 *   PostgreSQL server that this run starts and removes. The output's `|pglite|` and `|postgres|`
 *   labels say which driver each test ran on.
 */
import { createRequire } from 'node:module';
import { defaultServerConditions } from 'vite';
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { findPostgresBinaries } from './tests/support/pg-cluster.js';

const require = createRequire(import.meta.url);
const conditions = ['@hrd/source', ...defaultServerConditions];

const timeouts = { testTimeout: 30_000, hookTimeout: 120_000, teardownTimeout: 30_000 } as const;

const shared = {
  resolve: {
    conditions,
    // One copy of graphql for the server and the tests (STACK.md, pitfall 5).
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  ssr: { resolve: { conditions, externalConditions: conditions } },
} as const;

const DB_TESTS = ['packages/*/src/**/*.db.test.ts', 'tests/**/*.db.test.ts'];

const postgresBinaries = findPostgresBinaries();
const projects: TestProjectInlineConfiguration[] = [
  {
    ...shared,
    test: {
      ...timeouts,
      name: 'unit',
      include: ['packages/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
      exclude: [...configDefaults.exclude, ...DB_TESTS],
      environment: 'node',
    },
  },
  {
    ...shared,
    test: {
      ...timeouts,
      name: 'pglite',
      include: DB_TESTS,
      exclude: configDefaults.exclude,
      globalSetup: ['tests/support/global-setup-pglite.ts'],
    },
  },
];
if ('binDir' in postgresBinaries) {
  projects.push({
    ...shared,
    test: {
      ...timeouts,
      name: 'postgres',
      include: DB_TESTS,
      exclude: configDefaults.exclude,
      globalSetup: ['tests/support/global-setup-postgres.ts'],
    },
  });
} else if (process.env.CI) {
  // In CI a missing server fails the run instead of skipping half the tests.
  projects.push({
    ...shared,
    test: {
      ...timeouts,
      name: 'postgres',
      include: DB_TESTS,
      exclude: configDefaults.exclude,
      globalSetup: ['tests/support/global-setup-no-postgres.ts'],
    },
  });
} else {
  process.stderr.write(
    `\n!! The PostgreSQL test project is SKIPPED: ${postgresBinaries.missing}.\n!! Only PGlite is tested in this run.\n\n`,
  );
}

export default defineConfig({
  test: { projects, ...timeouts, reporters: ['default', './tests/support/summary-reporter.ts'] },
});
