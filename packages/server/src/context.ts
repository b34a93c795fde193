import type { DatabaseHandle } from './db/client.js';
import type { Logger } from './logger.js';

/** Everything request-scoped, made once per request in the context factory. */
export interface AppContext {
  readonly requestId: string;
  readonly log: Logger;
  readonly database: DatabaseHandle;
  /** The signed-in caller; null for anonymous requests (identity lands with the access issue). */
  readonly viewer: null;
}
