/**
 * Remembered session callers (auth/credential-cache.ts): a signed-in caller's later requests skip
 * the lookup of their session before the request, and check it in the request's own transaction
 * instead, before the answer is sent. Whatever changed in between (a revoked session, a
 * deactivated user, other roles, another name), a remembered caller's answer is exactly the answer
 * a caller looked up afresh gets, and a mutation that ran on an out-of-date caller is rolled back
 * and run once more, never kept twice.
 *
 * Two servers on one database: `remembering` has seen the session before each change, `fresh`
 * never has (each server remembers its own callers), so `fresh` answers from a lookup.
 */
import { queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { type GraphqlResponse, startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { signIn } from '../support/session.js';

const CASEWORKER = 'caseworker@fld.demo';
const QUERIES = {
  me: '{ me { email displayName roles organization { kind } } }',
  cases: '{ cases(first: 3) { totalCount edges { node { id reference } } } }',
  typename: '{ __typename }',
};

/** An answer without what differs between any two requests (the request id). */
const comparable = (response: GraphqlResponse<unknown>) => ({
  status: response.status,
  data: response.body.data,
  errors: response.body.errors?.map(({ extensions, ...rest }) => {
    const { requestId: _requestId, ...kept } = extensions ?? {};
    return { ...rest, extensions: kept };
  }),
});

describe(`remembered session callers on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let remembering: TestServer;
  let fresh: TestServer;
  const statements: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase({ onQuery: (text) => statements.push(text) });
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    remembering = await startTestServer(database);
    fresh = await startTestServer(database);
  });
  afterAll(async () => {
    await remembering?.close();
    await fresh?.close();
    await database?.close();
  });

  // Each test changes the caseworker; each starts from the demo's caseworker and a new session.
  let original: { roles: string[]; display_name: string; organization_id: string };
  beforeAll(async () => {
    [original] = (await queryRows<typeof original>(
      database.db,
      sql`SELECT roles, display_name, organization_id FROM users WHERE email = ${CASEWORKER}`,
    )) as [typeof original];
  });
  beforeEach(async () => {
    await database.db.execute(sql`UPDATE users SET roles = ${`{${original.roles.join(',')}}`}::text[],
      display_name = ${original.display_name}, organization_id = ${original.organization_id}, active = true
      WHERE email = ${CASEWORKER}`);
  });

  /** Signs in on `remembering` and asks once, so that the caller is remembered there. */
  async function rememberedSession() {
    const session = await signIn(remembering, CASEWORKER);
    expect((await session.graphql(QUERIES.me)).body.errors).toBeUndefined();
    const ask = (server: TestServer, query: string, variables?: Record<string, unknown>) =>
      server.graphql(query, variables, { authorization: `Bearer ${session.token}` });
    return { session, ask };
  }

  it('a remembered caller is not looked up before the request: the session is checked first in its transaction', async () => {
    const { ask } = await rememberedSession();
    statements.length = 0;
    const answer = await ask(remembering, QUERIES.cases);
    expect(answer.body.errors).toBeUndefined();
    const lookups = statements.filter((s) => /FROM sessions/.test(s));
    expect(lookups, statements.join('\n')).toHaveLength(1);
    expect(lookups[0]).toMatch(/SELECT 1 AS live/);
    // The check goes first, ahead of the caller's settings (it runs as the server's role).
    expect(statements[0], statements.join('\n')).toMatch(/SELECT 1 AS live/);
    expect(statements[1]).toMatch(/set_config\('statement_timeout'/);

    // A request with no statement of its own sends the check alone (no transaction for it).
    statements.length = 0;
    expect((await ask(remembering, QUERIES.typename)).body.data).toEqual({ __typename: 'Query' });
    expect(statements, statements.join('\n')).toHaveLength(1);
    expect(statements[0]).toMatch(/SELECT 1 AS live/);

    // The same request on a server that has not seen the session looks it up before it starts.
    statements.length = 0;
    await ask(fresh, QUERIES.cases);
    expect(statements[0], statements.join('\n')).toMatch(/FROM sessions/);
    expect(statements[0]).not.toMatch(/AS live/);
  });

  const changes: Record<string, (userId: string, sessionToken: string) => Promise<unknown>> = {
    'the session is revoked': (userId) =>
      database.db.execute(sql`UPDATE sessions SET revoked_at = now() WHERE user_id = ${userId}`),
    'the session has expired': (userId) =>
      database.db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = ${userId}`),
    'the user is deactivated': (userId) =>
      database.db.execute(sql`UPDATE users SET active = false WHERE id = ${userId}`),
    'the user is an analyst now': (userId) =>
      database.db.execute(sql`UPDATE users SET roles = '{ANALYST}'::text[] WHERE id = ${userId}`),
    "the user moved to UNHCR's organization": (userId) =>
      database.db.execute(
        sql`UPDATE users SET organization_id = (SELECT id FROM organizations WHERE kind = 'UNHCR') WHERE id = ${userId}`,
      ),
  };

  /** A change the answers do not show (the name is read from the user's row), but the check does. */
  const rename = (userId: string) =>
    database.db.execute(sql`UPDATE users SET display_name = 'Renamed caseworker' WHERE id = ${userId}`);

  for (const [change, apply] of Object.entries(changes)) {
    it(`${change}: the remembered caller's next answers are a fresh lookup's, at once`, async () => {
      const { session, ask } = await rememberedSession();
      const before = new Map<string, unknown>();
      for (const query of Object.values(QUERIES)) before.set(query, comparable(await ask(remembering, query)));
      await apply(session.userId, session.token);
      let changed = 0;
      for (const query of Object.values(QUERIES)) {
        const expected = comparable(await ask(fresh, query));
        expect(comparable(await ask(remembering, query)), `${change}: ${query}`).toEqual(expected);
        if (JSON.stringify(expected) !== JSON.stringify(before.get(query))) changed++;
      }
      // The change shows in the answers: a caller remembered without a check would answer as before.
      expect(changed).toBeGreaterThan(0);
    });
  }

  it('a batch is not answered for a remembered caller: each of its operations looks the caller up', async () => {
    const { session } = await rememberedSession();
    await rename(session.userId);
    const batch = async (server: TestServer) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
        body: JSON.stringify([{ query: QUERIES.me }, { query: QUERIES.me }]),
      });
      return { status: response.status, body: (await response.json()) as { data: { me: { displayName: string } } }[] };
    };
    const answer = await batch(remembering);
    expect(answer.status).toBe(200);
    expect(answer).toEqual(await batch(fresh));
    expect(answer.body[1]?.data.me.displayName).toBe('Renamed caseworker');
  });

  it('a mutation that ran on an out-of-date caller is rolled back and run once more: kept once', async () => {
    const { session, ask } = await rememberedSession();
    const [target] = await queryRows<{ id: string; version: number }>(
      database.db,
      sql`SELECT c.id, c.version FROM cases c JOIN users u ON u.organization_id = c.custodian_id
           WHERE u.id = ${session.userId} AND c.status IN ('DRAFT', 'IN_ASSESSMENT') ORDER BY c.created_at LIMIT 1`,
    );
    if (!target) throw new Error('FLD holds no editable case in the demo');
    const events = async () =>
      Number(
        (
          await queryRows<{ n: string }>(
            database.db,
            sql`SELECT count(*) AS n FROM audit_events WHERE action = 'case.update' AND ${target.id} = ANY(case_ids)`,
          )
        )[0]?.n,
      );
    const eventsBefore = await events();
    // Still allowed to write, but no longer as remembered: the first run's check fails.
    await rename(session.userId);
    statements.length = 0;
    const answer = await ask(
      remembering,
      'mutation W($id: ID!, $v: Int!) { updateCase(id: $id, expectedVersion: $v, input: { urgency: URGENT }) { version } }',
      { id: target.id, v: target.version },
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual({ updateCase: { version: target.version + 1 } });
    // It ran twice: on the remembered caller (the check found them renamed), then after a lookup.
    const sessionStatements = statements.filter((s) => /FROM sessions/.test(s));
    expect(sessionStatements.map((s) => (/AS live/.test(s) ? 'check' : 'lookup'))).toEqual(['check', 'lookup']);
    expect(
      statements.filter((s) => /UPDATE "?cases"?/i.test(s)),
      statements.join('\n'),
    ).toHaveLength(2);
    const [after] = await queryRows<{ version: number; urgency: string }>(
      database.db,
      sql`SELECT version, urgency FROM cases WHERE id = ${target.id}`,
    );
    expect(after).toEqual({ version: target.version + 1, urgency: 'URGENT' });
    expect(await events()).toBe(eventsBefore + 1);
  });

  it('a mutation the caller may no longer make is refused, and nothing of it is kept', async () => {
    const { session, ask } = await rememberedSession();
    const [target] = await queryRows<{ id: string; version: number; urgency: string }>(
      database.db,
      sql`SELECT c.id, c.version, c.urgency FROM cases c JOIN users u ON u.organization_id = c.custodian_id
           WHERE u.id = ${session.userId} AND c.status IN ('DRAFT', 'IN_ASSESSMENT') ORDER BY c.created_at LIMIT 1`,
    );
    if (!target) throw new Error('FLD holds no editable case in the demo');
    await changes['the session is revoked']?.(session.userId, session.token);
    const mutation =
      'mutation W($id: ID!, $v: Int!) { updateCase(id: $id, expectedVersion: $v, input: { urgency: EMERGENCY }) { version } }';
    const variables = { id: target.id, v: target.version };
    const answer = await ask(remembering, mutation, variables);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(comparable(answer)).toEqual(comparable(await ask(fresh, mutation, variables)));
    const [after] = await queryRows<{ version: number; urgency: string }>(
      database.db,
      sql`SELECT version, urgency FROM cases WHERE id = ${target.id}`,
    );
    expect(after).toEqual({ version: target.version, urgency: target.urgency });
  });
});
