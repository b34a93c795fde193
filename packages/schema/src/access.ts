/**
 * ACCESS.md as data: the one table that the server's policy module, the database's row-level
 * security and the matrix tests all read. Change access here, nowhere else.
 */
import { type OrganizationKind, ROLE_ORGANIZATION_KINDS, type Role } from './enums.js';

/** An organization's relation to a case (ACCESS.md, "Relations"). No relation: the case does not exist. */
export const Relation = ['CUSTODIAN', 'RECEIVER', 'IRCC', 'FORMER'] as const;
export type Relation = (typeof Relation)[number];

/**
 * Classes of case fields (ACCESS.md, "Field classes"), plus `REFERENCE`: the case's
 * human-readable reference (and what finds a case by it: `caseByReference`, the
 * `referencePrefix` filter), which ACCESS.md counts as META. Issue #7 decided that analysts'
 * per-case rows carry no reference, so it is a class of its own, granted as META is except to
 * ANALYST (ARCHITECTURE.md, "Decisions"). It comes last so that the first seven are ACCESS.md's
 * columns in order.
 */
export const FieldClass = [
  'META',
  'QUASI',
  'IDENTITY',
  'CHARGES',
  'ASSESSMENT',
  'SECRET',
  'IRCC_INTERNAL',
  'REFERENCE',
] as const;
export type FieldClass = (typeof FieldClass)[number];

/**
 * What a cell of the matrix grants:
 * - `none`: denied;
 * - `read`, `write` (write includes read);
 * - `aggregate`: only through suppressed aggregates, never per case (analysts' QUASI);
 * - `assigned`: read, but only by the officer assigned to the case's immigration file (SECRET).
 */
export type Grant = 'none' | 'read' | 'write' | 'aggregate' | 'assigned';

export interface AccessRow {
  readonly relation: Relation;
  readonly roles: readonly Role[];
  readonly grants: { readonly [C in FieldClass]: Grant };
}

const ALL_CASE_ROLES: readonly Role[] = ['CASEWORKER', 'INTAKE_COORDINATOR', 'REFERRER', 'OFFICER', 'ANALYST'];

/**
 * The matrix. A role grants nothing outside these rows: an ORG_ADMIN (without a case-working
 * role) has no row, so no case exists for them; FORMER covers every case-working role of the
 * former holder's organization.
 */
export const ACCESS_MATRIX: readonly AccessRow[] = [
  {
    relation: 'CUSTODIAN',
    roles: ['CASEWORKER', 'INTAKE_COORDINATOR'],
    grants: {
      META: 'read',
      QUASI: 'read',
      IDENTITY: 'write',
      CHARGES: 'write',
      ASSESSMENT: 'write',
      SECRET: 'write',
      IRCC_INTERNAL: 'none',
      REFERENCE: 'read',
    },
  },
  {
    relation: 'RECEIVER',
    roles: ['CASEWORKER', 'INTAKE_COORDINATOR'],
    grants: {
      META: 'read',
      QUASI: 'read',
      IDENTITY: 'read',
      CHARGES: 'read',
      ASSESSMENT: 'read',
      SECRET: 'none',
      IRCC_INTERNAL: 'none',
      REFERENCE: 'read',
    },
  },
  {
    relation: 'IRCC',
    roles: ['OFFICER'],
    grants: {
      META: 'read',
      QUASI: 'read',
      IDENTITY: 'read',
      CHARGES: 'read',
      ASSESSMENT: 'read',
      SECRET: 'assigned',
      IRCC_INTERNAL: 'write',
      REFERENCE: 'read',
    },
  },
  {
    relation: 'IRCC',
    roles: ['ANALYST'],
    grants: {
      META: 'read',
      QUASI: 'aggregate',
      IDENTITY: 'none',
      CHARGES: 'none',
      ASSESSMENT: 'none',
      SECRET: 'none',
      IRCC_INTERNAL: 'none',
      // Issue #7: analysts' per-case rows carry no reference (ARCHITECTURE.md, "Decisions").
      REFERENCE: 'none',
    },
  },
  {
    relation: 'FORMER',
    roles: ALL_CASE_ROLES,
    grants: {
      META: 'read',
      QUASI: 'none',
      IDENTITY: 'none',
      CHARGES: 'none',
      ASSESSMENT: 'none',
      SECRET: 'none',
      IRCC_INTERNAL: 'none',
      REFERENCE: 'read',
    },
  },
  {
    relation: 'CUSTODIAN',
    roles: ['REFERRER'],
    grants: {
      META: 'read',
      QUASI: 'read',
      IDENTITY: 'write',
      CHARGES: 'write',
      ASSESSMENT: 'none',
      SECRET: 'write',
      IRCC_INTERNAL: 'none',
      REFERENCE: 'read',
    },
  },
];

