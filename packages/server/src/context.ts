import type { Config } from './config.js';
import type { DatabaseHandle } from './db/client.js';
import type { Logger } from './logger.js';
import type { Loaders } from './modules/cases/cases.loaders.js';
import type { Viewer } from './policy/viewer.js';
import type { AuditBuffer } from './request/audit-buffer.js';
import type { RequestScope } from './request/scope.js';
import type { Keyring } from './secrets/keyring.js';

/** What a request's HTTP side offers resolvers: the client address and the session cookie. */
export interface HttpExchange {
  readonly clientAddress: string;
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
}

/** Everything request-scoped, made once per request in the context factory. */
export interface AppContext {
  readonly requestId: string;
  readonly log: Logger;
  readonly config: Config;
  readonly database: DatabaseHandle;
  /** The read replica for statistics (ANALYTICS_DATABASE_URL), when configured. */
  readonly analyticsDatabase: DatabaseHandle | undefined;
  /** The signed-in caller; null for anonymous requests. */
  readonly viewer: Viewer | null;
  /** A credential was presented and is not valid: everything answers UNAUTHENTICATED. */
  readonly credentialRejected: boolean;
  /** The request's transaction, as the caller (RLS applies). */
  readonly scope: RequestScope;
  readonly audit: AuditBuffer;
  readonly http: HttpExchange;
  readonly sessionKey: Uint8Array;
  /** Master keys for the SECRET fields' envelope encryption. */
  readonly keyring: Keyring;
  readonly loaders: Loaders;
}
