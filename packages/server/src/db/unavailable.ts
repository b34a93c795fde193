/**
 * Telling "the database cannot be reached" apart from every other failure, so that a request
 * that meets it gets a stable SERVICE_UNAVAILABLE (HTTP 503, retry later) rather than an
 * INTERNAL_SERVER_ERROR, and so that the connection pool's reconnect delay stays short.
 */

/** postgres.js's own connection errors and the socket errors it passes on. */
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs that mean the server is going away or not accepting work: class 08 (connection
 * exception), admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections.
 */
const UNAVAILABLE_SQLSTATE = /^(08\w{3}|57P01|57P02|57P03|53300)$/;

/** Whether `error` (or anything in its `cause` / `originalError` chain) says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; errno?: unknown; cause?: unknown; originalError?: unknown };
    if (typeof e.code === 'string' && (CONNECTION_CODES.has(e.code) || UNAVAILABLE_SQLSTATE.test(e.code))) {
      return true;
    }
    if (current instanceof AggregateError && current.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = e.originalError ?? e.cause;
  }
  return false;
}

/**
 * postgres.js waits before it reconnects a closed connection, and by default lets that wait grow
 * to 20 s after repeated failures. A query that lands on such a connection waits it out, so
 * while the database is down requests would hang for up to 20 s, and after it is back they
 * could keep failing for as long. Reconnects happen only when a query needs one, so a short,
 * capped delay does not hammer the database: at most one attempt per connection slot per wait.
 */
export function reconnectDelaySeconds(retries: number): number {
  return Math.min(0.05 * 2 ** retries, 0.5);
}
