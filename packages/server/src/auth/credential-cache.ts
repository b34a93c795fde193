/**
 * Session callers remembered between requests, so that a signed-in caller's request does not
 * wait for a lookup of its session before it starts (docs/BENCHMARKS.md, Round 6).
 *
 * Remembering never trusts: a request that starts from a remembered caller carries a check of the
 * session (authenticate.ts, `sessionCheckSql`) in its own transaction, sent ahead of the caller's
 * settings, and its answer is sent only once the check has passed. If the session was revoked or
 * expired, the user deactivated, or the user's roles, name or organization changed, the
 * transaction rolls back, the caller is forgotten, and the request runs again from a fresh lookup
 * (endpoint.ts), which answers as it would have without this cache. Only session tokens are
 * remembered (an API token's lookup also records its last use), and only for single GraphQL
 * operations (the export streams rows before its end; each operation of a batch commits on its own).
 *
 * Keyed by a hash of the token: the process keeps no bearer secret it did not receive.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Viewer } from '../policy/viewer.js';

/** How long a caller is remembered at most, whatever their token's own expiry. */
const REMEMBER_MS = 5 * 60_000;
const MAX_CALLERS = 10_000;

export class CredentialCache {
  private readonly callers = new LRUCache<string, Viewer>({ max: MAX_CALLERS, ttl: REMEMBER_MS });

  private static key(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }

  /** The caller remembered for `token`, if any (never past the token's own expiry). */
  get(token: string): Viewer | undefined {
    return this.callers.get(CredentialCache.key(token));
  }

  /** Remembers a session caller until the token expires (or REMEMBER_MS, whichever comes first). */
  remember(token: string, viewer: Viewer, tokenExpiresAt: number): void {
    const ttl = Math.min(REMEMBER_MS, tokenExpiresAt - Date.now());
    if (viewer.via.kind !== 'session' || ttl <= 0) return;
    this.callers.set(CredentialCache.key(token), viewer, { ttl });
  }

  forget(token: string): void {
    this.callers.delete(CredentialCache.key(token));
  }
}
