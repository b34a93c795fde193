/**
 * The Apollo client: same-origin `/graphql` with the session cookie, and one error link that
 * tells the session when the API answers UNAUTHENTICATED (an expired or revoked session).
 */
import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';

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

export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([unauthenticatedLink, new HttpLink({ uri: '/graphql', credentials: 'same-origin' })]),
    cache: new InMemoryCache({
      typePolicies: {
        // Nested objects without ids are replaced, not merged, when a case is read again.
        Case: { fields: { assessment: { merge: false }, immigrationFile: { merge: false } } },
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
