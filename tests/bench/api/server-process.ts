/**
 * The benchmark's server process: the real API (createApp, configured from the environment as in
 * production, NODE_ENV=production), the same API once more for everything on and for each set of
 * layers to switch off (`BENCH_LAYER_SETS="rls;audit;…"`, read only by this process, which builds
 * those configurations in code; each has a pool of its own, so that no plan cached under one role
 * serves another), and, on a second port, the raw-SQL floor, both on the same postgres.js
 * driver and pool size, so autocannon measures both the same way from the harness process.
 *
 * Floor endpoint: `POST /floor` with `{"shape": key, "params": [...]}` runs the shape's
 * hand-written statement in a transaction as `hrd_app` with the caller's settings (RLS applies).
 * `GET /stats` and `POST /stats/reset`: requests in flight (API and floor), statements sent by the
 * counting API (wire: every statement, BEGIN/COMMIT/SAVEPOINT included; drizzle: the ones drizzle
 * logs) and the process's CPU time (`cpuMs`).
 * The counting API is the same API once more, on a pool of its own whose driver reports every
 * statement: counting costs the driver a stack trace per statement (postgres.js's `debug` hook), so
 * the API that is measured runs without it, as a production server does.
 * Prints one line `READY {"api": url, "counting": url, "floor": url, "layers": {set: url}}` when listening.
 */
import http from 'node:http';
import { benchLayers, createApp, createLogger, loadConfig, openDatabase, parseKeyring } from '@hrd/server';
import postgres from 'postgres';
import { SIGN_INS, shapeKey, shapes } from './shapes.js';

const config = loadConfig(process.env);
if (config.env !== 'production' || !config.databaseUrl || !config.masterKeys || !config.sessionSecret) {
  throw new Error('the bench server needs NODE_ENV=production, DATABASE_URL, MASTER_KEYS and SESSION_SECRET');
}
const { sessionSecret, masterKeys } = config;
const stats = { wire: 0, drizzle: 0 };
/** Requests being served (API and floor): the harness waits for 0 between runs. */
const inflight = { api: 0, floor: 0 };
const database = await openDatabase({ databaseUrl: config.databaseUrl, poolMax: config.dbPoolMax });
const countingDatabase = await openDatabase({
  databaseUrl: config.databaseUrl,
  poolMax: config.dbPoolMax,
  onQuery: () => {
    stats.drizzle++;
  },
  onWireQuery: () => {
    stats.wire++;
  },
});
/** The API on `db` with `benchDisable` switched off, its requests counted in `inflight`. */
async function startApi(db: typeof database, benchDisable = config.benchDisable) {
  const api = await createApp({
    config: { ...config, benchDisable },
    database: db,
    log: createLogger(config.logLevel),
    sessionSecret,
    keyring: parseKeyring(masterKeys),
  });
  api.httpServer.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    inflight.api++;
    res.once('close', () => inflight.api--);
  });
  return { app: api, url: await api.listen() };
}
const { app, url: apiUrl } = await startApi(database);
const { app: countingApp, url: countingUrl } = await startApi(countingDatabase);

const layered: { set: string; app: typeof app; database: typeof database; url: string }[] = [];
// With layer sets, everything on ('') is served side by side too, on the same footing as the
// others (a fresh pool, no counting hooks), not by the app that served the main runs.
const layerSets = process.env.BENCH_LAYER_SETS ? ['', ...process.env.BENCH_LAYER_SETS.split(';').filter(Boolean)] : [];
for (const set of layerSets) {
  const ownDatabase = await openDatabase({ databaseUrl: config.databaseUrl, poolMax: config.dbPoolMax });
  layered.push({ set, database: ownDatabase, ...(await startApi(ownDatabase, benchLayers(set))) });
}

// The floor: same driver, same pool size, same caller settings.
const sql = postgres(config.databaseUrl, { max: config.dbPoolMax, onnotice: () => {} });
const callers = new Map<string, { userId: string; orgId: string; orgKind: string; roles: string }>();
for (const [role, email] of Object.entries(SIGN_INS)) {
  const [row] = await sql<{ user_id: string; org_id: string; org_kind: string; roles: string[] }[]>`
    SELECT u.id AS user_id, o.id AS org_id, o.kind AS org_kind, u.roles
      FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.email = ${email}`;
  if (!row) throw new Error(`no user ${email}: seed the demo data first`);
  callers.set(role, {
    userId: row.user_id,
    orgId: row.org_id,
    orgKind: row.org_kind,
    roles: `{${row.roles.join(',')}}`,
  });
}
const floors = new Map(
  shapes({ caseId: '00000000-0000-0000-0000-000000000000' }).map((s) => [shapeKey(s), { sql: s.floor, role: s.role }]),
);

async function floor(shape: string, params: unknown[]): Promise<unknown> {
  const f = floors.get(shape);
  const caller = f && callers.get(f.role);
  if (!f?.sql || !caller) throw new Error(`no floor for ${shape}`);
  const text = f.sql;
  return sql.begin(async (tx) => {
    await tx.unsafe('SET LOCAL ROLE hrd_app');
    await tx`SELECT set_config('hrd.user_id', ${caller.userId}, true), set_config('hrd.org_id', ${caller.orgId}, true),
      set_config('hrd.org_kind', ${caller.orgKind}, true), set_config('hrd.roles', ${caller.roles}, true),
      set_config('statement_timeout', '10000', true), set_config('jit', 'off', true)`;
    const rows = await tx.unsafe(text, params as never[], { prepare: true });
    const first = rows[0] as Record<string, unknown> | undefined;
    return first ? Object.values(first)[0] : null;
  });
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const floorServer = http.createServer(async (req, res) => {
  try {
    if (req.url === '/stats') {
      res.setHeader('content-type', 'application/json');
      const cpu = process.cpuUsage();
      // The process's CPU time so far (user + system, all threads, ms): the harness reads it
      // around each run for the CPU a request costs the server.
      res.end(
        JSON.stringify({ ...stats, inflight: inflight.api + inflight.floor, cpuMs: (cpu.user + cpu.system) / 1000 }),
      );
      return;
    }
    if (req.url === '/stats/reset') {
      stats.wire = 0;
      stats.drizzle = 0;
      res.end('{}');
      return;
    }
    inflight.floor++;
    res.once('close', () => inflight.floor--);
    const body = JSON.parse(await readBody(req)) as { shape: string; params?: unknown[] };
    const data = await floor(body.shape, body.params ?? []);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ data }));
  } catch (error) {
    res.statusCode = 500;
    res.end(JSON.stringify({ error: String(error) }));
  }
});
const floorUrl = await new Promise<string>((resolve) => {
  floorServer.listen(0, '127.0.0.1', () => {
    const address = floorServer.address();
    resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  });
});

const layers = Object.fromEntries(layered.map((l) => [l.set, l.url]));
process.stdout.write(`READY ${JSON.stringify({ api: apiUrl, counting: countingUrl, floor: floorUrl, layers })}\n`);

const stop = async () => {
  floorServer.close();
  await app.stop();
  await countingApp.stop();
  await countingDatabase.close();
  for (const l of layered) {
    await l.app.stop();
    await l.database.close();
  }
  await sql.end({ timeout: 2 });
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
