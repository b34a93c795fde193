/**
 * Attack inputs, part 2: documents built to exhaust the server (nesting hidden in fragments and
 * inline fragments, a fragment named `__schema`, alias amplification, field duplication,
 * directive overload, circular fragments, 100k tokens, a 10 MB query, a 1 MB variable, malformed
 * bodies), probing of the schema (introspection and suggestions per role), existence probing
 * through error messages, and the security headers. Each asserts the exact rejection and that
 * the server is still healthy afterwards.
 */
import { seedDemo } from '@hrd/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { codeOf, type SignedIn, signIn } from '../support/session.js';

const ME = '{ me { email } }';

describe(`attack inputs (documents, probing, headers) on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  let fld: SignedIn;
  let analyst: SignedIn;

  const healthy = async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fld.graphql<{ me: { email: string } }>(ME)).body.data?.me.email).toBe('caseworker@fld.demo');
  };
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${fld.token}`, ...headers },
      body,
    });
  const limitOf = (response: { body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }) =>
    response.body.errors?.[0]?.extensions?.limit;

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

  it('deep nesting hidden in fragments and inline fragments is QUERY_TOO_COMPLEX (depth)', async () => {
    // case → transfers → case → transfers … through named fragments and inline fragments.
    const levels = 8;
    const fragments = Array.from(
      { length: levels },
      (_, i) =>
        `fragment F${i} on Transfer { case { ... on Case { transfers { ${i + 1 < levels ? `...F${i + 1}` : 'id'} } } } }`,
    ).join('\n');
    const query = `query Deep { cases(first: 1) { edges { node { transfers { ...F0 } } } } }\n${fragments}`;
    const answer = await fld.graphql(query);
    expect(codeOf(answer)).toBe('QUERY_TOO_COMPLEX');
    expect(limitOf(answer)).toBe('depth');
    expect(answer.body.data ?? null).toBeNull();
    await healthy();
  });

  it('a fragment named __schema gains nothing: no introspection where it is off, no schema in the answer', async () => {
    // Disguised introspection from an anonymous caller (introspection is off for them).
    const disguised = await server.graphql(
      'query Q { ...__schema } fragment __schema on Query { __schema { types { name fields { name } } } }',
    );
    expect(disguised.body.data ?? null).toBeNull();
    expect(JSON.stringify(disguised.body)).not.toMatch(/"Case"|safeContact|"persons"/);
    // As a plain data fragment of a signed-in caller it is just a fragment: the caller's own data.
    const plain = await fld.graphql<{ me: { email: string } }>(
      'query Q { ...__schema } fragment __schema on Query { me { email } }',
    );
    expect(plain.body.data?.me.email ?? codeOf(plain)).toMatch(/caseworker@fld\.demo|GRAPHQL_VALIDATION_FAILED/);
    await healthy();
  });

  it('alias amplification: 16 aliases of case(id:) run; 100 and 1,000 are QUERY_TOO_COMPLEX', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: case(id: "${id}") { id }`).join(' ')} }`;
    const sixteen = await fld.graphql(aliases(16));
    expect(sixteen.body.errors?.every((e) => e.extensions?.code === 'NOT_FOUND')).toBe(true);
    const hundred = await fld.graphql(aliases(100));
    expect(codeOf(hundred)).toBe('QUERY_TOO_COMPLEX');
    expect(limitOf(hundred)).toBe('aliases');
    expect(hundred.body.errors).toHaveLength(1);
    // A thousand also pass the token limit: whichever limit is met first, nothing runs.
    const thousand = await fld.graphql(aliases(1_000));
    expect(codeOf(thousand)).toBe('QUERY_TOO_COMPLEX');
    expect(['aliases', 'tokens']).toContain(limitOf(thousand));
    expect(thousand.body.errors).toHaveLength(1);
    await healthy();
  });

  it('field duplication ×10,000 and directive overload are QUERY_TOO_COMPLEX (tokens)', async () => {
    const duplicated = await fld.graphql(`{ me { ${'email '.repeat(10_000)} } }`);
    expect(codeOf(duplicated)).toBe('QUERY_TOO_COMPLEX');
    expect(limitOf(duplicated)).toBe('tokens');
    const directives = await fld.graphql(`{ me { email ${'@include(if: true) '.repeat(1_000)} } }`);
    expect(codeOf(directives)).toBe('QUERY_TOO_COMPLEX');
    expect(limitOf(directives)).toBe('tokens');
    const tokens = await fld.graphql(`{ me { ${'email '.repeat(100_000)} } }`);
    expect(codeOf(tokens)).toBe('QUERY_TOO_COMPLEX');
    await healthy();
  });

  it('circular fragments are a validation error, answered at once', async () => {
    const started = Date.now();
    const answer = await fld.graphql(
      'query C { me { ...A } } fragment A on User { id ...B } fragment B on User { email ...A }',
    );
    expect(codeOf(answer)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(Date.now() - started).toBeLessThan(2_000);
    await healthy();
  });

  it('a 10 MB query and a 1 MB variable are refused as too large (413), as JSON without internals', async () => {
    const big = await post(JSON.stringify({ query: `{ me { email } } #${'x'.repeat(10 * 1024 * 1024)}` }));
    expect(big.status).toBe(413);
    const bigBody = (await big.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(bigBody.errors[0]?.extensions.code).toBe('BAD_REQUEST');
    const variable = await post(
      JSON.stringify({
        query: 'query R($r: String!) { caseByReference(reference: $r) { id } }',
        variables: { r: 'x'.repeat(1024 * 1024) },
      }),
    );
    expect(variable.status).toBe(413);
    const malformed = await post('{"query": "{ me { email } }"');
    expect(malformed.status).toBe(400);
    const text = await malformed.text();
    expect(text).toContain('BAD_REQUEST');
    expect(text).not.toMatch(/at [A-Za-z]+ \(|node_modules|SyntaxError/);
    await healthy();
  });

  it('introspection: none for anonymous callers; a role sees only its own schema', async () => {
    const anonymous = await server.graphql('{ __schema { types { name } } }');
    expect(anonymous.body.data ?? null).toBeNull();
    expect(JSON.stringify(anonymous.body)).not.toContain('"Case"');
    const mine = await analyst.graphql<{ __type: { fields: Array<{ name: string }> } | null }>(
      '{ __type(name: "Case") { fields { name } } }',
    );
    const names = mine.body.data?.__type?.fields.map((f) => f.name) ?? [];
    expect(names).toContain('status');
    for (const hidden of ['persons', 'location', 'safeContact', 'charges', 'assessment', 'reference']) {
      expect(names).not.toContain(hidden);
    }
  });

  it('field-suggestion probing names no hidden field, for an analyst or for anonymous callers', async () => {
    for (const probe of ['{ cases { edges { node { locatio } } } }', '{ cases { edges { node { person } } } }']) {
      const answer = await analyst.graphql(probe);
      expect(codeOf(answer)).toBe('GRAPHQL_VALIDATION_FAILED');
      const messages = (answer.body.errors ?? []).map((e) => e.message).join(' ');
      // A suggestion may name a field the analyst can read ("version"), never a hidden one.
      expect(messages).not.toMatch(/"location"|"persons"|"safeContact"|"reference"/);
    }
    const anonymous = await server.graphql('{ organizationz { name } }');
    expect(JSON.stringify(anonymous.body)).not.toMatch(/Did you mean/);
  });

  it('existence probing: a constraint never names itself, and a foreign id answers like a missing one', async () => {
    // A second principal on a case: refused by a unique index, answered without its name.
    const created = await fld.graphql<{ createCase: { id: string } }>(
      `mutation C($input: CreateCaseInput!) { createCase(input: $input) { id } }`,
      {
        input: {
          urgency: 'NORMAL',
          countryOfNationality: 'BY',
          countryOfAsylum: 'GE',
          activities: ['JOURNALISM'],
          principal: {
            role: 'PRINCIPAL',
            givenName: 'Probe',
            familyName: 'Test',
            dateOfBirth: '1980-01-01',
            sex: 'F',
            nationality: 'BY',
          },
        },
      },
    );
    const caseId = created.body.data?.createCase.id;
    const second = await fld.graphql(
      'mutation P($caseId: ID!, $input: PersonInput!) { addPerson(caseId: $caseId, input: $input) { id } }',
      {
        caseId,
        input: {
          role: 'PRINCIPAL',
          givenName: 'Second',
          familyName: 'Principal',
          dateOfBirth: '1981-01-01',
          sex: 'M',
          nationality: 'BY',
        },
      },
    );
    expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(codeOf(second));
    expect(JSON.stringify(second.body)).not.toMatch(/persons_|_key|constraint|duplicate|violat/i);
    // The same mutation on a case FLD cannot see answers like a case that never existed.
    const unhcr = await signIn(server, 'caseworker@unhcr.demo');
    const foreign = await unhcr.graphql(
      'mutation P($caseId: ID!, $input: PersonInput!) { addPerson(caseId: $caseId, input: $input) { id } }',
      {
        caseId,
        input: {
          role: 'SPOUSE',
          givenName: 'X',
          familyName: 'Y',
          dateOfBirth: '1981-01-01',
          sex: 'M',
          nationality: 'BY',
        },
      },
    );
    const missing = await unhcr.graphql(
      'mutation P($caseId: ID!, $input: PersonInput!) { addPerson(caseId: $caseId, input: $input) { id } }',
      {
        caseId: '00000000-0000-4000-8000-000000000000',
        input: {
          role: 'SPOUSE',
          givenName: 'X',
          familyName: 'Y',
          dateOfBirth: '1981-01-01',
          sex: 'M',
          nationality: 'BY',
        },
      },
    );
    expect(foreign.body).toEqual(missing.body);
    await healthy();
  });

  it('security headers: a CSP of the own origin only, no framing, no sniffing, no referrer', async () => {
    for (const path of ['/', '/healthz']) {
      const response = await fetch(`${server.url}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/\*|https?:/);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });
});
