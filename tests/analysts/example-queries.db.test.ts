/**
 * Issue #7, item 6: every saved example query in docs/analyst-queries.graphql runs as the demo
 * analyst, over HTTP, with an API token (as an analyst's script would), without errors, and
 * answers data — and none of them could be asked by the analyst for a reference or a country.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { seedDemo } from '@hrd/server';
import { Kind, parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { signIn } from '../support/session.js';

const FILE = fileURLToPath(new URL('../../docs/analyst-queries.graphql', import.meta.url));
const source = readFileSync(FILE, 'utf8');
const operations = parse(source).definitions.flatMap((d) =>
  d.kind === Kind.OPERATION_DEFINITION && d.name ? [{ name: d.name.value, text: print(d) }] : [],
);

describe(`the analysts' example queries on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  let token = '';

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
    const analyst = await signIn(server, 'analyst@ircc.demo');
    const created = await analyst.graphql<{ createApiToken: { token: string } }>(
      'mutation { createApiToken(name: "example queries", expiresInDays: 1) { token } }',
    );
    token = created.body.data?.createApiToken.token ?? '';
    expect(token).toMatch(/^hrd_pat_/);
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it('the file holds named queries only, at least eight', () => {
    expect(operations.length).toBeGreaterThanOrEqual(8);
    expect(
      parse(source).definitions.every((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'query'),
    ).toBe(true);
  });

  it.each(operations.map((o) => [o.name, o.text] as const))(
    '%s runs as the analyst without errors',
    async (name, _text) => {
      // The whole file, as GraphiQL would send it, with the operation picked by name.
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: source, operationName: name }),
      });
      const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      expect(response.status).toBe(200);
      expect(body.data).toBeDefined();
      // Every query answers something: a list with items, or a count above zero.
      const text = JSON.stringify(body.data);
      expect(text).toMatch(
        /"totalCount":[1-9]|"edges":\[\{|"organizations":\[\{|"me":\{|"cells":\[\{|"totalCases":[1-9]|"referredPersons":[1-9]/,
      );
      // META only: no reference shape and no field of another class in any answer.
      expect(text).not.toMatch(/[A-Z]{2,5}-\d{4}-\d{4}/);
      expect(text).not.toMatch(/countryOf|givenName|familyName|location|safeContact/);
    },
  );

  it('a later page follows from endCursor', async () => {
    const first = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: source, operationName: 'AllReferralsPage', variables: { after: null } }),
    });
    const page = (await first.json()) as {
      data: { cases: { totalCount: number; pageInfo: { endCursor: string }; edges: unknown[] } };
    };
    expect(page.data.cases.edges.length).toBe(Math.min(100, page.data.cases.totalCount));
    const cursor = page.data.cases.pageInfo.endCursor;
    const next = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: source, operationName: 'AllReferralsPage', variables: { after: cursor } }),
    });
    const nextBody = (await next.json()) as { errors?: unknown; data?: { cases: { edges: unknown[] } } };
    expect(nextBody.errors).toBeUndefined();
    expect(nextBody.data?.cases.edges.length).toBe(Math.max(0, page.data.cases.totalCount - 100));
  });
});
