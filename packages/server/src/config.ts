/**
 * Configuration: read from the environment once, validated here, and nowhere else.
 * A bad value stops the start with one line naming the variable, never echoing a secret.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './graphql/limit-values.js';
import { parseKeyring } from './secrets/keyring.js';

const postgresUrl = z
  .string()
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
      } catch {
        return false;
      }
    },
    // The value is deliberately not echoed: it may hold a password.
    { message: 'must be a postgres:// or postgresql:// URL with a host (value not shown)' },
  );

const port = z.coerce
  .number({ message: 'must be a whole number from 0 to 65535' })
  .int('must be a whole number from 0 to 65535')
  .min(0, 'must be a whole number from 0 to 65535')
  .max(65535, 'must be a whole number from 0 to 65535');

const positiveInt = (what: string) => z.coerce.number().int().positive(`must be a positive whole number (${what})`);
const wholeNumber = (what: string) => z.coerce.number().int().min(0, `must be a whole number from 0 (${what})`);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: port.default(4000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), postgresUrl.optional()),
  DATA_DIR: z.string().trim().min(1).default('./.data'),
  PORTAL_DIR: z.string().trim().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_POOL_MAX: positiveInt('connections').default(10),
  SHUTDOWN_GRACE_MS: positiveInt('milliseconds').default(10_000),
  SHUTDOWN_DELAY_MS: wholeNumber('milliseconds').default(1_000),
  SESSION_SECRET: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(32, 'must be at least 32 characters (value not shown)').optional(),
  ),
  SESSION_TTL_MINUTES: positiveInt('minutes').default(60),
  LOGIN_MAX_FAILURES: positiveInt('failed sign-ins per account per window').default(20),
  LOGIN_WINDOW_MINUTES: positiveInt('minutes').default(15),
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  START_WITH_UNREADABLE_SECRETS: z.enum(['true', 'false']).default('false'),
  MASTER_KEYS: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  ANALYTICS_DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), postgresUrl.optional()),
  STATISTICS_SUPPRESSION_THRESHOLD: z.coerce
    .number({ message: 'must be a whole number from 2 to 100 (cases)' })
    .int('must be a whole number from 2 to 100 (cases)')
    .min(2, 'must be a whole number from 2 to 100 (cases)')
    .max(100, 'must be a whole number from 2 to 100 (cases)')
    .default(5),
  STATEMENT_TIMEOUT_MS: positiveInt('milliseconds').default(10_000),
  QUERY_MAX_DEPTH: positiveInt('levels').default(DEFAULT_QUERY_LIMITS.depth),
  QUERY_MAX_ALIASES: positiveInt('aliases').default(DEFAULT_QUERY_LIMITS.aliases),
  QUERY_MAX_COST: positiveInt('cost points').default(DEFAULT_QUERY_LIMITS.cost),
  QUERY_MAX_TOKENS: positiveInt('tokens').default(DEFAULT_QUERY_LIMITS.tokens),
  QUERY_MAX_BATCH: positiveInt('operations').default(DEFAULT_QUERY_LIMITS.batch),
  METRICS_TOKEN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^[\x21-\x7e]{32,}$/, 'must be at least 32 visible ASCII characters, no spaces (value not shown)')
      .optional(),
  ),
  METRICS_PORT: z.preprocess((v) => (v === '' ? undefined : v), port.optional()),
  METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
});

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  /** Set: postgres.js against a server. Unset: embedded PGlite in `dataDir` (demo mode). */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly portalDir: string;
  readonly logLevel: string;
  readonly dbPoolMax: number;
  readonly shutdownGraceMs: number;
  /**
   * After SIGTERM, how long the server goes on accepting (with /healthz at 503 and
   * `Connection: close`) before it stops listening: requests already sent get answered.
   */
  readonly shutdownDelayMs: number;
  /** Embedded mode is demo mode: demo data is seeded on first start. */
  readonly demo: boolean;
  /** Signs session tokens. Required with DATABASE_URL; generated into DATA_DIR in demo mode. */
  readonly sessionSecret: string | undefined;
  readonly sessionTtlMinutes: number;
  readonly loginMaxFailures: number;
  readonly loginWindowMinutes: number;
  /** Marks the session cookie Secure (HTTPS only). Default: on, except in demo mode. */
  readonly cookieSecure: boolean;
  /** Trust X-Forwarded-For for the client address (behind a reverse proxy). */
  readonly trustProxy: boolean;
  /** Master keys for SECRET fields, `id:base64,...` (first is current). Generated into DATA_DIR in demo mode. */
  readonly masterKeys: string | undefined;
  /**
   * Start even when the master keys do not open the database's data keys (a restore whose keys
   * are lost): logged as an error, and each SECRET field read fails. Default: refuse to start.
   */
  readonly startWithUnreadableSecrets: boolean;
  /**
   * A PostgreSQL read replica for analysts' statistics (same schema and roles as DATABASE_URL).
   * Unset: statistics are read in the request's own transaction.
   */
  readonly analyticsDatabaseUrl: string | undefined;
  /** Statistics groups with fewer cases than this are suppressed (ACCESS.md, "Analysts' statistics"). */
  readonly statisticsSuppressionThreshold: number;
  /** Every statement of a request's transaction is cut off after this long (QUERY_TOO_COMPLEX). */
  readonly statementTimeoutMs: number;
  /** Limits for ad hoc queries (API.md). */
  readonly queryLimits: QueryLimits;
  /**
   * `/metrics` (Prometheus) on the main port, only with `Authorization: Bearer <token>`; also
   * required on `metricsPort` when both are set. Neither set: no metrics at all (404).
   */
  readonly metricsToken: string | undefined;
  /** A separate listener for `/metrics` only (`0`: any free port), on `metricsHost`. */
  readonly metricsPort: number | undefined;
  /** Where the metrics listener binds: loopback unless told otherwise. */
  readonly metricsHost: string;
  /**
   * Security layers switched off to measure what they cost. Never read from the environment:
   * `loadConfig` always leaves it empty, and only the benchmark's own server process, which
   * builds its configuration in code, sets it (`benchLayers`).
   */
  readonly benchDisable: ReadonlySet<BenchLayer>;
}

