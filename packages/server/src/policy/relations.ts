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

/**
 * `CUSTODIAN | RECEIVER | IRCC | FORMER | NULL` for the row of `cases` in scope. What depends only
 * on the caller's kind of organization is written into the text, not sent as a parameter: the IRCC
 * branch appears for IRCC callers only. A prepared statement whose plan cannot depend on such a
 * parameter gets a generic plan PostgreSQL keeps, instead of being planned at every execution
 * (the page statement: 0.69 ms of planning each time before).
 */
export function relationSql(viewer: Viewer): SQL<Relation | null> {
  const org = viewer.organizationId;
  const id = caseColumn('id');
  const ircc =
    viewer.organizationKind === 'IRCC'
      ? sql`WHEN EXISTS (SELECT 1 FROM ${transfers} rt WHERE rt.case_id = ${id}
                  AND rt.kind = 'RESETTLEMENT_REFERRAL' AND rt.status IN ('PENDING', 'ACCEPTED')) THEN 'IRCC'`
      : sql``;
  return sql<Relation | null>`CASE
    WHEN ${caseColumn('custodian_id')} = ${org} THEN 'CUSTODIAN'
    WHEN EXISTS (SELECT 1 FROM ${transfers} rt WHERE rt.case_id = ${id} AND rt.status = 'PENDING'
                  AND rt.kind <> 'RESETTLEMENT_REFERRAL' AND rt.to_organization_id = ${org}) THEN 'RECEIVER'
    ${ircc}
    WHEN ${caseColumn('origin_id')} = ${org} OR EXISTS (SELECT 1 FROM ${transfers} rt WHERE rt.case_id = ${id}
                  AND rt.from_organization_id = ${org} AND rt.status = 'ACCEPTED'
                  AND rt.kind <> 'RESETTLEMENT_REFERRAL') THEN 'FORMER'
  END`;
}

/**
 * SQL: the caller's relation to the case in scope is one of `relations` (none: false). The
 * relations are written into the text as literals (each checked against the enum), for the same
 * reason as above.
 */
export function relationIn(viewer: Viewer, relations: readonly Relation[]): SQL {
  if (relations.length === 0) return sql`false`;
  const literals = relations.map((r) => {
    if (!(RELATIONS as readonly string[]).includes(r)) throw new Error(`not a relation: ${r}`);
    return `'${r}'`;
  });
  return sql`(${relationSql(viewer)}) IN (${sql.raw(literals.join(', '))})`;
}
