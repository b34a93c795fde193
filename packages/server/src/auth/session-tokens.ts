/**
 * Session tokens: HS256 JWTs (jose) carrying the session id as `jti`. The signature proves the
 * server issued them; the `sessions` row lets logout and deactivation revoke them at once.
 */
import { errors, jwtVerify, SignJWT } from 'jose';

const ISSUER = 'hrd-referral-exchange';
const AUDIENCE = 'hrd-api';

export interface SessionClaims {
  readonly userId: string;
  readonly sessionId: string;
}

export function sessionKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signSessionToken(key: Uint8Array, claims: SessionClaims, expiresAt: Date): Promise<string> {
  return new SignJWT({ typ: 'session' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(claims.userId)
    .setJti(claims.sessionId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key);
}

/**
 * The claims of a valid, unexpired token signed by us, with its expiry (ms since the epoch);
 * null for anything else (alg:none included).
 */
export async function verifySessionToken(
  key: Uint8Array,
  token: string,
): Promise<(SessionClaims & { readonly expiresAt: number }) | null> {
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
    if (
      payload.typ !== 'session' ||
      typeof payload.sub !== 'string' ||
      typeof payload.jti !== 'string' ||
      typeof payload.exp !== 'number'
    ) {
      return null;
    }
    return { userId: payload.sub, sessionId: payload.jti, expiresAt: payload.exp * 1000 };
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof TypeError) return null;
    throw error;
  }
}
