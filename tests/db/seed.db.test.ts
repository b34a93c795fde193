import { CaseStatus, ImmigrationStage, TransferKind } from '@hrd/schema';
import { type Database, DEMO_USERS, queryRows, SCENARIOS, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';

const TABLES = [
  'organizations',
  'users',
  'quotas',
  'quota_targets',
  'reference_counters',
  'cases',
  'persons',
  'charges',
  'assessments',
  'assessment_answers',
  'transfers',
  'immigration_files',
  'immigration_checks',
  'decision_cited_charges',
  'information_requests',
];

/** Every table's row count and a digest of its full contents, in a stable order. */
async function snapshot(db: Database): Promise<Record<string, { rows: number; digest: string }>> {
  const out: Record<string, { rows: number; digest: string }> = {};
  for (const table of TABLES) {
    const result = await queryRows<{ rows: string; digest: string | null }>(
      db,
      sql.raw(`select count(*) as rows, md5(string_agg(t::text, '|' order by t::text)) as digest from ${table} t`),
    );
    const row = result[0];
    out[table] = { rows: Number(row?.rows), digest: row?.digest ?? '' };
  }
  return out;
}

async function values(db: Database, query: string): Promise<string[]> {
  return (await queryRows<{ v: string }>(db, sql.raw(query))).map((r) => r.v);
}

describe(`the demo seed on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let first: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db);
    first = await snapshot(database.db);
  });
  afterAll(() => database.close());

  it('is idempotent: running it again changes nothing', async () => {
    const result = await seedDemo(database.db);
    expect(result.cases).toBe(SCENARIOS.length);
    expect(await snapshot(database.db)).toEqual(first);
  });

  it('creates the organizations and users of API.md', async () => {
    expect(await values(database.db, 'select kind as v from organizations order by kind')).toEqual([
      'FLD',
      'IRCC',
      'PD',
      'THIRD_PARTY',
      'UNHCR',
    ]);
    expect(await values(database.db, `select name as v from organizations where kind = 'THIRD_PARTY'`)).toEqual([
      'Civic Shield Network',
    ]);
    expect(await values(database.db, 'select email as v from users order by email')).toEqual(
      DEMO_USERS.map((u) => u.email).sort(),
    );
    const roles = await queryRows<{ email: string; roles: string[] }>(database.db, sql`select email, roles from users`);
    for (const row of roles) {
      expect(row.roles).toEqual([DEMO_USERS.find((u) => u.email === row.email)?.role]);
    }
  });

  it('holds dozens of cases in every status, held by every partner', async () => {
    expect(first.cases?.rows).toBeGreaterThanOrEqual(36);
    expect(await values(database.db, 'select distinct status as v from cases order by 1')).toEqual(
      [...CaseStatus.values].sort(),
    );
    expect(
      await values(
        database.db,
        'select distinct o.kind as v from cases c join organizations o on o.id = c.custodian_id order by 1',
      ),
    ).toEqual(['FLD', 'PD', 'THIRD_PARTY', 'UNHCR']);
  });

  it('has transfers of every kind and status, and files at every IRCC stage assigned to each officer', async () => {
    expect(await values(database.db, 'select distinct kind as v from transfers order by 1')).toEqual(
      [...TransferKind.values].sort(),
    );
    expect(await values(database.db, 'select distinct status as v from transfers order by 1')).toEqual([
      'ACCEPTED',
      'DECLINED',
      'PENDING',
      'WITHDRAWN',
    ]);
    expect(await values(database.db, 'select distinct stage as v from immigration_files order by 1')).toEqual(
      [...ImmigrationStage.values].sort(),
    );
    expect(
      await values(
        database.db,
        `select u.email as v from immigration_files f join users u on u.id = f.assigned_officer_id group by u.email order by 1`,
      ),
    ).toEqual(['officer2@ircc.demo', 'officer@ircc.demo']);
  });

  it('keeps custody consistent: every case has one custodian and at most one pending transfer', async () => {
    expect(
      await values(
        database.db,
        `select case_id::text as v from transfers where status = 'PENDING' group by case_id having count(*) > 1`,
      ),
    ).toEqual([]);
    // A case whose accepted SUBMISSION/DISTRIBUTION/OFFER is the last move is held by that receiver.
    expect(
      await values(
        database.db,
        `select c.reference as v from cases c
           join lateral (select * from transfers t where t.case_id = c.id and t.status = 'ACCEPTED'
                           and t.kind <> 'RESETTLEMENT_REFERRAL' order by t.created_at desc limit 1) last on true
          where last.to_organization_id <> c.custodian_id`,
      ),
    ).toEqual([]);
  });

  it('gives every case exactly one principal, and uses clearly fictitious data', async () => {
    expect(
      await values(
        database.db,
        `select c.reference as v from cases c left join persons p on p.case_id = c.id and p.role = 'PRINCIPAL'
          group by c.reference having count(p.id) <> 1`,
      ),
    ).toEqual([]);
    expect(
      await values(
        database.db,
        `select reference as v from cases where hrd_summary not like '%(demo data, not a real person)%'`,
      ),
    ).toEqual([]);
  });

  it('continues reference numbering after the seeded references', async () => {
    const rows = await queryRows<{ bad: string }>(
      database.db,
      sql`
      select rc.year::text as bad from reference_counters rc
        join organizations o on o.id = rc.organization_id
       where rc.last_value < (select count(*) from cases c where c.origin_id = rc.organization_id
                                and extract(year from c.created_at) = rc.year)`,
    );
    expect(rows).toEqual([]);
  });
});