/** The layers a benchmark may switch off: RLS (no SET ROLE), the audit append, query limits. */
export const BENCH_LAYERS = ['rls', 'audit', 'limits'] as const;
export type BenchLayer = (typeof BENCH_LAYERS)[number];

/**
 * Parses the benchmark's list of layers to switch off (`rls,audit,limits`). For the benchmark's
 * server process only: no environment variable of the server reaches it.
 */
export function benchLayers(value: string | undefined): ReadonlySet<BenchLayer> {
  const layers = (value ?? '')
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  for (const layer of layers) {
    if (!(BENCH_LAYERS as readonly string[]).includes(layer)) {
      throw new ConfigError(`Invalid benchmark layers: ${BENCH_LAYERS.join(', ')} only`);
    }
  }
  return new Set(layers as BenchLayer[]);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEFAULT_PORTAL_DIR = fileURLToPath(new URL('../../portal/dist', import.meta.url));

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`Invalid configuration: ${name} ${issue?.message ?? 'is invalid'}`);
  }
  const e = parsed.data;
  if (e.MASTER_KEYS) {
    try {
      parseKeyring(e.MASTER_KEYS);
    } catch {
      throw new ConfigError(
        'Invalid configuration: MASTER_KEYS must be id:base64-of-32-bytes[,id:...] (value not shown)',
      );
    }
  }
  if (e.ANALYTICS_DATABASE_URL && !e.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration: ANALYTICS_DATABASE_URL (a read replica) needs DATABASE_URL (its primary)',
    );
  }
  if (e.METRICS_PORT !== undefined && e.METRICS_PORT !== 0 && e.METRICS_PORT === e.PORT) {
    throw new ConfigError(
      'Invalid configuration: METRICS_PORT must differ from PORT (metrics have a listener of their own)',
    );
  }
  if (e.DATABASE_URL && !e.SESSION_SECRET) {
    throw new ConfigError(
      'Invalid configuration: SESSION_SECRET is required with DATABASE_URL (at least 32 characters)',
    );
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    // Relative to where the command was typed: pnpm runs package scripts inside the package, but
    // sets INIT_CWD to the caller's folder, so `pnpm start` and `pnpm seed` share one `./.data`.
    dataDir: resolve(env.INIT_CWD ?? process.cwd(), e.DATA_DIR),
    portalDir: resolve(e.PORTAL_DIR ?? DEFAULT_PORTAL_DIR),
    logLevel: e.LOG_LEVEL,
    dbPoolMax: e.DB_POOL_MAX,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    shutdownDelayMs: e.SHUTDOWN_DELAY_MS,
    demo: !e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET,
    sessionTtlMinutes: e.SESSION_TTL_MINUTES,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginWindowMinutes: e.LOGIN_WINDOW_MINUTES,
    cookieSecure: e.COOKIE_SECURE ? e.COOKIE_SECURE === 'true' : !!e.DATABASE_URL,
    trustProxy: e.TRUST_PROXY === 'true',
    masterKeys: e.MASTER_KEYS,
    startWithUnreadableSecrets: e.START_WITH_UNREADABLE_SECRETS === 'true',
    analyticsDatabaseUrl: e.ANALYTICS_DATABASE_URL,
    statisticsSuppressionThreshold: e.STATISTICS_SUPPRESSION_THRESHOLD,
    statementTimeoutMs: e.STATEMENT_TIMEOUT_MS,
    queryLimits: {
      depth: e.QUERY_MAX_DEPTH,
      aliases: e.QUERY_MAX_ALIASES,
      cost: e.QUERY_MAX_COST,
      tokens: e.QUERY_MAX_TOKENS,
      batch: e.QUERY_MAX_BATCH,
    },
    metricsToken: e.METRICS_TOKEN,
    metricsPort: e.METRICS_PORT,
    metricsHost: e.METRICS_HOST,
    benchDisable: new Set(),
  };
}

/**
 * The secrets a server process needs: from the environment, or, in demo mode only, generated
 * into DATA_DIR on first start. A server on PostgreSQL without them does not start.
 */
export function requireServerSecrets(config: Config): void {
  if (config.demo) return;
  if (!config.sessionSecret) {
    throw new ConfigError(
      'Invalid configuration: SESSION_SECRET is required with DATABASE_URL (at least 32 characters)',
    );
  }
  if (!config.masterKeys) {
    throw new ConfigError('Invalid configuration: MASTER_KEYS is required with DATABASE_URL');
  }
}
