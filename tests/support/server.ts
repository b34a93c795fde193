/** An in-process API server on a free loopback port, for HTTP-level tests. */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  type App,
  type Config,
  createApp,
  createLogger,
  type DatabaseHandle,
  DEFAULT_QUERY_LIMITS,
  newMasterKeySpec,
  parseKeyring,
} from '@hrd/server';

export const PORTAL_DIST = fileURLToPath(new URL('../../packages/portal/dist', import.meta.url));

export interface GraphqlResponse<T> {
  status: number;
  body: { data?: T; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }> };
  headers: Headers;
}

export interface TestServer {
  readonly url: string;
  readonly app: App;
  /** POSTs a GraphQL operation and returns the HTTP status and parsed body. */
  graphql<T = unknown>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{
    status: number;
    body: { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
    headers: Headers;
  }>;
  close(): Promise<void>;
}

export const TEST_SESSION_SECRET = randomBytes(32).toString('hex');
export const TEST_MASTER_KEYS = newMasterKeySpec('test1');
export const TEST_KEYRING = parseKeyring(TEST_MASTER_KEYS);

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    env: 'test',
    port: 0,
    host: '127.0.0.1',
    databaseUrl: undefined,
    dataDir: '/nonexistent',
    portalDir: PORTAL_DIST,
    logLevel: 'silent',
    dbPoolMax: 4,
    shutdownGraceMs: 2_000,
    shutdownDelayMs: 0,
    demo: false,
    sessionSecret: TEST_SESSION_SECRET,
    sessionTtlMinutes: 60,
    loginMaxFailures: 20,
    loginWindowMinutes: 15,
    cookieSecure: false,
    trustProxy: false,
    startWithUnreadableSecrets: false,
    masterKeys: TEST_MASTER_KEYS,
    analyticsDatabaseUrl: undefined,
    statisticsSuppressionThreshold: 5,
    statementTimeoutMs: 10_000,
    queryLimits: DEFAULT_QUERY_LIMITS,
    metricsToken: undefined,
    metricsPort: undefined,
    metricsHost: '127.0.0.1',
    benchDisable: new Set(),
    ...overrides,
  };
}

export async function startTestServer(database: DatabaseHandle, overrides: Partial<Config> = {}): Promise<TestServer> {
  const config = testConfig(overrides);
  const app = await createApp({
    config,
    database,
    log: createLogger(config.logLevel),
    sessionSecret: config.sessionSecret ?? TEST_SESSION_SECRET,
    keyring: parseKeyring(config.masterKeys ?? TEST_MASTER_KEYS),
  });
  const url = await app.listen();
  return {
    url,
    app,
    graphql: async <T>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as GraphqlResponse<T>['body'];
      return { status: response.status, body, headers: response.headers };
    },
    close: () => app.stop(),
  };
}
