import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
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
 * presented credential that is not valid (forged, expired, revoked) fails everything. Thrown
 * from the root field's resolver, so the field answers null with the error at its path.
 */
export function requireSignedIn(context: AppContext, parent: string, field: string): void {
  if (context.credentialRejected) {
    throw new AppError('UNAUTHENTICATED', 'The session or token is not valid: sign in again.');
  }
  if (!context.viewer && !PUBLIC_ROOT_FIELDS.has(`${parent}.${field}`)) {
    throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  }
}

/**
 * Puts `requireSignedIn` in front of every root field of the schema (in place). Only root fields:
 * everything below one is reached through it. (As a type-graphql global middleware it wrapped
 * every field of every type in two promises, a quarter of a list's execution time.)
 */
export function guardRootFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, AppContext> = field.resolve ?? defaultFieldResolver;
      field.resolve = (root, args, context: AppContext, info) => {
        requireSignedIn(context, type.name, info.fieldName);
        return resolve(root, args, context, info);
      };
    }
  }
  return schema;
}