const RANK: Record<Grant, number> = { none: 0, aggregate: 1, assigned: 2, read: 3, write: 4 };

/**
 * The strongest grant any of the caller's roles has for a class under a relation.
 * `undefined` relation (no relation) and roles without a row get `none`.
 */
export function grantFor(relation: Relation | null | undefined, roles: readonly Role[], fieldClass: FieldClass): Grant {
  if (!relation) return 'none';
  let best: Grant = 'none';
  for (const row of ACCESS_MATRIX) {
    if (row.relation !== relation || !row.roles.some((r) => roles.includes(r))) continue;
    const grant = row.grants[fieldClass];
    if (RANK[grant] > RANK[best]) best = grant;
  }
  return best;
}

/** Whether a relation gives the caller's roles any access at all to the case (its META). */
export function seesCase(relation: Relation | null | undefined, roles: readonly Role[]): boolean {
  return grantFor(relation, roles, 'META') !== 'none';
}

/** The organization kinds that can stand in each relation to a case (DOMAIN.md). */
export const RELATION_ORGANIZATION_KINDS: { readonly [R in Relation]: readonly OrganizationKind[] } = {
  CUSTODIAN: ['UNHCR', 'FLD', 'PD', 'THIRD_PARTY'],
  RECEIVER: ['UNHCR', 'FLD', 'PD'],
  IRCC: ['IRCC'],
  FORMER: ['UNHCR', 'FLD', 'PD', 'THIRD_PARTY'],
};

/** Whether a user holding this role can ever stand in this relation to a case. */
export function relationPossible(relation: Relation, role: Role): boolean {
  return ROLE_ORGANIZATION_KINDS[role].some((kind) => RELATION_ORGANIZATION_KINDS[relation].includes(kind));
}

/**
 * Whether any of these roles can ever read a class of a single case: some relation the role can
 * stand in grants `read`, `write` or `assigned`. `aggregate` is not a per-case read. This decides
 * which fields a role's GraphQL schema shows (FIELD_CLASSES).
 */
export function everReads(roles: readonly Role[], fieldClass: FieldClass): boolean {
  return roles.some((role) =>
    Relation.some((relation) => {
      if (!relationPossible(relation, role)) return false;
      const grant = grantFor(relation, [role], fieldClass);
      return grant === 'read' || grant === 'write' || grant === 'assigned';
    }),
  );
}

/**
 * Whether the GraphQL schema of a caller holding these roles shows a class (FIELD_CLASSES): the
 * classes the roles can ever read per case. A role set that reads no case at all (an ORG_ADMIN,
 * who has no row) is shown ACCESS.md's META, reference included, and finds no case: `case(id)`
 * answers NOT_FOUND rather than "no such field".
 */
export function schemaShows(roles: readonly Role[], fieldClass: FieldClass): boolean {
  if (everReads(roles, fieldClass)) return true;
  const readsNoCase = !everReads(roles, 'META');
  return fieldClass === 'META' || (readsNoCase && fieldClass === 'REFERENCE');
}
