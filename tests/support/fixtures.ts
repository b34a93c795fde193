/**
 * vitest fixtures that read like the domain: `db` is a migrated database for the test file,
 * on the running project's driver; `seededDb` also holds the demo data set.
 */
import { seedDemo } from '@hrd/server';
import { test as base } from 'vitest';
import { openTestDatabase, type TestDatabase } from './database.js';

export const test = base.extend<{}, { db: TestDatabase; seededDb: TestDatabase }>({
  db: [
    // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies by destructuring
    async ({}, use) => {
      const db = await openTestDatabase();
      await use(db);
      await db.close();
    },
    { scope: 'file' },
  ],
  seededDb: [
    // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies by destructuring
    async ({}, use) => {
      const db = await openTestDatabase();
      await seedDemo(db.db);
      await use(db);
      await db.close();
    },
    { scope: 'file' },
  ],
});

export { describe, expect } from 'vitest';
