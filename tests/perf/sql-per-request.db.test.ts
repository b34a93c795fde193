/**
 * SQL statements per request depend on the query's shape, never on the page size: every
 * relation field goes through a per-request DataLoader. Counts the statements the server sends
 * for `cases(first: 10)` and `cases(first: 100)` with persons, charges, transfers and their
 * organizations, as a caseworker and as an officer.
 */
import { seedDemo } from '@hrd/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { signIn } from '../support/session.js';

const query = (first: number, depth: 1 | 2 | 3) => {
  const fields =
    depth === 1
      ? 'id reference'
      : depth === 2
        ? 'id reference persons { givenName } charges { description } transfers { kind }'
        : 'id reference persons { givenName } charges { description } transfers { kind from { name } to { name } } custodian { name }';
  return `{ cases(first: ${first}) { totalCount edges { node { ${fields} } } } }`;
};

describe(`SQL statements per request on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  const statements: string[] = [];
  let counting = false;

  beforeAll(async () => {
    database = await openTestDatabase({
      onQuery: (sql) => {
        if (counting) statements.push(sql);
      },
    });
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  async function count(email: string, text: string): Promise<{ statements: number; rows: number }> {
    const session = await signIn(server, email);
    statements.length = 0;
    counting = true;
    const response = await session.graphql<{ cases: { edges: unknown[] } }>(text);
    counting = false;
    // Fields denied on some cases (a FORMER holder's) answer FORBIDDEN; nothing else may fail.
    expect((response.body.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN')).toEqual([]);
    return { statements: statements.length, rows: response.body.data?.cases.edges.length ?? 0 };
  }

  for (const email of ['caseworker@fld.demo', 'officer@ircc.demo']) {
    it(`${email}: the same number of statements for 10 and 100 cases, at each depth`, async () => {
      const report: string[] = [];
      for (const depth of [1, 2, 3] as const) {
        const small = await count(email, query(10, depth));
        const large = await count(email, query(100, depth));
        expect(small.rows).toBe(10);
        expect(large.rows).toBeGreaterThan(small.rows);
        expect(large.statements).toBe(small.statements);
        report.push(
          `depth ${depth}: ${small.statements} statements for ${small.rows} cases, ${large.statements} for ${large.rows}`,
        );
      }
      process.stdout.write(`[${currentDriver()}] ${email}: ${report.join('; ')}\n`);
    });
  }
});
