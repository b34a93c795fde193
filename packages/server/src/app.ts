/**
 * Assembles one server process: `POST /graphql`, `GET /healthz`, and the built portal at `/`.
 * Data flows one way: HTTP → context → resolver → service → db.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { sessionKey as toSessionKey } from './auth/session-tokens.js';
import type { Config } from './config.js';
import { type DatabaseHandle, openDatabase } from './db/client.js';
import { createGraphqlEndpoint } from './graphql/endpoint.js';
import { loadPersistedDocuments, persistedDocumentsMiddleware } from './graphql/persisted-documents.js';
import { buildAppSchema } from './graphql/schema.js';
import type { Logger } from './logger.js';
import { createMetrics, METRICS_PATH, metricsEnabled } from './metrics/metrics.js';
import { EXPORT_CASES_PATH, exportCasesRoute } from './modules/export/export.route.js';
import { contextFactory } from './request/context-factory.js';
import type { Keyring } from './secrets/keyring.js';

export interface App {
  readonly httpServer: http.Server;
  /** Listens on the configured host and port (and the metrics listener's); resolves with the URL. */
  listen(): Promise<string>;
  /** The metrics listener's URL of `/metrics` once listening, when METRICS_PORT is set. */
  metricsUrl(): string | undefined;
  /**
   * Starts draining: /healthz answers 503 (`"status":"stopping"`) so load balancers move away,
   * and every response carries `Connection: close`, while requests go on being served.
   */
  beginDrain(): void;
  /** Stops accepting, finishes in-flight requests (up to the grace period), stops Apollo. */
  stop(): Promise<void>;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const HEALTH_TIMEOUT_MS = 2_000;

