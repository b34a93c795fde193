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
  it('sends only the organization as a parameter, and the same text for every caller of a kind', () => {
    const texts = new Set<string>();
    const irccTexts = new Set<string>();
    for (const kind of OrganizationKind.values) {
      const { sql: text, params } = render(relationIn(viewer(kind), ['CUSTODIAN', 'RECEIVER', 'IRCC', 'FORMER']));
      expect(new Set(params), kind).toEqual(new Set(['00000000-0000-4000-8000-0000000000aa']));
      // The custodian column, (for IRCC) the case's IRCC organizations, or the caller's rows of
      // case_relations: no transfer is read.
      expect(text, kind).toContain(`"cases"."custodian_id" = $1`);
      expect(text, kind).toContain(`"case_relations" r`);
      expect(text, kind).not.toContain('"transfers"');
      const relation = render(
        relationSql({ ...viewer(kind), organizationId: '00000000-0000-4000-8000-0000000000bb' }),
      ).sql;
      if (kind === 'IRCC') {
        expect(text).toContain(`= ANY ("cases"."ircc_orgs")`);
        expect(text).toContain(`r.relation IN ('RECEIVER', 'FORMER')`);
        expect(relation).toContain(`= ANY ("cases"."ircc_orgs") THEN 'IRCC'`);
        irccTexts.add(text).add(relation);
      } else {
        // Others never name the column (it is the last of a wide row: naming it unpacks every row).
        expect(text, kind).not.toContain('ircc_orgs');
        expect(relation, kind).not.toContain('ircc_orgs');
        expect(text, kind).toContain(`r.relation IN ('RECEIVER', 'IRCC', 'FORMER')`);
        texts.add(text).add(relation);
      }
    }
    // One text for the relation and one for the filter per kind of caller: each prepared once.
    expect(texts.size).toBe(2);
    expect(irccTexts.size).toBe(2);
  });

  it('lists only the relations asked for', () => {
    expect(render(relationIn(viewer('FLD'), ['CUSTODIAN'])).sql).not.toContain('case_relations');
    expect(render(relationIn(viewer('FLD'), ['FORMER'])).sql).not.toContain(`"cases"."custodian_id" = $1 OR`);
    expect(render(relationIn(viewer('FLD'), ['FORMER'])).sql).toContain(`r.relation IN ('FORMER')`);
    // IRCC alone: the case's own column, no look-up.
    const ircc = render(relationIn(viewer('IRCC'), ['IRCC'])).sql;
    expect(ircc).toContain(`"cases"."custodian_id" IS DISTINCT FROM $1 AND $2::uuid = ANY ("cases"."ircc_orgs")`);
    expect(ircc).not.toContain('case_relations');
  });

  it('is false for no relation, and refuses a value that is not a relation', () => {
    expect(render(relationIn(viewer('FLD'), [])).sql).toBe('SELECT false FROM cases');
    expect(() => relationIn(viewer('FLD'), ["CUSTODIAN') OR (true" as Relation])).toThrow(/not a relation/);
    expect(() => relationIn(viewer('FLD'), [...Relation])).not.toThrow();
  });
});
