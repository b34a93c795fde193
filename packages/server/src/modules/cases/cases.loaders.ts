/**
 * Per-request DataLoaders: every relation field of a page of cases costs one query per field,
 * whatever the page size, and each loader sends one statement text (`= ANY($1)`) whatever the
 * number of ids, so that it is prepared once per connection. They run in the request's transaction, so row-level security applies.
 */
import DataLoader from 'dataloader';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../db/client.js';
import { anyId } from '../../db/columns.js';
import {
  assessmentAnswers,
  assessments,
  charges,
  decisionCitedCharges,
  immigrationChecks,
  immigrationFiles,
  organizations,
  persons,
  transfers,
  users,
} from '../../db/schema.js';

type Row<T extends { $inferSelect: unknown }> = T['$inferSelect'];

function grouped<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return keys.map((key) => map.get(key) ?? []);
}

function single<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((key) => map.get(key) ?? null);
}

export function createLoaders(tx: () => Promise<Database>) {
  return {
    organization: new DataLoader<string, Row<typeof organizations> | null>(async (ids) =>
      single(ids, await (await tx()).select().from(organizations).where(anyId(organizations.id, ids)), (r) => r.id),
    ),
    user: new DataLoader<string, Pick<Row<typeof users>, 'id' | 'displayName'> | null>(async (ids) =>
      single(
        ids,
        await (await tx())
          .select({ id: users.id, displayName: users.displayName })
          .from(users)
          .where(anyId(users.id, ids)),
        (r) => r.id,
      ),
    ),
    personsByCase: new DataLoader<string, Row<typeof persons>[]>(async (ids) =>
      grouped(
        ids,
        await (await tx())
          .select()
          .from(persons)
          .where(anyId(persons.caseId, ids))
          .orderBy(asc(persons.createdAt), asc(persons.id)),
        (r) => r.caseId,
      ),
    ),
    chargesByCase: new DataLoader<string, Row<typeof charges>[]>(async (ids) =>
      grouped(
        ids,
        await (await tx())
          .select()
          .from(charges)
          .where(anyId(charges.caseId, ids))
          .orderBy(asc(charges.createdAt), asc(charges.id)),
        (r) => r.caseId,
      ),
    ),
    transfersByCase: new DataLoader<string, Row<typeof transfers>[]>(async (ids) =>
      grouped(
        ids,
        await (await tx())
          .select()
          .from(transfers)
          .where(anyId(transfers.caseId, ids))
          .orderBy(asc(transfers.createdAt), asc(transfers.id)),
        (r) => r.caseId,
      ),
    ),
    assessmentByCase: new DataLoader<string, Row<typeof assessments> | null>(async (ids) =>
      single(ids, await (await tx()).select().from(assessments).where(anyId(assessments.caseId, ids)), (r) => r.caseId),
    ),
    answersByCase: new DataLoader<string, Row<typeof assessmentAnswers>[]>(async (ids) =>
      grouped(
        ids,
        await (await tx()).select().from(assessmentAnswers).where(anyId(assessmentAnswers.caseId, ids)),
        (r) => r.caseId,
      ),
    ),
    fileByCase: new DataLoader<string, Row<typeof immigrationFiles> | null>(async (ids) =>
      single(
        ids,
        await (await tx()).select().from(immigrationFiles).where(anyId(immigrationFiles.caseId, ids)),
        (r) => r.caseId,
      ),
    ),
    checksByCase: new DataLoader<string, Row<typeof immigrationChecks>[]>(async (ids) =>
      grouped(
        ids,
        await (await tx())
          .select()
          .from(immigrationChecks)
          .where(anyId(immigrationChecks.caseId, ids))
          .orderBy(asc(immigrationChecks.kind)),
        (r) => r.caseId,
      ),
    ),
    openRequestsByCase: new DataLoader<string, number>(async (ids) => {
      const rows = await queryRows<{ case_id: string; open: string | number }>(
        await tx(),
        sql`SELECT case_id, open FROM hrd_open_information_requests(${sql.param([...ids])}::uuid[])`,
      );
      return ids.map((id) => Number(rows.find((r) => r.case_id === id)?.open ?? 0));
    }),
    /** The year of each case's live RESETTLEMENT_REFERRAL (the year its persons count against). */
    referralYearByCase: new DataLoader<string, number | null>(async (ids) =>
      single(
        ids,
        await (await tx())
          .select({
            caseId: transfers.caseId,
            year: sql<number>`extract(year FROM ${transfers.createdAt} AT TIME ZONE 'UTC')::int`,
          })
          .from(transfers)
          .where(
            and(
              anyId(transfers.caseId, ids),
              eq(transfers.kind, 'RESETTLEMENT_REFERRAL'),
              inArray(transfers.status, ['PENDING', 'ACCEPTED']),
            ),
          ),
        (r) => r.caseId,
      ).map((r) => (r ? Number(r.year) : null)),
    ),
    citedChargesByCase: new DataLoader<string, string[]>(async (ids) =>
      grouped(
        ids,
        await (await tx()).select().from(decisionCitedCharges).where(anyId(decisionCitedCharges.caseId, ids)),
        (r) => r.caseId,
      ).map((rows) => rows.map((r) => r.chargeId)),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
