/** Reading the API's typed errors (`extensions.code`, `extensions.paths`) for the screens. */
import { CombinedGraphQLErrors } from '@apollo/client';

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR'
  | 'NETWORK';

interface ApiError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

function errorsOf(error: unknown): readonly ApiError[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors as readonly ApiError[];
  return [];
}

/** The first error's code; NETWORK for a failure without a GraphQL answer. */
export function errorCode(error: unknown): ErrorCode | undefined {
  if (!error) return undefined;
  const first = errorsOf(error)[0];
  if (!first) return 'NETWORK';
  return (first.extensions?.code as ErrorCode | undefined) ?? 'INTERNAL_SERVER_ERROR';
}

/** The first error's message from the server (English), for detail under a translated summary. */
export function errorDetail(error: unknown): string | undefined {
  return errorsOf(error)[0]?.message;
}

/**
 * The errors that are not FORBIDDEN field denials: a denied field is shown as "not available to
 * your role" where it is, not as an error of the whole page.
 */
export function blockingError(error: unknown): unknown {
  if (!error) return undefined;
  if (!CombinedGraphQLErrors.is(error)) return error;
  const rest = error.errors.filter((e) => e.extensions?.code !== 'FORBIDDEN' || !e.path?.length);
  return rest.length > 0 ? error : undefined;
}

/** The paths of fields the API denied (FORBIDDEN with a path), joined with dots, list indexes dropped. */
export function deniedPaths(error: unknown): ReadonlySet<string> {
  const paths = new Set<string>();
  for (const e of errorsOf(error)) {
    if (e.extensions?.code === 'FORBIDDEN' && e.path?.length) {
      paths.add(e.path.filter((p) => typeof p === 'string').join('.'));
    }
  }
  return paths;
}

/**
 * BAD_USER_INPUT errors mapped to form fields: `extensions.paths` like `['input', 'principal',
 * 'givenName']` become `principal.givenName` once the `prefix` (`['input']`) is taken off.
 */
export function fieldErrors(error: unknown, prefix: readonly string[] = ['input']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errorsOf(error)) {
    if (e.extensions?.code !== 'BAD_USER_INPUT') continue;
    const paths = (e.extensions.paths as Array<Array<string | number>> | undefined) ?? [];
    for (const path of paths) {
      const rest = prefix.every((p, i) => path[i] === p) ? path.slice(prefix.length) : path;
      const key = rest.filter((p) => typeof p === 'string').join('.');
      if (key && !(key in out)) out[key] = e.message;
    }
  }
  return out;
}
