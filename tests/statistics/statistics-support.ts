/**
 * What the statistics tests share: the queries, extra referred cases written as the owner (to make
 * groups of chosen sizes), and independent counts in plain SQL over the tables as the owner.
 */
import { randomBytes } from 'node:crypto';
import { type Database, demoOrgId, queryRows } from '@hrd/server';
import { sql } from 'drizzle-orm';
import type { SignedIn } from '../support/session.js';

export const CASE_COUNTS = `query CaseCounts($groupBy: [StatisticsDimension!]!, $filter: [StatisticsCondition!]) {
  statistics {
    threshold
    caseCounts(groupBy: $groupBy, filter: $filter) {
      groupBy
      cells { group { dimension value } suppressed cases persons }
      total { cases persons }
      suppressedCells
      populationSuppressed
    }
  }
}`;

export const PROCESSING_TIMES = `query Times($from: ProcessingEvent!, $to: ProcessingEvent!, $groupBy: [StatisticsDimension!]!,
    $filter: [StatisticsCondition!]) {
  statistics {
    processingTimes(from: $from, to: $to, groupBy: $groupBy, filter: $filter) {
      from to groupBy
      cells { group { dimension value } suppressed cases medianDays p90Days }
      totalCases suppressedCells populationSuppressed
    }
  }
}`;

export type Dimension =
  | 'PARTNER'
  | 'STATUS'
  | 'STAGE'
  | 'URGENCY'
  | 'COUNTRY_OF_ASYLUM'
  | 'NATIONALITY'
  | 'ACTIVITY'
  | 'YEAR'
  | 'CATEGORY';
export interface Condition {
  dimension: Dimension;
  values: string[];
}
export interface CountCell {
  group: Array<{ dimension: Dimension; value: string }>;
  suppressed: boolean;
  cases: number | null;
  persons: number | null;
}
export interface CountTable {
  groupBy: Dimension[];
  cells: CountCell[];
  total: { cases: number; persons: number };
  suppressedCells: number;
  populationSuppressed: boolean;
}

/** caseCounts as `session`, failing the test on any error. */
export async function counts(session: SignedIn, groupBy: Dimension[], filter?: Condition[]): Promise<CountTable> {
  const response = await session.graphql<{ statistics: { caseCounts: CountTable } }>(CASE_COUNTS, {
    groupBy,
    filter,
  });
  const table = response.body.data?.statistics?.caseCounts;
  if (!table) throw new Error(`caseCounts failed: ${JSON.stringify(response.body.errors)}`);
  return table;
}

/** A cell's group as one string, e.g. "KE|URGENT". */
export const keyOf = (cell: { group: Array<{ value: string }> }) => cell.group.map((g) => g.value).join('|');

/** The cells as a map from key to cases (null when suppressed). */
export const byKey = (table: CountTable) => new Map(table.cells.map((c) => [keyOf(c), c.cases] as const));

/** The cases IRCC sees, in plain SQL (the owner bypasses row-level security). */
export const IRCC_CASES = sql.raw(`(SELECT c.* FROM cases c WHERE EXISTS (SELECT 1 FROM transfers t
  WHERE t.case_id = c.id AND t.kind = 'RESETTLEMENT_REFERRAL' AND t.status IN ('PENDING', 'ACCEPTED')))`);

/** Independent counts as the owner: `expression` over `c` (a case) and `f` (its immigration file). */
export async function ownerCounts(
  db: Database,
  expression: string,
  where = 'true',
): Promise<Map<string, { cases: number; persons: number }>> {
  const rows = await queryRows<{ k: string; n: number; p: number }>(
    db,
    sql`SELECT ${sql.raw(expression)} AS k, count(*)::int AS n, sum(c.size)::int AS p
        FROM ${IRCC_CASES} c LEFT JOIN immigration_files f ON f.case_id = c.id
        WHERE ${sql.raw(where)} GROUP BY 1`,
  );
  return new Map(rows.map((r) => [String(r.k), { cases: Number(r.n), persons: Number(r.p) }]));
}

export interface ExtraCase {
  asylum: string;
  nationality?: string;
  urgency?: 'EMERGENCY' | 'URGENT' | 'NORMAL';
  size?: number;
  activities?: string[];
  /** Referral PENDING (default) or ACCEPTED, or WITHDRAWN (IRCC must not count it). */
  referral?: 'PENDING' | 'ACCEPTED' | 'WITHDRAWN';
  /** Never referred at all (IRCC must not count it). */
  notReferred?: boolean;
  partner?: 'FLD' | 'UNHCR' | 'PD';
  referredAt?: string;
}

/** Writes referred cases as the owner, with persons (so the size trigger sets `size`). */
export async function addCases(db: Database, specs: readonly ExtraCase[]): Promise<string[]> {
  const ids: string[] = [];
  for (const spec of specs) {
    const partner = demoOrgId(spec.partner ?? 'FLD');
    const ircc = demoOrgId('IRCC');
    const tag = randomBytes(4).toString('hex').toUpperCase();
    const referredAt = spec.notReferred ? null : (spec.referredAt ?? '2026-02-10T12:00:00Z');
    const [row] = await queryRows<{ id: string }>(
      db,
      sql`INSERT INTO cases (reference, custodian_id, origin_id, status, urgency, country_of_asylum,
            country_of_nationality, activities, referred_at, created_at)
          VALUES (${`STAT-2026-${tag}`}, ${partner}, ${partner}, ${spec.notReferred ? 'READY_TO_REFER' : 'REFERRED'},
            ${spec.urgency ?? 'NORMAL'}, ${spec.asylum}, ${spec.nationality ?? 'SY'},
            ${`{${(spec.activities ?? ['JOURNALISM']).join(',')}}`}::text[], ${referredAt}::timestamptz,
            '2026-01-05T12:00:00Z'::timestamptz)
          RETURNING id`,
    );
    const id = (row as { id: string }).id;
    ids.push(id);
    for (let i = 0; i < (spec.size ?? 1); i++) {
      await db.execute(sql`INSERT INTO persons (case_id, role, given_name, family_name)
        VALUES (${id}, ${i === 0 ? 'PRINCIPAL' : 'CHILD'}, ${`Given${i}`}, 'Statistova')`);
    }
    if (!spec.notReferred) {
      const status = spec.referral ?? 'PENDING';
      await db.execute(sql`INSERT INTO transfers (case_id, kind, from_organization_id, to_organization_id, status,
          created_at, decided_at)
        VALUES (${id}, 'RESETTLEMENT_REFERRAL', ${partner}, ${ircc}, ${status}, ${referredAt}::timestamptz,
          ${status === 'PENDING' ? null : referredAt}::timestamptz)`);
    }
  }
  return ids;
}
