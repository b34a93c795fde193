/**
 * The scale seed (`pnpm seed --scale N`, the benchmark's data) writes with the per-row triggers
 * off when it runs as a superuser, so it sets what they would have: the case's custodian on its
 * persons, charges and transfers (migration child_rows_carry_custodian), which the read policies'
 * custodian fast path compares, and each case's RECEIVER and FORMER organizations (migration
 * case_relations), which cases_select and the application's case filter read.
 */
import { seedScale } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseRelationsAgreement } from '../support/case-relations.js';
import { custodianAgreement } from '../support/custodian.js';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_KEYRING } from '../support/server.js';

describe(`the scale seed on ${currentDriver()}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
    // 63: one case of each demo scenario, receivers and former custodians among them.
    await seedScale(database.db, 63, { keyring: TEST_KEYRING });
  });
  afterAll(() => database?.close());

  it("writes persons, charges, transfers and information requests that carry their case's custodian", async () => {
    const rows = await custodianAgreement(database.db, sql`c.hrd_summary LIKE 'Synthetic scale case %'`);
    expect(rows.map((r) => [r.table, r.total > 0, r.wrong])).toEqual([
      ['persons', true, 0],
      ['charges', true, 0],
      ['transfers', true, 0],
      ['information_requests', true, 0],
    ]);
  });

  it('writes the RECEIVER and FORMER organizations of its cases, as hrd_case_relation computes them', async () => {
    const agreement = await caseRelationsAgreement(database.db, sql`c.hrd_summary LIKE 'Synthetic scale case %'`);
    expect(agreement.wrong).toBe(0);
    expect(agreement.related).toBeGreaterThan(0);
  });
});
