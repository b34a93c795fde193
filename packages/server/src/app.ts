/**
 * Assembles one server process: `POST /graphql`, `GET /healthz`, and the built portal at `/`.
 * Data flows one way: HTTP → context → resolver → service → db.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { pinoHttp } from 'pino-http';
import { sessionKey as toSessionKey } from './auth/session-tokens.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { type DatabaseHandle, openDatabase } from './db/client.js';
import { isDatabaseUnavailable } from './db/unavailable.js';
import { ErrorCode, maskError, RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE_MESSAGE } from './graphql/errors.js';
import { inputHygienePlugin } from './graphql/input-hygiene.js';
import { buildAppSchema } from './graphql/schema.js';
import type { Logger } from './logger.js';
import { EXPORT_CASES_PATH, exportCasesRoute } from './modules/export/export.route.js';
import { contextFactory, endRequest } from './request/context-factory.js';
import type { Keyring } from './secrets/keyring.js';

export interface App {
  readonly httpServer: http.Server;
  /** Listens on the configured host and port; resolves with the URL. */
  listen(): Promise<string>;
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
  const development = config.env === 'development';
  const schema = options.schema ?? (await buildAppSchema());
  // Statistics read from a replica when one is configured (a pool of its own, opened here and
  // closed on stop); postgres.js connects on first use, so a replica that is down fails only them.
  const analyticsDatabase = config.analyticsDatabaseUrl
    ? await openDatabase({ databaseUrl: config.analyticsDatabaseUrl, poolMax: config.dbPoolMax })
    : undefined;

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const httpServer = http.createServer(app);
  let draining = false;
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
      autoLogging: { ignore: (req) => req.url === '/healthz' },
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

  const apollo = new ApolloServer<AppContext>({
    schema,
    csrfPrevention: true,
    // main.ts owns the shutdown sequence (HTTP, then the database).
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: development,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
      inputHygienePlugin<AppContext>(),
      {
        // Each request's transaction ends with its response: audit appended, then commit.
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue, response }) {
              try {
                await endRequest(contextValue);
              } catch (error) {
                const unavailable = isDatabaseUnavailable(error);
                if (unavailable) contextValue.log.warn({ err: error }, 'database unavailable: the request rolled back');
                else contextValue.log.error({ err: error }, 'could not commit the request (audit or transaction)');
                if (response.body.kind === 'single') {
                  response.body.singleResult = {
                    errors: [
                      unavailable
                        ? {
                            message: SERVICE_UNAVAILABLE_MESSAGE,
                            extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, requestId: contextValue.requestId },
                          }
                        : {
                            message: 'Internal server error',
                            extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: contextValue.requestId },
                          },
                    ],
                  };
                }
              }
              // A request that met an unreachable database did nothing: say so at the HTTP level too.
              if (
                response.body.kind === 'single' &&
                response.body.singleResult.errors?.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)
              ) {
                response.http.status = 503;
                response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
              }
            },
          };
        },
      },
    ],
    formatError: (formatted, error) => {
      if (isDatabaseUnavailable(error) && formatted.extensions?.code !== ErrorCode.SERVICE_UNAVAILABLE) {
        log.warn({ err: error, path: formatted.path }, 'database unavailable while resolving');
        return {
          message: SERVICE_UNAVAILABLE_MESSAGE,
          ...(formatted.path ? { path: formatted.path } : {}),
          extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
        };
      }
      const masked = maskError(formatted, { development });
      if (masked.extensions?.code === 'INTERNAL_SERVER_ERROR') {
        log.error({ err: error, path: formatted.path }, 'unexpected error while resolving');
      }
      return masked;
    },
  });
  await apollo.start();

  const makeContext = contextFactory({ config, database, analyticsDatabase, sessionKey, keyring: options.keyring });

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => makeContext(req, res),
    }),
  );
  app.get(EXPORT_CASES_PATH, exportCasesRoute(makeContext));

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

  return {
    httpServer,
    listen: () =>
      new Promise<string>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject);
          const address = httpServer.address();
          const port = typeof address === 'object' && address ? address.port : config.port;
          const host = config.host.includes(':') ? `[${config.host}]` : config.host;
          resolve(`http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);
        });
      }),
    beginDrain: () => {
      draining = true;
    },
    stop: async () => {
      draining = true;
      try {
        await apollo.stop();
      } finally {
        await analyticsDatabase?.close();
      }
    },
  };
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
