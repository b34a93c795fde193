/**
 * Who is calling: a session token (Authorization: Bearer, or the portal's session cookie) or an
 * API token (Bearer). Revocation, expiry, deactivation and the organization are checked on every
 * request against the database, so they take effect at once: by a lookup before the request, or,
 * for a session caller remembered from an earlier request (credential-cache.ts), by a check in
 * the request's own transaction that must pass before its answer is sent.
 */
import type { OrganizationKind, Role } from '@hrd/schema';
import { parse as parseCookie } from 'cookie';
import { type SQL, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../db/client.js';
import type { Viewer } from '../policy/viewer.js';
import { hashApiToken, looksLikeApiToken } from './api-tokens.js';
import { verifySessionToken } from './session-tokens.js';

export const SESSION_COOKIE = 'hrd_session';

export type Credential =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'cookie'; token: string }
  | { kind: 'malformed' };

export function readCredential(headers: {
  authorization?: string | undefined;
  cookie?: string | undefined;
}): Credential {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer ([A-Za-z0-9._~+/=-]{10,4096})$/.exec(authorization.trim());
    return match?.[1] ? { kind: 'bearer', token: match[1] } : { kind: 'malformed' };
  }
  const cookie = headers.cookie ? parseCookie(headers.cookie)[SESSION_COOKIE] : undefined;
  return cookie ? { kind: 'cookie', token: cookie } : { kind: 'none' };
}

interface ViewerRow extends Record<string, unknown> {
  user_id: string;
  email: string;
  display_name: string;
  roles: Role[];
  organization_id: string;
  organization_kind: OrganizationKind;
  credential_id: string;
}

const toViewer = (row: ViewerRow, via: Viewer['via']): Viewer => ({
  userId: row.user_id,
  email: row.email,
  displayName: row.display_name,
  organizationId: row.organization_id,
  organizationKind: row.organization_kind,
  roles: row.roles,
  via,
});

/**
 * The session `claims` name, live (not revoked, not expired, its user active), with its user
 * and organization: the condition of both the lookup and the check of a remembered caller.
 */
const liveSession = (sessionId: string, userId: string) =>
  sql`FROM sessions s JOIN users u ON u.id = s.user_id JOIN organizations o ON o.id = u.organization_id
     WHERE s.id = ${sessionId} AND s.user_id = ${userId}
       AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`;

/** A caller resolved from a token, and how long the credential itself is good for. */
export interface ResolvedCaller {
  readonly viewer: Viewer;
  /** A session token's own expiry (ms since the epoch); absent for API tokens. */
  readonly tokenExpiresAt?: number;
}

/** The caller for a token, or null when it is invalid, expired, revoked or its user inactive. */
export async function resolveToken(db: Database, key: Uint8Array, token: string): Promise<ResolvedCaller | null> {
  if (looksLikeApiToken(token)) {
    const [row] = await queryRows<ViewerRow>(
      db,
      sql`UPDATE api_tokens t SET last_used_at = now()
            FROM users u JOIN organizations o ON o.id = u.organization_id
           WHERE t.token_hash = ${hashApiToken(token)} AND u.id = t.user_id
             AND t.revoked_at IS NULL AND t.expires_at > now() AND u.active
       RETURNING u.id AS user_id, u.email, u.display_name, u.roles, o.id AS organization_id,
                 o.kind AS organization_kind, t.id AS credential_id`,
    );
    return row ? { viewer: toViewer(row, { kind: 'api_token', tokenId: row.credential_id }) } : null;
  }
  const claims = await verifySessionToken(key, token);
  if (!claims) return null;
  const [row] = await queryRows<ViewerRow>(
    db,
    sql`SELECT u.id AS user_id, u.email, u.display_name, u.roles, o.id AS organization_id,
               o.kind AS organization_kind, s.id AS credential_id
          ${liveSession(claims.sessionId, claims.userId)}`,
  );
  return row
    ? { viewer: toViewer(row, { kind: 'session', sessionId: row.credential_id }), tokenExpiresAt: claims.expiresAt }
    : null;
}

/**
 * The check of a remembered session caller (credential-cache.ts), run in the request's own
 * transaction: one row if the session is still live and its user, roles and organization are
 * still exactly `viewer`'s; none otherwise. Run as the server's own role, ahead of the caller's
 * settings.
 */
export function sessionCheckSql(viewer: Viewer): SQL {
  if (viewer.via.kind !== 'session') throw new Error('Only session callers are remembered.');
  return sql`SELECT 1 AS live ${liveSession(viewer.via.sessionId, viewer.userId)}
       AND u.email = ${viewer.email} AND u.display_name = ${viewer.displayName}
       AND u.roles = ${`{${viewer.roles.join(',')}}`}::text[]
       AND o.id = ${viewer.organizationId} AND o.kind = ${viewer.organizationKind}`;
}
