/**
 * Versioned writes never lose a concurrent update: 50 `updateCase` calls with the same
 * expectedVersion, sent at once, let exactly one win; the others get CONFLICT with the current
 * version. References stay unique and gap-free under concurrent creation. (On PGlite the
 * requests queue on its single connection; the guarantees are the same.)
 */
import { queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { codeOf, signIn } from '../support/session.js';

const CREATE = `mutation($i: CreateCaseInput!) { createCase(input: $i) { id reference version status size } }`;
const input = (n: number) => ({
  countryOfNationality: 'SY',
  countryOfAsylum: 'TR',
  activities: ['JOURNALISM'],
  principal: { role: 'PRINCIPAL', givenName: `Concurrent${n}`, familyName: 'Testova' },
});

describe(`concurrent writes on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  it('50 updates with the same expectedVersion: exactly one wins, nothing is lost', async () => {
    const pd = await signIn(server, 'caseworker@pd.demo');
    const created = await pd.graphql<{ createCase: { id: string; version: number } }>(CREATE, { i: input(0) });
    const { id, version } = created.body.data?.createCase ?? { id: '', version: 0 };
    const sessions = await Promise.all([0, 1, 2, 3, 4].map(() => signIn(server, 'caseworker@pd.demo')));
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (sessions[i % sessions.length] ?? pd).graphql<{ updateCase: { version: number } }>(
          `mutation($id: ID!, $v: Int!, $r: String!) { updateCase(id: $id, expectedVersion: $v, input: { riskSummary: $r }) { version } }`,
          { id, v: version, r: `writer ${i}` },
        ),
      ),
    );
    const winners = results.flatMap((r, i) => (r.body.errors ? [] : [i]));
    expect(winners).toHaveLength(1);
    const losers = results.filter((r) => r.body.errors);
    expect(losers).toHaveLength(49);
    for (const loser of losers) {
      expect(codeOf(loser)).toBe('CONFLICT');
      expect(loser.body.errors?.[0]?.extensions?.currentVersion).toBeGreaterThan(version);
    }
    const [row] = await queryRows<{ risk_summary: string; version: number }>(
      database.db,
      sql`SELECT risk_summary, version FROM cases WHERE id = ${id}`,
    );
    expect(row).toEqual({ risk_summary: `writer ${winners[0]}`, version: version + 1 });
  });

  it('20 cases created at once get 20 distinct, consecutive references', async () => {
    const sessions = await Promise.all([0, 1, 2, 3].map(() => signIn(server, 'caseworker@unhcr.demo')));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (sessions[i % sessions.length] as (typeof sessions)[number]).graphql<{ createCase: { reference: string } }>(
          CREATE,
          { i: input(i + 1) },
        ),
      ),
    );
    const references = results.map((r) => r.body.data?.createCase.reference ?? 'missing');
    const year = new Date().getUTCFullYear();
    expect(references.every((r) => r.startsWith(`UNHCR-${year}-`))).toBe(true);
    const numbers = references.map((r) => Number(r.split('-')[2])).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
    expect((numbers[19] ?? 0) - (numbers[0] ?? 0)).toBe(19);
  });
});
