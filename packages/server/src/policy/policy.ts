/**
 * The one policy: what a caller may see and do, decided from their roles and their
 * organization's relation to a case (ACCESS.md). Services ask it; resolvers never re-derive it.
 */
import {
  type FieldClass,
  type Grant,
  grantFor,
  type OrganizationKind,
  Relation,
  ROLE_ORGANIZATION_KINDS,
  type Role,
  seesCase,
} from '@hrd/schema';
import type { Viewer } from './viewer.js';

/** A case as the policy sees it: the caller's relation, and who is assigned at IRCC. */
export interface CaseAccess {
  readonly relation: Relation | null;
  readonly assignedOfficerId?: string | null;
}

export type Operation = 'read' | 'write';

/** Whether the caller may read or write a class of fields of a case. */
export function can(viewer: Viewer, access: CaseAccess, fieldClass: FieldClass, operation: Operation): boolean {
  const grant: Grant = grantFor(access.relation, viewer.roles, fieldClass);
  switch (grant) {
    case 'write':
      return true;
    case 'read':
      return operation === 'read';
    case 'assigned':
      return operation === 'read' && !!access.assignedOfficerId && access.assignedOfficerId === viewer.userId;
    default:
      // 'aggregate' is never a per-case read: it reaches the caller only through statistics.
      return false;
  }
}

/** Whether the case exists at all for the caller (any access to its META). */
export function caseVisible(viewer: Viewer, relation: Relation | null): boolean {
  return seesCase(relation, viewer.roles);
}

/** The relations under which the caller's roles see a case: the filter for lists and counts. */
export function visibleRelations(viewer: Viewer): Relation[] {
  return Relation.filter((relation) => seesCase(relation, viewer.roles));
}

/** Actions that are not about one case's fields: typed, never scattered strings. */
export type Permission =
  | 'user:manage'
  | 'organization:register_third_party'
  | 'organization:list_third_parties'
  | 'token:manage_own'
  | 'audit:read_trail';

/** Whether the caller holds a permission (case-independent actions). */
export function hasPermission(viewer: Viewer, permission: Permission): boolean {
  const roles = viewer.roles;
  switch (permission) {
    case 'user:manage':
      return roles.includes('ORG_ADMIN');
    case 'organization:register_third_party':
      return roles.includes('ORG_ADMIN') && viewer.organizationKind === 'PD';
    case 'organization:list_third_parties':
      return viewer.organizationKind === 'PD' || viewer.organizationKind === 'THIRD_PARTY';
    case 'token:manage_own':
      return true;
    case 'audit:read_trail':
      return roles.some((r) => r === 'CASEWORKER' || r === 'INTAKE_COORDINATOR' || r === 'REFERRER' || r === 'OFFICER');
  }
}

/** The roles an organization of this kind may hold (DOMAIN.md, "Who does what"). */
export function rolesAllowedFor(kind: OrganizationKind): Role[] {
  return (Object.keys(ROLE_ORGANIZATION_KINDS) as Role[]).filter((role) =>
    ROLE_ORGANIZATION_KINDS[role].includes(kind),
  );
}
