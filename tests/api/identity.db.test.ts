import { DEMO_USERS, seedDemo } from '@hrd/server';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_SESSION_SECRET, type TestServer } from '../support/server.js';
import { codeOf, LOGIN, signIn } from '../support/session.js';

const ME = '{ me { email roles organization { kind } } }';

describe(`identity on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db);
    server = await startTestServer(database, { loginMaxFailures: 20 });
  });
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  it('signs in every demo user, who holds exactly the role its name says', async () => {
    for (const demo of DEMO_USERS) {
      const session = await signIn(server, demo.email);
      const me = await session.graphql<{ me: { email: string; roles: string[] } }>(ME);
      expect(me.body.data?.me).toMatchObject({ email: demo.email, roles: [demo.role] });
    }
  });

  it('sets an httpOnly, SameSite=Strict session cookie that the portal can use instead of a token', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { email: 'caseworker@fld.demo', password: 'hrd-demo-2026' } }),
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^hrd_session=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const value = cookie.split(';')[0] ?? '';
    const me = await server.graphql<{ me: { email: string } }>(ME, undefined, { cookie: value });
    expect(me.body.data?.me.email).toBe('caseworker@fld.demo');
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const wrongPassword = await server.graphql(LOGIN, { email: 'caseworker@unhcr.demo', password: 'not-the-password' });
    const unknownEmail = await server.graphql(LOGIN, { email: 'nobody@unhcr.demo', password: 'not-the-password' });
    expect(wrongPassword.status).toBe(unknownEmail.status);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(codeOf(wrongPassword)).toBe('UNAUTHENTICATED');
    expect(wrongPassword.body.data).toBeNull();
  });

  it('refuses everything but sign-in and the public organizations list without a session', async () => {
    expect(codeOf(await server.graphql(ME))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql('{ users { id } }'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql('mutation { createApiToken(name: "x", expiresInDays: 1) { token } }'))).toBe(
      'UNAUTHENTICATED',
    );
    const orgs = await server.graphql('{ organizations { kind } }');
    expect(orgs.body.errors).toBeUndefined();
  });

  it('rejects forged, expired and alg:none tokens with UNAUTHENTICATED', async () => {
    const session = await signIn(server, 'analyst@ircc.demo');
    const [, payload] = session.token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const key = new TextEncoder().encode(TEST_SESSION_SECRET);
    const expired = await new SignJWT({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(key);
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('another-secret-that-is-long-enough-to-sign'));
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const tampered = `${session.token.slice(0, -4)}AAAA`;
    for (const token of [expired, forged, none, tampered, 'hrd_pat_notarealtokenatall0000000000']) {
      const response = await server.graphql(ME, undefined, { authorization: `Bearer ${token}` });
      expect(codeOf(response), token).toBe('UNAUTHENTICATED');
      // An invalid token fails even public fields: it is never treated as anonymous.
      expect(
        codeOf(await server.graphql('{ organizations { id } }', undefined, { authorization: `Bearer ${token}` })),
      ).toBe('UNAUTHENTICATED');
    }
    expect((await session.graphql(ME)).body.errors).toBeUndefined();
  });

  it('logout invalidates the token at once', async () => {
    const session = await signIn(server, 'caseworker@pd.demo');
    expect((await session.graphql(ME)).body.errors).toBeUndefined();
    const out = await session.graphql<{ logout: boolean }>('mutation { logout }');
    expect(out.body.data?.logout).toBe(true);
    expect(codeOf(await session.graphql(ME))).toBe('UNAUTHENTICATED');
  });

  it('API tokens: shown once, usable as Bearer, listed without the secret, revocable at once', async () => {
    const analyst = await signIn(server, 'analyst@ircc.demo');
    const created = await analyst.graphql<{
      createApiToken: { token: string; apiToken: { id: string; name: string } };
    }>('mutation { createApiToken(name: "weekly report", expiresInDays: 30) { token apiToken { id name } } }');
    const token = created.body.data?.createApiToken.token ?? '';
    expect(token).toMatch(/^hrd_pat_[A-Za-z0-9_-]{43}$/);
    const asTool = (query: string) => server.graphql(query, undefined, { authorization: `Bearer ${token}` });
    expect(((await asTool(ME)).body.data as { me: { email: string } }).me.email).toBe('analyst@ircc.demo');
    const list = await analyst.graphql('{ apiTokens { id name expiresAt revokedAt } }');
    expect(JSON.stringify(list.body)).toContain('weekly report');
    expect(JSON.stringify(list.body)).not.toContain(token);
    const rows = await database.db.execute(
      // The database holds a hash only.
      (await import('drizzle-orm')).sql`select token_hash from api_tokens`,
    );
    expect(JSON.stringify(rows)).not.toContain(token);
    const id = created.body.data?.createApiToken.apiToken.id;
    const revoked = await analyst.graphql(`mutation { revokeApiToken(id: "${id}") { revokedAt } }`);
    expect(revoked.body.errors).toBeUndefined();
    expect(codeOf(await asTool(ME))).toBe('UNAUTHENTICATED');
  });

  it("cannot revoke another user's token, nor learn whether it exists", async () => {
    const analyst = await signIn(server, 'analyst@ircc.demo');
    const created = await analyst.graphql<{ createApiToken: { apiToken: { id: string } } }>(
      'mutation { createApiToken(name: "mine", expiresInDays: 1) { apiToken { id } } }',
    );
    const other = await signIn(server, 'officer@ircc.demo');
    const theirs = await other.graphql(
      `mutation { revokeApiToken(id: "${created.body.data?.createApiToken.apiToken.id}") { id } }`,
    );
    const missing = await other.graphql(
      'mutation { revokeApiToken(id: "00000000-0000-4000-8000-000000000000") { id } }',
    );
    const malformed = await other.graphql('mutation { revokeApiToken(id: "1 OR 1=1") { id } }');
    expect(codeOf(theirs)).toBe('NOT_FOUND');
    expect(theirs.body.errors?.[0]?.message).toBe(missing.body.errors?.[0]?.message);
    expect(malformed.body.errors?.[0]?.message).toBe(missing.body.errors?.[0]?.message);
  });

  it('rejects an out-of-range API token lifetime with BAD_USER_INPUT naming the input', async () => {
    const analyst = await signIn(server, 'analyst@ircc.demo');
    const response = await analyst.graphql('mutation { createApiToken(name: "x", expiresInDays: 9999) { token } }');
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0]?.extensions?.paths).toEqual([['expiresInDays']]);
  });
});

describe(`org administration on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db);
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  const CREATE = `mutation Create($input: CreateUserInput!) { createUser(input: $input) { id email roles active organization { kind } } }`;

  it('an org admin creates users of their own organization, with roles that suit it', async () => {
    const admin = await signIn(server, 'admin@pd.demo');
    const ok = await admin.graphql<{ createUser: { id: string; roles: string[] } }>(CREATE, {
      input: {
        email: 'new.caseworker@pd.demo',
        displayName: 'New',
        roles: ['CASEWORKER'],
        password: 'a-long-password-1',
      },
    });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data?.createUser.roles).toEqual(['CASEWORKER']);
    const newcomer = await signIn(server, 'new.caseworker@pd.demo', 'a-long-password-1');
    expect(newcomer.organizationId).toBe(admin.organizationId);

    const wrongRole = await admin.graphql(CREATE, {
      input: { email: 'officer@pd.demo', displayName: 'X', roles: ['OFFICER'], password: 'a-long-password-1' },
    });
    expect(codeOf(wrongRole)).toBe('BAD_USER_INPUT');
    const duplicate = await admin.graphql(CREATE, {
      input: {
        email: 'NEW.caseworker@pd.demo',
        displayName: 'X',
        roles: ['CASEWORKER'],
        password: 'a-long-password-1',
      },
    });
    expect(codeOf(duplicate)).toBe('CONFLICT');
    const shortPassword = await admin.graphql(CREATE, {
      input: { email: 'short@pd.demo', displayName: 'X', roles: ['CASEWORKER'], password: 'short' },
    });
    expect(codeOf(shortPassword)).toBe('BAD_USER_INPUT');
    expect(shortPassword.body.errors?.[0]?.extensions?.paths).toEqual([['input', 'password']]);
  });

  it('no other role may create or list users', async () => {
    for (const email of ['caseworker@pd.demo', 'intake@pd.demo', 'officer@ircc.demo', 'analyst@ircc.demo']) {
      const session = await signIn(server, email);
      const response = await session.graphql(CREATE, {
        input: { email: `x-${email}`, displayName: 'X', roles: ['CASEWORKER'], password: 'a-long-password-1' },
      });
      expect(codeOf(response), email).toBe('FORBIDDEN');
      expect(codeOf(await session.graphql('{ users { id } }')), email).toBe('FORBIDDEN');
    }
  });

  it('lists only the users of the admin’s own organization', async () => {
    const admin = await signIn(server, 'admin@pd.demo');
    const response = await admin.graphql<{ users: Array<{ email: string; organization: { kind: string } }> }>(
      '{ users { email organization { kind } } }',
    );
    const emails = response.body.data?.users.map((u) => u.email) ?? [];
    expect(emails).toEqual(expect.arrayContaining(['admin@pd.demo', 'caseworker@pd.demo', 'intake@pd.demo']));
    expect(response.body.data?.users.every((u) => u.organization.kind === 'PD')).toBe(true);
  });

  it('deactivation stops the user’s sessions and API tokens at once, and sign-in', async () => {
    const admin = await signIn(server, 'admin@pd.demo');
    const created = await admin.graphql<{ createUser: { id: string } }>(CREATE, {
      input: { email: 'leaving@pd.demo', displayName: 'Leaving', roles: ['CASEWORKER'], password: 'a-long-password-2' },
    });
    const leaving = await signIn(server, 'leaving@pd.demo', 'a-long-password-2');
    const token = await leaving.graphql<{ createApiToken: { token: string } }>(
      'mutation { createApiToken(name: "t", expiresInDays: 5) { token } }',
    );
    const apiToken = token.body.data?.createApiToken.token ?? '';
    const deactivated = await admin.graphql<{ deactivateUser: { active: boolean } }>(
      `mutation { deactivateUser(id: "${created.body.data?.createUser.id}") { active } }`,
    );
    expect(deactivated.body.data?.deactivateUser.active).toBe(false);
    expect(codeOf(await leaving.graphql(ME))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(ME, undefined, { authorization: `Bearer ${apiToken}` }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(codeOf(await server.graphql(LOGIN, { email: 'leaving@pd.demo', password: 'a-long-password-2' }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it("an admin cannot deactivate another organization's user", async () => {
    const admin = await signIn(server, 'admin@pd.demo');
    const fld = await signIn(server, 'caseworker@fld.demo');
    const response = await admin.graphql(`mutation { deactivateUser(id: "${fld.userId}") { active } }`);
    expect(codeOf(response)).toBe('NOT_FOUND');
    expect((await fld.graphql(ME)).body.errors).toBeUndefined();
  });

  it('a PD admin registers third-party organizations; nobody else can', async () => {
    const admin = await signIn(server, 'admin@pd.demo');
    const ok = await admin.graphql<{ registerThirdPartyOrganization: { kind: string; name: string } }>(
      'mutation { registerThirdPartyOrganization(name: "Lantern Rights Collective", countryCode: "ke") { name kind } }',
    );
    expect(ok.body.data?.registerThirdPartyOrganization).toEqual({
      name: 'Lantern Rights Collective',
      kind: 'THIRD_PARTY',
    });
    for (const email of ['caseworker@pd.demo', 'intake@pd.demo', 'caseworker@fld.demo', 'referrer@civicshield.demo']) {
      const session = await signIn(server, email);
      const response = await session.graphql('mutation { registerThirdPartyOrganization(name: "Other Group") { id } }');
      expect(codeOf(response), email).toBe('FORBIDDEN');
    }
  });

  it('third parties are listed only to PD and to their own members', async () => {
    const names = async (email: string | null) => {
      const response = email
        ? await (await signIn(server, email)).graphql<{ organizations: Array<{ name: string }> }>(
            '{ organizations { name } }',
          )
        : await server.graphql<{ organizations: Array<{ name: string }> }>('{ organizations { name } }');
      return response.body.data?.organizations.map((o) => o.name) ?? [];
    };
    expect(await names('intake@pd.demo')).toContain('Civic Shield Network');
    expect(await names('referrer@civicshield.demo')).toContain('Civic Shield Network');
    expect(await names('referrer@civicshield.demo')).not.toContain('Lantern Rights Collective');
    for (const email of [null, 'caseworker@fld.demo', 'caseworker@unhcr.demo', 'officer@ircc.demo']) {
      expect(await names(email), String(email)).not.toContain('Civic Shield Network');
    }
  });
});

describe(`failed sign-ins are rate limited on ${currentDriver()}`, () => {
  it('20 failures trip the limit: then even the right password gets RATE_LIMITED', async () => {
    const database = await openTestDatabase();
    await seedDemo(database.db);
    const server = await startTestServer(database, { loginMaxFailures: 20 });
    try {
      for (let i = 0; i < 20; i++) {
        const response = await server.graphql(LOGIN, { email: 'officer2@ircc.demo', password: `wrong-${i}` });
        expect(codeOf(response)).toBe('UNAUTHENTICATED');
      }
      const blocked = await server.graphql(LOGIN, { email: 'officer2@ircc.demo', password: 'hrd-demo-2026' });
      expect(codeOf(blocked)).toBe('RATE_LIMITED');
      // Another account from the same address is not yet blocked (the address limit is higher).
      const other = await server.graphql(LOGIN, { email: 'officer@ircc.demo', password: 'hrd-demo-2026' });
      expect(other.body.errors).toBeUndefined();
    } finally {
      await server.close();
      await database.close();
    }
  });

  it('one address gets no more failed tries than its limit across accounts, even all at once (password spraying)', async () => {
    const database = await openTestDatabase();
    await seedDemo(database.db);
    // 2 per account, so 10 per address.
    const server = await startTestServer(database, { loginMaxFailures: 2 });
    try {
      // 40 accounts, one guess each, all at once from one address.
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          server.graphql(LOGIN, { email: `sprayed-${i}@nowhere.example`, password: 'Summer2026!' }),
        ),
      );
      const codes = answers.map((response) => codeOf(response));
      expect(codes.filter((code) => code === 'UNAUTHENTICATED').length, JSON.stringify(codes)).toBe(10);
      expect(codes.filter((code) => code === 'RATE_LIMITED').length).toBe(30);
      // The address stays blocked, for a real account with its right password too.
      const blocked = await server.graphql(LOGIN, { email: 'officer@ircc.demo', password: 'hrd-demo-2026' });
      expect(codeOf(blocked)).toBe('RATE_LIMITED');
    } finally {
      await server.close();
      await database.close();
    }
  });
});
