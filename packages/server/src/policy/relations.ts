/**
 * The caller organization's relation to each case, as one SQL expression (the application's
 * side; row-level security computes the same with hrd_case_relation(), and a test compares them).
 */
import { Relation as RELATIONS, type Relation } from '@hrd/schema';
import { getTableName, type SQL, sql } from 'drizzle-orm';
import { cases, transfers } from '../db/schema.js';
import type { Viewer } from './viewer.js';

/**
 * A column of the `cases` row in scope, always written with its table. Drizzle writes columns
 * bare in a select from one table, and a bare "id" inside the sub-selects below would name the
 * transfer's own id (the nearest table with that column), not the case's.
 */
export function caseColumn(column: 'id' | 'custodian_id' | 'origin_id'): SQL {
  return sql`${sql.identifier(getTableName(cases))}.${sql.identifier(column)}`;
}

/** The database's table of RECEIVER and FORMER organizations per case (migration case_relations). */
const CASE_RELATIONS = sql.identifier('case_relations');

/**
 * `CUSTODIAN | RECEIVER | IRCC | FORMER | NULL` for the row of `cases` in scope. What depends only
 * on the caller's kind of organization is written into the text, not sent as a parameter: a
 * prepared statement whose plan cannot depend on such a parameter gets a generic plan PostgreSQL
 * keeps, instead of being planned at every execution (the page statement: 0.69 ms of planning
 * each time before).
 *
 * Outside IRCC the relation is CUSTODIAN (the case's custodian column), else the caller's row in
 * `case_relations`, which the database keeps equal to what the transfers say: one index look-up
 * per case. For IRCC callers (the IRCC relation depends on the kind of organization) it is
 * computed from the case's transfers.
 */
export function relationSql(viewer: Viewer): SQL<Relation | null> {
  const org = viewer.organizationId;
  const id = caseColumn('id');
  if (viewer.organizationKind !== 'IRCC') {
    return sql<Relation | null>`CASE WHEN ${caseColumn('custodian_id')} = ${org} THEN 'CUSTODIAN'
      ELSE (SELECT r.relation FROM ${CASE_RELATIONS} r WHERE r.case_id = ${id} AND r.organization_id = ${org}) END`;
  }
  return sql<Relation | null>`CASE
    WHEN ${caseColumn('custodian_id')} = ${org} THEN 'CUSTODIAN'
    WHEN EXISTS (SELECT 1 FROM ${transfers} rt WHERE rt.case_id = ${id} AND rt.status = 'PENDING'
                  AND rt.kind <> 'RESETTLEMENT_REFERRAL' AND rt.to_organization_id = ${org}) THEN 'RECEIVER'
    WHEN EXISTS (SELECT 1 FROM ${transfers} rt WHERE rt.case_id = ${id}
                  AND rt.kind = 'RESETTLEMENT_REFERRAL' AND rt.status IN ('PENDING', 'ACCEPTED')) THEN 'IRCC'
    WHEN ${caseColumn('origin_id')} = ${org} OR EXISTS (SELECT 1 FROM ${transfers} rt WHERE rt.case_id = ${id}
                  AND rt.from_organization_id = ${org} AND rt.status = 'ACCEPTED'
                  AND rt.kind <> 'RESETTLEMENT_REFERRAL') THEN 'FORMER'
  END`;
}

/**
 * SQL: the caller's relation to the case in scope is one of `relations` (none: false). The
 * relations are written into the text as literals (each checked against the enum), for the same
 * reason as above. Outside IRCC it is a test of the custodian column OR an `EXISTS` over the
 * caller's rows of `case_relations`, which PostgreSQL can hash once for a whole list or count
 * (the `CASE` above is one look-up per row, for the rows a statement returns).
 */
export function relationIn(viewer: Viewer, relations: readonly Relation[]): SQL {
  const literals = relations.map((r) => {
    if (!(RELATIONS as readonly string[]).includes(r)) throw new Error(`not a relation: ${r}`);
    return `'${r}'`;
  });
  if (viewer.organizationKind === 'IRCC') {
    if (literals.length === 0) return sql`false`;
    return sql`(${relationSql(viewer)}) IN (${sql.raw(literals.join(', '))})`;
  }
  const org = viewer.organizationId;
  const custodian = caseColumn('custodian_id');
  // Outside IRCC no case is in the IRCC relation.
  const listed = relations.filter((r) => r === 'RECEIVER' || r === 'FORMER').map((r) => `'${r}'`);
  const parts: SQL[] = [];
  if (relations.includes('CUSTODIAN')) parts.push(sql`${custodian} = ${org}`);
  if (listed.length) {
    parts.push(sql`(${custodian} IS DISTINCT FROM ${org} AND EXISTS (SELECT 1 FROM ${CASE_RELATIONS} r
      WHERE r.case_id = ${caseColumn('id')} AND r.organization_id = ${org} AND r.relation IN (${sql.raw(listed.join(', '))})))`);
  }
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` OR `)})`;
}
