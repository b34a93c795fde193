/**
 * `/metrics` in Prometheus's text format (prom-client), for operators only.
 *
 * What is measured (every label from a bounded set; never a user's data, id, or a caller-chosen
 * name — operation-label.ts):
 * - HTTP: requests by route (`graphql`, `healthz`, `export`, `graphiql`, `metrics`, `portal`),
 *   method and status, and their latency by route;
 * - GraphQL: operations by `operation` and `source`, their latency (from the start of the
 *   operation to its committed answer), and answers carrying errors by `extensions.code`;
 * - the database client (db/stats.ts): pool size, transactions holding a connection, statements in
 *   flight, statements by outcome and their latency, per database (`primary`, `analytics`);
 * - the process (prom-client's defaults): memory, CPU, event-loop lag, GC, handles.
 *
 * Not public (config.ts): served on the main port only with `Authorization: Bearer METRICS_TOKEN`
 * (compared in constant time), and/or on a listener of its own (METRICS_PORT, bound to
 * METRICS_HOST, loopback by default). Without either, there are no metrics at all. Every refusal —
 * off, no token, a wrong token — is the same plain 404, so a prober learns nothing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type { GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import type { DatabaseHandle } from '../db/client.js';
import { isKnownErrorCode } from '../graphql/errors.js';
import type { PersistedDocuments } from '../graphql/persisted-documents.js';
import { OperationLabels } from './operation-label.js';

export const METRICS_PATH = '/metrics';

const ROUTES: ReadonlyArray<[string, (path: string) => boolean]> = [
  ['graphql', (p) => p === '/graphql'],
  ['healthz', (p) => p === '/healthz'],
  ['metrics', (p) => p === METRICS_PATH],
  ['export', (p) => p.startsWith('/export/')],
  ['graphiql', (p) => p === '/graphiql' || p.startsWith('/graphiql/')],
];
const METHODS = new Set(['GET', 'POST', 'HEAD', 'OPTIONS']);

/** The route label of a path: one of a few fixed names; everything else is the portal's. */
export function routeOf(path: string): string {
  for (const [name, matches] of ROUTES) if (matches(path)) return name;
  return 'portal';
}

