/**
 * The one place that picks the database driver:
 * - `DATABASE_URL` set: postgres.js against a PostgreSQL server;
 * - unset: PGlite (embedded PostgreSQL) in `DATA_DIR/pglite`.
 * Both run the same migrations and the same drizzle queries.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { is, type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgDialect, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres, PostgresJsSession } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { syncAccessGrants } from './access-grants.js';
import * as schema from './schema.js';
import { DatabaseStats, instrumentPglite, instrumentPostgres } from './stats.js';
import { reconnectDelaySeconds } from './unavailable.js';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type DriverName = 'pglite' | 'postgres';

/** The committed SQL migrations: `packages/server/migrations`, from `src/db` and `dist/db` alike. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

export interface DatabaseHandle {
  readonly db: Database;
  readonly driver: DriverName;
  /** Statements in flight, open transactions and each statement's time (for /metrics). */
  readonly stats: DatabaseStats;
  /** Applies every pending migration (idempotent). */
  migrate(): Promise<void>;
  /** Resolves when the database answers, rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A postgres:// URL; when absent, PGlite is used. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files (`DATA_DIR`); `memory://` for an in-memory database. */
  dataDir?: string;
  /** A PGlite data directory dump (from `dumpDataDir`) to start from, for tests. */
  loadDataDir?: Blob | File;
  /** Connection pool size for postgres.js. */
  poolMax?: number;
  /** Seconds postgres.js waits for a connection before failing. */
  connectTimeoutSeconds?: number;
  /** Called with every SQL statement drizzle sends (tests and benchmarks count them). */
  onQuery?: (query: string) => void;
  /**
   * postgres.js only: called with every statement sent to the server, including the BEGIN,
   * COMMIT and SAVEPOINTs that drizzle does not log (benchmarks count round trips with it).
   */
  onWireQuery?: (query: string) => void;
}

function loggerFor(options: OpenDatabaseOptions) {
  const onQuery = options.onQuery;
  return onQuery ? { logger: { logQuery: (query: string) => onQuery(query) } } : {};
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options);
}

function openPostgres(url: string, options: OpenDatabaseOptions): DatabaseHandle {
  const poolMax = options.poolMax ?? 10;
  const client = postgres(url, {
    max: poolMax,
    connect_timeout: options.connectTimeoutSeconds ?? 5,
    // A short, capped wait before reconnecting (postgres.js grows it to 20 s by default).
    backoff: reconnectDelaySeconds,
    onnotice: () => {},
    ...(options.onWireQuery ? { debug: (_connection: number, query: string) => options.onWireQuery?.(query) } : {}),
    // Dates arrive as JS Dates (timestamptz) and strings (date), the same as with PGlite.
    types: { date: { to: 1082, from: [1082], serialize: (x: string) => x, parse: (x: string) => x } },
  });
  const stats = new DatabaseStats(poolMax);
  const db = drizzlePostgres(instrumentPostgres(client, stats), {
    schema,
    ...loggerFor(options),
  }) as unknown as Database;
  return {
    db,
    driver: 'postgres',
    stats,
    migrate: async () => {
      await migratePostgres(drizzlePostgres(client), { migrationsFolder: MIGRATIONS_DIR });
      await syncAccessGrants(db);
    },
    // Through the pool, on purpose: the request watchdog relies on it to notice a pool that no
    // longer answers after an outage, not only a database that is down. (A ping on a connection of
    // its own was tried: it ended the watchdog's 503s to slow requests under load, but let a
    // request stuck in the driver after an outage hang; see docs/BENCHMARKS.md.)
    ping: async () => {
      await client`select 1`;
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const dataDir = options.dataDir ?? 'memory://';
  let location = dataDir;
  if (!dataDir.startsWith('memory://')) {
    await mkdir(dataDir, { recursive: true });
    location = join(dataDir, 'pglite');
  }
  const client = new PGlite(location, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  await client.waitReady;
  const stats = new DatabaseStats(1);
  const db = drizzlePglite(instrumentPglite(client, stats), { schema, ...loggerFor(options) }) as unknown as Database;
  let closed = false;
  return {
    db,
    driver: 'pglite',
    stats,
    migrate: async () => {
      await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR });
      await syncAccessGrants(db);
    },
    // In process: the database is up while it is open. (A query here would wait behind the
    // transaction in progress, since PGlite runs one at a time.)
    ping: async () => {
      if (closed || client.closed) throw new Error('database closed');
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}

/** Dumps a PGlite database's files (for a migrated template shared by a test run). */
export async function dumpPglite(handle: DatabaseHandle): Promise<File | Blob> {
  const client = (handle.db as unknown as { $client: PGlite }).$client;
  return client.dumpDataDir('none');
}

/**
 * Runs a raw SQL statement and returns its rows, the same on both drivers (drizzle's `execute`
 * answers `{ rows }` on PGlite and an array on postgres.js).
 */
export async function queryRows<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * Sends `query` on `db`'s connection at once, and returns its rows. When this returns, the
 * statement is queued on the connection ahead of anything sent after it, such as the COMMIT of
 * the transaction `db` is: the two go to the server together, one round trip instead of two.
 * (drizzle sends a statement only a few promise steps after it is asked to, so a statement asked
 * for before a COMMIT is not guaranteed to leave before it.) Undefined where statements are not
 * sent ahead (PGlite, in process): use `queryRows`, and await it.
 */
export function sendNow<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> | undefined {
  const { session, dialect } = db as unknown as { session: unknown; dialect: PgDialect };
  if (!is(session, PostgresJsSession)) return undefined;
  const { sql: text, params } = dialect.sqlToQuery(query);
  session.logger.logQuery(text, params);
  // postgres.js's `execute()` hands the statement to the connection now (instead of on await).
  const pending = session.client.unsafe(text, params as never[]) as unknown as Promise<T[]> & { execute(): unknown };
  pending.execute();
  return pending;
}

/**
 * Runs `run` (statements sent together) with PostgreSQL planning each of them for its parameters'
 * values (`plan_cache_mode = force_custom_plan`), then puts the setting back as it was, for this
 * transaction only. For statements whose generic plan is known to go wrong: a prepared statement
 * is planned once for any values after five executions, and a condition on a parameter is then
 * estimated by a fixed guess; two or more such guesses multiply into a plan that expects to
 * examine a few rows where it examines thousands (docs/BENCHMARKS.md, Round 12). The setting and
 * its restoring are sent without waiting, ahead of `run`'s statements and of whatever follows: no
 * round trip of their own on PostgreSQL.
 */
export async function withCustomPlans<T>(db: Database, run: () => Promise<T>): Promise<T> {
  // The setting as it was, read before it is changed (the sub-select runs first).
  const force = sql`SELECT w.was, set_config('plan_cache_mode', 'force_custom_plan', true)
    FROM (SELECT current_setting('plan_cache_mode') AS was OFFSET 0) w`;
  const forced = sendNow<{ was: string }>(db, force);
  // A failure aborts the transaction: `run`'s statements fail after it, and the request with them.
  forced?.catch(() => {});
  const was = forced ?? queryRows<{ was: string }>(db, force);
  if (!forced) await was;
  try {
    return await run();
  } finally {
    const [row] = await was.catch(() => []);
    if (row) {
      const restore = sql`SELECT set_config('plan_cache_mode', ${row.was}, true)`;
      // As for the setting: a failure aborts the transaction, and the next statement says so.
      const restored = sendNow(db, restore);
      if (restored) restored.catch(() => {});
      else await db.execute(restore).catch(() => {});
    }
  }
}
