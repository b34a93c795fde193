/**
 * `/metrics` (issue #9, item 7): Prometheus's text format, never public. Off without
 * configuration; on the main port only with the token (every refusal the same 404); on a listener
 * of its own with METRICS_PORT (and then not on the main port). Operations are counted and timed
 * by a bounded label (the portal's persisted names, or the root field of an ad hoc document:
 * never a caller-chosen name), errors by code, the database client's pool and statements, and the
 * process's memory, event loop and GC.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemo } from '@hrd/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { PORTAL_DIST, startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { codeOf, type SignedIn, signIn } from '../support/session.js';

const TOKEN = randomBytes(32).toString('hex');
const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

/** The value of one sample (`name{labels} value`), with every given label matching; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return 0;
}

/** Every value a label takes in the samples of `name`. */
function labelValues(text: string, name: string, label: string): Set<string> {
  const values = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const value = new RegExp(`[{,]${label}="([^"]*)"`).exec(line)?.[1];
    if (value !== undefined) values.add(value);
  }
  return values;
}

/** The portal's persisted document whose operation is `name`: its id and text. */
function persistedDocument(name: string): { id: string; text: string } {
  const manifest = JSON.parse(readFileSync(join(PORTAL_DIST, 'persisted-documents.json'), 'utf8')) as Record<
    string,
    string
  >;
  const entry = Object.entries(manifest).find(([, text]) => new RegExp(`^\\s*query ${name}\\b`).test(text));
  if (!entry) throw new Error(`no persisted query ${name}: build the portal first (pnpm build)`);
  return { id: entry[0], text: entry[1] };
}

