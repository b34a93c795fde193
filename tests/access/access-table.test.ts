/**
 * The access table in code (@hrd/schema) is ACCESS.md's matrix, cell for cell: this test reads
 * the design document itself and compares.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ACCESS_MATRIX, FieldClass, type Grant } from '@hrd/schema';
import { describe, expect, it } from 'vitest';

/** The design folder `shared/` sits beside the repository (in CI too); look a few levels up. */
const ACCESS_MD =
  [process.env.HRD_DESIGN_DIR && `${process.env.HRD_DESIGN_DIR}/ACCESS.md`, '../../../shared', '../../../../shared']
    .filter((p): p is string => !!p)
    .map((p) => (p.endsWith('.md') ? p : fileURLToPath(new URL(`${p}/design/ACCESS.md`, import.meta.url))))
    .find((p) => existsSync(p)) ?? fileURLToPath(new URL('../../../shared/design/ACCESS.md', import.meta.url));

const toGrant = (cell: string): Grant | 'other' => {
  const c = cell.trim();
  if (c === '–' || c === '-') return 'none';
  if (c === 'read') return 'read';
  if (c === 'read/write') return 'write';
  if (c === 'aggregates only') return 'aggregate';
  if (c === 'assigned officer only') return 'assigned';
  return 'other';
};

describe('the access table matches ACCESS.md', () => {
  it('finds the design document', () => {
    expect(existsSync(ACCESS_MD), `${ACCESS_MD} is missing`).toBe(true);
  });

  const text = existsSync(ACCESS_MD) ? readFileSync(ACCESS_MD, 'utf8') : '';
  const matrix = text.slice(text.indexOf('## Matrix'), text.indexOf('## How a denial looks'));
  const rows = matrix
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| relation') && !line.startsWith('|---'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );

  it('has the eight rows of the document', () => {
    expect(rows).toHaveLength(8);
  });

  const cases: Array<[string, string[]]> = rows.map((r) => [r[0] ?? '', r.slice(1)]);
  it.each(cases.filter(([label]) => /^(CUSTODIAN|RECEIVER|IRCC|FORMER):/.test(label)))('%s', (label, cells) => {
    const [relation, rolesText] = label.split(':').map((s) => s.trim()) as [string, string];
    const roleNames = rolesText.startsWith('any role')
      ? ['CASEWORKER', 'INTAKE_COORDINATOR', 'REFERRER', 'OFFICER', 'ANALYST']
      : (rolesText.match(/[A-Z_]{4,}/g) ?? []);
    const row = ACCESS_MATRIX.find(
      (r) => r.relation === relation && roleNames.every((role) => (r.roles as readonly string[]).includes(role)),
    );
    expect(row, `no row for ${label}`).toBeDefined();
    // ACCESS.md's seven columns, in its order; REFERENCE is not a column of the document.
    const documented = FieldClass.filter((c) => c !== 'REFERENCE');
    const expected: Record<string, Grant | 'other'> = Object.fromEntries(
      documented.map((c, i) => [c, toGrant(cells[i] ?? '')]),
    );
    // Issue #7 (ARCHITECTURE.md, "Decisions"): the reference is META in ACCESS.md, but analysts'
    // per-case rows carry none. Every other row reads it exactly as it reads META.
    expected.REFERENCE = roleNames.includes('ANALYST') && relation === 'IRCC' ? 'none' : (expected.META ?? 'other');
    expect(row?.grants).toEqual(expected);
  });

  it('has the seven classes of the document, in its order, plus REFERENCE', () => {
    const header = matrix.split('\n').find((line) => line.startsWith('| relation'));
    const columns = (header ?? '')
      .split('|')
      .slice(2, -1)
      .map((c) => c.trim());
    expect([...columns, 'REFERENCE']).toEqual([...FieldClass]);
  });

  it('gives an ORG_ADMIN without a case-working role no row, and "none" no row', () => {
    const adminRow = cases.find(([label]) => label.startsWith('ORG_ADMIN'));
    expect(adminRow?.[1].every((c) => toGrant(c) === 'none')).toBe(true);
    expect(ACCESS_MATRIX.some((r) => (r.roles as readonly string[]).includes('ORG_ADMIN'))).toBe(false);
    expect(ACCESS_MATRIX).toHaveLength(6);
  });
});
