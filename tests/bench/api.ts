/**
 * `pnpm bench`: the API under load (issue #10). See docs/BENCHMARKS.md.
 *
 * 1. A throwaway PostgreSQL server (tests/support/pg-cluster.ts), or DATABASE_URL: migrate,
 *    seed the demo data plus N scale cases (quick: 2,000; `--full`: 100,000; `--scale N`).
 * 2. The server in a child process (bench/api/server-process.ts): the real API and the raw-SQL
 *    floor endpoint, same driver and pool.
 * 3. For every shape (bench/api/shapes.ts): statements per request, then autocannon on loopback
 *    at 1, 10 and 50 connections against the API and against its floor: req/s, p50, p95, p99,
 *    the server's CPU per request and R = p50 / floor p50 (at one connection from turns taken
 *    by the API and its floor, R_ROUNDS each).
 * 4. Layer costs: the same server process serves the API once more with RLS, the audit, the
 *    query limits and all three switched off (BENCH_LAYER_SETS), the configurations taking turns.
 * 5. Writes docs/bench/results-<mode>.json, .md and latency-vs-n-<mode>.svg.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { newMasterKeySpec, openDatabase, parseKeyring, queryRows, seedScale } from '@hrd/server';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { type PgCluster, startPgCluster } from '../support/pg-cluster.js';
import { PAGE_SIZES, type Role, type Shape, SIGN_INS, shapeKey, shapes } from './api/shapes.js';
import { type BenchServer, START_FLAGS, spawnBenchServer } from './api/spawn.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const OUT_DIR = join(ROOT, 'docs', 'bench');

const { values: args } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    scale: { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    only: { type: 'string' },
    'no-layers': { type: 'boolean', default: false },
    label: { type: 'string' },
  },
  strict: true,
});
const mode = args.full ? 'full' : 'quick';
const SCALE = Number(args.scale ?? (args.full ? 100_000 : 2_000));
const DURATION = Number(args.duration ?? (args.full ? 10 : 1.5));
/**
 * Seconds of each run at 10 and 50 connections. The quick mode runs them for 1 s (autocannon runs
 * whole seconds, so 1.5 s lasted 2): a queue of 10 or 50 connections gives a full second's
 * requests to measure, and the quick mode stays well under five minutes (285 s in all with 2 s
 * runs, Round 9). R is taken at one connection, from runs of DURATION.
 */
const QUEUED_DURATION = Number(args.duration ?? (args.full ? 10 : 1));
const CONNECTIONS = (args.connections ?? '1,10,50').split(',').map(Number);
const POOL = Number(process.env.DB_POOL_MAX ?? 10);
const ONLY = args.only ? new Set(args.only.split(',')) : undefined;
const LAYER_SHAPES = ['Q1', 'Q3 N=50', 'Q8', 'ceiling'];
const LAYER_SETS = ['rls', 'audit', 'limits', 'rls,audit,limits'];
/**
 * Layer costs are measured at one connection (a request's own cost, no queue). The server process
 * serves the API once more per configuration (everything on, and each layer off), side by side on
 * pools of their own, so the configurations take turns instead of each having a server of its own
 * for a while: each is warmed up under load (its pool's prepared statements), then measured in
 * LAYER_ROUNDS short runs, in an order that rotates each round, and its p50 is that of all its
 * rounds' requests together. Whatever drifts during the minute (the host, autovacuum, the JIT)
 * falls on every configuration alike. The database is vacuumed and analysed first.
 */
const LAYER_CONNECTIONS = 1;
const LAYER_WARM_SECONDS = 0.25;
const LAYER_SECONDS = Math.max(DURATION, 1.2);
const LAYER_ROUNDS = 3;
/**
 * At one connection, the API and its floor each run in this many turns of DURATION / R_ROUNDS.
 * autocannon runs whole seconds (a run of 0.75 s lasts 1 s, one of 1.5 s lasts 2 s), so more turns
 * would lengthen the quick run without adding requests to measure.
 */
const R_ROUNDS = 2;
const started = performance.now();
const log = (line: string) =>
  process.stderr.write(`${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s  ${line}\n`);