describe(`/metrics on ${currentDriver()}`, () => {
  let database: TestDatabase;
  const servers: TestServer[] = [];
  const start = async (overrides: Parameters<typeof startTestServer>[1] = {}) => {
    const server = await startTestServer(database, overrides);
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await database?.close();
  });

  it('is off without configuration: 404 on the main port (not the portal), with or without a token', async () => {
    const server = await start();
    expect(server.app.metricsUrl()).toBeUndefined();
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}` }] as Record<string, string>[]) {
      const response = await fetch(`${server.url}/metrics`, { headers });
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('Not found\n');
    }
  });

  describe('on the main port with METRICS_TOKEN', () => {
    let server: TestServer;
    let fld: SignedIn;
    let analyst: SignedIn;
    const scrape = async () => {
      const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(200);
      return response.text();
    };

    beforeAll(async () => {
      server = await start({ metricsToken: TOKEN });
      fld = await signIn(server, 'caseworker@fld.demo');
      analyst = await signIn(server, 'analyst@ircc.demo');
    });

    it('answers the same 404 without the token, with a wrong one, or another scheme', async () => {
      const wrong = TOKEN.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
      for (const authorization of [
        undefined,
        `Bearer ${wrong}`,
        `Bearer ${TOKEN}x`,
        `Bearer ${TOKEN.slice(0, -1)}`,
        `Basic ${Buffer.from(`metrics:${TOKEN}`).toString('base64')}`,
        TOKEN,
        `Bearer ${fld.token}`,
      ]) {
        const response = await fetch(`${server.url}/metrics`, {
          headers: authorization ? { authorization } : {},
        });
        expect(response.status, authorization).toBe(404);
        expect(await response.text()).toBe('Not found\n');
        expect(response.headers.get('www-authenticate')).toBeNull();
      }
    });

    it('serves Prometheus text (0.0.4) with the token: process, GC, event loop and database pool', async () => {
      const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(PROMETHEUS_TEXT);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const text = await response.text();
      for (const family of [
        'process_resident_memory_bytes',
        'nodejs_heap_size_used_bytes',
        'nodejs_eventloop_lag_p99_seconds',
        'nodejs_gc_duration_seconds',
        'hrd_db_pool_max_connections',
        'hrd_db_transactions_open',
        'hrd_db_queries_in_flight',
        'hrd_db_queries_total',
        'hrd_db_query_duration_seconds',
        'hrd_http_requests_total',
        'hrd_graphql_operations_total',
        'hrd_graphql_errors_total',
      ]) {
        expect(text, family).toContain(`# TYPE ${family} `);
      }
      expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
      expect(sample(text, 'hrd_db_pool_max_connections', { database: 'primary' })).toBe(
        currentDriver() === 'pglite' ? 1 : 4,
      );
      // Sign-ins ran statements; none is in flight between requests.
      expect(sample(text, 'hrd_db_queries_total', { database: 'primary', outcome: 'ok' })).toBeGreaterThan(0);
      expect(sample(text, 'hrd_db_query_duration_seconds_count', { database: 'primary' })).toBeGreaterThan(0);
      expect(sample(text, 'hrd_db_queries_in_flight', { database: 'primary' })).toBe(0);
      expect(sample(text, 'hrd_db_transactions_open', { database: 'primary' })).toBe(0);
    });

    it('counts and times a persisted query by its name, and an ad hoc one by its root field', async () => {
      const me = persistedDocument('Me');
      const before = await scrape();
      const persisted = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${fld.token}` },
        body: JSON.stringify({ documentId: me.id }),
      });
      expect(persisted.status).toBe(200);
      expect(((await persisted.json()) as { data?: { me?: unknown } }).data?.me).toBeTruthy();
      const adhoc = await fld.graphql('query MyOwnName { me { email } }');
      expect(adhoc.body.errors).toBeUndefined();
      const after = await scrape();

      const persistedLabels = { operation: 'Me', source: 'persisted' };
      const adhocLabels = { operation: 'me', source: 'adhoc' };
      for (const labels of [persistedLabels, adhocLabels]) {
        expect(sample(after, 'hrd_graphql_operations_total', labels), labels.source).toBe(
          sample(before, 'hrd_graphql_operations_total', labels) + 1,
        );
        expect(sample(after, 'hrd_graphql_operation_duration_seconds_count', labels)).toBe(
          sample(before, 'hrd_graphql_operation_duration_seconds_count', labels) + 1,
        );
        expect(sample(after, 'hrd_graphql_operation_duration_seconds_sum', labels)).toBeGreaterThan(
          sample(before, 'hrd_graphql_operation_duration_seconds_sum', labels),
        );
      }
      expect(labelValues(after, 'hrd_graphql_operations_total', 'operation')).not.toContain('MyOwnName');
      // Each request ran statements, and the HTTP layer counted the answers.
      expect(sample(after, 'hrd_db_queries_total', { database: 'primary', outcome: 'ok' })).toBeGreaterThan(
        sample(before, 'hrd_db_queries_total', { database: 'primary', outcome: 'ok' }),
      );
      const graphqlOk = { route: 'graphql', method: 'POST', status: '200' };
      expect(sample(after, 'hrd_http_requests_total', graphqlOk)).toBe(
        sample(before, 'hrd_http_requests_total', graphqlOk) + 2,
      );
      expect(sample(after, 'hrd_http_requests_total', { route: 'metrics', method: 'GET', status: '200' })).toBe(
        sample(before, 'hrd_http_requests_total', { route: 'metrics', method: 'GET', status: '200' }) + 1,
      );
    });

    it('counts errors by extensions.code: FORBIDDEN and BAD_USER_INPUT', async () => {
      const before = await scrape();
      const forbidden = await analyst.graphql('{ informationRequests { totalCount } }');
      expect(codeOf(forbidden)).toBe('FORBIDDEN');
      const badInput = await fld.graphql('query($first: Int) { cases(first: $first) { totalCount } }', { first: 101 });
      expect(codeOf(badInput)).toBe('BAD_USER_INPUT');
      const after = await scrape();
      const forbiddenLabels = { code: 'FORBIDDEN', operation: 'informationRequests' };
      const badInputLabels = { code: 'BAD_USER_INPUT', operation: 'cases' };
      expect(sample(after, 'hrd_graphql_errors_total', forbiddenLabels)).toBe(
        sample(before, 'hrd_graphql_errors_total', forbiddenLabels) + 1,
      );
      expect(sample(after, 'hrd_graphql_errors_total', badInputLabels)).toBe(
        sample(before, 'hrd_graphql_errors_total', badInputLabels) + 1,
      );
    });

    it('makes no new label value for caller-chosen names or unknown fields', async () => {
      const before = await scrape();
      const operationsBefore = labelValues(before, 'hrd_graphql_operations_total', 'operation');
      const names: string[] = [];
      for (let i = 0; i < 25; i++) {
        const name = `Probe${randomBytes(6).toString('hex')}`;
        names.push(name);
        await fld.graphql(`query ${name} { me { email } }`);
        // An unknown root field (refused at validation); below, an unknown operationName and a parse failure.
        await fld.graphql(`query ${name} { ${name.toLowerCase()} }`);
      }
      await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${fld.token}` },
        body: JSON.stringify({ query: 'query A { me { email } }', operationName: 'NotInTheDocument' }),
      });
      await fld.graphql('{ me { email ');
      const after = await scrape();
      const operationsAfter = labelValues(after, 'hrd_graphql_operations_total', 'operation');
      const added = [...operationsAfter].filter((v) => !operationsBefore.has(v));
      expect(
        added.every((v) => ['me', 'other', 'invalid'].includes(v)),
        added.join(', '),
      ).toBe(true);
      expect(sample(after, 'hrd_graphql_operations_total', { operation: 'other', source: 'adhoc' })).toBe(
        sample(before, 'hrd_graphql_operations_total', { operation: 'other', source: 'adhoc' }) + 25,
      );
      expect(sample(after, 'hrd_graphql_operations_total', { operation: 'invalid', source: 'adhoc' })).toBe(
        sample(before, 'hrd_graphql_operations_total', { operation: 'invalid', source: 'adhoc' }) + 2,
      );
      for (const name of names) expect(after).not.toContain(name);
      expect(sample(after, 'hrd_graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED', operation: 'other' })).toBe(
        sample(before, 'hrd_graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED', operation: 'other' }) + 25,
      );
      // Nobody's data: no email, user id or token appears anywhere in the metrics.
      for (const secret of ['caseworker@fld.demo', fld.userId, fld.organizationId, fld.token, TOKEN]) {
        expect(after).not.toContain(secret);
      }
    });
  });

  describe('on a listener of its own (METRICS_PORT)', () => {
    it('serves /metrics there (loopback, no token needed) and nowhere on the main port', async () => {
      const server = await start({ metricsPort: 0 });
      const url = server.app.metricsUrl();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const response = await fetch(url as string);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(PROMETHEUS_TEXT);
      expect(await response.text()).toContain('# TYPE hrd_graphql_operations_total counter');

      const main = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(main.status).toBe(404);
      expect(await main.text()).toBe('Not found\n');
      // The listener serves nothing else: not the API, not the portal, no other method.
      const base = (url as string).replace(/\/metrics$/, '');
      for (const [path, method] of [
        ['/graphql', 'POST'],
        ['/', 'GET'],
        ['/healthz', 'GET'],
        ['/metrics', 'POST'],
      ] as const) {
        const other = await fetch(`${base}${path}`, { method });
        expect(other.status, `${method} ${path}`).toBe(404);
      }
    });

    it('asks for the token there too when METRICS_TOKEN is also set', async () => {
      const server = await start({ metricsPort: 0, metricsToken: TOKEN });
      const url = server.app.metricsUrl() as string;
      expect((await fetch(url)).status).toBe(404);
      expect((await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
      expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(
        200,
      );
    });
  });
});
