/**
 * The portal's home pages and lists at scale (issue #10, docs/BENCHMARKS.md): the server in
 * process (`NODE_ENV=production`) on the database at `DATABASE_URL`, each page's own GraphQL
 * operation (the portal's persisted documents, sent as text) signed in as the demo user who opens
 * it. Prints each operation's p50 and min over `--reps` requests after four of warm-up.
 *
 *   pnpm seed --scale 100000            # into the database at DATABASE_URL, once
 *   DATABASE_URL=… pnpm --filter @hrd/tests bench:pages [--reps 10] [--only OfficerQueue,CaseCounts]
 */
import { readFileSync } from 'node:fs';
import {
  createApp,
  createLogger,
  DEMO_PASSWORD,
  loadConfig,
  newMasterKeySpec,
  openDatabase,
  parseKeyring,
  queryRows,
} from '@hrd/server';
import { sql } from 'drizzle-orm';

const argValue = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const reps = Number(argValue('--reps') ?? 10);
const only = argValue('--only')?.split(',');
if (!process.env.DATABASE_URL) {
  console.error('DATABASE_URL: a PostgreSQL database seeded with the demo data (and `pnpm seed --scale N`).');
  process.exit(2);
}

const documents = JSON.parse(
  readFileSync(new URL('../../packages/portal/src/gql/persisted-documents.json', import.meta.url), 'utf8'),
) as Record<string, string>;
function operation(name: string): string {
  const text = Object.values(documents).find((t) => new RegExp(`(query|mutation) ${name}[ (]`).test(t));
  if (!text) throw new Error(`no persisted operation ${name}`);
  return text;
}

interface Page {
  label: string;
  email: string;
  operation: string;
  variables: (me: string) => Record<string, unknown>;
}
const PAGES: Page[] = [
  { label: 'CaseworkerHome', email: 'caseworker@fld.demo', operation: 'CaseworkerHome', variables: () => ({}) },
  { label: 'CaseList', email: 'caseworker@fld.demo', operation: 'CaseList', variables: () => ({ first: 20 }) },
  {
    label: 'CaseworkerRequests',
    email: 'caseworker@fld.demo',
    operation: 'InformationRequests',
    variables: () => ({ first: 20 }),
  },
  { label: 'OfficerHome', email: 'officer@ircc.demo', operation: 'OfficerHome', variables: (me) => ({ me }) },
  {
    label: 'OfficerQueue',
    email: 'officer@ircc.demo',
    operation: 'ImmigrationQueue',
    variables: () => ({ first: 20 }),
  },
  {
    label: 'OfficerRequests',
    email: 'officer@ircc.demo',
    operation: 'InformationRequests',
    variables: () => ({ first: 20 }),
  },
  {
    label: 'CaseCounts',
    email: 'analyst@ircc.demo',
    operation: 'CaseCounts',
    variables: () => ({ groupBy: ['STATUS'] }),
  },
];

const config = loadConfig({
  ...process.env,
  NODE_ENV: 'production',
  MASTER_KEYS: process.env.MASTER_KEYS ?? newMasterKeySpec('bench-pages'),
  SESSION_SECRET: process.env.SESSION_SECRET ?? 'bench-pages-session-secret-0123456789abcdef',
  LOG_LEVEL: 'silent',
  PORT: '0',
});
const database = await openDatabase({ databaseUrl: config.databaseUrl, poolMax: 4 });
const app = await createApp({
  config,
  database,
  log: createLogger('silent'),
  sessionSecret: config.sessionSecret as string,
  keyring: parseKeyring(config.masterKeys as string),
});
const url = await app.listen();

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

const [counted] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM cases`);
console.log(`${counted?.n} cases; p50 and min of ${reps} requests after 4, the server in process\n`);
console.log('| page (operation, demo user) | p50 ms | min ms |\n|---|---:|---:|');
try {
  for (const page of PAGES) {
    if (only && !only.includes(page.label)) continue;
    const login = await post({
      query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
      variables: { e: page.email, p: DEMO_PASSWORD },
    });
    const token = (login.data?.login as { token?: string } | undefined)?.token;
    if (!token) throw new Error(`${page.email} could not sign in: ${JSON.stringify(login.errors)}`);
    const headers = { authorization: `Bearer ${token}` };
    const me = (await post({ query: '{ me { id } }' }, headers)).data?.me as { id: string };
    const body = { query: operation(page.operation), variables: page.variables(me.id) };
    const first = await post(body, headers);
    if (first.errors) throw new Error(`${page.label}: ${JSON.stringify(first.errors).slice(0, 300)}`);
    for (let i = 0; i < 3; i++) await post(body, headers);
    const times: number[] = [];
    for (let i = 0; i < reps; i++) {
      const start = performance.now();
      await post(body, headers);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const p50 = times[Math.floor(times.length / 2)] as number;
    console.log(
      `| ${page.label} (${page.operation}, ${page.email}) | ${p50.toFixed(1)} | ${(times[0] as number).toFixed(1)} |`,
    );
  }
} finally {
  await app.stop();
  await database.close();
}
