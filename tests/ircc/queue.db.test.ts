/**
 * The officers' work list, `immigrationQueue`, against an independent owner-side SQL query over the
 * seeded files (and a few made here): expedited first, then the oldest file; pages that add up
 * with totalCount and hasNextPage; every filter; the default leaving out ARRIVED, REFUSED and
 * withdrawn cases; officers only.
 */
import { type Database, queryRows, seedDemo } from '@hrd/server';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { type SignedIn, signIn } from '../support/session.js';
import { ACKNOWLEDGE, errorOf, QUEUE, QUEUE_META, referredCase, run } from './ircc-support.js';

interface QueueFilter {
  stage?: string[];
  assignedOfficerId?: string;
  unassigned?: boolean;
  partner?: string[];
  expedited?: boolean;
  deferred?: boolean;
}
interface QueueNode {
  id: string;
  urgency: string;
  custodian: { kind: string };
  immigrationFile: { stage: string; expedited: boolean; deferred: boolean; assignedOfficer: { id: string } | null };
}
interface QueuePage {
  immigrationQueue: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: QueueNode }>;
  };
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/**
 * The queue as the owner computes it: every file of a case IRCC has a live referral for (IRCC's
 * relation), filtered as the API documents, expedited first, then the oldest file, then the id.
 */
