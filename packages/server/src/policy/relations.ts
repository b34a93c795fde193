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
export function caseColumn(column: 'id' | 'custodian_id' | 'origin_id' | 'ircc_orgs'): SQL {
  return sql`${sql.identifier(getTableName(cases))}.${sql.identifier(column)}`;
}

/** The database's table of RECEIVER, IRCC and FORMER organizations per case (migration case_relations). */
const CASE_RELATIONS = sql.identifier('case_relations');

/** The relations `case_relations` holds (every one but CUSTODIAN, which is the case's own column). */
const TABLED: readonly Relation[] = ['RECEIVER', 'IRCC', 'FORMER'];

/**
 * Whether the IRCC relation is read from the case's own `ircc_orgs` (the organizations of its IRCC
 * rows in `case_relations`, which the database keeps equal to them: migration
 * cases_carry_ircc_organizations) rather than the table. Only for a caller of an IRCC organization:
 * no other kind can hold that relation (hrd_case_relations_of), and naming the column, the last of
 * a wide row, makes PostgreSQL unpack every column of every row it filters, which a partner's
 * count of all their cases should not pay for.
 */
function irccFromColumn(viewer: Viewer): boolean {
  return viewer.organizationKind === 'IRCC';
}

/**
 * `CUSTODIAN | RECEIVER | IRCC | FORMER | NULL` for the row of `cases` in scope: CUSTODIAN when the
 * case's custodian column names the caller's organization, (for an IRCC organization) IRCC when
 * the case's IRCC organizations do, else the caller's row in `case_relations`, which the database
 * keeps equal to what the transfers say (one index look-up per case). Only the organization is a
 * parameter: every caller of one kind of organization gets the same text (IRCC's, and everyone
 * else's), prepared once per connection, with a generic plan PostgreSQL keeps.
 */
export function relationSql(viewer: Viewer): SQL<Relation | null> {
  const org = viewer.organizationId;
  const ircc = irccFromColumn(viewer) ? sql`WHEN ${org}::uuid = ANY (${caseColumn('ircc_orgs')}) THEN 'IRCC' ` : sql``;
  return sql<Relation | null>`CASE WHEN ${caseColumn('custodian_id')} = ${org} THEN 'CUSTODIAN'
    ${ircc}ELSE (SELECT r.relation FROM ${CASE_RELATIONS} r WHERE r.case_id = ${caseColumn('id')} AND r.organization_id = ${org}) END`;
}

/** How `relationIn`'s `EXISTS` examines the caller's relations: hashed once, or per row (below). */
export type RelationProbe = 'hash' | 'row';

/**
 * SQL: the caller's relation to the case in scope is one of `relations` (none: false): a test of
 * the custodian column OR (IRCC, for an IRCC organization) of the case's IRCC organizations OR an
 * `EXISTS` over the caller's rows of `case_relations`, which PostgreSQL can hash once for a whole
 * list or count (the `CASE` above is one look-up per row, for the rows a statement returns). The
 * relations are written into the text as literals, each checked against the enum.
 *
 * `probe: 'row'` asks for that `EXISTS` to be one index look-up per row the statement examines
 * (`OFFSET 0` keeps PostgreSQL from turning it into a hashed sub-plan): for a page, which stops
 * after its first rows, hashing every relation the organization has cost more than the page
 * itself (at 100,000 cases a caseworker's page of 10 read 7.4–7.9 ms with the hash, 4.6–4.8
 * without; a count, which examines every visible row, is faster hashed: docs/BENCHMARKS.md,
 * Round 11). The answer is the same either way.
 */
export function relationIn(
  viewer: Viewer,
  relations: readonly Relation[],
  options: { probe?: RelationProbe } = {},
): SQL {
  for (const r of relations) {
    if (!(RELATIONS as readonly string[]).includes(r)) throw new Error(`not a relation: ${r}`);
  }
  const org = viewer.organizationId;
  const custodian = caseColumn('custodian_id');
  const fromColumn = irccFromColumn(viewer) && relations.includes('IRCC');
  const tabled = TABLED.filter((r) => relations.includes(r) && !(fromColumn && r === 'IRCC')).map((r) => `'${r}'`);
  const parts: SQL[] = [];
  if (relations.includes('CUSTODIAN')) parts.push(sql`${custodian} = ${org}`);
  if (fromColumn) {
    parts.push(sql`(${custodian} IS DISTINCT FROM ${org} AND ${org}::uuid = ANY (${caseColumn('ircc_orgs')}))`);
  }
  if (tabled.length) {
    parts.push(sql`(${custodian} IS DISTINCT FROM ${org} AND EXISTS (SELECT 1 FROM ${CASE_RELATIONS} r
      WHERE r.case_id = ${caseColumn('id')} AND r.organization_id = ${org} AND r.relation IN (${sql.raw(tabled.join(', '))})${options.probe === 'row' ? sql` OFFSET 0` : sql``}))`);
  }
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` OR `)})`;
}
