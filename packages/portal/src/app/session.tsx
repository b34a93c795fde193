/**
 * Who is signed in. The portal signs in with the httpOnly session cookie that `login` sets; `me`
 * tells on start whether a session is still valid. An UNAUTHENTICATED answer while signed in
 * (the session expired or was ended elsewhere) returns to sign-in with a message.
 */
import { CombinedGraphQLErrors } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { graphql } from '../gql';
import type { MeQuery } from '../gql/graphql';
import { onUnauthenticated } from './apollo';

export const MeDocument = graphql(`
  query Me {
    me {
      id
      displayName
      email
      roles
      organization {
        id
        name
        kind
      }
    }
  }
`);

const LoginDocument = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      expiresAt
      user {
        id
        displayName
        email
        roles
        organization {
          id
          name
          kind
        }
      }
    }
  }
`);

const LogoutDocument = graphql(`
  mutation Logout {
    logout
  }
`);

export type Me = MeQuery['me'];
export type SignedOutReason = 'expired' | 'signedOut' | null;

type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut'; reason: SignedOutReason }
  | { status: 'signedIn'; me: Me };

interface Session {
  state: SessionState;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    let cancelled = false;
    client
      .query({ query: MeDocument, fetchPolicy: 'network-only', errorPolicy: 'all' })
      .then(({ data }) => {
        if (cancelled) return;
        if (data?.me) setState({ status: 'signedIn', me: data.me });
        else setState({ status: 'signedOut', reason: null });
      })
      .catch(() => {
        if (!cancelled) setState({ status: 'signedOut', reason: null });
      });
    return () => {
      cancelled = true;
    };
  }, [client]);

  useEffect(
    () =>
      onUnauthenticated((operationName) => {
        if (operationName === 'Login' || operationName === 'Logout') return;
        if (stateRef.current.status !== 'signedIn') return;
        setState({ status: 'signedOut', reason: 'expired' });
        void client.clearStore();
      }),
    [client],
  );

  const signIn = useCallback(
    async (email: string, password: string) => {
      const result = await client.mutate({ mutation: LoginDocument, variables: { email, password } });
      const user = result.data?.login.user;
      if (!user) throw result.error ?? new Error('no session');
      await client.clearStore();
      setState({ status: 'signedIn', me: user });
    },
    [client],
  );

  const signOut = useCallback(async () => {
    try {
      await client.mutate({ mutation: LogoutDocument });
    } catch (error) {
      // Already signed out (expired): nothing to end.
      if (!CombinedGraphQLErrors.is(error)) throw error;
    }
    await client.clearStore();
    setState({ status: 'signedOut', reason: 'signedOut' });
  }, [client]);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user (only inside the signed-in part of the app). */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useMe while signed out');
  return state.me;
}

export type Role = Me['roles'][number];

/** The user's main role, which decides the home page and navigation. */
export function primaryRole(me: Me): Role | 'NONE' {
  const order: Role[] = ['OFFICER', 'ANALYST', 'INTAKE_COORDINATOR', 'CASEWORKER', 'REFERRER', 'ORG_ADMIN'];
  return order.find((role) => me.roles.includes(role)) ?? 'NONE';
}
