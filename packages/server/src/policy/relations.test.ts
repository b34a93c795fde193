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
  it('sends only the organization as a parameter, and the same text for every caller', () => {
    const texts = new Set<string>();
    for (const kind of OrganizationKind.values) {
      const { sql: text, params } = render(relationIn(viewer(kind), ['CUSTODIAN', 'RECEIVER', 'IRCC', 'FORMER']));
      expect(new Set(params), kind).toEqual(new Set(['00000000-0000-4000-8000-0000000000aa']));
      // The custodian column, or the caller's rows of case_relations: no transfer is read.
      expect(text, kind).toContain(`"cases"."custodian_id" = $1`);
      expect(text, kind).toContain(`"case_relations" r`);
      expect(text, kind).toContain(`r.relation IN ('RECEIVER', 'IRCC', 'FORMER')`);
      expect(text, kind).not.toContain('"transfers"');
      texts.add(text);
      texts.add(render(relationSql({ ...viewer(kind), organizationId: '00000000-0000-4000-8000-0000000000bb' })).sql);
    }
    // One text for the relation and one for the filter, whoever asks: each prepared once.
    expect(texts.size).toBe(2);
  });

  it('lists only the relations asked for', () => {
    expect(render(relationIn(viewer('FLD'), ['CUSTODIAN'])).sql).not.toContain('case_relations');
    expect(render(relationIn(viewer('FLD'), ['FORMER'])).sql).not.toContain(`"cases"."custodian_id" = $1 OR`);
    expect(render(relationIn(viewer('FLD'), ['FORMER'])).sql).toContain(`r.relation IN ('FORMER')`);
  });

  it('is false for no relation, and refuses a value that is not a relation', () => {
    expect(render(relationIn(viewer('FLD'), [])).sql).toBe('SELECT false FROM cases');
    expect(() => relationIn(viewer('FLD'), ["CUSTODIAN') OR (true" as Relation])).toThrow(/not a relation/);
    expect(() => relationIn(viewer('FLD'), [...Relation])).not.toThrow();
  });
});
