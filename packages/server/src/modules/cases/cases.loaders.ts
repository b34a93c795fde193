/**
 * Per-request DataLoaders: every relation field of a page of cases costs one query per field,
 * whatever the page size, and each loader sends one statement text (`= ANY($1)`) whatever the
 * number of ids, so that it is prepared once per connection. They run in the request's transaction, so row-level security applies.
 */
import DataLoader from 'dataloader';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../db/client.js';
import { anyId } from '../../db/columns.js';
import { rowReader } from '../../db/rows.js';
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

// Whole rows read without drizzle's per-row mapping (db/rows.ts): these loaders serve every row
// of a page's relations.
const read = {
  organizations: rowReader(organizations),
  persons: rowReader(persons),
  charges: rowReader(charges),
  transfers: rowReader(transfers),
  assessments: rowReader(assessments),
  assessmentAnswers: rowReader(assessmentAnswers),
  immigrationFiles: rowReader(immigrationFiles),
  immigrationChecks: rowReader(immigrationChecks),
  decisionCitedCharges: rowReader(decisionCitedCharges),
};

/**
 * Loaders by the columns they read: one loader (and one statement) per distinct column set a
 * request's selections ask for, so that a page's relations are read with the columns shown.
 */
function byColumns<V>(make: (only: readonly string[] | undefined) => DataLoader<string, V>) {
  const loaders = new Map<string, DataLoader<string, V>>();
  return (only: readonly string[] | undefined): DataLoader<string, V> => {
    const signature = only ? [...only].sort().join(',') : '*';
    let loader = loaders.get(signature);
    if (!loader) {
      loader = make(only);
      loaders.set(signature, loader);
    }
    return loader;
  };
}

export function createLoaders(tx: () => Promise<Database>) {
  const personsReading = (only: readonly string[] | undefined) =>
    new DataLoader<string, Row<typeof persons>[]>(async (ids) =>
      grouped(
        ids,
        await read.persons(await tx(), anyId(persons.caseId, ids), sql`${persons.createdAt}, ${persons.id}`, only),
        (r) => r.caseId,
      ),
    );
  const transfersReading = (only: readonly string[] | undefined) =>
    new DataLoader<string, Row<typeof transfers>[]>(async (ids) =>
      grouped(
        ids,
        await read.transfers(
          await tx(),
          anyId(transfers.caseId, ids),
          sql`${transfers.createdAt}, ${transfers.id}`,
          only,
        ),
        (r) => r.caseId,
      ),
    );
  const personsBy = byColumns(personsReading);
  return {
    organization: new DataLoader<string, Row<typeof organizations> | null>(async (ids) =>
      single(ids, await read.organizations(await tx(), anyId(organizations.id, ids)), (r) => r.id),
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
    /** Whole rows. */
    personsByCase: personsBy(undefined),
    /**
     * Rows with these columns only (and whole rows for `undefined`): their other keys are absent.
     * For a selection's columns (graphql/selection.ts, `selectedColumns`).
     */
    personsByCaseReading: personsBy,
    chargesByCase: new DataLoader<string, Row<typeof charges>[]>(async (ids) =>
      grouped(
        ids,
        await read.charges(await tx(), anyId(charges.caseId, ids), sql`${charges.createdAt}, ${charges.id}`),
        (r) => r.caseId,
      ),
    ),
    /** Rows with these columns only, as `personsByCaseReading`. */
    transfersByCaseReading: byColumns(transfersReading),
    assessmentByCase: new DataLoader<string, Row<typeof assessments> | null>(async (ids) =>
      single(ids, await read.assessments(await tx(), anyId(assessments.caseId, ids)), (r) => r.caseId),
    ),
    answersByCase: new DataLoader<string, Row<typeof assessmentAnswers>[]>(async (ids) =>
      grouped(ids, await read.assessmentAnswers(await tx(), anyId(assessmentAnswers.caseId, ids)), (r) => r.caseId),
    ),
    fileByCase: new DataLoader<string, Row<typeof immigrationFiles> | null>(async (ids) =>
      single(ids, await read.immigrationFiles(await tx(), anyId(immigrationFiles.caseId, ids)), (r) => r.caseId),
    ),
    checksByCase: new DataLoader<string, Row<typeof immigrationChecks>[]>(async (ids) =>
      grouped(
        ids,
        await read.immigrationChecks(await tx(), anyId(immigrationChecks.caseId, ids), sql`${immigrationChecks.kind}`),
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
        await read.decisionCitedCharges(await tx(), anyId(decisionCitedCharges.caseId, ids)),
        (r) => r.caseId,
      ).map((rows) => rows.map((r) => r.chargeId)),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
