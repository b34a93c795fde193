/**
 * The one policy: what a caller may see and do, decided from their roles and their
 * organization's relation to a case (ACCESS.md). Services ask it; resolvers never re-derive it.
 */
import {
  FieldClass,
  type Grant,
  grantFor,
  type OrganizationKind,
  RELATION_ORGANIZATION_KINDS,
  Relation,
  ROLE_ORGANIZATION_KINDS,
  type Role,
  schemaShows,
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

/**
 * Whether the caller's GraphQL schema shows a class (`schemaShows`): the classes their roles can
 * read on some case. Also the check for data that names a case outside the case's own fields (a
 * notification's reference, the export's columns).
 */
export function canEverRead(viewer: Viewer, fieldClass: FieldClass): boolean {
  return schemaShows(viewer.roles, fieldClass);
}

/**
 * Whether any of the caller's reads depends on the case's assigned officer (an 'assigned' grant,
 * ACCESS.md: IRCC internals for the officer assigned). Where none does, queries need not look
 * the officer up: `can()` never consults it.
 */
export function readsDependOnAssignment(viewer: Viewer): boolean {
  return visibleRelations(viewer).some((relation) =>
    FieldClass.some((fieldClass) => grantFor(relation, viewer.roles, fieldClass) === 'assigned'),
  );
}

/** Whether the case exists at all for the caller (any access to its META). */
export function caseVisible(viewer: Viewer, relation: Relation | null): boolean {
  return seesCase(relation, viewer.roles);
}

/**
 * The relations under which the caller's roles see a case: the filter for lists and counts. Only
 * relations the caller's organization can stand in (IRCC is never FORMER), so that a grant of a
 * relation that cannot occur (FORMER × ANALYST) never counts for the caller.
 */
export function visibleRelations(viewer: Viewer): Relation[] {
  return Relation.filter(
    (relation) =>
      RELATION_ORGANIZATION_KINDS[relation].includes(viewer.organizationKind) && seesCase(relation, viewer.roles),
  );
}

/**
 * Domain actions (DOMAIN.md, "Who does what"), beyond the field classes a change writes: typed,
 * never scattered strings. Services combine them with `can()` on the case.
 */
export type Permission =
  | 'user:manage'
  | 'organization:register_third_party'
  | 'organization:list_third_parties'
  | 'case:refer'
  | 'case:withdraw'
  | 'transfer:submit'
  | 'transfer:distribute'
  | 'transfer:offer'
  | 'transfer:receive_submission'
  | 'transfer:receive_distribution'
  | 'transfer:receive_offer'
  | 'ircc:process'
  | 'ircc:answer_request'
  | 'statistics:read';

const holds = (viewer: Viewer, role: Role, kinds?: readonly OrganizationKind[]) =>
  viewer.roles.includes(role) && (!kinds || kinds.includes(viewer.organizationKind));

/** Whether the caller holds a permission. */
export function hasPermission(viewer: Viewer, permission: Permission): boolean {
  switch (permission) {
    case 'user:manage':
      return holds(viewer, 'ORG_ADMIN');
    case 'organization:register_third_party':
      return holds(viewer, 'ORG_ADMIN', ['PD']);
    case 'organization:list_third_parties':
      return viewer.organizationKind === 'PD' || viewer.organizationKind === 'THIRD_PARTY';
    case 'case:refer':
      return holds(viewer, 'CASEWORKER', ['UNHCR', 'FLD', 'PD']);
    case 'case:withdraw':
      return holds(viewer, 'CASEWORKER');
    case 'transfer:submit':
      return holds(viewer, 'REFERRER', ['THIRD_PARTY']);
    case 'transfer:distribute':
      return holds(viewer, 'INTAKE_COORDINATOR', ['PD']);
    case 'transfer:offer':
      return holds(viewer, 'CASEWORKER', ['FLD', 'PD']);
    case 'transfer:receive_submission':
      return holds(viewer, 'INTAKE_COORDINATOR');
    case 'transfer:receive_distribution':
    case 'transfer:receive_offer':
      return holds(viewer, 'CASEWORKER');
    case 'ircc:process':
      return holds(viewer, 'OFFICER', ['IRCC']);
    case 'ircc:answer_request':
      return holds(viewer, 'CASEWORKER', ['UNHCR', 'FLD', 'PD']);
    case 'statistics:read':
      // Suppressed aggregates over the cases IRCC sees (ACCESS.md, "Analysts' statistics").
      return holds(viewer, 'ANALYST', ['IRCC']) || holds(viewer, 'OFFICER', ['IRCC']);
  }
}

/**
 * Who reads a case's audit trail (ACCESS.md, "auditTrail"): its custodian's case workers and
 * IRCC officers of a referred case.
 */
export function canReadAuditTrail(viewer: Viewer, relation: Relation | null): boolean {
  if (relation === 'CUSTODIAN')
    return viewer.roles.some((r) => r === 'CASEWORKER' || r === 'INTAKE_COORDINATOR' || r === 'REFERRER');
  return relation === 'IRCC' && viewer.roles.includes('OFFICER');
}

/** The roles an organization of this kind may hold (DOMAIN.md, "Who does what"). */
export function rolesAllowedFor(kind: OrganizationKind): Role[] {
  return (Object.keys(ROLE_ORGANIZATION_KINDS) as Role[]).filter((role) =>
    ROLE_ORGANIZATION_KINDS[role].includes(kind),
  );
}
