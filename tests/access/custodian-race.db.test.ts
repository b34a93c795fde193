/**
 * The custodian carried on persons, charges and transfers (migration child_rows_carry_custodian)
 * under concurrent writes: a row added while another transaction moves the case's custody must
 * carry the new custodian, or the former custodian would keep reading it through the policies'
 * fast path. The trigger reads the case FOR SHARE: the insert waits for the move, then reads the
 * custodian it committed. (PGlite is one connection: no two transactions overlap there.)
 */
import { demoOrgId, queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { custodianAgreement } from '../support/custodian.js';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_KEYRING } from '../support/server.js';

describe.skipIf(currentDriver() !== 'postgres')('a custody move and a concurrent insert', { timeout: 30_000 }, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
  });
  afterAll(() => database?.close());

  it('a person and a charge added while custody moves carry the new custodian, once the move commits', async () => {
    const [held] = await queryRows<{ id: string; person: string }>(
      database.db,
      sql`SELECT c.id, (SELECT p.id FROM persons p WHERE p.case_id = c.id ORDER BY p.id LIMIT 1) AS person
            FROM cases c WHERE c.custodian_id = ${demoOrgId('FLD')}
             AND EXISTS (SELECT 1 FROM persons p WHERE p.case_id = c.id)
           ORDER BY c.reference LIMIT 1`,
    );
    if (!held) throw new Error('the seed has no FLD-held case with persons');
    const mover = postgres(database.url as string, { max: 1, onnotice: () => {} });
    let settled = false;
    let adding: Promise<unknown> | undefined;
    try {
      await mover.begin(async (tx) => {
        await tx`UPDATE cases SET custodian_id = ${demoOrgId('PD')} WHERE id = ${held.id}`;
        adding = database.db
          .transaction(async (w) => {
            await w.execute(
              sql`INSERT INTO persons (case_id, role, given_name, family_name)
                  VALUES (${held.id}, 'SIBLING', 'Added', 'During the move')`,
            );
            await w.execute(
              sql`INSERT INTO charges (case_id, person_id, description, jurisdiction)
                  VALUES (${held.id}, ${held.person}, 'Added during the move', 'TR')`,
            );
          })
          .finally(() => {
            settled = true;
          });
        // The insert waits for the move (it would not, were the case read without a lock).
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(settled).toBe(false);
      });
    } finally {
      await mover.end();
    }
    await adding;
    const rows = await queryRows<{ table: string; custodian_id: string }>(
      database.db,
      sql`SELECT 'persons' AS table, custodian_id::text FROM persons WHERE case_id = ${held.id} AND given_name = 'Added'
          UNION ALL
          SELECT 'charges', custodian_id::text FROM charges WHERE case_id = ${held.id} AND description = 'Added during the move'`,
    );
    expect(rows).toEqual([
      { table: 'persons', custodian_id: demoOrgId('PD') },
      { table: 'charges', custodian_id: demoOrgId('PD') },
    ]);
    const persons = (await custodianAgreement(database.db)).find((r) => r.table === 'persons');
    expect(persons?.wrong).toBe(0);
  });
});
