/**
 * More than one server process on one PostgreSQL (issue #9, item 6): two in-process servers,
 * each with its own connection pool, share sessions, deactivations, the sign-in limit, the
 * notification outbox and the audit chain through the database, and nothing else.
 */
import { createLogger, type DatabaseHandle, demoUserId, openDatabase, queryRows, verifyAuditChain } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOutboxDrainer } from '../../packages/server/src/modules/notifications/outbox.js';
import { newCaseInput, UPDATE_CASE } from '../casework/casework-support.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { codeOf, LOGIN, signIn } from '../support/session.js';
import { type SeededCluster, seededCluster, sleep } from './cluster-support.js';

/** The per-account limit of failed sign-ins both servers are configured with (LOGIN_MAX_FAILURES). */
const LOGIN_MAX_FAILURES = 6;
const ME = '{ me { email } }';
const CREATE_CASE_ID = `mutation($input: CreateCaseInput!) { createCase(input: $input) { id version } }`;

describe('two servers on one database', () => {
  let sc: SeededCluster;
  const databases: DatabaseHandle[] = [];
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    sc = await seededCluster();
    for (let i = 0; i < 2; i++) databases.push(await openDatabase({ databaseUrl: sc.url, poolMax: 4 }));
    const [dbA, dbB] = databases as [DatabaseHandle, DatabaseHandle];
    a = await startTestServer(dbA, { loginMaxFailures: LOGIN_MAX_FAILURES });
    b = await startTestServer(dbB, { loginMaxFailures: LOGIN_MAX_FAILURES });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    for (const database of databases) await database.close();
    await sc?.close();
  });

  it('a logout on A is honoured by B at once', async () => {
    const session = await signIn(a, 'caseworker@fld.demo');
    const bearer = { authorization: `Bearer ${session.token}` };
    expect((await b.graphql<{ me: { email: string } }>(ME, {}, bearer)).body.data?.me.email).toBe(
      'caseworker@fld.demo',
    );
    expect((await a.graphql<{ logout: boolean }>('mutation { logout }', {}, bearer)).body.data?.logout).toBe(true);
    expect(codeOf(await b.graphql(ME, {}, bearer))).toBe('UNAUTHENTICATED');
    expect(codeOf(await a.graphql(ME, {}, bearer))).toBe('UNAUTHENTICATED');
  });

  it('a deactivation on A locks the user out of B at once', async () => {
    const target = 'intake@pd.demo';
    const onB = await signIn(b, target);
    expect((await onB.graphql<{ me: { email: string } }>(ME)).body.data?.me.email).toBe(target);
    const admin = await signIn(a, 'admin@pd.demo');
    const deactivated = await admin.graphql<{ deactivateUser: { active: boolean } }>(
      `mutation($id: ID!) { deactivateUser(id: $id) { active } }`,
      { id: demoUserId(target) },
    );
    expect(deactivated.body.data?.deactivateUser.active).toBe(false);
    // The session B holds stops working, and a new sign-in on B fails like a wrong password.
    expect(codeOf(await onB.graphql(ME))).toBe('UNAUTHENTICATED');
    expect(codeOf(await b.graphql(LOGIN, { email: target, password: 'hrd-demo-2026' }))).toBe('UNAUTHENTICATED');
  });

  it('each notification is mailed once when both run an outbox drainer', async () => {
    const owner = sc.owner.db;
    await owner.execute(sql`UPDATE notifications SET mailed_at = now() WHERE mailed_at IS NULL`);
    const COUNT = 300;
    await owner.execute(sql`
      INSERT INTO notifications (organization_id, event, case_reference)
      SELECT o.id, 'transfer.submitted', 'TWO-' || n FROM organizations o, generate_series(1, ${COUNT}) n
       WHERE o.kind = 'PD'`);
    const deliveries = new Map<string, string[]>();
    const hook = (who: string) => async (message: { id: string }) => {
      await sleep(1); // a mail server's round trip: widens the window for a double delivery
      deliveries.set(message.id, [...(deliveries.get(message.id) ?? []), who]);
    };
    const log = createLogger('silent');
    const [dbA, dbB] = databases as [DatabaseHandle, DatabaseHandle];
    const drainers = [startOutboxDrainer(dbA, hook('A'), log, 10), startOutboxDrainer(dbB, hook('B'), log, 10)];
    const unmailed = async () =>
      (
        await queryRows<{ n: number }>(
          owner,
          sql`SELECT count(*)::int AS n FROM notifications WHERE mailed_at IS NULL AND case_reference LIKE 'TWO-%'`,
        )
      )[0]?.n;
    const started = Date.now();
    while ((await unmailed()) !== 0 && Date.now() - started < 30_000) await sleep(50);
    for (const drainer of drainers) await drainer.stop();

    expect(await unmailed()).toBe(0);
    const ids = await queryRows<{ id: string; mail_attempts: number }>(
      owner,
      sql`SELECT id::text, mail_attempts FROM notifications WHERE case_reference LIKE 'TWO-%'`,
    );
    expect(ids).toHaveLength(COUNT);
    expect(ids.every((row) => row.mail_attempts === 1)).toBe(true);
    expect(deliveries.size).toBe(COUNT);
    const twice = [...deliveries.entries()].filter(([, by]) => by.length !== 1);
    expect(twice).toEqual([]);
    const byA = [...deliveries.values()].filter((by) => by[0] === 'A').length;
    process.stdout.write(`[two-servers] outbox: ${byA} mailed by A, ${COUNT - byA} by B, none twice\n`);
    // Both took part (each pass locks its batch; the other skips it and takes the next).
    expect(byA).toBeGreaterThan(0);
    expect(byA).toBeLessThan(COUNT);
  }, 60_000);

  it('the audit chain stays one chain under concurrent writes on both', async () => {
    const onA = await signIn(a, 'caseworker@fld.demo');
    const onB = await signIn(b, 'caseworker@fld.demo');
    const before = await verifyAuditChain(sc.owner.db);
    expect(before.ok).toBe(true);

    const cases: Array<{ id: string; version: number }> = [];
    for (let i = 0; i < 4; i++) {
      const r = await onA.graphql<{ createCase: { id: string; version: number } }>(CREATE_CASE_ID, {
        input: newCaseInput({}, `two${i}`),
      });
      if (!r.body.data) throw new Error(JSON.stringify(r.body.errors));
      cases.push(r.body.data.createCase);
    }
    // 60 requests at once, half on each server: creations, and updates racing on the same cases
    // (one wins per version, the others are refused: every outcome is audited).
    const requests = Array.from({ length: 60 }, (_, i) => {
      const session = i % 2 === 0 ? onA : onB;
      const target = cases[i % cases.length] as { id: string; version: number };
      return i % 3 === 0
        ? session.graphql(CREATE_CASE_ID, { input: newCaseInput({}, `race${i}`) })
        : session.graphql(UPDATE_CASE, { id: target.id, v: target.version, input: { urgency: 'EMERGENCY' } });
    });
    const answers = await Promise.all(requests);
    expect(answers.every((r) => r.status === 200)).toBe(true);
    const succeeded = answers.filter((r) => !r.body.errors).length;
    expect(succeeded).toBeGreaterThanOrEqual(20 + cases.length); // every creation, one update per case at least

    const after = await verifyAuditChain(sc.owner.db);
    expect(after.ok, JSON.stringify(after.broken)).toBe(true);
    // Every change is audited (sign-ins and the first creations add more).
    expect(after.head.seq - before.head.seq).toBeGreaterThanOrEqual(succeeded + cases.length);
    const [shape] = await queryRows<{ n: number; min: number; max: number; links: number }>(
      sc.owner.db,
      sql`SELECT count(*)::int AS n, min(seq)::int AS min, max(seq)::int AS max,
                 count(DISTINCT prev_hash)::int AS links FROM audit_events`,
    );
    // Contiguous from 1, and no two rows hang off the same link (a fork would).
    expect(shape).toEqual({ n: after.head.seq, min: 1, max: after.head.seq, links: after.head.seq });
  }, 60_000);

  it('the sign-in limit counts failures on both servers together', async () => {
    const email = 'caseworker@unhcr.demo';
    const answers: unknown[] = [];
    for (let i = 0; i < LOGIN_MAX_FAILURES + 3 && answers.at(-1) !== 'RATE_LIMITED'; i++) {
      const server = i % 2 === 0 ? a : b;
      answers.push(codeOf(await server.graphql(LOGIN, { email, password: `wrong-${i}` })));
    }
    expect(answers).toEqual([...Array(LOGIN_MAX_FAILURES).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
    // Limited on both, even with the right password.
    for (const server of [a, b]) {
      expect(codeOf(await server.graphql(LOGIN, { email, password: 'hrd-demo-2026' }))).toBe('RATE_LIMITED');
    }
  });

  it('concurrent failed sign-ins on both servers get no more tries than the limit', async () => {
    const email = 'caseworker@pd.demo';
    const attempts = Array.from({ length: 3 * LOGIN_MAX_FAILURES }, (_, i) =>
      (i % 2 === 0 ? a : b).graphql(LOGIN, { email, password: `wrong-${i}` }),
    );
    const codes = (await Promise.all(attempts)).map(codeOf);
    const checked = codes.filter((c) => c === 'UNAUTHENTICATED').length;
    process.stdout.write(`[two-servers] ${attempts.length} concurrent failed sign-ins: ${checked} checked\n`);
    expect(codes.every((c) => c === 'UNAUTHENTICATED' || c === 'RATE_LIMITED')).toBe(true);
    // A password is only ever checked while the account is under its limit.
    expect(checked).toBe(LOGIN_MAX_FAILURES);
  }, 60_000);
});