export async function createApp(options: {
  config: Config;
  database: DatabaseHandle;
  log: Logger;
  schema?: GraphQLSchema;
  /** Signs session tokens: `config.sessionSecret`, or the one generated in DATA_DIR. */
  sessionSecret: string;
  keyring: Keyring;
}): Promise<App> {
  const { config, database, log } = options;
  const sessionKey = toSessionKey(options.sessionSecret);
  const schema = options.schema ?? (await buildAppSchema());
  // Statistics read from a replica when one is configured (a pool of its own, opened here and
  // closed on stop); postgres.js connects on first use, so a replica that is down fails only them.
  const analyticsDatabase = config.analyticsDatabaseUrl
    ? await openDatabase({ databaseUrl: config.analyticsDatabaseUrl, poolMax: config.dbPoolMax })
    : undefined;

  // The portal's own operations arrive by hash and run from its build's list (persisted documents).
  const persisted = loadPersistedDocuments(join(config.portalDir, 'persisted-documents.json'));
  const metrics = metricsEnabled(config)
    ? createMetrics({
        config,
        schema,
        persisted,
        databases: [
          { name: 'primary', handle: database },
          ...(analyticsDatabase ? [{ name: 'analytics', handle: analyticsDatabase }] : []),
        ],
      })
    : undefined;
  const metricsServer =
    metrics && config.metricsPort !== undefined ? http.createServer(metrics.listenerHandler) : undefined;
  let metricsUrl: string | undefined;

  const app = express();
  app.disable('x-powered-by');
  // No ETag from res.send: the API's answers are never cached (no-store, below), and hashing each
  // answer cost a request a pass over its body.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  const httpServer = http.createServer(app);
  if (metrics) app.use(metrics.httpMiddleware);
  // Bounded requests: a client that trickles its headers or body is cut off (the database work of a
  // request is bounded by its statement timeout).
  httpServer.headersTimeout = 20_000;
  httpServer.requestTimeout = 60_000;
  let draining = false;
  // Security headers: a CSP that allows only the app's own origin (inline style attributes, which
  // the charts use, excepted), no framing, no MIME sniffing, no referrer sent elsewhere.
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          workerSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: config.cookieSecure,
    }),
  );
  app.use((_req, res, next) => {
    // While draining, no connection is kept for another request: each closes after its answer.
    if (draining) res.setHeader('Connection', 'close');
    next();
  });

  // A request id for every request: the caller's X-Request-Id when well-formed, else a new one.
  app.use(
    pinoHttp({
      logger: log,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === METRICS_PATH },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  app.get('/healthz', async (_req, res) => {
    if (draining) {
      res.setHeader('Cache-Control', 'no-store');
      res.status(503).json({ status: 'stopping' });
      return;
    }
    const ok = await withTimeout(database.ping(), HEALTH_TIMEOUT_MS).then(
      () => true,
      () => false,
    );
    res.setHeader('Cache-Control', 'no-store');
    if (ok) res.status(200).json({ status: 'ok', database: 'ok' });
    else res.status(503).json({ status: 'error', database: 'unavailable' });
  });

  const makeContext = contextFactory({ config, database, analyticsDatabase, sessionKey, keyring: options.keyring });
  const graphql = await createGraphqlEndpoint({
    schema,
    config,
    log,
    makeContext,
    processPlugins: [ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs })],
    ping: () => database.ping(),
    ...(metrics ? { onOperationEnd: metrics.operationEnded } : {}),
  });

  app.use(
    '/graphql',
    (_req, res, next) => {
      // Answers name people and places: no browser or proxy keeps a copy, for GET queries either.
      res.setHeader('Cache-Control', 'no-store');
      next();
    },
    express.json({ limit: '1mb' }),
    persistedDocumentsMiddleware(persisted),
    graphql.handler,
  );
  app.get(EXPORT_CASES_PATH, exportCasesRoute(makeContext));
  // Prometheus metrics: with METRICS_TOKEN only, else the same 404 as when they are off (never the portal).
  app.get(METRICS_PATH, async (req, res) => {
    if (metrics) await metrics.mainPortHandler(req, res);
    else res.status(404).type('text/plain').setHeader('Cache-Control', 'no-store').send('Not found\n');
  });

  // GraphiQL (built with the portal, no CDN) for signed-in callers only: the page and anything
  // under /graphiql. Its scripts are ordinary portal assets; the page is what is gated.
  const graphiqlHtml = join(config.portalDir, 'graphiql', 'index.html');
  app.use('/graphiql', async (req, res, next) => {
    try {
      const caller = await makeContext.identify(req);
      res.setHeader('Cache-Control', 'no-store');
      if (!caller.viewer || caller.credentialRejected) {
        res
          .status(401)
          .type('html')
          .send(
            '<!doctype html><meta charset="utf-8"><title>Sign in first</title>' +
              '<p>GraphiQL is for signed-in users. <a href="/">Sign in to the portal</a>, then come back to /graphiql.</p>',
          );
        return;
      }
      if (req.path !== '/' && req.path !== '/index.html') {
        next();
        return;
      }
      if (!existsSync(graphiqlHtml)) {
        res.status(503).type('text/plain').send('GraphiQL is not built: run `pnpm build`.\n');
        return;
      }
      res.sendFile(graphiqlHtml);
    } catch (error) {
      next(error);
    }
  });

  // The built portal, with the index page for the portal's own routes.
  const indexHtml = join(config.portalDir, 'index.html');
  app.use(express.static(config.portalDir, { index: 'index.html', fallthrough: true, maxAge: '1h' }));
  app.get('/{*path}', (_req, res) => {
    if (existsSync(indexHtml)) {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(indexHtml);
    } else {
      res.status(503).type('text/plain').send('The portal is not built: run `pnpm build`.\n');
    }
  });

  // Malformed or oversized bodies: a JSON error with a stable code, never express's HTML page.
  app.use((error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    const status = (error as { status?: number; statusCode?: number }).status ?? 500;
    if (res.headersSent) {
      next(error);
      return;
    }
    if (status === 413) {
      res.status(413).json({
        errors: [{ message: 'The request body is too large (at most 1 MB).', extensions: { code: 'BAD_REQUEST' } }],
      });
      return;
    }
    if (status === 400) {
      res
        .status(400)
        .json({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    log.error({ err: error }, 'unexpected error outside GraphQL');
    res
      .status(500)
      .json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  });

  return {
    httpServer,
    listen: async () => {
      if (metricsServer)
        metricsUrl = `${await listenOn(metricsServer, config.metricsPort ?? 0, config.metricsHost)}${METRICS_PATH}`;
      return listenOn(httpServer, config.port, config.host);
    },
    metricsUrl: () => metricsUrl,
    beginDrain: () => {
      draining = true;
    },
    stop: async () => {
      draining = true;
      try {
        await graphql.stop();
      } finally {
        metrics?.close();
        if (metricsServer?.listening) {
          const closed = new Promise((resolve) => metricsServer.close(resolve));
          metricsServer.closeAllConnections();
          await closed;
        }
        await analyticsDatabase?.close();
      }
    },
  };
}

/** Listens on `port` at `host`; resolves with the base URL. */
function listenOn(server: http.Server, port: number, host: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve(`http://${shown === '0.0.0.0' ? 'localhost' : shown}:${bound}`);
    });
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
