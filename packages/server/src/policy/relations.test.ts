import { type OrganizationKind as Kind, OrganizationKind, Relation } from '@hrd/schema';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { relationIn, relationSql } from './relations.js';
import type { Viewer } from './viewer.js';

const dialect = new PgDialect();
const render = (query: SQL) => dialect.sqlToQuery(sql`SELECT ${query} FROM cases`);

const viewer = (kind: Kind): Viewer => ({
  userId: '00000000-0000-4000-8000-000000000001',
  email: 'someone@example.org',
  displayName: 'Someone',
  organizationId: '00000000-0000-4000-8000-0000000000aa',
  organizationKind: kind,
  roles: ['CASEWORKER'],
  via: { kind: 'session', sessionId: '00000000-0000-4000-8000-000000000002' },
});

describe('the relation expression', () => {
  it('sends only the organization as a parameter: what depends on its kind is in the text', () => {
    for (const kind of OrganizationKind.values) {
      const { sql: text, params } = render(relationIn(viewer(kind), ['CUSTODIAN', 'RECEIVER', 'FORMER']));
      // The same text for every caller of a kind, so each is prepared once and planned generically.
      expect(new Set(params), kind).toEqual(new Set(['00000000-0000-4000-8000-0000000000aa']));
      expect(text.includes(`THEN 'IRCC'`), kind).toBe(kind === 'IRCC');
      if (kind === 'IRCC') {
        expect(text, kind).toContain(`IN ('CUSTODIAN', 'RECEIVER', 'FORMER')`);
      } else {
        // Outside IRCC: the custodian column, or the caller's rows of case_relations (no transfers).
        expect(text, kind).toContain(`"cases"."custodian_id" = $1`);
        expect(text, kind).toContain(`"case_relations" r`);
        expect(text, kind).toContain(`r.relation IN ('RECEIVER', 'FORMER')`);
        expect(text, kind).not.toContain('"transfers"');
      }
    }
  });

  it('renders the same text for two callers of one kind, and a different one for IRCC', () => {
    const fld = render(relationSql(viewer('FLD')));
    const other = render(relationSql({ ...viewer('FLD'), organizationId: '00000000-0000-4000-8000-0000000000bb' }));
    expect(other.sql).toBe(fld.sql);
    expect(render(relationSql(viewer('IRCC'))).sql).not.toBe(fld.sql);
  });

  it('is false for no relation, and refuses a value that is not a relation', () => {
    expect(render(relationIn(viewer('FLD'), [])).sql).toBe('SELECT false FROM cases');
    expect(() => relationIn(viewer('FLD'), ["CUSTODIAN') OR (true" as Relation])).toThrow(/not a relation/);
    expect(() => relationIn(viewer('FLD'), [...Relation])).not.toThrow();
  });
});
