/**
 * Queries skip looking up a case's assigned officer for callers none of whose reads depends on
 * it (`readsDependOnAssignment`). That is only safe if, for every such caller, the officer never
 * changes a decision of `can()`: checked here for every role an organization may hold.
 */
import { FieldClass, OrganizationKind, Relation, ROLE_ORGANIZATION_KINDS, type Role } from '@hrd/schema';
import { describe, expect, it } from 'vitest';
import { can, readsDependOnAssignment } from './policy.js';
import type { Viewer } from './viewer.js';

const viewer = (organizationKind: OrganizationKind, roles: Role[]): Viewer => ({
  userId: '00000000-0000-4000-8000-000000000001',
  email: 'someone@example.org',
  displayName: 'Someone',
  organizationId: '00000000-0000-4000-8000-000000000002',
  organizationKind,
  roles,
  via: { kind: 'session', sessionId: 'session' },
});

const callers = OrganizationKind.values.flatMap((kind) =>
  (Object.keys(ROLE_ORGANIZATION_KINDS) as Role[])
    .filter((role) => ROLE_ORGANIZATION_KINDS[role].includes(kind))
    .map((role) => viewer(kind, [role])),
);

describe('readsDependOnAssignment', () => {
  it('holds for IRCC officers, whose IRCC internals are read on the files assigned to them', () => {
    expect(readsDependOnAssignment(viewer('IRCC', ['OFFICER']))).toBe(true);
  });

  it('does not hold for partner roles or analysts', () => {
    expect(readsDependOnAssignment(viewer('FLD', ['CASEWORKER']))).toBe(false);
    expect(readsDependOnAssignment(viewer('PD', ['INTAKE_COORDINATOR']))).toBe(false);
    expect(readsDependOnAssignment(viewer('IRCC', ['ANALYST']))).toBe(false);
  });

  it('where it does not hold, the assigned officer changes no read or write decision', () => {
    let checked = 0;
    for (const caller of callers.filter((c) => !readsDependOnAssignment(c))) {
      for (const relation of [...Relation, null]) {
        for (const fieldClass of FieldClass) {
          for (const operation of ['read', 'write'] as const) {
            const assigned = can(caller, { relation, assignedOfficerId: caller.userId }, fieldClass, operation);
            const unknown = can(caller, { relation, assignedOfficerId: null }, fieldClass, operation);
            expect(assigned, `${caller.organizationKind} ${caller.roles} ${relation} ${fieldClass} ${operation}`).toBe(
              unknown,
            );
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('where it holds, the officer does change a decision (the lookup is needed)', () => {
    const officer = viewer('IRCC', ['OFFICER']);
    const differs = FieldClass.some(
      (fieldClass) =>
        can(officer, { relation: 'IRCC', assignedOfficerId: officer.userId }, fieldClass, 'read') !==
        can(officer, { relation: 'IRCC', assignedOfficerId: null }, fieldClass, 'read'),
    );
    expect(differs).toBe(true);
  });
});
