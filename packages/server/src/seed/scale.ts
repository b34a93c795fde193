/**
 * The scale data set for benchmarks: N synthetic cases on top of the demo data, built by the
 * demo's own factories (every scenario in turn, so every status, stage and transfer kind scales
 * with N), written with multi-row INSERTs, a chunk of cases per transaction.
 *
 * - Deterministic: case i always has the same identifiers and values (UUID v8 of `scale:i`,
 *   values from a PRNG seeded with i); only the reference numbers and GAR file numbers depend on
 *   what the database already holds (they continue its counters).
 * - Idempotent and incremental: `seedScale(db, N)` brings the scale set to N cases; the ones
 *   already there are left alone.
 * - SECRET fields are sealed like real ones (a data key per case, wrapped by the master key).
 * - Reference counters stay gap-free: numbers continue from `reference_counters`, which is raised
 *   to the last number given, in the same transaction as the cases.
 * - Each case adds one `case.create` audit event and one event per transfer to the hash chain
 *   (appended like any other: advisory lock, head, chained hashes).
 */

import { sql } from 'drizzle-orm';
import type { AuditEventInput } from '../audit/index.js';
import { appendAuditEvents } from '../audit/index.js';
import { type Database, queryRows } from '../db/client.js';
import * as t from '../db/schema.js';
import type { Keyring } from '../secrets/keyring.js';
import { buildCase, DEMO_USERS, orgId, SCENARIOS, sealDemoSecrets, seedDemo, userId } from './demo.js';

/** Cases per transaction. */
const CHUNK = 1_000;
/** Rows per INSERT statement (the widest table has 13 columns: ≤ 26,000 parameters). */
const ROWS_PER_INSERT = 2_000;
const SCALE_EPOCH = Date.UTC(2022, 0, 3, 9, 0, 0);
/** Creation times are spread over about 4.7 years, deterministic per index. */
const SPREAD_MINUTES = 2_470_000;

const SUMMARY_PREFIX = 'Synthetic scale case ';

export interface ScaleSeedResult {
  /** Scale cases in the database now. */
  total: number;
  /** Written by this run. */
  written: number;
  persons: number;
  transfers: number;
  auditEvents: number;
  ms: number;
}

async function insertAll<T extends Parameters<Database['insert']>[0]>(
  tx: Database,
  table: T,
  rows: T['$inferInsert'][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await tx.insert(table).values(rows.slice(i, i + ROWS_PER_INSERT));
  }
}

const ACTOR_BY_ORG = new Map<string, string>(
  DEMO_USERS.filter((u) => u.role === 'CASEWORKER' || u.role === 'REFERRER' || u.role === 'INTAKE_COORDINATOR').map(
    (u) => [orgId(u.org), userId(u.email)],
  ),
);

/**
 * Brings the scale data set to `target` cases (after the demo data, which it writes first if
 * missing). `onProgress` hears the running count.
 */
export async function seedScale(
  db: Database,
  target: number,
  options: { keyring?: Keyring; onProgress?: (done: number, target: number) => void } = {},
): Promise<ScaleSeedResult> {
  const started = performance.now();
  await seedDemo(db, options.keyring ? { keyring: options.keyring } : {});
  const [existing] = await queryRows<{ n: string | number }>(
    db,
    sql`SELECT count(*) AS n FROM cases WHERE hrd_summary LIKE ${`${SUMMARY_PREFIX}%`}`,
  );
  const from = Number(existing?.n ?? 0);
  const result: ScaleSeedResult = { total: from, written: 0, persons: 0, transfers: 0, auditEvents: 0, ms: 0 };
  for (let start = from; start < target; start += CHUNK) {
    const end = Math.min(target, start + CHUNK);
    await db.transaction(async (tx) => writeChunk(tx as unknown as Database, start, end, options.keyring, result));
    result.total = end;
    result.written += end - start;
    options.onProgress?.(end, target);
  }
  if (result.written > 0) await db.execute(sql`ANALYZE`);
  result.ms = performance.now() - started;
  return result;
}

