/**
 * Issue #7, item 6: GraphiQL is served by the server itself at /graphiql, bundled with the
 * portal's Vite build (no CDN, no outside network), to signed-in users only: 401 otherwise.
 * Needs the built portal (`pnpm build`, which `pnpm test` runs first).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD, seedDemo } from '@hrd/server';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { PORTAL_DIST, startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { LOGIN } from '../support/session.js';

describe(`GraphiQL at /graphiql on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  let cookie = '';

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
    // Sign in as the portal does: the session cookie, not the token.
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { email: 'analyst@ircc.demo', password: DEMO_PASSWORD } }),
    });
    cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/=/);
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it('is built with the portal', () => {
    expect(existsSync(join(PORTAL_DIST, 'graphiql', 'index.html')), 'run `pnpm build` first').toBe(true);
  });

  it('anonymous callers get 401 and no GraphiQL, whatever the path', async () => {
    for (const path of ['/graphiql', '/graphiql/', '/graphiql/index.html']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(401);
      const html = await response.text();
      expect(html).toContain('href="/"');
      expect(html).not.toContain('/assets/graphiql');
    }
  });

  it('a stale cookie or a bad token gets 401 too', async () => {
    expect(
      (await fetch(`${server.url}/graphiql`, { headers: { cookie: `${cookie.split('=')[0]}=stale` } })).status,
    ).toBe(401);
    expect(
      (await fetch(`${server.url}/graphiql`, { headers: { authorization: 'Bearer hrd_pat_not-a-real-token' } })).status,
    ).toBe(401);
  });

  it('a signed-in user gets the page; its scripts and styles are served from this server only', async () => {
    const response = await fetch(`${server.url}/graphiql`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain('<div id="graphiql">');
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      const file = await fetch(`${server.url}${asset}`);
      expect(file.status, asset).toBe(200);
      const text = await file.text();
      // Bundled, not fetched from a CDN at run time.
      expect(text, asset).not.toMatch(/https:\/\/(unpkg\.com|esm\.sh|cdn\.jsdelivr\.net)/);
    }
  });

  it('what GraphiQL then asks with the cookie works: the analyst introspects their own schema', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: getIntrospectionQuery() }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      errors?: unknown;
      data?: { __schema: { types: Array<{ name: string }> } };
    };
    expect(body.errors).toBeUndefined();
    const names = body.data?.__schema.types.map((t) => t.name) ?? [];
    expect(names).toContain('Case');
    expect(names).not.toContain('Person');
  });
});
