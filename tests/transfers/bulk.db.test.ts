/**
 * Bulk distribution (`distributeCases`): up to 100 cases in one transaction, all or none, the
 * failing case named in the error; its audit; and the limit.
 */
import { queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { codeOf } from '../support/session.js';
import {
  type Actors,
  type AuditRow,
  auditAfter,
  auditHead,
  caseInTriage,
  DISTRIBUTE_MANY,
  ok,
  organizationIdOfKind,
  signInActors,
} from './transfers-support.js';

const COUNT = 100;
const INVALID_AT = 56; // the 57th item

interface StateRow extends Record<string, unknown> {
  id: string;
  status: string;
  custodian_id: string;
  version: number;
  transfers: number;
  pending: number;
}

describe(`bulk distribution on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  let a: Actors;
  /** 100 cases in PD's triage, made through the API (create, submit, accept). */
  const triage: string[] = [];
  /** A PD case that is not in triage (IN_ASSESSMENT, from the seed). */
  let notInTriage = '';
  /** The audit events written by the failed bulk distribution. */
  let failedBulkEvents: AuditRow[] = [];

  const state = async (ids: readonly string[]) =>
    queryRows<StateRow>(
      database.db,
      sql`SELECT c.id::text, c.status, c.custodian_id::text, c.version,
                 (SELECT count(*)::int FROM transfers t WHERE t.case_id = c.id) AS transfers,
                 (SELECT count(*)::int FROM transfers t WHERE t.case_id = c.id AND t.status = 'PENDING') AS pending
            FROM cases c WHERE c.id::text IN ${sql.raw(`(${ids.map((id) => `'${id}'`).join(',')})`)}
           ORDER BY c.id`,
    );
  const notificationCount = async () =>
    Number((await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM notifications`))[0]?.n ?? 0);

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
    a = await signInActors(server);
    for (let start = 0; start < COUNT; start += 5) {
      const batch = await Promise.all(Array.from({ length: Math.min(5, COUNT - start) }, () => caseInTriage(a)));
      triage.push(...batch.map((c) => c.id));
    }
    const pd = await organizationIdOfKind(database.db, 'PD');
    const [row] = await queryRows<{ id: string }>(
      database.db,
      sql`SELECT id::text FROM cases WHERE custodian_id = ${pd} AND status = 'IN_ASSESSMENT' ORDER BY id LIMIT 1`,
    );
    notInTriage = row?.id ?? '';
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it('starts from 100 distinct cases in PD triage, each with its one accepted submission', async () => {
    expect(new Set(triage).size).toBe(COUNT);
    const pd = await organizationIdOfKind(database.db, 'PD');
    const rows = await state(triage);
    expect(rows).toHaveLength(COUNT);
    for (const row of rows)
      expect(row).toMatchObject({ status: 'IN_TRIAGE', custodian_id: pd, transfers: 1, pending: 0 });
    expect(notInTriage).not.toBe('');
  });

  it('one invalid item (the 57th, not in triage): the error names it, and nothing changes', async () => {
    const items = triage.map((caseId, i) => ({
      caseId: i === INVALID_AT ? notInTriage : caseId,
      to: i % 2 ? 'UNHCR' : 'FLD',
    }));
    const before = await state([...triage, notInTriage]);
    const notificationsBefore = await notificationCount();
    const head = await auditHead(database.db);

    const response = await a.intake.graphql(DISTRIBUTE_MANY, { items });
    expect(response.body.data ?? null).toBeNull();
    expect(response.body.errors).toHaveLength(1);
    const error = response.body.errors?.[0];
    expect(error?.extensions).toMatchObject({
      code: 'INVALID_TRANSITION',
      caseId: notInTriage,
      index: INVALID_AT,
      currentStatus: 'IN_ASSESSMENT',
    });
    expect(error?.message).toContain(`Case ${INVALID_AT + 1} of ${COUNT}`);
    expect(error?.message).toContain('Nothing was distributed');

    // Nothing changed: every case as it was (status, custodian, version), no new transfer or notification.
    expect(await state([...triage, notInTriage])).toEqual(before);
    expect(await notificationCount()).toBe(notificationsBefore);
    failedBulkEvents = await auditAfter(database.db, head);
  });

  // Regression (fixed): the failed bulk distribution above rolls back, and once the audit chain recorded two
  // `transfer.distribute` ALLOWED events ({to: FLD} and {to: UNHCR}) listing the 56 cases before
  // the invalid one (28 each): distributeOne records into the request's audit buffer as each case
  // succeeds, the savepoint then rolls the cases back, but the buffer is appended at the end of the
  // request anyway. The audit trail of those cases claims distributions that never happened.
  it('the failed bulk distribution leaves no ALLOWED distribution in the audit trail', () => {
    const claimed = failedBulkEvents
      .filter((e) => e.action === 'transfer.distribute' && e.outcome === 'ALLOWED')
      .map((e) => ({ detail: e.detail, cases: e.case_ids.length }));
    expect(claimed).toEqual([]);
  });

  it('a case twice, none, or 101 items: BAD_USER_INPUT, nothing distributed', async () => {
    const first = triage[0] ?? '';
    const twice = await a.intake.graphql(DISTRIBUTE_MANY, {
      items: [
        { caseId: first, to: 'FLD' },
        { caseId: first, to: 'UNHCR' },
      ],
    });
    expect(codeOf(twice)).toBe('BAD_USER_INPUT');
    expect(twice.body.errors?.[0]?.extensions).toMatchObject({ caseId: first, paths: [['items', 1, 'caseId']] });
    const none = await a.intake.graphql(DISTRIBUTE_MANY, { items: [] });
    expect(codeOf(none)).toBe('BAD_USER_INPUT');
    const tooMany = await a.intake.graphql(DISTRIBUTE_MANY, {
      items: [...triage, notInTriage].map((caseId) => ({ caseId, to: 'FLD' })),
    });
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ paths: [['items']] });
    for (const row of await state(triage)) expect(row.status).toBe('IN_TRIAGE');
  });

  it('a caseworker may not distribute in bulk: FORBIDDEN, naming the first case', async () => {
    const response = await a.pdCaseworker.graphql(DISTRIBUTE_MANY, {
      items: triage.slice(0, 3).map((caseId) => ({ caseId, to: 'FLD' })),
    });
    expect(codeOf(response)).toBe('FORBIDDEN');
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ index: 0, caseId: triage[0] });
    for (const row of await state(triage)) expect(row.status).toBe('IN_TRIAGE');
  });

  it('the 100 valid ones: all DISTRIBUTED in one request, audited as one event per target listing its cases', async () => {
    const [fld, unhcr, pd] = await Promise.all(['FLD', 'UNHCR', 'PD'].map((k) => organizationIdOfKind(database.db, k)));
    const items = triage.map((caseId, i) => ({ caseId, to: i % 2 ? 'UNHCR' : 'FLD', note: `Bulk item ${i} (test).` }));
    const head = await auditHead(database.db);
    const notificationsBefore = await notificationCount();

    const data = await ok(
      a.intake.graphql<{ distributeCases: Array<{ id: string; kind: string; status: string; to: { kind: string } }> }>(
        DISTRIBUTE_MANY,
        { items },
      ),
    );
    expect(data.distributeCases).toHaveLength(COUNT);
    data.distributeCases.forEach((t, i) => {
      expect(t, `item ${i}`).toMatchObject({ kind: 'DISTRIBUTION', status: 'PENDING', to: { kind: items[i]?.to } });
    });

    const rows = await state(triage);
    for (const row of rows)
      expect(row).toMatchObject({ status: 'DISTRIBUTED', custodian_id: pd, transfers: 2, pending: 1 });
    const receivers = await queryRows<{ case_id: string; to: string }>(
      database.db,
      sql`SELECT case_id::text, to_organization_id::text AS "to" FROM transfers
           WHERE kind = 'DISTRIBUTION' AND status = 'PENDING'`,
    );
    const receiverOf = new Map(receivers.map((r) => [r.case_id, r.to]));
    triage.forEach((id, i) => {
      expect(receiverOf.get(id), `item ${i}`).toBe(i % 2 ? unhcr : fld);
    });
    // Each receiver is told once per case.
    expect(await notificationCount()).toBe(notificationsBefore + COUNT);

    // The request's audit buffer merges events of one kind (action, outcome, detail): the
    // distributions are one event per target ({to}), each listing every case sent there.
    const events = (await auditAfter(database.db, head)).filter((e) => e.action === 'transfer.distribute');
    expect(events.map((e) => [e.outcome, e.detail]).sort()).toEqual([
      ['ALLOWED', { to: 'FLD' }],
      ['ALLOWED', { to: 'UNHCR' }],
    ]);
    for (const event of events) {
      const target = event.detail.to === 'FLD' ? 0 : 1;
      const expected = triage.filter((_, i) => i % 2 === target).sort();
      expect([...event.case_ids].sort()).toEqual(expected);
      expect(event.fields).toEqual(['META']);
    }
  });

  it('distributed cases cannot be distributed again in bulk: INVALID_TRANSITION naming the first', async () => {
    const response = await a.intake.graphql(DISTRIBUTE_MANY, {
      items: triage.slice(0, 2).map((caseId) => ({ caseId, to: 'PD' })),
    });
    expect(codeOf(response)).toBe('INVALID_TRANSITION');
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      index: 0,
      caseId: triage[0],
      currentStatus: 'DISTRIBUTED',
    });
  });
});
