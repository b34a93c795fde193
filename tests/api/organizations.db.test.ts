import { seedDemo } from '@hrd/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe(`the API over HTTP on ${currentDriver()}`, () => {
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

  it('lists UNHCR, FLD, PD and IRCC to an anonymous caller, and no third party', async () => {
    const { status, body } = await server.graphql<{ organizations: Array<{ name: string; kind: string }> }>(
      '{ organizations { id name kind } }',
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.organizations.map((o) => o.kind).sort()).toEqual(['FLD', 'IRCC', 'PD', 'UNHCR']);
    expect(JSON.stringify(body)).not.toContain('Civic Shield');
  });

  it('answers /healthz with the database status', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('gives every request an id, keeping a well-formed one from the caller', async () => {
    const mine = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'req-abc.123' } });
    expect(mine.headers.get('x-request-id')).toBe('req-abc.123');
    const bad = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'no spaces <script>' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const fresh = await fetch(`${server.url}/healthz`);
    expect(fresh.headers.get('x-request-id')).not.toBe(bad.headers.get('x-request-id'));
  });

  it('serves the built portal at / and for its own routes', async () => {
    for (const path of ['/', '/cases/some-route']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('<title>HRD Referral Exchange</title>');
    }
  });

  it('blocks simple cross-site requests: text/plain POST and GET without a preflight header (CSRF)', async () => {
    const post = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ organizations { id } }' }),
    });
    const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ organizations { id } }')}`);
    for (const response of [post, get]) {
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain('Cross-Site Request Forgery');
    }
  });

  it('answers a malformed query with a stable code and no internals', async () => {
    const { status, body } = await server.graphql('{ organizations { id nope } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.ts:/);
  });
});

describe(`health when the database is gone, on ${currentDriver()}`, () => {
  it('answers 503 naming the database', async () => {
    const database = await openTestDatabase();
    const server = await startTestServer(database);
    try {
      await database.close();
      const response = await fetch(`${server.url}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'error', database: 'unavailable' });
    } finally {
      await server.close();
    }
  });
});
