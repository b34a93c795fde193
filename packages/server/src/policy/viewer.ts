import type { OrganizationKind, Role } from '@hrd/schema';

/** The signed-in caller, as the context factory found them. */
export interface Viewer {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  readonly organizationId: string;
  readonly organizationKind: OrganizationKind;
  readonly roles: readonly Role[];
  /** How the caller proved who they are. */
  readonly via:
    | { readonly kind: 'session'; readonly sessionId: string }
    | { readonly kind: 'api_token'; readonly tokenId: string };
}
