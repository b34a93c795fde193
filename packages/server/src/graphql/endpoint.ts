/**
 * `POST /graphql` (and GET): one Apollo Server per caller's schema.
 *
 * Apollo Server validates and executes against the one schema it was started with, so each set
 * of roles gets its own server, started on first use and kept: its schema is the full one without
 * what those roles can never read (role-schema.ts), so introspection, validation and field
 * suggestions name only what the caller may see. Anonymous callers (and rejected credentials)
 * get the full schema for execution (so everything but sign-in answers UNAUTHENTICATED), with no
 * introspection and no suggestions. All servers share the same plugins, limits and error masking.
 *
 * The portal's own operations, sent by hash from its build's list (persisted-documents.ts), are
 * the exception: fixed and reviewed, they run on the full schema (no introspection, no
 * suggestions), where the per-field policy answers FORBIDDEN for what the caller may not read.
 *
 * Batches (a JSON array of operations) are accepted up to the batch limit; each operation runs as
 * its own request, with its own context and transaction, one after the other. (Apollo's own
 * batching shares one context between operations run in parallel, which our one-transaction-per-
 * request scope cannot.)
 */
import { parse as parseUrl } from 'node:url';
import {
  ApolloServer,
  type ApolloServerPlugin,
  type GraphQLRequestContextWillSendResponse,
  HeaderMap,
  type HTTPGraphQLRequest,
  type HTTPGraphQLResponse,
} from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { NextFunction, Request, Response } from 'express';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import type { Logger } from '../logger.js';
import { type ContextFactory, endRequest } from '../request/context-factory.js';
import { StaleCallerError } from '../request/scope.js';
import { AppError, ErrorCode, maskError, RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE_MESSAGE } from './errors.js';
import { inputHygienePlugin } from './input-hygiene.js';
import { costLimitPlugin, limitError, limitErrorFor, limitValidationRules } from './limits.js';
import { RoleSchemas } from './role-schema.js';

export interface GraphqlEndpoint {
  /** The express handler for `/graphql` (after `express.json()`). */
  readonly handler: (req: Request, res: Response, next: NextFunction) => Promise<void>;
  /** The schema a caller with these roles sees (for tests and tools). */
  readonly roleSchemas: RoleSchemas;
  /** Stops every Apollo Server started so far. */
  stop(): Promise<void>;
}

const ANONYMOUS = 'anonymous';
const STALE_CALLER = Symbol('stale caller');
/** After this long without an answer, a request asks whether the database is still there. */
const WATCHDOG_MS = 5_500;

