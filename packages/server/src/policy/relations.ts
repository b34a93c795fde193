/**
 * The caller organization's relation to each case, as one SQL expression (the application's
 * side; row-level security computes the same with hrd_case_relation(), and a test compares them).
 */
import { Relation as RELATIONS, type Relation } from '@hrd/schema';
import { getTableName, type SQL, sql } from 'drizzle-orm';
import { cases } from '../db/schema.js';
import type { Viewer } from './viewer.js';

/**
 * A column of the `cases` row in scope, always written with its table. Drizzle writes columns
 * bare in a select from one table, and a bare "id" inside the sub-selects below would name the
 * transfer's own id (the nearest table with that column), not the case's.
 */
export function caseColumn(column: 'id' | 'custodian_id' | 'origin_id'): SQL {
  return sql`${sql.identifier(getTableName(cases))}.${sql.identifier(column)}`;
}

/** The database's table of RECEIVER, IRCC and FORMER organizations per case (migration case_relations). */
const CASE_RELATIONS = sql.identifier('case_relations');

/** The relations `case_relations` holds (every one but CUSTODIAN, which is the case's own column). */
const TABLED: readonly Relation[] = ['RECEIVER', 'IRCC', 'FORMER'];

/**
 * `CUSTODIAN | RECEIVER | IRCC | FORMER | NULL` for the row of `cases` in scope: CUSTODIAN when the
 * case's custodian column names the caller's organization, else the caller's row in
 * `case_relations`, which the database keeps equal to what the transfers say (one index look-up
 * per case). Only the organization is a parameter: every caller gets the same text, prepared once
 * per connection, with a generic plan PostgreSQL keeps.
 */
export function relationSql(viewer: Viewer): SQL<Relation | null> {
  const org = viewer.organizationId;
  return sql<Relation | null>`CASE WHEN ${caseColumn('custodian_id')} = ${org} THEN 'CUSTODIAN'
    ELSE (SELECT r.relation FROM ${CASE_RELATIONS} r WHERE r.case_id = ${caseColumn('id')} AND r.organization_id = ${org}) END`;
}

/**
 * SQL: the caller's relation to the case in scope is one of `relations` (none: false): a test of
 * the custodian column OR an `EXISTS` over the caller's rows of `case_relations`, which PostgreSQL
 * can hash once for a whole list or count (the `CASE` above is one look-up per row, for the rows a
 * statement returns). The relations are written into the text as literals, each checked against
 * the enum.
 */
export function relationIn(viewer: Viewer, relations: readonly Relation[]): SQL {
  for (const r of relations) {
    if (!(RELATIONS as readonly string[]).includes(r)) throw new Error(`not a relation: ${r}`);
  }
  const org = viewer.organizationId;
  const custodian = caseColumn('custodian_id');
  const tabled = TABLED.filter((r) => relations.includes(r)).map((r) => `'${r}'`);
  const parts: SQL[] = [];
  if (relations.includes('CUSTODIAN')) parts.push(sql`${custodian} = ${org}`);
  if (tabled.length) {
    parts.push(sql`(${custodian} IS DISTINCT FROM ${org} AND EXISTS (SELECT 1 FROM ${CASE_RELATIONS} r
      WHERE r.case_id = ${caseColumn('id')} AND r.organization_id = ${org} AND r.relation IN (${sql.raw(tabled.join(', '))})))`);
  }
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` OR `)})`;
}
