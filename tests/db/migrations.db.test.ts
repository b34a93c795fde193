import { ENUMS } from '@hrd/schema';
import { queryRows } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, dbFailure, openTestDatabase, type TestDatabase } from '../support/database.js';

const DOMAIN_TABLES = [
  'access_grants',
  'api_tokens',
  'assessment_answers',
  'assessments',
  'audit_events',
  'case_relations',
  'cases',
  'charges',
  'decision_cited_charges',
  'file_number_counters',
  'immigration_checks',
  'immigration_files',
  'information_requests',
  'login_throttle',
  'notifications',
  'organizations',
  'persons',
  'quota_targets',
  'quotas',
  'reference_counters',
  'sessions',
  'transfers',
  'users',
];

describe(`migrations on ${currentDriver()}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase({ empty: true });
  });
  afterAll(() => database.close());

  const tables = async () =>
    (
      await queryRows<{ table_name: string }>(
        database.db,
        sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
      )
    ).map((r) => r.table_name);

  it('starts from a database with no tables', async () => {
    expect(await tables()).toEqual([]);
  });

  it('creates every table of the domain model from an empty database', async () => {
    await database.migrate();
    expect(await tables()).toEqual(DOMAIN_TABLES);
  });

  it('is idempotent: a second run applies nothing and keeps the tables', async () => {
    const count = async () =>
      Number(
        (await queryRows<{ n: string }>(database.db, sql`select count(*) as n from drizzle.__drizzle_migrations`))[0]
          ?.n,
      );
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await database.migrate();
    expect(await count()).toBe(before);
    expect(await tables()).toEqual(DOMAIN_TABLES);
  });

  it('rejects a value outside the shared vocabulary with a check constraint', async () => {
    await expect(
      database.db.execute(
        sql`insert into organizations (name, kind, reference_prefix) values ('Bogus', 'BOGUS', 'BOG')`,
      ),
    ).rejects.toThrow();
    for (const kind of ENUMS.OrganizationKind.values.filter((k) => k === 'THIRD_PARTY')) {
      await database.db.execute(
        sql`insert into organizations (name, kind, reference_prefix) values (${`A ${kind}`}, ${kind}, 'TPA')`,
      );
    }
  });

  it('keeps UNHCR, FLD, PD and IRCC unique while allowing many third parties', async () => {
    await database.db.execute(
      sql`insert into organizations (name, kind, reference_prefix) values ('UNHCR', 'UNHCR', 'UNHCR')`,
    );
    await expect(
      database.db.execute(
        sql`insert into organizations (name, kind, reference_prefix) values ('UNHCR bis', 'UNHCR', 'UNHCRB')`,
      ),
    ).rejects.toThrow();
    await database.db.execute(
      sql`insert into organizations (name, kind, reference_prefix) values ('Another group', 'THIRD_PARTY', 'AG')`,
    );
  });

  it('allows at most one PRINCIPAL per case and one pending transfer per case', async () => {
    const org = (
      await queryRows<{ id: string }>(database.db, sql`select id from organizations where kind = 'UNHCR'`)
    )[0]?.id;
    const c = (
      await queryRows<{ id: string }>(
        database.db,
        sql`insert into cases (reference, custodian_id, origin_id) values ('UNHCR-2026-9999', ${org}, ${org}) returning id`,
      )
    )[0]?.id;
    await database.db.execute(
      sql`insert into persons (case_id, role, given_name, family_name) values (${c}, 'PRINCIPAL', 'A', 'B')`,
    );
    await expect(
      database.db.execute(
        sql`insert into persons (case_id, role, given_name, family_name) values (${c}, 'PRINCIPAL', 'C', 'D')`,
      ),
    ).rejects.toThrow();
    await database.db.execute(
      sql`insert into transfers (case_id, kind, from_organization_id, to_organization_id) values (${c}, 'OFFER', ${org}, ${org})`,
    );
    await expect(
      database.db.execute(
        sql`insert into transfers (case_id, kind, from_organization_id, to_organization_id) values (${c}, 'OFFER', ${org}, ${org})`,
      ),
    ).rejects.toThrow();
  });

  it('keeps the audit trail append-only: no update, delete or truncate', async () => {
    await database.db.execute(
      sql`insert into audit_events (seq, action, outcome, prev_hash, hash) values (1, 'test', 'ALLOWED', 'x', 'y')`,
    );
    expect(await dbFailure(database.db.execute(sql`update audit_events set action = 'edited'`))).toMatch(
      /audit_events is append-only: UPDATE/,
    );
    expect(await dbFailure(database.db.execute(sql`delete from audit_events`))).toMatch(/append-only: DELETE/);
    expect(await dbFailure(database.db.execute(sql`truncate audit_events`))).toMatch(/append-only: TRUNCATE/);
  });

  it('rejects a country that is not an ISO 3166-1 alpha-2 shape', async () => {
    const org = (
      await queryRows<{ id: string }>(database.db, sql`select id from organizations where kind = 'UNHCR'`)
    )[0]?.id;
    await expect(
      database.db.execute(
        sql`insert into cases (reference, custodian_id, origin_id, country_of_asylum) values ('UNHCR-2026-9998', ${org}, ${org}, 'tr')`,
      ),
    ).rejects.toThrow();
  });
});