async function expectedQueue(db: Database, filter: QueueFilter = {}): Promise<string[]> {
  const where: SQL[] = [
    sql`EXISTS (SELECT 1 FROM transfers t WHERE t.case_id = c.id AND t.kind = 'RESETTLEMENT_REFERRAL'
                 AND t.status IN ('PENDING', 'ACCEPTED'))`,
  ];
  if (filter.stage?.length) where.push(sql`f.stage IN (${list(filter.stage)})`);
  else where.push(sql`f.stage NOT IN ('ARRIVED', 'REFUSED')`, sql`c.status <> 'WITHDRAWN'`);
  if (filter.assignedOfficerId) where.push(sql`f.assigned_officer_id::text = ${filter.assignedOfficerId}`);
  if (filter.unassigned === true) where.push(sql`f.assigned_officer_id IS NULL`);
  if (filter.unassigned === false) where.push(sql`f.assigned_officer_id IS NOT NULL`);
  if (filter.partner?.length) {
    // "Only files referred by these partners": the referral's sender, whoever holds the case now.
    where.push(sql`EXISTS (SELECT 1 FROM transfers t JOIN organizations o ON o.id = t.from_organization_id
                    WHERE t.case_id = c.id AND t.kind = 'RESETTLEMENT_REFERRAL' AND t.status IN ('PENDING', 'ACCEPTED')
                      AND o.kind IN (${list(filter.partner)}))`);
  }
  if (filter.expedited !== undefined) where.push(sql`f.expedited = ${filter.expedited}`);
  const open = sql`EXISTS (SELECT 1 FROM information_requests r WHERE r.case_id = c.id AND r.status = 'OPEN')`;
  if (filter.deferred === true) where.push(open);
  if (filter.deferred === false) where.push(sql`NOT ${open}`);
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT c.id FROM cases c JOIN immigration_files f ON f.case_id = c.id
         WHERE ${sql.join(where, sql` AND `)}
         ORDER BY f.expedited DESC, f.created_at ASC, c.id ASC`,
  );
  return rows.map((r) => r.id);
}

describe(`the immigration queue on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  let officer: SignedIn;
  let officer2: SignedIn;
  let fld: SignedIn;
  let withdrawnId: string;

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
    officer = await signIn(server, 'officer@ircc.demo');
    officer2 = await signIn(server, 'officer2@ircc.demo');
    fld = await signIn(server, 'caseworker@fld.demo');
    // Newer files on top of the seed: an expedited one, and one the partner withdrew after IRCC
    // acknowledged it (its file stays, at RECEIVED, for a case that is WITHDRAWN).
    const expedited = await referredCase(fld, 'EMERGENCY', 'queue-expedited');
    await run(officer, ACKNOWLEDGE, { id: expedited.transferId });
    const withdrawn = await referredCase(fld, 'NORMAL', 'queue-withdrawn');
    await run(officer, ACKNOWLEDGE, { id: withdrawn.transferId });
    await run(fld, `mutation W($id: ID!) { withdrawCase(caseId: $id, reason: "Queue test withdrawal") { status } }`, {
      id: withdrawn.id,
    });
    withdrawnId = withdrawn.id;
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  /** Walks every page of the queue, checking totalCount and hasNextPage on each. */
  async function allPages(user: SignedIn, filter: QueueFilter | undefined, first: number) {
    const ids: string[] = [];
    const nodes: QueueNode[] = [];
    let after: string | null = null;
    let total: number | undefined;
    for (let page = 0; page < 100; page += 1) {
      const data: QueuePage = await run<QueuePage>(user, QUEUE, { filter, first, after });
      const q = data.immigrationQueue;
      total ??= q.totalCount;
      expect(q.totalCount).toBe(total);
      expect(q.edges.length).toBeLessThanOrEqual(first);
      for (const e of q.edges) {
        ids.push(e.node.id);
        nodes.push(e.node);
      }
      expect(q.pageInfo.hasNextPage).toBe(ids.length < (total as number));
      if (!q.pageInfo.hasNextPage) break;
      expect(q.edges).toHaveLength(first);
      after = q.pageInfo.endCursor;
    }
    return { ids, nodes, total: total as number };
  }

  it('orders expedited files first, then the oldest, across pages that add up', async () => {
    const expected = await expectedQueue(database.db);
    expect(expected.length).toBeGreaterThan(10);
    const { ids, nodes, total } = await allPages(officer, undefined, 4);
    expect(total).toBe(expected.length);
    expect(ids).toEqual(expected);
    expect(new Set(ids).size).toBe(ids.length);
    // Expedited first: there are both kinds, and no ordinary file comes before an expedited one.
    const flags = nodes.map((n) => n.immigrationFile.expedited);
    expect(flags).toContain(true);
    expect(flags).toContain(false);
    expect(flags.indexOf(false)).toBe(flags.lastIndexOf(true) + 1);
    // One big page gives the same order.
    const one = await run<QueuePage>(officer, QUEUE, { first: 100 });
    expect(one.immigrationQueue.edges.map((e) => e.node.id)).toEqual(expected);
    expect(one.immigrationQueue.pageInfo.hasNextPage).toBe(false);
  });

  it('counts the files with the page: a page past the end and an empty queue count too', async () => {
    const expected = await expectedQueue(database.db);
    const past = Buffer.from(`o:${expected.length + 4}`).toString('base64url');
    const beyond = await run<QueuePage>(officer, QUEUE, { first: 5, after: past });
    expect(beyond.immigrationQueue.edges).toEqual([]);
    expect(beyond.immigrationQueue.totalCount).toBe(expected.length);
    expect(beyond.immigrationQueue.pageInfo.hasNextPage).toBe(false);
    const nobody = { assignedOfficerId: '00000000-0000-4000-8000-000000000000' };
    for (const after of [null, past]) {
      const none = await run<QueuePage>(officer, QUEUE, { first: 5, after, filter: nobody });
      expect(none.immigrationQueue).toMatchObject({ totalCount: 0, edges: [] });
    }
    // The last page, partly full, carries the count of them all.
    const last = Buffer.from(`o:${expected.length - 3}`).toString('base64url');
    const tail = await run<QueuePage>(officer, QUEUE, { first: 5, after: last });
    expect(tail.immigrationQueue.edges.map((e) => e.node.id)).toEqual(expected.slice(-2));
    expect(tail.immigrationQueue.totalCount).toBe(expected.length);
  });

  it('by default leaves out ARRIVED, REFUSED and withdrawn cases', async () => {
    const { nodes } = await allPages(officer, undefined, 100);
    expect(nodes.map((n) => n.immigrationFile.stage)).not.toContain('ARRIVED');
    expect(nodes.map((n) => n.immigrationFile.stage)).not.toContain('REFUSED');
    expect(nodes.map((n) => n.id)).not.toContain(withdrawnId);
    const [counts] = await queryRows<{ arrived: number; refused: number }>(
      database.db,
      sql`SELECT count(*) FILTER (WHERE stage = 'ARRIVED')::int AS arrived,
                 count(*) FILTER (WHERE stage = 'REFUSED')::int AS refused FROM immigration_files`,
    );
    expect(counts?.arrived).toBeGreaterThan(0);
    expect(counts?.refused).toBeGreaterThan(0);
  });

  const filters: Array<[string, () => QueueFilter]> = [
    ['stage INTERVIEW or DECISION', () => ({ stage: ['INTERVIEW', 'DECISION'] })],
    ['stage REFUSED', () => ({ stage: ['REFUSED'] })],
    ['stage ARRIVED', () => ({ stage: ['ARRIVED'] })],
    ['stage RECEIVED (the withdrawn case included)', () => ({ stage: ['RECEIVED'] })],
    ['assigned to officer2', () => ({ assignedOfficerId: officer2.userId })],
    ['assigned to officer', () => ({ assignedOfficerId: officer.userId })],
    ['unassigned', () => ({ unassigned: true })],
    ['assigned', () => ({ unassigned: false })],
    ['referred by FLD', () => ({ partner: ['FLD'] })],
    ['referred by UNHCR or PD', () => ({ partner: ['UNHCR', 'PD'] })],
    ['refused, referred by FLD (some now held by UNHCR)', () => ({ stage: ['REFUSED'], partner: ['FLD'] })],
    ['refused, referred by UNHCR', () => ({ stage: ['REFUSED'], partner: ['UNHCR'] })],
    ['expedited', () => ({ expedited: true })],
    ['not expedited', () => ({ expedited: false })],
    ['deferred', () => ({ deferred: true })],
    ['not deferred', () => ({ deferred: false })],
    ['FLD, assigned, not deferred', () => ({ partner: ['FLD'], unassigned: false, deferred: false })],
  ];
  for (const [name, make] of filters) {
    it(`filter: ${name}`, async () => {
      const filter = make();
      const expected = await expectedQueue(database.db, filter);
      expect(expected.length, 'the filter should select something in the seed').toBeGreaterThan(0);
      // A filter that selects everything would test nothing.
      const everything = await expectedQueue(database.db, filter.stage ? { stage: filter.stage } : {});
      if (Object.keys(filter).length > (filter.stage ? 1 : 0)) expect(expected.length).toBeLessThan(everything.length);
      const { ids, total } = await allPages(officer, filter, 3);
      expect(total).toBe(expected.length);
      expect(ids).toEqual(expected);
    });
  }

  it('an assignedOfficerId that is not an id selects nothing', async () => {
    const q = await run<QueuePage>(officer, QUEUE, { filter: { assignedOfficerId: 'nobody' } });
    expect(q.immigrationQueue.totalCount).toBe(0);
    expect(q.immigrationQueue.edges).toEqual([]);
  });

  it('both officers see the same queue (it is IRCC-wide, not per officer)', async () => {
    const mine = await allPages(officer, undefined, 100);
    const theirs = await allPages(officer2, undefined, 100);
    expect(theirs.ids).toEqual(mine.ids);
  });

  it('refuses a page size outside 1..100', async () => {
    for (const first of [101, -1]) {
      const error = errorOf(await officer.graphql(QUEUE, { first }));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.paths).toEqual([['first']]);
    }
  });

  it('is for IRCC officers only: everyone else FORBIDDEN, audited as denied', async () => {
    for (const email of [
      'analyst@ircc.demo',
      'caseworker@fld.demo',
      'caseworker@unhcr.demo',
      'caseworker@pd.demo',
      'intake@pd.demo',
      'referrer@civicshield.demo',
      'admin@pd.demo',
    ]) {
      const user = await signIn(server, email);
      // META only: an analyst's schema has no IRCC-internal field to ask for.
      const response = await user.graphql<QueuePage>(QUEUE_META, { first: 10 });
      expect(response.body.data?.immigrationQueue ?? null, email).toBeNull();
      expect(errorOf(response).code, email).toBe('FORBIDDEN');
      const [denied] = await queryRows<{ n: number }>(
        database.db,
        sql`SELECT count(*)::int AS n FROM audit_events
             WHERE action = 'ircc.queue' AND outcome = 'DENIED' AND actor_id = ${user.userId}`,
      );
      expect(denied?.n, email).toBe(1);
    }
  });
});