const LATENCY_BUCKETS = [0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const QUERY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface Metrics {
  readonly registry: Registry;
  /** Counts every HTTP request when its answer is sent (mount first). */
  readonly httpMiddleware: (req: Request, res: Response, next: NextFunction) => void;
  /** Records one GraphQL operation once its answer is final (after commit). */
  operationEnded(requestContext: GraphQLRequestContextWillSendResponse<AppContext>, seconds: number): void;
  /** `GET /metrics` on the main port: with the token, else 404. */
  readonly mainPortHandler: (req: Request, res: Response) => Promise<void>;
  /** The whole request handler of the metrics listener (METRICS_PORT). */
  readonly listenerHandler: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  /** Stops listening to the databases' statements. */
  close(): void;
}

/** Whether metrics are on at all. */
export const metricsEnabled = (config: Config): boolean =>
  config.metricsToken !== undefined || config.metricsPort !== undefined;

export function createMetrics(options: {
  config: Config;
  schema: GraphQLSchema;
  persisted: PersistedDocuments;
  databases: ReadonlyArray<{ name: string; handle: DatabaseHandle }>;
}): Metrics {
  const { config } = options;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const httpRequests = new Counter({
    name: 'hrd_http_requests_total',
    help: 'HTTP requests answered, by route, method and status code.',
    labelNames: ['route', 'method', 'status'] as const,
    registers,
  });
  const httpDuration = new Histogram({
    name: 'hrd_http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to the end of its answer, by route.',
    labelNames: ['route'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const operations = new Counter({
    name: 'hrd_graphql_operations_total',
    help: 'GraphQL operations answered, by operation (the portal persisted name, or the root field of an ad hoc document) and source (persisted or adhoc).',
    labelNames: ['operation', 'source'] as const,
    registers,
  });
  const operationDuration = new Histogram({
    name: 'hrd_graphql_operation_duration_seconds',
    help: 'Time from the start of a GraphQL operation to its committed answer, by operation and source.',
    labelNames: ['operation', 'source'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const errors = new Counter({
    name: 'hrd_graphql_errors_total',
    help: 'GraphQL answers carrying at least one error with this extensions.code, by code and operation.',
    labelNames: ['code', 'operation'] as const,
    registers,
  });

  const databases = options.databases;
  new Gauge({
    name: 'hrd_db_pool_max_connections',
    help: 'The database connection pool size (DB_POOL_MAX; 1 for the embedded PGlite).',
    labelNames: ['database'] as const,
    registers,
    collect() {
      for (const d of databases) this.set({ database: d.name }, d.handle.stats.poolMax);
    },
  });
  new Gauge({
    name: 'hrd_db_transactions_open',
    help: 'Database transactions begun and not ended: each holds a pooled connection, or waits for one (a GraphQL request holds one from its first statement to its commit).',
    labelNames: ['database'] as const,
    registers,
    collect() {
      for (const d of databases) this.set({ database: d.name }, d.handle.stats.transactionsOpen);
    },
  });
  new Gauge({
    name: 'hrd_db_queries_in_flight',
    help: 'Database statements sent or waiting for a connection, and not yet answered.',
    labelNames: ['database'] as const,
    registers,
    collect() {
      for (const d of databases) this.set({ database: d.name }, d.handle.stats.queriesInFlight);
    },
  });
  const queries = new Counter({
    name: 'hrd_db_queries_total',
    help: 'Database statements answered, by outcome (ok or error).',
    labelNames: ['database', 'outcome'] as const,
    registers,
  });
  const queryDuration = new Histogram({
    name: 'hrd_db_query_duration_seconds',
    help: 'Time from a database statement asking for a connection to its answer.',
    labelNames: ['database'] as const,
    buckets: QUERY_BUCKETS,
    registers,
  });
  const unsubscribe = databases.map((d) =>
    d.handle.stats.onQuery((seconds, ok) => {
      queries.inc({ database: d.name, outcome: ok ? 'ok' : 'error' });
      queryDuration.observe({ database: d.name }, seconds);
    }),
  );

  const labels = new OperationLabels(options.schema, options.persisted);

  const httpMiddleware = (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    res.once('finish', () => {
      // originalUrl: a mounted handler (`app.use('/graphql', …)`) sees its path without the mount point.
      const route = routeOf(req.originalUrl.split('?')[0] ?? '');
      const method = METHODS.has(req.method) ? req.method : 'other';
      httpRequests.inc({ route, method, status: String(res.statusCode) });
      httpDuration.observe({ route }, (performance.now() - started) / 1000);
    });
    next();
  };

  const operationEnded: Metrics['operationEnded'] = (requestContext, seconds) => {
    const { operation, source } = labels.label(
      requestContext.document,
      requestContext.request.operationName,
      requestContext.source,
    );
    operations.inc({ operation, source });
    operationDuration.observe({ operation, source }, seconds);
    const body = requestContext.response.body;
    if (body.kind !== 'single') return;
    const codes = new Set<string>();
    for (const error of body.singleResult.errors ?? []) {
      const code = error.extensions?.code;
      codes.add(typeof code === 'string' && isKnownErrorCode(code) ? code : 'OTHER');
    }
    for (const code of codes) errors.inc({ code, operation });
  };

  const expected = config.metricsToken ? digest(config.metricsToken) : undefined;
  /** With a token configured, the request must carry it; without one, only the listener serves. */
  const authorized = (authorization: string | undefined): boolean => {
    if (!expected) return true;
    const match = /^Bearer ([\x21-\x7e]+)$/.exec(authorization ?? '');
    // Both sides hashed to 32 bytes: the comparison takes the same time whatever was sent.
    return timingSafeEqual(digest(match?.[1] ?? ''), expected);
  };

  const render = async (): Promise<{ contentType: string; body: string }> => ({
    contentType: registry.contentType,
    body: await registry.metrics(),
  });

  const mainPortHandler = async (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    if (!config.metricsToken || !authorized(req.headers.authorization)) {
      notFound(res);
      return;
    }
    const { contentType, body } = await render();
    res.status(200).type(contentType).send(body);
  };

  const listenerHandler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    res.setHeader('Cache-Control', 'no-store');
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      path !== METRICS_PATH ||
      !authorized(req.headers.authorization)
    ) {
      notFound(res);
      return;
    }
    render().then(
      ({ contentType, body }) => {
        res.writeHead(200, { 'Content-Type': contentType });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Internal server error\n');
      },
    );
  };

  return {
    registry,
    httpMiddleware,
    operationEnded,
    mainPortHandler,
    listenerHandler,
    close: () => {
      for (const stop of unsubscribe) stop();
    },
  };
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The one refusal, whether metrics are off, the token is missing or the token is wrong. */
function notFound(res: http.ServerResponse): void {
  res.statusCode = 404;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end('Not found\n');
}
