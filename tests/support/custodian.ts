/**
 * The tables whose rows carry their case's custodian (migrations child_rows_carry_custodian,
 * information_requests_carry_custodian), and
 * how many of their rows disagree with the case, as the owner sees them.
 */
import { type Database, queryRows } from '@hrd/server';
import { type SQL, sql } from 'drizzle-orm';

export const CUSTODIAN_CARRIERS = ['persons', 'charges', 'transfers', 'information_requests'] as const;

export type CustodianAgreement = { table: (typeof CUSTODIAN_CARRIERS)[number]; total: number; wrong: number };

/** Per carrying table, in order: its rows (of the cases `cases` selects, `c` the case) and how many disagree. */
export async function custodianAgreement(db: Database, cases: SQL = sql`true`): Promise<CustodianAgreement[]> {
  const counts = sql.join(
    CUSTODIAN_CARRIERS.map(
      (table) => sql`SELECT ${table}::text AS table, count(*) AS total,
          count(*) FILTER (WHERE x.custodian_id IS DISTINCT FROM c.custodian_id) AS wrong
        FROM ${sql.identifier(table)} x JOIN cases c ON c.id = x.case_id WHERE ${cases}`,
    ),
    sql` UNION ALL `,
  );
  const rows = await queryRows<{ table: CustodianAgreement['table']; total: string | number; wrong: string | number }>(
    db,
    counts,
  );
  return rows.map((r) => ({ table: r.table, total: Number(r.total), wrong: Number(r.wrong) }));
}
