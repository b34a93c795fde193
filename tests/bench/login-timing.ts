/**
 * `pnpm bench` (first part): does a failed sign-in take the same time whether the email exists
 * or not? Runs the real server in process on PGlite with the demo data, signs in N times with a
 * wrong password for a real account and N times with an unknown email, interleaved, and prints
 * the distribution of each. Numbers, not assertions: see docs/BENCHMARKS.md.
 */
import { performance } from 'node:perf_hooks';
import {
  createApp,
  createLogger,
  DEFAULT_QUERY_LIMITS,
  newMasterKeySpec,
  openDatabase,
  parseKeyring,
  seedDemo,
} from '../../packages/server/src/index.js';

const N = Number(process.env.BENCH_LOGINS ?? 60);

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

const database = await openDatabase({ dataDir: 'memory://' });
await database.migrate();
const keyring = parseKeyring(newMasterKeySpec());
await seedDemo(database.db, { keyring });
const app = await createApp({
  config: {
    env: 'production',
    port: 0,
    host: '127.0.0.1',
    databaseUrl: undefined,
    dataDir: '/nonexistent',
    portalDir: '/nonexistent',
    logLevel: 'silent',
    dbPoolMax: 4,
    shutdownGraceMs: 1_000,
    shutdownDelayMs: 0,
    demo: false,
    sessionSecret: undefined,
    sessionTtlMinutes: 60,
    // High enough that the throttle never answers before the password check.
    loginMaxFailures: 100_000,
    loginWindowMinutes: 15,
    cookieSecure: false,
    trustProxy: false,
    startWithUnreadableSecrets: false,
    masterKeys: undefined,
    analyticsDatabaseUrl: undefined,
    statisticsSuppressionThreshold: 5,
    statementTimeoutMs: 10_000,
    queryLimits: DEFAULT_QUERY_LIMITS,
    metricsToken: undefined,
    metricsPort: undefined,
    metricsHost: '127.0.0.1',
    benchDisable: new Set(),
  },
  database,
  log: createLogger('silent'),
  sessionSecret: 'bench-session-secret-bench-session-secret',
  keyring,
});
const url = await app.listen();

async function login(email: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($e: String!) { login(email: $e, password: "not-the-password-1") { token } }',
      variables: { e: email },
    }),
  });
  await response.text();
  return performance.now() - start;
}

// Warm up both paths (argon2's first call, JIT).
for (let i = 0; i < 5; i++) {
  await login('caseworker@fld.demo');
  await login('nobody@fld.demo');
}
const known: number[] = [];
const unknown: number[] = [];
for (let i = 0; i < N; i++) {
  known.push(await login(`caseworker@fld.demo`));
  unknown.push(await login(`nobody-${i}@fld.demo`));
}
await app.stop();
await database.close();

const k = stats(known);
const u = stats(unknown);
const row = (name: string, s: ReturnType<typeof stats>) =>
  `${name.padEnd(32)} ${s.p50.toFixed(1).padStart(7)} ${s.p90.toFixed(1).padStart(7)} ${s.p99.toFixed(1).padStart(7)} ${s.mean.toFixed(1).padStart(7)}`;
process.stdout.write(
  [
    `Failed sign-ins, ${N} of each, interleaved (ms, in-process server on PGlite):`,
    `${'case'.padEnd(32)} ${'p50'.padStart(7)} ${'p90'.padStart(7)} ${'p99'.padStart(7)} ${'mean'.padStart(7)}`,
    row('existing email, wrong password', k),
    row('unknown email', u),
    `p50 difference: ${(u.p50 - k.p50).toFixed(1)} ms (${(((u.p50 - k.p50) / k.p50) * 100).toFixed(1)}%)`,
    '',
  ].join('\n'),
);
