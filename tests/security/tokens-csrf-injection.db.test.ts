/**
 * Attack inputs, part 1: forged, expired and `alg: none` tokens; CSRF (GET and text/plain POST
 * mutations, form posts); array batching; SQL-injection strings in every filter and search input;
 * JavaScript in a query's string literals (which an executor that generates code could run).
 * Each asserts the exact rejection, that nothing changed, and that the server stays healthy.
 */
import { randomUUID } from 'node:crypto';
import { queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, TEST_SESSION_SECRET, type TestServer } from '../support/server.js';
import { codeOf, type SignedIn, signIn } from '../support/session.js';

const ME = '{ me { id email } }';
const key = new TextEncoder().encode(TEST_SESSION_SECRET);

/** SQL-injection strings, each a classic of its kind. */
const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE cases; --",
  "1' UNION SELECT location_ciphertext FROM cases --",
  "%' OR reference LIKE '%",
  '\\',
  "') OR true; SELECT pg_sleep(5); --",
  '$1',
];

/**
 * JavaScript in string literals, each written to set `globalThis.__hrdInjected` if anything ever
 * evaluated it: closing a quoted string, a template, a line separator (which ended string literals
 * before ES2019), and the placeholder graphql-jit 0.8 writes into its generated code for dates and
 * then replaces with `new Date(…)` around what follows it (docs/BENCHMARKS.md, Round 9: a compiled
 * executor of that kind ran this one).
 */
const CODE_INJECTIONS = [
  `"); globalThis.__hrdInjected = 'quote'; ("`,
  `'); globalThis.__hrdInjected = 'single quote'; ('`,
  '`; globalThis.__hrdInjected = "backtick"; `',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template's placeholder, sent as text on purpose.
  '${globalThis.__hrdInjected = "template"}',
  `\u2028globalThis.__hrdInjected = 'separator'`,
  "__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d(globalThis.__hrdInjected = 'date placeholder')",
];

/** A string as a GraphQL string literal (JSON's escapes are GraphQL's). */
const literal = (text: string) => JSON.stringify(text);

