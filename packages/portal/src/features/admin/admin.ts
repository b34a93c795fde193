/** The operations of the users and API tokens screens, with the mutations as hooks. */
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { OrganizationKind, Role } from '../../gql/graphql';

export const Users = graphql(`
  query Users {
    users {
      id
      displayName
      email
      roles
      active
    }
  }
`);

const CreateUser = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      displayName
      email
      roles
      active
    }
  }
`);

const DeactivateUser = graphql(`
  mutation DeactivateUser($id: ID!) {
    deactivateUser(id: $id) {
      id
      active
    }
  }
`);

export const ApiTokens = graphql(`
  query ApiTokens {
    apiTokens {
      id
      name
      createdAt
      expiresAt
      lastUsedAt
      revokedAt
    }
  }
`);

const CreateApiToken = graphql(`
  mutation CreateApiToken($name: String!, $expiresInDays: Int!) {
    createApiToken(name: $name, expiresInDays: $expiresInDays) {
      token
      apiToken {
        id
        name
        createdAt
        expiresAt
        lastUsedAt
        revokedAt
      }
    }
  }
`);

const RevokeApiToken = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
      revokedAt
    }
  }
`);

export function useCreateUser() {
  return useMutation(CreateUser, { refetchQueries: [Users], awaitRefetchQueries: true });
}

export function useDeactivateUser() {
  return useMutation(DeactivateUser);
}

export function useCreateApiToken() {
  return useMutation(CreateApiToken, { refetchQueries: [ApiTokens], awaitRefetchQueries: true });
}

export function useRevokeApiToken() {
  return useMutation(RevokeApiToken);
}

/**
 * The roles an organization of each kind may hold (DOMAIN.md, "Who does what"; the server's
 * `ROLE_ORGANIZATION_KINDS` decides, and refuses any other with BAD_USER_INPUT on `roles`).
 * Offering only these spares the admin a refusal.
 */
export const ROLES_BY_KIND: Record<OrganizationKind, readonly Role[]> = {
  UNHCR: ['CASEWORKER', 'ORG_ADMIN'],
  FLD: ['CASEWORKER', 'ORG_ADMIN'],
  PD: ['CASEWORKER', 'INTAKE_COORDINATOR', 'ORG_ADMIN'],
  THIRD_PARTY: ['REFERRER', 'ORG_ADMIN'],
  IRCC: ['OFFICER', 'ANALYST', 'ORG_ADMIN'],
};

/** The shortest password the server accepts (`MIN_PASSWORD_LENGTH`). */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_TOKEN_DAYS = 365;
