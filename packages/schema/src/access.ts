/**
 * ACCESS.md as data: the one table that the server's policy module, the database's row-level
 * security and the matrix tests all read. Change access here, nowhere else.
 */
import type { Role } from './enums.js';

/** An organization's relation to a case (ACCESS.md, "Relations"). No relation: the case does not exist. */
export const Relation = ['CUSTODIAN', 'RECEIVER', 'IRCC', 'FORMER'] as const;
export type Relation = (typeof Relation)[number];

/** Classes of case fields (ACCESS.md, "Field classes"). */
export const FieldClass = ['META', 'QUASI', 'IDENTITY', 'CHARGES', 'ASSESSMENT', 'SECRET', 'IRCC_INTERNAL'] as const;
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
