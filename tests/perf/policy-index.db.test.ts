/**
 * Row-level security reads an organization's relations to cases from case_relations' key alone
 * (migration 20261129065607, docs/BENCHMARKS.md Round 12): cases_select asks whether the caller's
 * organization has a relation its role may read to a case it does not hold, and the relation is
 * carried in the key, so PostgreSQL answers from the index without visiting the table (FLD's
 * first page at 100,000 cases 2.1 → 1.2 ms).
 *
 * The plan is asked for as a caseworker of FLD enters it (role hrd_app, the caller's settings),
 * with plain and bitmap scans of tables switched off so that the small test data plans as the large
 * does; the table is vacuumed first, as autovacuum keeps it, so that an index-only scan can skip
 * the table. Without the relation in the key the look-up is an Index Scan (it must read each row
 * to learn its relation), and this test fails.
 */
import {
  type Database,
  demoOrgId,
  demoUserId,
  enterCallerScope,
  queryRows,
  seedDemo,
  seedScale,
  type Viewer,
} from '@hrd/server';
import { sql, TransactionRollbackError } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_KEYRING } from '../support/server.js';

describe(`row-level security reads relations from case_relations' key, on ${currentDriver()}`, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    await seedScale(database.db, 200, { keyring: TEST_KEYRING });
    await database.db.execute(sql`VACUUM (ANALYZE) case_relations`);
  });
  afterAll(async () => {
    await database?.close();
  });

  const caseworker = (): Viewer => ({
    userId: demoUserId('caseworker@fld.demo'),
    email: 'caseworker@fld.demo',
    displayName: 'FLD caseworker',
    organizationId: demoOrgId('FLD'),
    organizationKind: 'FLD',
    roles: ['CASEWORKER'],
    via: { kind: 'session', sessionId: '00000000-0000-4000-8000-000000000000' },
  });

  /** The plan of `statement` as the caller enters it, RLS and all, rolled back afterwards. */
  async function planAsCaller(statement: string): Promise<string> {
    let plan = '';
    await database.db
      .transaction(async (tx) => {
        const scoped = tx as unknown as Database;
        await enterCallerScope(scoped, caseworker(), 10_000);
        await tx.execute(sql`SET LOCAL enable_seqscan = off`);
        await tx.execute(sql`SET LOCAL enable_bitmapscan = off`);
        const rows = await queryRows<{ 'QUERY PLAN': string }>(scoped, sql.raw(`EXPLAIN (COSTS OFF) ${statement}`));
        plan = rows.map((row) => row['QUERY PLAN']).join('\n');
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
    return plan;
  }

  it.each([
    ['a page', 'SELECT id FROM cases ORDER BY created_at DESC, id DESC LIMIT 51'],
    ['a count', 'SELECT count(*) FROM cases'],
  ])("%s under cases_select looks the organization's relations up with an index-only scan", async (_, statement) => {
    const plan = await planAsCaller(statement);
    // The policy is applied (its look-up is in the plan) and reads case_relations from the index.
    expect(plan).toMatch(/case_relations/);
    const lookups = plan.split('\n').filter((line) => / on case_relations\b/.test(line));
    expect(lookups.length).toBeGreaterThan(0);
    for (const line of lookups) expect(line).toMatch(/Index Only Scan using case_relations_pkey on case_relations/);
  });
});
