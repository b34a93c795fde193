/**
 * On PostgreSQL every statement with parameters goes out as a named prepared statement
 * (db/stats.ts): parsed and described once per connection, then only bound and executed. Without
 * it each statement costs an extra round trip and a parse (docs/BENCHMARKS.md).
 */
import { queryRows } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';

describe.skipIf(currentDriver() !== 'postgres')('prepared statements on PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase({ empty: true });
  });
  afterAll(async () => {
    await database.close();
  });

  const prepared = (tx: typeof database.db, marker: string) =>
    queryRows<{ n: number }>(
      tx,
      sql`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE ${`%${marker}%`} AND statement NOT LIKE '%pg_prepared_statements%'`,
    );

  it('prepares a statement with parameters once, and reuses it', async () => {
    await database.db.transaction(async (tx) => {
      for (const value of [1, 2, 3]) {
        const [row] = await queryRows<{ v: number }>(tx, sql`SELECT ${value}::int AS v /* marker-one */`);
        expect(row?.v).toBe(value);
      }
      expect((await prepared(tx, 'marker-one'))[0]?.n).toBe(1);
    });
  });

  it('sends a statement without parameters as a simple query, not prepared', async () => {
    await database.db.transaction(async (tx) => {
      await queryRows(tx, sql`SELECT 1 AS v /* marker-two */`);
      expect((await prepared(tx, 'marker-two'))[0]?.n).toBe(0);
    });
  });
});