export async function createGraphqlEndpoint(options: {
  schema: GraphQLSchema;
  config: Config;
  log: Logger;
  makeContext: ContextFactory;
  /** Plugins for the first server only (the HTTP drain: one is enough for the process). */
  processPlugins: ApolloServerPlugin<AppContext>[];
  /** Checks the database (resolves when it answers): the watchdog's question when a request lingers. */
  ping?: () => Promise<void>;
  /** Called with each operation's final answer (after commit) and its time in seconds (metrics). */
  onOperationEnd?: (requestContext: GraphQLRequestContextWillSendResponse<AppContext>, seconds: number) => void;
}): Promise<GraphqlEndpoint> {
  const { config, log, makeContext } = options;
  const development = config.env === 'development';
  const limits = config.queryLimits;
  // Benchmarks only (config.benchDisable, set in code): measure what the limits cost.
  const noLimits = config.benchDisable.has('limits');
  const roleSchemas = new RoleSchemas(options.schema);
  const servers = new Map<string, Promise<ApolloServer<AppContext>>>();

  const endOfRequest: ApolloServerPlugin<AppContext> = {
    // Each request's transaction ends with its response: audit appended, then commit.
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(requestContext) {
          const { contextValue, response } = requestContext;
          // A statement cut off by the timeout aborts the transaction: nothing of the request
          // commits, and the answer says only that (no partial data that was rolled back).
          const timedOut =
            response.body.kind === 'single' &&
            !!response.body.singleResult.errors?.some((e) => e.extensions?.limit === 'timeout');
          try {
            await endRequest(contextValue, { rollBack: timedOut });
            if (timedOut && response.body.kind === 'single') {
              const timeout = response.body.singleResult.errors?.find((e) => e.extensions?.limit === 'timeout');
              response.body.singleResult = { data: null, errors: timeout ? [timeout] : [] };
            }
          } catch (error) {
            // The caller was remembered and is no longer as remembered: everything rolled back,
            // and the handler runs the request again from a fresh lookup. This answer is dropped;
            // it is emptied all the same, so that nothing read for the stale caller could leave.
            if (error instanceof StaleCallerError) {
              if (response.body.kind === 'single') {
                response.body.singleResult = {
                  errors: [
                    {
                      message: 'The session or token is not valid: sign in again.',
                      extensions: { code: 'UNAUTHENTICATED', requestId: contextValue.requestId },
                    },
                  ],
                };
              }
              return;
            }
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
          options.onOperationEnd?.(requestContext, (performance.now() - started) / 1000);
        },
      };
    },
  };

  /**
   * A signed-in caller's operation refused before it ran (a field outside their schema, a limit)
   * is audited as an attempt, like a denied mutation; never with the query's text or values.
   */
  const auditRefusals: ApolloServerPlugin<AppContext> = {
    async requestDidStart() {
      return {
        async validationDidStart({ contextValue }) {
          return async (errors) => {
            if (!errors?.length || !contextValue.viewer) return;
            const tooComplex = errors.some(isTooComplex);
            contextValue.audit.record({
              action: 'graphql.rejected',
              outcome: 'DENIED',
              detail: { code: tooComplex ? 'QUERY_TOO_COMPLEX' : 'GRAPHQL_VALIDATION_FAILED', errors: errors.length },
            });
          };
        },
      };
    },
  };

  const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (isDatabaseUnavailable(error) && formatted.extensions?.code !== ErrorCode.SERVICE_UNAVAILABLE) {
      log.warn({ err: error, path: formatted.path }, 'database unavailable while resolving');
      return {
        message: SERVICE_UNAVAILABLE_MESSAGE,
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    const limited = limitErrorFor(formatted, error, limits, config.statementTimeoutMs);
    if (limited) return limited;
    const masked = maskError(formatted, { development });
    if (masked.extensions?.code === 'INTERNAL_SERVER_ERROR') {
      log.error({ err: error, path: formatted.path }, 'unexpected error while resolving');
    }
    return masked;
  };

  const start = (key: string, schema: GraphQLSchema, anonymous: boolean) => {
    const server = new ApolloServer<AppContext>({
      schema,
      csrfPrevention: true,
      // No automatic persisted queries: a client cannot register operations (persisted-documents.ts).
      persistedQueries: false,
      // main.ts owns the shutdown sequence (HTTP, then the database).
      stopOnTerminationSignals: false,
      includeStacktraceInErrorResponses: development,
      // Anonymous callers: no introspection, and no "Did you mean …" naming any field.
      introspection: !anonymous,
      hideSchemaDetailsFromClientErrors: anonymous,
      parseOptions: noLimits ? {} : { maxTokens: limits.tokens },
      validationRules: noLimits ? [] : limitValidationRules(limits),
      plugins: [
        // Answers are per caller and never cached by HTTP: without this, Apollo's default cache
        // control plugin hooks into the resolution of every field.
        ApolloServerPluginCacheControlDisabled(),
        ...(servers.size === 0 ? options.processPlugins : []),
        inputHygienePlugin<AppContext>(),
        endOfRequest,
        auditRefusals,
        ...(noLimits ? [] : [costLimitPlugin(limits)]),
      ],
      formatError,
    });
    const started = server.start().then(() => server);
    servers.set(key, started);
    // A server that failed to start is not kept: the next request tries again.
    started.catch(() => servers.delete(key));
    return started;
  };

  const serverFor = (caller: Awaited<ReturnType<ContextFactory['identify']>>) => {
    if (!caller.viewer || caller.credentialRejected) {
      return servers.get(ANONYMOUS) ?? start(ANONYMOUS, roleSchemas.full, true);
    }
    const key = RoleSchemas.key(caller.viewer.roles);
    return servers.get(key) ?? start(key, roleSchemas.for(caller.viewer.roles), false);
  };

  await start(ANONYMOUS, roleSchemas.full, true);

  /**
   * Runs one operation in a context of its own; STALE_CALLER when it ran on a remembered caller
   * whose session check failed (its transaction rolled back; nothing of it may be sent).
   */
  const execute = async (
    server: ApolloServer<AppContext>,
    req: Request,
    res: Response,
    body: unknown,
  ): Promise<HTTPGraphQLResponse | typeof STALE_CALLER> => {
    let context: AppContext | undefined;
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: toHttpGraphQLRequest(req, body),
      context: async () => {
        context = await makeContext(req, res);
        return context;
      },
    });
    return context?.scope.callerStale ? STALE_CALLER : response;
  };

  const unavailable = (res: Response) => {
    if (res.headersSent) return;
    res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
    res.status(503).json({
      errors: [{ message: SERVICE_UNAVAILABLE_MESSAGE, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } }],
    });
  };

  const handler = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    // A request still unanswered after a few seconds while the database does not answer a ping
    // gets its 503 now: during an outage no request hangs, whatever the driver is waiting for.
    // (Its transaction, if any, never commits: the database is gone.)
    const watchdog = options.ping
      ? setTimeout(() => {
          if (res.headersSent) return;
          const ping = options.ping?.() ?? Promise.resolve();
          const timeout = new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error('timeout')), 1_000).unref(),
          );
          Promise.race([ping, timeout]).then(
            () => undefined,
            () => {
              log.warn({ url: req.url }, 'database unavailable: answering a lingering request with 503');
              unavailable(res);
            },
          );
        }, WATCHDOG_MS)
      : undefined;
    watchdog?.unref();
    res.once('close', () => clearTimeout(watchdog));
    try {
      const body: unknown = req.body;
      // A remembered caller only for a single operation: its answer waits for its transaction,
      // which checks the session (credential-cache.ts).
      const caller = await makeContext.identify(req, { remembered: !Array.isArray(body) });
      // The portal's own operations (persisted documents, fixed at build time) run on the full
      // schema, where a field the caller may not read answers null + FORBIDDEN per ACCESS.md; what
      // a caller writes themselves is validated against their role's schema.
      const serverOf = async (who: typeof caller) =>
        res.locals.persistedDocument
          ? await (servers.get(ANONYMOUS) ?? start(ANONYMOUS, roleSchemas.full, true))
          : await serverFor(who);
      const server = await serverOf(caller);
      if (req.method === 'POST' && Array.isArray(body)) {
        if (body.length > limits.batch) {
          const error = limitError('batch', limits.batch);
          const { http: _http, ...extensions } = error.extensions;
          res.status(400).json({ errors: [{ message: error.message, extensions }] });
          return;
        }
        if (body.length === 0) {
          res.status(400).json({ errors: [{ message: 'No operations.', extensions: { code: 'BAD_REQUEST' } }] });
          return;
        }
        // One after the other, each as its own request (own context, transaction and audit).
        const parts: string[] = [];
        let status = 200;
        for (const operation of body) {
          const response = await server.executeHTTPGraphQLRequest({
            httpGraphQLRequest: toHttpGraphQLRequest(req, operation),
            context: () => makeContext(req, res),
          });
          if (response.body.kind !== 'complete') throw new Error('incremental delivery in a batch');
          for (const [name, value] of response.headers) if (name !== 'content-length') res.setHeader(name, value);
          if (response.status && response.status !== 200) status = response.status;
          parts.push(response.body.string);
        }
        res.statusCode = status;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.send(`[${parts.join(',')}]`);
        return;
      }
      let response = await execute(server, req, res, body);
      if (response === STALE_CALLER) {
        // Once more, from a fresh lookup of the credential: as if it had never been remembered.
        const fresh = await makeContext.identify(req, { fresh: true });
        const again = await execute(await serverOf(fresh), req, res, body);
        if (again === STALE_CALLER) throw new Error('a freshly looked-up caller was found stale');
        response = again;
      }
      if (res.headersSent) return; // the watchdog answered already
      await send(res, response);
    } catch (error) {
      if (res.headersSent) return; // the watchdog answered already
      // Who is calling could not be read: the database is unreachable. A stable, retryable 503.
      if (
        isDatabaseUnavailable(error) ||
        (error instanceof AppError && error.extensions.code === 'SERVICE_UNAVAILABLE')
      ) {
        if (!res.headersSent) {
          res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
          res.status(503).json({
            errors: [{ message: SERVICE_UNAVAILABLE_MESSAGE, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } }],
          });
          return;
        }
      }
      next(error);
    }
  };

  return {
    handler,
    roleSchemas,
    stop: async () => {
      const all = await Promise.allSettled([...servers.values()]);
      await Promise.all(all.flatMap((s) => (s.status === 'fulfilled' ? [s.value.stop()] : [])));
    },
  };
}

/** Express's request as Apollo's HTTP request (as @as-integrations/express5 does it). */
function toHttpGraphQLRequest(req: Request, body: unknown): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return { method: req.method.toUpperCase(), headers, search: parseUrl(req.url).search ?? '', body };
}

async function send(res: Response, response: HTTPGraphQLResponse): Promise<void> {
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status || 200;
  if (response.body.kind === 'complete') {
    res.send(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

const isTooComplex = (error: unknown) => error instanceof AppError && error.extensions.code === 'QUERY_TOO_COMPLEX';
