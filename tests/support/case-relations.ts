/**
 * Whether `case_relations` (migration case_relations) says what `hrd_case_relation` computes, for
 * every organization and every case that `cases` selects (`c` the case), as the owner sees them:
 * the reference is computed in each organization's scope (its id and kind), and the table must
 * hold exactly its RECEIVER, IRCC and FORMER relations.
 */
import { type Database, queryRows } from '@hrd/server';
import { type SQL, sql } from 'drizzle-orm';

export type CaseRelationsAgreement = {
  /** (organization, case) pairs whose relation is RECEIVER, IRCC or FORMER. */
  related: number;
  /**
   * Pairs where the table and the reference differ (a row missing, extra or different), plus cases
   * whose `ircc_orgs` is not the sorted list of their IRCC rows in the table (migration
   * cases_carry_ircc_organizations).
   */
  wrong: number;
  /** Of `wrong`, the cases whose `ircc_orgs` is not their IRCC rows. */
  irccOrgsWrong: number;
  /** Cases selected whose `ircc_orgs` is not empty. */
  withIrccOrgs: number;
  /** Per relation, the table's rows among the cases selected. */
  rows: Record<string, number>;
};

export async function caseRelationsAgreement(db: Database, cases: SQL = sql`true`): Promise<CaseRelationsAgreement> {
  const out: CaseRelationsAgreement = { related: 0, wrong: 0, irccOrgsWrong: 0, withIrccOrgs: 0, rows: {} };
  await db.transaction(async (t) => {
    const tx = t as unknown as Database;
    const orgs = await queryRows<{ id: string; kind: string }>(tx, sql`SELECT id, kind FROM organizations ORDER BY id`);
    for (const org of orgs) {
      await tx.execute(
        sql`SELECT set_config('hrd.org_id', ${org.id}, true), set_config('hrd.org_kind', ${org.kind}, true)`,
      );
      const [counts] = await queryRows<{ related: string | number; wrong: string | number }>(
        tx,
        sql`SELECT count(*) FILTER (WHERE e.expected IN ('RECEIVER', 'IRCC', 'FORMER')) AS related,
                   count(*) FILTER (WHERE (CASE WHEN e.expected IN ('RECEIVER', 'IRCC', 'FORMER') THEN e.expected END)
                                          IS DISTINCT FROM e.actual) AS wrong
              FROM (SELECT hrd_case_relation(c.id, c.custodian_id, c.origin_id) AS expected,
                           (SELECT r.relation FROM case_relations r
                             WHERE r.case_id = c.id AND r.organization_id = ${org.id}) AS actual
                      FROM cases c WHERE ${cases}) e`,
      );
      out.related += Number(counts?.related ?? 0);
      out.wrong += Number(counts?.wrong ?? 0);
    }
    const rows = await queryRows<{ relation: string; n: string | number }>(
      tx,
      sql`SELECT r.relation, count(*) AS n FROM case_relations r JOIN cases c ON c.id = r.case_id
           WHERE ${cases} GROUP BY r.relation`,
    );
    for (const r of rows) out.rows[r.relation] = Number(r.n);
    const [carried] = await queryRows<{ wrong: string | number; carried: string | number }>(
      tx,
      sql`SELECT count(*) FILTER (WHERE c.ircc_orgs IS DISTINCT FROM
                   (SELECT coalesce(array_agg(r.organization_id ORDER BY r.organization_id), '{}')
                      FROM case_relations r WHERE r.case_id = c.id AND r.relation = 'IRCC')) AS wrong,
                 count(*) FILTER (WHERE cardinality(c.ircc_orgs) > 0) AS carried
            FROM cases c WHERE ${cases}`,
    );
    out.irccOrgsWrong = Number(carried?.wrong ?? 0);
    out.withIrccOrgs = Number(carried?.carried ?? 0);
    out.wrong += out.irccOrgsWrong;
  });
  return out;
}
