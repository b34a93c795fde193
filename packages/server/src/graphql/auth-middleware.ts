import type { MiddlewareFn } from 'type-graphql';
import type { AppContext } from '../context.js';
import { AppError } from './errors.js';

/** Root fields open to anonymous callers; everything else needs a valid session or token. */
export const PUBLIC_ROOT_FIELDS: ReadonlySet<string> = new Set([
  'Query.organizations',
  'Mutation.login',
  'Mutation.logout',
]);

/**
 * Default deny: every root field requires a signed-in caller unless listed above, and a
 * presented credential that is not valid (forged, expired, revoked) fails everything.
 */
export const requireSignedIn: MiddlewareFn<AppContext> = async ({ context, info }, next) => {
  const parent = info.parentType.name;
  if (parent === 'Query' || parent === 'Mutation' || parent === 'Subscription') {
    if (context.credentialRejected) {
      throw new AppError('UNAUTHENTICATED', 'The session or token is not valid: sign in again.');
    }
    if (!context.viewer && !PUBLIC_ROOT_FIELDS.has(`${parent}.${info.fieldName}`)) {
      throw new AppError('UNAUTHENTICATED', 'Sign in first.');
    }
  }
  return next();
};
