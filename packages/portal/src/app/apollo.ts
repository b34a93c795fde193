/**
 * The Apollo client: same-origin `/graphql` with the session cookie, and one error link that
 * tells the session when the API answers UNAUTHENTICATED (an expired or revoked session).
 */
import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';

type Listener = (operationName: string) => void;
const listeners = new Set<Listener>();

/** Called with the operation's name whenever an answer says UNAUTHENTICATED. */
export function onUnauthenticated(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const unauthenticatedLink = new ErrorLink(({ error, operation }) => {
  const unauthenticated =
    (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) ||
    ('statusCode' in error && (error as { statusCode?: number }).statusCode === 401);
  if (unauthenticated) for (const listener of listeners) listener(operation.operationName ?? '');
});

/**
 * The portal's operations go by hash: codegen gives each one a SHA-256 (`__meta__.hash`), and the
 * server keeps the same list as its allowlist of the portal's operations (persisted-documents.json).
 * A hash the server does not know (an older portal still open in a tab) falls back to the full
 * text, which then goes through the limits for ad hoc queries.
 */
const persistedLink = new PersistedQueryLink({
  generateHash: (document) => {
    const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
    if (!hash) throw new Error('an operation without a persisted hash: run pnpm codegen');
    return hash.replace(/^sha256:/, '');
  },
});

export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([
      unauthenticatedLink,
      persistedLink,
      new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
    ]),
    cache: new InMemoryCache({
      typePolicies: {
        // Nested objects without ids are replaced, not merged, when a case is read again.
        Case: { fields: { assessment: { merge: false }, immigrationFile: { merge: false } } },
        // One `statistics` object (no id) answers the quota, case counts and processing times of
        // several queries: merged, so that one query's answer does not drop another's fields.
        Statistics: { merge: true },
      },
    }),
    defaultOptions: {
      watchQuery: { errorPolicy: 'all', fetchPolicy: 'cache-and-network' },
      query: { errorPolicy: 'all' },
    },
  });
}

// Every query answers what it could read alongside the errors: a field the policy denies is null
// with a FORBIDDEN error, and screens show it as "not available to your role".
declare module '@apollo/client' {
  export namespace ApolloClient {
    export namespace DeclareDefaultOptions {
      interface WatchQuery {
        errorPolicy: 'all';
      }
      interface Query {
        errorPolicy: 'all';
      }
    }
  }
}
