/**
 * Two builds of the server taking turns (docs/BENCHMARKS.md, Rounds 8–11): `before` is the working
 * tree with `--patch` reversed, `after` the working tree as it is (the patch applied). Each
 * server process loads its code at start, so both run side by side on the database at
 * `DATABASE_URL` (seeded as `pnpm bench` seeds it); autocannon then drives one, then the other, in
 * bursts of `--seconds`, for `--rounds` rounds (the order alternates), signed in as the demo
 * caseworker. Then both servers stop and start again in the other order, and the same again
 * (a server started second ran faster than the same code started first: Round 11). Prints each
 * round's p50s, then each build's pooled p50, mean and server CPU per request (from /proc).
 * Run it more than once: two processes of the same code still differ by a few per cent.
 *
 *   git diff packages/server/src > /tmp/change.patch      # the change, applied in the tree
 *   DATABASE_URL=… pnpm --filter @hrd/tests bench:ab --patch /tmp/change.patch [--rounds 8]
 *     [--seconds 2] [--connections 1] [--order both|before-first|after-first] [--query '{ … }']
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD, newMasterKeySpec } from '@hrd/server';
import autocannon from 'autocannon';
import { shapes } from './api/shapes.js';
import { type BenchServer, spawnBenchServer } from './api/spawn.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    patch: { type: 'string' },
    rounds: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '2' },
    connections: { type: 'string', default: '1' },
    /** Which build's server starts first: 'before-first', 'after-first' or 'both' (one after the other). */
    order: { type: 'string', default: 'both' },
    /** The GraphQL query; Q3 N = 50 of `pnpm bench` (bench/api/shapes.ts) when absent. */
    query: { type: 'string' },
  },
});
const ORDERS = ['both', 'before-first', 'after-first'];
if (!ORDERS.includes(args.order)) {
  console.error(`--order is one of ${ORDERS.join(', ')}.`);
  process.exit(2);
}
const query = args.query ?? shapes({ caseId: '' }).find((shape) => shape.id === 'Q3' && shape.n === 50)?.query;
if (!args.patch || !process.env.DATABASE_URL) {
  console.error('--patch FILE (applied in the working tree) and DATABASE_URL (a seeded database) are needed.');
  process.exit(2);
}
const patch = args.patch;
const git = (...rest: string[]) => execFileSync('git', rest, { cwd: ROOT, stdio: 'pipe' });
// Refuse before touching anything unless the patch is applied in the tree (so it can be reversed).
try {
  git('apply', '--check', '-R', patch);
} catch {
  console.error(`${patch} is not applied in the working tree: apply it first (the "after" build is the tree).`);
  process.exit(2);
}

const masterKeys = newMasterKeySpec('bench1');
type Server = BenchServer;
const start = (): Promise<Server> =>
  spawnBenchServer({
    masterKeys,
    sessionSecret: 'bench-session-secret-bench-session-secret-0123',
    pool: 10,
  });

// The server loads all of its code before it says READY: the tree is restored right after.
async function startBefore(): Promise<Server> {
  git('apply', '-R', patch);
  try {
    return await start();
  } finally {
    git('apply', patch);
  }
}
async function token(api: string): Promise<string> {
  const response = await fetch(`${api}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
      variables: { e: 'caseworker@fld.demo', p: DEMO_PASSWORD },
    }),
  });
  return ((await response.json()) as { data: { login: { token: string } } }).data.login.token;
}
interface Build {
  server: Server;
  token: string;
  readonly latencies: number[];
  cpuMs: number;
}
const builds: Record<'before' | 'after', Build> = {
  before: { server: undefined as unknown as Server, token: '', latencies: [], cpuMs: 0 },
  after: { server: undefined as unknown as Server, token: '', latencies: [], cpuMs: 0 },
};

/** The process's CPU time so far (user + system, every thread), in ms. */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
const p50 = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;

async function burst(build: Build, seconds: number, keep: boolean): Promise<number> {
  const latencies: number[] = [];
  const cpuBefore = cpuOf(build.server.pid);
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${build.server.api}/graphql`,
        connections: Number(args.connections),
        duration: seconds,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${build.token}` },
        body: JSON.stringify({ query }),
      },
      (error) => (error ? reject(error) : resolve()),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status !== 200) reject(new Error(`HTTP ${status}`));
      latencies.push(ms);
    });
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  if (keep) {
    build.latencies.push(...latencies);
    build.cpuMs += cpuOf(build.server.pid) - cpuBefore;
  }
  return p50(latencies.sort((a, b) => a - b));
}

// A server started second ran 5–11 % faster than the same code started first, in four of four
// runs (Round 11): every start order is measured, and their requests pooled.
const orders = args.order === 'both' ? ['before-first', 'after-first'] : [args.order];
let afterFaster = 0;
let rounds = 0;
for (const order of orders) {
  const names = order === 'after-first' ? (['after', 'before'] as const) : (['before', 'after'] as const);
  for (const name of names) builds[name].server = name === 'before' ? await startBefore() : await start();
  for (const build of Object.values(builds)) build.token = await token(build.server.api);
  await burst(builds.before, 2, false);
  await burst(builds.after, 2, false);
  for (let round = 1; round <= Number(args.rounds); round++) {
    const turn = round % 2 ? (['before', 'after'] as const) : (['after', 'before'] as const);
    const p: Record<string, number> = {};
    for (const name of turn) p[name] = await burst(builds[name], Number(args.seconds), true);
    if ((p.after as number) < (p.before as number)) afterFaster++;
    rounds++;
    console.log(`${order} round ${round}: before ${p.before?.toFixed(2)} ms, after ${p.after?.toFixed(2)} ms`);
  }
  for (const build of Object.values(builds)) await build.server.stop();
}
for (const [name, build] of Object.entries(builds)) {
  const sorted = build.latencies.sort((a, b) => a - b);
  const mean = sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length;
  console.log(
    `${name.padEnd(6)} ${sorted.length} requests, p50 ${p50(sorted).toFixed(2)} ms, mean ${mean.toFixed(2)} ms, server CPU ${(build.cpuMs / sorted.length).toFixed(2)} ms per request`,
  );
}
console.log(`after faster in ${afterFaster} of ${rounds} rounds`);
process.exit(0);
