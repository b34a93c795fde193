/**
 * Builds a request's context: who is calling, its transaction scope, audit buffer and loaders.
 * Used by the GraphQL endpoint and by plain HTTP routes (CSV export) alike; whoever builds a
 * context must end it with `endRequest` (the GraphQL plugin does so in willSendResponse).
 */
import type { Request, Response } from 'express';
import { readCredential, resolveToken, SESSION_COOKIE, sessionCheckSql } from '../auth/authenticate.js';
import { CredentialCache } from '../auth/credential-cache.js';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import type { DatabaseHandle } from '../db/client.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { serviceUnavailable } from '../graphql/errors.js';
import type { Logger } from '../logger.js';
import { createLoaders } from '../modules/cases/cases.loaders.js';
import type { Viewer } from '../policy/viewer.js';
import type { Keyring } from '../secrets/keyring.js';
import { AuditBuffer } from './audit-buffer.js';
import { RequestScope } from './scope.js';

/** Who is calling, as read from the request's credential (once per HTTP request). */
export interface RequestCaller {
  readonly viewer: Viewer | null;
  /** A credential was presented and is not valid. */
  readonly credentialRejected: boolean;
  readonly credentialKind: ReturnType<typeof readCredential>['kind'];
  /**
   * The viewer was remembered from an earlier request, not looked up for this one: the request's
   * transaction checks the session before its answer is sent (credential-cache.ts).
   */
  readonly remembered: boolean;
}

export interface IdentifyOptions {
  /**
   * A remembered session caller may be used (single GraphQL operations only, whose answers wait
   * for the end of their transaction).
   */
  readonly remembered?: boolean;
  /** Forget what was found for this request (and the remembered caller): look the token up again. */
  readonly fresh?: boolean;
}

export type ContextFactory = ((req: Request, res: Response) => Promise<AppContext>) & {
  /** The caller of a request, resolved once and shared by every context made for it. */
  readonly identify: (req: Request, options?: IdentifyOptions) => Promise<RequestCaller>;
};

export function contextFactory(deps: {
  config: Config;
  database: DatabaseHandle;
  /** The read replica for statistics, when ANALYTICS_DATABASE_URL is set. */
  analyticsDatabase?: DatabaseHandle | undefined;
  sessionKey: Uint8Array;
  keyring: Keyring;
}): ContextFactory {
  const { config, database, sessionKey, keyring, analyticsDatabase } = deps;
  const layers = { skipRls: config.benchDisable.has('rls'), skipAudit: config.benchDisable.has('audit') };
  const cookieOptions = { httpOnly: true, sameSite: 'strict' as const, secure: config.cookieSecure, path: '/' };
  const callers = new WeakMap<Request, Promise<RequestCaller>>();
  const remembered = new CredentialCache();
  const identify = (req: Request, options: IdentifyOptions = {}): Promise<RequestCaller> => {
    const credential = readCredential({ authorization: req.headers.authorization, cookie: req.headers.cookie });
    const token = credential.kind === 'bearer' || credential.kind === 'cookie' ? credential.token : undefined;
    if (options.fresh) {
      callers.delete(req);
      if (token) remembered.forget(token);
    }
    let caller = callers.get(req);
    if (!caller) {
      caller = (async () => {
        const known = token && options.remembered ? remembered.get(token) : undefined;
        if (known)
          return { viewer: known, credentialRejected: false, credentialKind: credential.kind, remembered: true };
        let viewer: Viewer | null = null;
        let credentialRejected = credential.kind === 'malformed';
        if (token) {
          try {
            const found = await resolveToken(database.db, sessionKey, token);
            viewer = found?.viewer ?? null;
            if (found?.tokenExpiresAt !== undefined) remembered.remember(token, found.viewer, found.tokenExpiresAt);
          } catch (error) {
            // An unreachable database is a stable, retryable 503 (SERVICE_UNAVAILABLE), not a 500.
            if (isDatabaseUnavailable(error)) throw serviceUnavailable();
            throw error;
          }
          // A stale portal cookie makes the caller anonymous (so they can sign in again);
          // an invalid Bearer token fails the request.
          if (!viewer && credential.kind === 'bearer') credentialRejected = true;
        }
        return { viewer, credentialRejected, credentialKind: credential.kind, remembered: false };
      })();
      callers.set(req, caller);
    }
    return caller;
  };
  const makeContext = async (req: Request, res: Response): Promise<AppContext> => {
    const requestId = String((req as unknown as { id: string }).id);
    const caller = await identify(req);
    const { viewer, credentialRejected, credentialKind } = caller;
    const credential = { kind: credentialKind };
    const audit = new AuditBuffer({
      actorId: viewer?.userId ?? null,
      organizationId: viewer?.organizationId ?? null,
      requestId,
    });
    if (credentialRejected || (credential.kind === 'cookie' && !viewer)) {
      audit.record({ action: 'auth.credential', outcome: 'DENIED', detail: { credential: credential.kind } });
    }
    const scope = new RequestScope(
      database.db,
      viewer,
      config.statementTimeoutMs,
      audit,
      layers,
      caller.remembered && viewer ? sessionCheckSql(viewer) : undefined,
    );
    return {
      requestId,
      log: (req as unknown as { log: Logger }).log,
      config,
      database,
      analyticsDatabase,
      viewer,
      credentialRejected,
      scope,
      audit,
      sessionKey,
      keyring,
      loaders: createLoaders(() => scope.tx()),
      http: {
        clientAddress: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        setSessionCookie: (token, expiresAt) => {
          res.cookie(SESSION_COOKIE, token, { ...cookieOptions, expires: expiresAt });
        },
        clearSessionCookie: () => {
          res.clearCookie(SESSION_COOKIE, cookieOptions);
        },
      },
    };
  };
  return Object.assign(makeContext, { identify });
}

/**
 * Ends a request: its audit events are appended and its transaction commits (or all rolls back).
 * `rollBack`: the transaction cannot commit (statement timeout); it rolls back and the audit
 * events are appended on their own.
 */
export async function endRequest(ctx: AppContext, options: { rollBack?: boolean } = {}): Promise<void> {
  if (options.rollBack) await ctx.scope.rollBackKeepingAudit(ctx.audit.drain());
  else await ctx.scope.finish(ctx.audit.drain());
}