// ── database ────────────────────────────────────────────────────────────────────────────────
let cluster: PgCluster | undefined;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  cluster = await startPgCluster();
  databaseUrl = cluster.url;
  log(`PostgreSQL: throwaway cluster on port ${cluster.port}`);
}
// The server processes are killed on exit by spawn.ts.
const cleanup = () => {
  cluster?.destroy();
};
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

const masterKeys = process.env.MASTER_KEYS ?? newMasterKeySpec('bench1');
const sessionSecret = process.env.SESSION_SECRET ?? 'bench-session-secret-bench-session-secret-0123';
{
  const db = await openDatabase({ databaseUrl });
  await db.migrate();
  let last = 0;
  const seeded = await seedScale(db.db, SCALE, {
    keyring: parseKeyring(masterKeys),
    onProgress: (done, target) => {
      if (done - last >= 10_000 || done === target) {
        last = done;
        log(`  seeded ${done} / ${target} scale cases`);
      }
    },
  });
  const [counts] = await queryRows<Record<string, string>>(
    db.db,
    sql`SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM persons) AS persons,
      (SELECT count(*) FROM transfers) AS transfers, (SELECT count(*) FROM audit_events) AS audit_events`,
  );
  log(
    `Seed: ${seeded.written} scale cases written in ${(seeded.ms / 1000).toFixed(1)} s; database: ${JSON.stringify(counts)}`,
  );
  await db.close();
}
await settle();

/**
 * VACUUM (ANALYZE) the database: fresh statistics for the planner after seeding, and no
 * autovacuum of the seed or of Q8's updates competing with a later run for the two cores.
 */
async function settle(): Promise<void> {
  const db = await openDatabase({ databaseUrl });
  await db.db.execute(sql`VACUUM (ANALYZE)`);
  await db.close();
}

// ── server process ──────────────────────────────────────────────────────────────────────────
type Server = BenchServer;

