/**
 * Builds a request's context: who is calling, its transaction scope, audit buffer and loaders.
 * Used by the GraphQL endpoint and by plain HTTP routes (CSV export) alike; whoever builds a
 * context must end it with `endRequest` (the GraphQL plugin does so in willSendResponse).
 */
import type { Request, Response } from 'express';
import { readCredential, resolveToken, SESSION_COOKIE } from '../auth/authenticate.js';
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

/** Every statement of a request's transaction is cut off after this long. */
export const STATEMENT_TIMEOUT_MS = 10_000;

export function contextFactory(deps: {
  config: Config;
  database: DatabaseHandle;
  /** The read replica for statistics, when ANALYTICS_DATABASE_URL is set. */
  analyticsDatabase?: DatabaseHandle | undefined;
  sessionKey: Uint8Array;
  keyring: Keyring;
}): (req: Request, res: Response) => Promise<AppContext> {
  const { config, database, sessionKey, keyring, analyticsDatabase } = deps;
  const cookieOptions = { httpOnly: true, sameSite: 'strict' as const, secure: config.cookieSecure, path: '/' };
  return async (req, res) => {
    const requestId = String((req as unknown as { id: string }).id);
    const credential = readCredential({ authorization: req.headers.authorization, cookie: req.headers.cookie });
    let viewer: Viewer | null = null;
    let credentialRejected = credential.kind === 'malformed';
    if (credential.kind === 'bearer' || credential.kind === 'cookie') {
      try {
        viewer = await resolveToken(database.db, sessionKey, credential.token);
      } catch (error) {
        // Apollo answers a failed context with 500 and the raw message; an unreachable database
        // is a stable, retryable 503 instead.
        if (isDatabaseUnavailable(error)) throw serviceUnavailable();
        throw error;
      }
      // A stale portal cookie makes the caller anonymous (so they can sign in again);
      // an invalid Bearer token fails the request.
      if (!viewer && credential.kind === 'bearer') credentialRejected = true;
    }
    const audit = new AuditBuffer({
      actorId: viewer?.userId ?? null,
      organizationId: viewer?.organizationId ?? null,
      requestId,
    });
    if (credentialRejected || (credential.kind === 'cookie' && !viewer)) {
      audit.record({ action: 'auth.credential', outcome: 'DENIED', detail: { credential: credential.kind } });
    }
    const scope = new RequestScope(database.db, viewer, STATEMENT_TIMEOUT_MS, audit);
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
}

/** Ends a request: its audit events are appended and its transaction commits (or all rolls back). */
export async function endRequest(ctx: AppContext): Promise<void> {
  await ctx.scope.finish(ctx.audit.drain());
}
