/**
 * A request's transaction runs without JIT compilation (`enterCallerScope`): at 100,000 cases the
 * planner's estimates for a list under row-level security passed `jit_above_cost`, and compiling
 * took 50–90 ms of statements that run in 5–40 ms (docs/BENCHMARKS.md, Round 5). The setting is
 * the transaction's own: the pool's connections keep the server's default outside requests.
 */
import { type Database, enterCallerScope, queryRows } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';

describe(`a request's settings on ${currentDriver()}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database?.close());

  const jit = async (db: Database) =>
    (await queryRows<{ jit: string }>(db, sql`SELECT current_setting('jit') AS jit`))[0]?.jit;

  it('turns JIT off for the request transaction only', async () => {
    const outside = await jit(database.db);
    expect(outside).toBe('on');
    await database.db.transaction(async (tx) => {
      await enterCallerScope(tx as unknown as Database, null, 10_000);
      expect(await jit(tx as unknown as Database)).toBe('off');
    });
    expect(await jit(database.db)).toBe(outside);
  });
});
