/** Signing in as the demo users, for HTTP-level tests. */
import { DEMO_PASSWORD } from '@hrd/server';
import type { GraphqlResponse, TestServer } from './server.js';

export const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { token expiresAt user { id email roles organization { id kind } } }
}`;

export interface SignedIn {
  readonly token: string;
  readonly userId: string;
  readonly organizationId: string;
  /** POSTs an operation as this user (Bearer token). */
  graphql<T = unknown>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<T>>;
}

export async function signIn(
  server: Pick<TestServer, 'graphql'>,
  email: string,
  password = DEMO_PASSWORD,
): Promise<SignedIn> {
  const { body } = await server.graphql<{
    login: { token: string; user: { id: string; organization: { id: string } } };
  }>(LOGIN, { email, password });
  const login = body.data?.login;
  if (!login) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(body.errors)}`);
  return {
    token: login.token,
    userId: login.user.id,
    organizationId: login.user.organization.id,
    graphql: (query, variables) => server.graphql(query, variables, { authorization: `Bearer ${login.token}` }),
  };
}

export const codeOf = (response: GraphqlResponse<unknown>) => response.body.errors?.[0]?.extensions?.code;