async function writeChunk(
  tx: Database,
  start: number,
  end: number,
  keyring: Keyring | undefined,
  result: ScaleSeedResult,
): Promise<void> {
  // A superuser (the benchmark's throwaway server) skips the per-row triggers: each person would
  // otherwise recount its case's size, which this seed sets itself. Rows are built consistent.
  await tx.execute(
    sql`SELECT set_config('session_replication_role', 'replica', true) WHERE (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)`,
  );
  // Counters are read under a row lock, so a concurrent case creation waits for this chunk.
  const counterRows = await queryRows<{ organization_id: string; year: number; last_value: number }>(
    tx,
    sql`SELECT organization_id, year, last_value FROM reference_counters FOR UPDATE`,
  );
  const orgKeys = new Map(
    (['UNHCR', 'FLD', 'PD', 'IRCC', 'CSN'] as const).map((k) => [orgId(k), k] as [string, string]),
  );
  const counters = new Map<string, number>();
  for (const row of counterRows) {
    const key = orgKeys.get(row.organization_id);
    if (key) counters.set(`${key}:${row.year}`, Number(row.last_value));
  }
  const [fileRow] = await queryRows<{ n: string | number | null }>(
    tx,
    sql`SELECT max(substring(file_number from '[0-9]+$')::int) AS n FROM immigration_files`,
  );
  let fileCounter = Number(fileRow?.n ?? 0);

  const rows = {
    cases: [] as (typeof t.cases.$inferInsert)[],
    persons: [] as (typeof t.persons.$inferInsert)[],
    charges: [] as (typeof t.charges.$inferInsert)[],
    assessments: [] as (typeof t.assessments.$inferInsert)[],
    answers: [] as (typeof t.assessmentAnswers.$inferInsert)[],
    transfers: [] as (typeof t.transfers.$inferInsert)[],
    files: [] as (typeof t.immigrationFiles.$inferInsert)[],
    checks: [] as (typeof t.immigrationChecks.$inferInsert)[],
    cited: [] as (typeof t.decisionCitedCharges.$inferInsert)[],
    requests: [] as (typeof t.informationRequests.$inferInsert)[],
  };
  const events: AuditEventInput[] = [];
  for (let i = start; i < end; i++) {
    const scenario = SCENARIOS[i % SCENARIOS.length];
    if (!scenario) throw new Error('unreachable: SCENARIOS is not empty');
    const createdAt = new Date(SCALE_EPOCH + ((i * 7_919) % SPREAD_MINUTES) * 60_000);
    const built = buildCase(i, scenario, counters, () => ++fileCounter, {
      key: `scale:${i}`,
      seed: 1_000_000 + i,
      createdAt,
      summary: `${SUMMARY_PREFIX}${i + 1} (synthetic benchmark data, not a real person).`,
    });
    const size = built.persons.length;
    rows.cases.push({ ...built.case, size, ...(keyring ? sealDemoSecrets(keyring, 100_000 + i, built.case.id) : {}) });
    rows.persons.push(...built.persons);
    rows.charges.push(...built.charges);
    if (built.assessment) rows.assessments.push(built.assessment);
    rows.answers.push(...built.answers);
    rows.transfers.push(...built.transfers);
    if (built.file) rows.files.push(built.file);
    rows.checks.push(...built.checks);
    rows.cited.push(...built.cited);
    rows.requests.push(...built.requests);
    const actor = ACTOR_BY_ORG.get(built.case.originId) ?? null;
    events.push({
      action: 'case.create',
      outcome: 'ALLOWED',
      actorId: actor,
      organizationId: built.case.originId,
      caseIds: [built.case.id],
      fields: ['META', 'QUASI', 'IDENTITY'],
      requestId: `seed-scale-${i}`,
      detail: { seed: 'scale' },
      at: createdAt,
    });
    for (const transfer of built.transfers) {
      events.push({
        action: 'transfer.create',
        outcome: 'ALLOWED',
        actorId: ACTOR_BY_ORG.get(transfer.fromOrganizationId) ?? null,
        organizationId: transfer.fromOrganizationId,
        caseIds: [built.case.id],
        fields: ['META'],
        requestId: `seed-scale-${i}`,
        detail: { kind: transfer.kind, seed: 'scale' },
        at: transfer.createdAt,
      });
    }
    result.persons += size;
    result.transfers += built.transfers.length;
  }
  await insertAll(tx, t.cases, rows.cases);
  await insertAll(tx, t.persons, rows.persons);
  await insertAll(tx, t.charges, rows.charges);
  await insertAll(tx, t.assessments, rows.assessments);
  await insertAll(tx, t.assessmentAnswers, rows.answers);
  await insertAll(tx, t.transfers, rows.transfers);
  await insertAll(tx, t.immigrationFiles, rows.files);
  await insertAll(tx, t.immigrationChecks, rows.checks);
  await insertAll(tx, t.decisionCitedCharges, rows.cited);
  await insertAll(tx, t.informationRequests, rows.requests);
  // The case's custodian on its persons, charges, transfers and information requests (migrations
  // child_rows_carry_custodian, information_requests_carry_custodian), which a trigger sets when
  // triggers run.
  const caseIds = sql.param(rows.cases.map((c) => c.id));
  for (const table of ['persons', 'charges', 'transfers', 'information_requests']) {
    await tx.execute(
      sql`UPDATE ${sql.identifier(table)} x SET custodian_id = c.custodian_id FROM cases c
           WHERE c.id = x.case_id AND x.case_id = ANY(${caseIds}::uuid[]) AND x.custodian_id IS DISTINCT FROM c.custodian_id`,
    );
  }
  // Their RECEIVER and FORMER organizations (migration case_relations), which triggers keep when
  // triggers run: rebuilt for the chunk either way.
  await tx.execute(sql`DELETE FROM case_relations WHERE case_id = ANY(${caseIds}::uuid[])`);
  await tx.execute(
    sql`INSERT INTO case_relations (case_id, organization_id, relation)
        SELECT c.id, x.organization_id, x.relation
          FROM unnest(${caseIds}::uuid[]) AS c(id) CROSS JOIN LATERAL hrd_case_relations_of(c.id) x`,
  );
  // And each case's IRCC organizations, from those rows (migration cases_carry_ircc_organizations).
  await tx.execute(
    sql`UPDATE cases c SET ircc_orgs = hrd_case_ircc_orgs(c.id)
         WHERE c.id = ANY(${caseIds}::uuid[]) AND c.ircc_orgs IS DISTINCT FROM hrd_case_ircc_orgs(c.id)`,
  );

  for (const [key, value] of counters) {
    const [org, year] = key.split(':') as [string, string];
    await tx
      .insert(t.referenceCounters)
      .values({ organizationId: orgId(org as 'FLD'), year: Number(year), lastValue: value })
      .onConflictDoUpdate({
        target: [t.referenceCounters.organizationId, t.referenceCounters.year],
        set: { lastValue: sql`GREATEST(${t.referenceCounters.lastValue}, excluded.last_value)` },
      });
  }
  await appendAuditEvents(tx, events);
  result.auditEvents += events.length;
}