async function startServer(layerSets: readonly string[]): Promise<Server> {
  return spawnBenchServer({
    databaseUrl,
    masterKeys,
    sessionSecret,
    pool: POOL,
    layerSets,
    // BENCH_CPU_PROFILE=dir: a V8 CPU profile of the server per run (open it in Chrome's DevTools).
    cpuProfileDir: process.env.BENCH_CPU_PROFILE,
  });
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return (await response.json()) as {
    data?: Record<string, unknown>;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
}

// ── one run of autocannon ───────────────────────────────────────────────────────────────────
interface Run {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  /** What the errors were (timeouts, connection errors, HTTP statuses). */
  why: string;
  /** Every request's latency, sorted (not written to the results). */
  latencies?: number[];
  /**
   * The server process's CPU time per request (ms, user + system, every thread: JavaScript,
   * garbage collection, the driver's sockets), over the run. The database's own is not in it.
   */
  cpuMs?: number;
}

/** A run's server CPU per request, ms (blank if not measured). */
function cpu(run: Run): string {
  return run.cpuMs === undefined ? '' : run.cpuMs.toFixed(2);
}

/** A run's numbers from its latencies (sorted) over its time. */
function runOf(latencies: number[], seconds: number, errors: number, why: string): Run {
  return {
    rps: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    requests: latencies.length,
    latencies,
    errors,
    why,
  };
}

/** The requests of several runs as one (rates added up over their time, percentiles of all). */
function pooled(runs: readonly Run[]): Run {
  const latencies = runs.flatMap((r) => r.latencies ?? []).sort((a, b) => a - b);
  const seconds = runs.reduce((sum, r) => sum + r.requests / r.rps, 0);
  const errors = runs.reduce((sum, r) => sum + r.errors, 0);
  const cpuRuns = runs.filter((r) => r.cpuMs !== undefined);
  const cpuRequests = cpuRuns.reduce((sum, r) => sum + r.requests, 0);
  const cpuMs = cpuRequests
    ? cpuRuns.reduce((sum, r) => sum + (r.cpuMs as number) * r.requests, 0) / cpuRequests
    : undefined;
  const run = runOf(
    latencies,
    seconds,
    errors,
    runs
      .map((r) => r.why)
      .filter(Boolean)
      .join('; '),
  );
  return cpuMs === undefined ? run : { ...run, cpuMs };
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** The server process's CPU time so far (ms). */
async function serverCpuMs(): Promise<number> {
  return ((await (await fetch(`${server.floor}/stats`)).json()) as { cpuMs: number }).cpuMs;
}

/**
 * Waits until the server has answered every request (a slow shape's queue outlives autocannon's
 * run); returns the server's CPU time then (ms).
 */
async function drained(): Promise<number> {
  const until = performance.now() + 300_000;
  while (performance.now() < until) {
    const { inflight, cpuMs } = (await (await fetch(`${server.floor}/stats`)).json()) as {
      inflight: number;
      cpuMs: number;
    };
    if (inflight === 0) return cpuMs;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the bench server did not drain within 5 minutes');
}

/**
 * One autocannon run. `slowMs`: a request's time alone (from the warm-up); a shape that slow
 * cannot fill a run of DURATION seconds with samples, so it runs a fixed number of requests.
 */
async function load(
  url: string,
  connections: number,
  request: { headers: Record<string, string>; body: string } | { headers: Record<string, string>; next: () => string },
  onBody?: (body: string) => void,
  slowMs = 0,
  /** HTTP 400 is the expected answer (Q7: a field outside the role's schema fails validation). */
  expect400 = false,
  duration = DURATION,
): Promise<Run> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const byAmount = slowMs * 10 > duration * 1000;
  const base = {
    url,
    connections,
    // Seconds before autocannon gives up on a request: long enough to measure a slow shape's queue.
    timeout: 60,
    ...(byAmount ? { amount: Math.max(connections * 2, 10) } : { duration }),
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', ...request.headers },
  };
  const options =
    'body' in request
      ? { ...base, body: request.body }
      : {
          ...base,
          requests: [
            {
              setupRequest: (req: Record<string, unknown>) => ({ ...req, body: request.next() }),
              ...(onBody ? { onResponse: (_status: number, body: string) => onBody(body) } : {}),
            },
          ],
        };
  let instance: autocannon.Instance | undefined;
  const cpuBefore = await serverCpuMs();
  const began = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(options as autocannon.Options, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, status, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (status >= 300 && !(expect400 && status === 400)) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
  });
  const seconds = (performance.now() - began) / 1000;
  // Includes the two /stats requests around the run (a few microseconds each, against milliseconds).
  const cpuMs = ((await drained()) - cpuBefore) / Math.max(1, latencies.length);
  latencies.sort((a, b) => a - b);
  const run = runOf(
    latencies,
    seconds,
    result.errors + [...statuses.values()].reduce((a, b) => a + b, 0),
    [
      ...(result.timeouts ? [`${result.timeouts} timeouts`] : []),
      ...(result.errors - result.timeouts > 0 ? [`${result.errors - result.timeouts} connection errors`] : []),
      ...[...statuses].map(([status, n]) => `${n} × HTTP ${status}`),
    ].join(', '),
  );
  return { ...run, cpuMs };
}

// ── the run ─────────────────────────────────────────────────────────────────────────────────
const server = await startServer(args['no-layers'] ? [] : LAYER_SETS);
const tokens = new Map<Role, string>();
for (const [role, email] of Object.entries(SIGN_INS) as [Role, string][]) {
  const answer = await post(`${server.api}/graphql`, {
    query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
    variables: { e: email, p: 'hrd-demo-2026' },
  });
  const token = (answer.data?.login as { token?: string } | undefined)?.token;
  if (!token) throw new Error(`cannot sign in as ${email}: ${JSON.stringify(answer.errors)}`);
  tokens.set(role, token);
}
const auth = (role: Role) => ({ authorization: `Bearer ${tokens.get(role)}` });

// Q1's case and Q8's pool: FLD's editable cases (each request takes the next, so concurrent
// requests rarely race for one case; the version is tracked from the answers).
const editable = await post(
  `${server.api}/graphql`,
  {
    query:
      '{ cases(first: 100, filter: { status: [DRAFT, IN_ASSESSMENT], custodianKind: [FLD] }) { edges { node { id version } } } }',
  },
  auth('caseworker'),
);
const pool = (
  (editable.data?.cases as { edges: { node: { id: string; version: number } }[] } | undefined)?.edges ?? []
).map((e) => e.node);
if (pool.length < 50) throw new Error(`too few editable cases for Q8 (${pool.length}): seed more`);
const versions = new Map(pool.map((c) => [c.id, c.version]));
let turn = 0;
const q8Body = (template: string) => () => {
  const c = pool[turn++ % pool.length] as { id: string };
  const version = versions.get(c.id) ?? 1;
  return JSON.stringify({ query: template, variables: { id: c.id, v: version, u: version % 2 ? 'URGENT' : 'NORMAL' } });
};
const q8Floor = () => JSON.stringify({ shape: 'Q8', params: [(pool[turn++ % pool.length] as { id: string }).id] });
const onQ8 = (body: string) => {
  const answer = JSON.parse(body) as {
    data?: { updateCase?: { id: string; version: number } };
    errors?: Array<{ extensions?: { caseId?: string; currentVersion?: number } }>;
  };
  const updated = answer.data?.updateCase;
  if (updated) versions.set(updated.id, updated.version);
};

const caseId = (pool[0] as { id: string }).id;
const all = shapes({ caseId }).filter((s) => !ONLY || ONLY.has(s.id) || ONLY.has(shapeKey(s)));

function bodyFor(
  shape: Shape,
): { headers: Record<string, string>; body: string } | { headers: Record<string, string>; next: () => string } {
  const headers = auth(shape.role);
  if (shape.mutation) return { headers, next: q8Body(shape.query) };
  return { headers, body: JSON.stringify({ query: shape.query, variables: shape.variables }) };
}
function floorBodyFor(shape: Shape) {
  if (shape.mutation) return { headers: {}, next: q8Floor };
  return { headers: {}, body: JSON.stringify({ shape: shapeKey(shape), params: shape.floorParams ?? [] }) };
}

/** One request of a shape (Q8's answer updates the version it expects next). */
async function ask(target: Server, shape: Shape) {
  const one = bodyFor(shape);
  const answer = await post(`${target.api}/graphql`, JSON.parse('body' in one ? one.body : one.next()), one.headers);
  if (shape.mutation) onQ8(JSON.stringify(answer));
  return answer;
}

// Check every shape once, count its statements, and warm up.
interface Counted {
  wire: number;
  drizzle: number;
}
const statements = new Map<string, Counted>();
/** A request's time alone, API and floor (warm-up), to size the runs of slow shapes. */
const requestMs = new Map<string, { api: number; floor: number }>();
for (const shape of all) {
  const one = bodyFor(shape);
  const body = () => JSON.parse('body' in one ? one.body : one.next()) as unknown;
  const warm = performance.now();
  for (let i = 0; i < 20; i++) await ask(server, shape);
  const alone = (performance.now() - warm) / 20;
  const floorWarm = performance.now();
  for (let i = 0; i < 5; i++) {
    const f = floorBodyFor(shape);
    await fetch(`${server.floor}/floor`, { method: 'POST', body: 'body' in f ? f.body : f.next() });
  }
  requestMs.set(shapeKey(shape), { api: alone, floor: (performance.now() - floorWarm) / 5 });
  log(`  ${shapeKey(shape)}: warmed up (a request alone: ${alone.toFixed(1)} ms)`);
  // Counted on the counting API's second request (its first remembers the caller).
  const first = await post(`${server.counting}/graphql`, body(), one.headers);
  if (shape.mutation) onQ8(JSON.stringify(first));
  await post(`${server.floor}/stats/reset`, {});
  const answer = await post(`${server.counting}/graphql`, body(), one.headers);
  const counted = (await (await fetch(`${server.floor}/stats`)).json()) as Counted;
  statements.set(shapeKey(shape), counted);
  const unexpected = (answer.errors ?? []).filter((e) => e.extensions?.code !== shape.expectErrors);
  // A query refused at validation (Q7: outside the role's schema) has no data by design.
  if (unexpected.length || (!answer.data && !shape.expectErrors)) {
    throw new Error(`${shapeKey(shape)} answered errors: ${JSON.stringify(answer.errors?.slice(0, 2))}`);
  }
  if (shape.mutation) onQ8(JSON.stringify(answer));
  if (shape.expectErrors && !answer.errors?.length)
    throw new Error(`${shapeKey(shape)}: expected ${shape.expectErrors}`);
  const floorOne = floorBodyFor(shape);
  const floorAnswer = (await (
    await fetch(`${server.floor}/floor`, { method: 'POST', body: 'body' in floorOne ? floorOne.body : floorOne.next() })
  ).json()) as { data?: unknown; error?: string };
  if (floorAnswer.error || floorAnswer.data === null) throw new Error(`${shapeKey(shape)} floor: ${floorAnswer.error}`);
}
log(`Checked ${all.length} shapes; statements per request counted.`);

interface Row {
  key: string;
  shape: Shape;
  connections: number;
  api: Run;
  floor: Run;
}
const rows: Row[] = [];
// Every shape at one connection first, then every shape at the next count: a one-connection run
// right after another shape's 50-connection burst measured the burst's aftermath (the server's
// and the database's), up to twice its own p50.
for (const connections of CONNECTIONS) {
  for (const shape of all) {
    const alone = requestMs.get(shapeKey(shape));
    const apiRun = (seconds: number) =>
      load(
        `${server.api}/graphql`,
        connections,
        bodyFor(shape),
        shape.mutation ? onQ8 : undefined,
        alone?.api,
        Boolean(shape.expectErrors),
        seconds,
      );
    const floorRun = (seconds: number) =>
      load(`${server.floor}/floor`, connections, floorBodyFor(shape), undefined, alone?.floor, false, seconds);
    // At one connection the API and its floor take turns (API, floor; floor, API; …), so that R
    // compares requests served over the same seconds: the machine's drift between two runs a few
    // seconds apart moved the floor alone by a third (Round 6). Shapes too slow for short runs, and
    // the queued runs at 10 and 50 connections, are run once each.
    const roundSeconds = DURATION / R_ROUNDS;
    const interleaved = connections === 1 && Math.max(alone?.api ?? 0, alone?.floor ?? 0) * 10 <= roundSeconds * 1000;
    let api: Run;
    let floor: Run;
    if (interleaved) {
      const apiRuns: Run[] = [];
      const floorRuns: Run[] = [];
      for (let round = 0; round < R_ROUNDS; round++) {
        if (round % 2 === 0) {
          apiRuns.push(await apiRun(roundSeconds));
          floorRuns.push(await floorRun(roundSeconds));
        } else {
          floorRuns.push(await floorRun(roundSeconds));
          apiRuns.push(await apiRun(roundSeconds));
        }
      }
      api = pooled(apiRuns);
      floor = pooled(floorRuns);
    } else {
      const seconds = connections === 1 ? DURATION : QUEUED_DURATION;
      api = await apiRun(seconds);
      floor = await floorRun(seconds);
    }
    rows.push({ key: shapeKey(shape), shape, connections, api, floor });
    log(
      `${shapeKey(shape).padEnd(10)} c=${String(connections).padStart(2)}  ${api.rps.toFixed(0).padStart(5)} req/s  p50 ${api.p50.toFixed(2)} ms  floor p50 ${floor.p50.toFixed(2)} ms  R ${(api.p50 / floor.p50).toFixed(2)}  CPU ${cpu(api)} / ${cpu(floor)} ms${api.errors ? `  errors ${api.errors} (${api.why})` : ''}`,
    );
  }
}

rows.sort((a, b) => all.indexOf(a.shape) - all.indexOf(b.shape) || a.connections - b.connections);

// ── layer costs ─────────────────────────────────────────────────────────────────────────────
interface LayerRow {
  key: string;
  base: Run;
  off: Record<string, Run>;
}
const layers: LayerRow[] = [];
if (!args['no-layers']) {
  const layerShapes = all.filter((s) => LAYER_SHAPES.includes(shapeKey(s)));
  const configurations = ['', ...LAYER_SETS];
  const urlOf = (set: string) => `${server.layers[set]}/graphql`;
  await settle();
  for (const shape of layerShapes) {
    const key = shapeKey(shape);
    const runArgs = (set: string) =>
      [
        urlOf(set),
        LAYER_CONNECTIONS,
        bodyFor(shape),
        shape.mutation ? onQ8 : undefined,
        requestMs.get(key)?.api,
        Boolean(shape.expectErrors),
      ] as const;
    for (const set of configurations) await load(...runArgs(set), LAYER_WARM_SECONDS);
    const runs = new Map<string, Run[]>(configurations.map((set) => [set, []]));
    for (let round = 0; round < LAYER_ROUNDS; round++) {
      const order = configurations.map((_, i) => configurations[(i + round) % configurations.length] as string);
      for (const set of order) runs.get(set)?.push(await load(...runArgs(set), LAYER_SECONDS / LAYER_ROUNDS));
    }
    const [base, ...off] = configurations.map((set) => pooled(runs.get(set) ?? []));
    if (base) layers.push({ key, base, off: Object.fromEntries(LAYER_SETS.map((set, i) => [set, off[i] as Run])) });
    log(
      `  layers ${key}: ${configurations.map((set) => `${set || 'all on'} ${pooled(runs.get(set) ?? []).p50.toFixed(2)}`).join(', ')} ms`,
    );
  }
}
await server.stop();

// ── report ──────────────────────────────────────────────────────────────────────────────────
const ms = (v: number) => v.toFixed(2);
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`;
const lines: string[] = [];
lines.push(
  `API benchmark (${mode}): ${SCALE.toLocaleString('en')} scale cases + demo, ${DURATION} s per run (${QUEUED_DURATION} s at more than one connection), pool ${POOL}, ${machine}, server: NODE_ENV=production ${START_FLAGS.join(' ')}`,
  '',
  '| shape | conns | req/s | p50 ms | p95 ms | p99 ms | floor p50 ms | R | statements (wire / drizzle) | server CPU ms per request (API / floor) |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
);
for (const row of rows) {
  const counted = statements.get(row.key);
  lines.push(
    `| ${row.key} ${row.shape.label} | ${row.connections} | ${row.api.rps.toFixed(0)} | ${ms(row.api.p50)} | ${ms(row.api.p95)} | ${ms(row.api.p99)} | ${ms(row.floor.p50)} | ${(row.api.p50 / row.floor.p50).toFixed(2)} | ${counted ? `${counted.wire} / ${counted.drizzle}` : ''} | ${cpu(row.api)} / ${cpu(row.floor)} |`,
  );
}
if (layers.length) {
  lines.push(
    '',
    `Layer costs at ${LAYER_CONNECTIONS} connection (the configurations side by side in one server process, each warmed up ${LAYER_WARM_SECONDS} s, then measured ${LAYER_SECONDS} s in ${LAYER_ROUNDS} rounds taking turns): p50 ms with everything on, then with each layer off (share of p50 it cost).`,
    '',
    `| shape | all on | ${LAYER_SETS.map((s) => `${s} off`).join(' | ')} |`,
    `|---|---:|${LAYER_SETS.map(() => '---:').join('|')}|`,
  );
  for (const layer of layers) {
    const cells = LAYER_SETS.map((set) => {
      const run = layer.off[set];
      if (!run) return '';
      const share = (layer.base.p50 - run.p50) / layer.base.p50;
      return `${ms(run.p50)} (${(share * 100).toFixed(0)} %)`;
    });
    lines.push(`| ${layer.key} | ${ms(layer.base.p50)} | ${cells.join(' | ')} |`);
  }
}
const table = lines.join('\n');
process.stdout.write(`\n${table}\n\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s.\n`);

mkdirSync(OUT_DIR, { recursive: true });
const suffix = args.label ? `${mode}-${args.label}` : mode;
writeFileSync(join(OUT_DIR, `results-${suffix}.md`), `${table}\n`);
writeFileSync(
  join(OUT_DIR, `results-${suffix}.json`),
  `${JSON.stringify(
    {
      mode,
      scale: SCALE,
      duration: DURATION,
      queuedDuration: QUEUED_DURATION,
      pool: POOL,
      machine,
      at: new Date().toISOString(),
      rows: rows.map((r) => ({
        key: r.key,
        connections: r.connections,
        api: r.api,
        floor: r.floor,
        statements: statements.get(r.key),
      })),
      layers,
    },
    // The runs' latencies are in the percentiles; the file keeps the numbers.
    (key, value) => (key === 'latencies' ? undefined : value),
    2,
  )}\n`,
);
writeFileSync(
  join(OUT_DIR, `latency-vs-n-${suffix}.svg`),
  plot(rows, `p50 latency against N (${mode}, ${SCALE.toLocaleString('en')} cases, 10 connections)`),
);
log(`Wrote docs/bench/results-${suffix}.{md,json} and latency-vs-n-${suffix}.svg`);
cleanup();
process.exit(0);

/** A small line chart of p50 against N for Q2–Q4 and their floors, at 10 connections (or the nearest). */
function plot(all: Row[], title: string): string {
  const connections = CONNECTIONS.includes(10) ? 10 : (CONNECTIONS[0] ?? 1);
  const series: { name: string; color: string; dash?: string; points: [number, number][] }[] = [];
  const colors: Record<string, string> = { Q2: '#1f77b4', Q3: '#d62728', Q4: '#2ca02c' };
  for (const id of ['Q2', 'Q3', 'Q4']) {
    const of = all.filter((r) => r.shape.id === id && r.connections === connections);
    if (!of.length) continue;
    const color = colors[id] ?? '#000';
    series.push({ name: `${id} API`, color, points: of.map((r) => [r.shape.n ?? 0, r.api.p50]) });
    series.push({ name: `${id} floor`, color, dash: '5,4', points: of.map((r) => [r.shape.n ?? 0, r.floor.p50]) });
  }
  const W = 640;
  const H = 400;
  const m = { l: 60, r: 150, t: 40, b: 50 };
  const maxY = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p[1]))) * 1.1;
  const maxX = Math.max(...PAGE_SIZES);
  const x = (v: number) => m.l + (v / maxX) * (W - m.l - m.r);
  const y = (v: number) => H - m.b - (v / maxY) * (H - m.t - m.b);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12" role="img">`,
    `<title>${title}</title>`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${title}</text>`,
    `<line x1="${m.l}" y1="${H - m.b}" x2="${W - m.r}" y2="${H - m.b}" stroke="black"/>`,
    `<line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${H - m.b}" stroke="black"/>`,
    `<text x="${(m.l + W - m.r) / 2}" y="${H - 12}" text-anchor="middle">N (cases per request)</text>`,
    `<text x="16" y="${(m.t + H - m.b) / 2}" text-anchor="middle" transform="rotate(-90 16 ${(m.t + H - m.b) / 2})">p50 ms</text>`,
  ];
  for (const n of PAGE_SIZES) {
    parts.push(`<text x="${x(n)}" y="${H - m.b + 16}" text-anchor="middle">${n}</text>`);
  }
  for (let i = 0; i <= 5; i++) {
    const v = (maxY / 5) * i;
    parts.push(
      `<line x1="${m.l}" y1="${y(v)}" x2="${W - m.r}" y2="${y(v)}" stroke="#ddd"/>`,
      `<text x="${m.l - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(1)}</text>`,
    );
  }
  series.forEach((s, i) => {
    const d = s.points.map(([px, py], j) => `${j ? 'L' : 'M'}${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(' ');
    parts.push(
      `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`,
    );
    for (const [px, py] of s.points) parts.push(`<circle cx="${x(px)}" cy="${y(py)}" r="3" fill="${s.color}"/>`);
    const ly = m.t + 10 + i * 18;
    parts.push(
      `<line x1="${W - m.r + 10}" y1="${ly}" x2="${W - m.r + 35}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`,
      `<text x="${W - m.r + 40}" y="${ly + 4}">${s.name}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