describe(`attack inputs (tokens, CSRF, batching, injection) on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  let fld: SignedIn;
  let analyst: SignedIn;

  const healthy = async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect((await fld.graphql<{ me: { email: string } }>(ME)).body.data?.me.email).toBe('caseworker@fld.demo');
  };
  const counts = async () =>
    (
      await queryRows<{ cases: number; transfers: number; persons: number }>(
        database.db,
        sql`SELECT (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM transfers) AS transfers,
                   (SELECT count(*)::int FROM persons) AS persons`,
      )
    )[0];
  const bearer = (token: string) => server.graphql<{ me: unknown }>(ME, {}, { authorization: `Bearer ${token}` });

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
    fld = await signIn(server, 'caseworker@fld.demo');
    analyst = await signIn(server, 'analyst@ircc.demo');
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  describe('forged tokens', () => {
    it('a token signed with another secret is UNAUTHENTICATED', async () => {
      const [session] = await queryRows<{ id: string }>(
        database.db,
        sql`SELECT id FROM sessions WHERE user_id = ${fld.userId} LIMIT 1`,
      );
      const forged = await new SignJWT({ typ: 'session' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer('hrd-referral-exchange')
        .setAudience('hrd-api')
        .setSubject(fld.userId)
        .setJti(session?.id ?? randomUUID())
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('another-secret-of-sufficient-length-0123456789'));
      expect(codeOf(await bearer(forged))).toBe('UNAUTHENTICATED');
      await healthy();
    });

    it('an expired token, even for a live session, is UNAUTHENTICATED', async () => {
      const [session] = await queryRows<{ id: string }>(
        database.db,
        sql`SELECT id FROM sessions WHERE user_id = ${fld.userId} AND revoked_at IS NULL LIMIT 1`,
      );
      const expired = await new SignJWT({ typ: 'session' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer('hrd-referral-exchange')
        .setAudience('hrd-api')
        .setSubject(fld.userId)
        .setJti(session?.id ?? randomUUID())
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7_200)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 3_600)
        .sign(key);
      expect(codeOf(await bearer(expired))).toBe('UNAUTHENTICATED');
    });

    it('alg: none, a wrong algorithm, a tampered payload and garbage are UNAUTHENTICATED', async () => {
      const [header, payload] = fld.token.split('.') as [string, string, string];
      const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const none = `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
      const hs512 = `${b64({ alg: 'HS512', typ: 'JWT' })}.${payload}.${fld.token.split('.')[2]}`;
      // Someone else's id in an otherwise valid token: the signature no longer matches.
      const tampered = `${header}.${b64({ ...claims, sub: analyst.userId })}.${fld.token.split('.')[2]}`;
      for (const token of [none, hs512, tampered, 'garbage', `${fld.token}x`, 'hrd_pat_notarealtoken']) {
        const answer = await bearer(token);
        expect(codeOf(answer), token.slice(0, 20)).toBe('UNAUTHENTICATED');
        expect(answer.body.data?.me ?? null).toBeNull();
      }
      // The same token as a cookie is refused the same way.
      const viaCookie = await server.graphql<{ me: unknown }>(ME, {}, { cookie: `hrd_session=${none}` });
      expect(viaCookie.body.data?.me ?? null).toBeNull();
      await healthy();
    });
  });

  describe('CSRF', () => {
    const mutation = 'mutation { logout }';

    it('refuses a mutation sent as GET', async () => {
      const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent(mutation)}`, {
        headers: { authorization: `Bearer ${fld.token}`, 'apollo-require-preflight': 'true' },
      });
      expect(response.status).toBe(405);
      expect(await bearer(fld.token).then(codeOf)).toBeUndefined();
    });

    it('answers are never stored by a browser or proxy (no-store, no ETag), POST and GET alike', async () => {
      const post = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${fld.token}` },
        body: JSON.stringify({ query: ME }),
      });
      const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent(ME)}`, {
        headers: { authorization: `Bearer ${fld.token}`, 'apollo-require-preflight': 'true' },
      });
      for (const response of [post, get]) {
        expect(response.status).toBe(200);
        expect(((await response.json()) as { data: { me: { email: string } } }).data.me.email).toBe(
          'caseworker@fld.demo',
        );
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(response.headers.get('etag')).toBeNull();
      }
    });

    it('refuses a GET query without a preflight header (a simple cross-site request)', async () => {
      const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent(ME)}`, {
        headers: { authorization: `Bearer ${fld.token}` },
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('CSRF');
    });

    it('refuses text/plain and form POSTs (the content types a cross-site form can send)', async () => {
      for (const contentType of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      ]) {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': contentType, authorization: `Bearer ${fld.token}` },
          body: JSON.stringify({ query: mutation }),
        });
        expect(response.status, contentType).toBe(400);
      }
      // The session still works: no logout happened.
      expect(codeOf(await bearer(fld.token))).toBeUndefined();
      await healthy();
    });
  });

  describe('batching', () => {
    it('refuses an array of operations (HTTP batching is off)', async () => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${fld.token}` },
        body: JSON.stringify(Array.from({ length: 20 }, () => ({ query: ME }))),
      });
      expect(response.status).toBe(400);
      expect(await response.text()).not.toContain('caseworker@fld.demo');
      await healthy();
    });
  });

  describe('SQL injection', () => {
    const CASES = `query Cases($filter: CaseFilter) { cases(filter: $filter, first: 100) { totalCount edges { node { id } } } }`;

    it('every string filter and lookup treats injection strings as data', async () => {
      const before = await counts();
      const visible = (await fld.graphql<{ cases: { totalCount: number } }>(CASES, {})).body.data?.cases.totalCount;
      for (const evil of INJECTIONS) {
        const started = Date.now();
        const prefix = await fld.graphql<{ cases: { totalCount: number } }>(CASES, {
          filter: { referencePrefix: evil },
        });
        expect(prefix.body.errors, evil).toBeUndefined();
        expect(prefix.body.data?.cases.totalCount, evil).toBe(0);
        const country = await fld.graphql(CASES, { filter: { countryOfAsylum: [evil] } });
        expect(codeOf(country), evil).toBe('BAD_USER_INPUT');
        const byReference = await fld.graphql('query R($r: String!) { caseByReference(reference: $r) { id } }', {
          r: evil,
        });
        expect(codeOf(byReference), evil).toBe('NOT_FOUND');
        const byId = await fld.graphql('query C($id: ID!) { case(id: $id) { id } }', { id: evil });
        expect(codeOf(byId), evil).toBe('NOT_FOUND');
        const transfer = await fld.graphql('mutation A($id: ID!) { acceptTransfer(transferId: $id) { id } }', {
          id: evil,
        });
        expect(codeOf(transfer), evil).toBe('NOT_FOUND');
        const audit = await fld.graphql('query T($id: ID!) { auditTrail(caseId: $id) { events { seq } } }', {
          id: evil,
        });
        expect(codeOf(audit), evil).toBe('NOT_FOUND');
        const login = await server.graphql(
          'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
          {
            e: evil,
            p: evil,
          },
        );
        expect(['UNAUTHENTICATED', 'BAD_USER_INPUT', 'RATE_LIMITED'], evil).toContain(codeOf(login));
        // No injected pg_sleep ran.
        expect(Date.now() - started, evil).toBeLessThan(4_000);
      }
      // A NUL character (which PostgreSQL's text refuses) is BAD_USER_INPUT naming where it is.
      const nul = await fld.graphql(CASES, { filter: { referencePrefix: 'UNHCR\u0000' } });
      expect(codeOf(nul)).toBe('BAD_USER_INPUT');
      expect(nul.body.errors?.[0]?.extensions?.paths).toEqual([['variables', 'filter', 'referencePrefix']]);
      const nulLogin = await server.graphql(
        'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
        { e: 'caseworker@fld.demo\u0000', p: 'x' },
      );
      expect(codeOf(nulLogin)).toBe('BAD_USER_INPUT');
      const nulLiteral = await fld.graphql('{ caseByReference(reference: "A\\u0000B") { id } }');
      expect(codeOf(nulLiteral)).toBe('BAD_USER_INPUT');
      // A created case carries an injection string as plain text, stored and read back unchanged.
      const created = await fld.graphql<{ createCase: { id: string; hrdProfile: { summary: string } } }>(
        `mutation C($input: CreateCaseInput!) { createCase(input: $input) { id hrdProfile { summary } } }`,
        {
          input: {
            urgency: 'NORMAL',
            countryOfNationality: 'BY',
            countryOfAsylum: 'GE',
            activities: ['JOURNALISM'],
            hrdSummary: "'; DROP TABLE cases; -- (test)",
            principal: {
              role: 'PRINCIPAL',
              givenName: "Robert'); DROP TABLE persons;--",
              familyName: 'Tables',
              dateOfBirth: '1980-01-01',
              sex: 'M',
              nationality: 'BY',
            },
          },
        },
      );
      expect(created.body.errors).toBeUndefined();
      expect(created.body.data?.createCase.hrdProfile.summary).toBe("'; DROP TABLE cases; -- (test)");
      const after = await counts();
      expect(after).toEqual({ ...before, cases: (before?.cases ?? 0) + 1, persons: (before?.persons ?? 0) + 1 });
      expect((await fld.graphql<{ cases: { totalCount: number } }>(CASES, {})).body.data?.cases.totalCount).toBe(
        (visible ?? 0) + 1,
      );
      await healthy();
    });
  });

  describe('code in string literals', () => {
    it('string literals in a query are data: nothing in them runs, and they match nothing', async () => {
      const injected = () => (globalThis as Record<string, unknown>).__hrdInjected;
      expect(injected()).toBeUndefined();
      for (const evil of CODE_INJECTIONS) {
        const text = literal(evil);
        const byReference = await fld.graphql(`{ caseByReference(reference: ${text}) { id } }`);
        expect(codeOf(byReference), evil).toBe('NOT_FOUND');
        const prefix = await fld.graphql<{ cases: { totalCount: number } }>(
          `{ cases(first: 5, filter: { referencePrefix: ${text} }) { totalCount edges { node { id } } } }`,
        );
        expect(prefix.body.errors, evil).toBeUndefined();
        expect(prefix.body.data?.cases.totalCount, evil).toBe(0);
        const login = await server.graphql(`mutation { login(email: ${text}, password: ${text}) { token } }`);
        expect(['UNAUTHENTICATED', 'BAD_USER_INPUT', 'RATE_LIMITED'], evil).toContain(codeOf(login));
        expect(injected(), evil).toBeUndefined();
      }
      await healthy();
    });
  });
});
