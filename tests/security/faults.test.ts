/**
 * Faults (issue #9, item 4), against a PostgreSQL server of the test's own:
 * (a) the database stops under load and comes back: /healthz says 503 while it is down, requests
 *     fail fast with a stable code, the server recovers by itself, and no acknowledged write is lost;
 * (b) the server process dies in the middle of a transfer's acceptance: custody is unchanged;
 * (c) SIGTERM under load: every in-flight request gets its complete answer, and the exit code is 0.
 *
 * The measured times are printed (`[faults] …`) for the record.
 */
import { type DatabaseHandle, openDatabase, queryRows, verifyAuditChain } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_META, newCaseInput, UPDATE_CASE } from '../casework/casework-support.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { type SignedIn, signIn } from '../support/session.js';
import { httpClient, type SeededCluster, seededCluster, sleep, startServerProcess } from './cluster-support.js';

/** A request may take this long while the database is down, and no longer. */
const FAILURE_BOUND_MS = 8_000;
/** After the database is back, the server answers again within this, by itself. */
const RECOVERY_BOUND_MS = 5_000;
/** How long the database stays down. */
const DOWN_FOR_MS = 3_000;

const CREATE_CASE_ID = `mutation($input: CreateCaseInput!) { createCase(input: $input) { id version } }`;

interface Attempt {
  kind: 'write' | 'read';
  ok: boolean;
  code: unknown;
  status: number | undefined;
  ms: number;
  startedAt: number;
}

const record = (what: string, value: unknown) => process.stdout.write(`[faults] ${what}: ${JSON.stringify(value)}\n`);

describe('(a) the database stops under load and comes back', () => {
  let sc: SeededCluster;
  let database: DatabaseHandle;
  let server: TestServer;
  let caseworker: SignedIn;

  beforeAll(async () => {
    // Durable: fsync and synchronous_commit on, so an acknowledged commit survives the stop.
    sc = await seededCluster({ durable: true });
    database = await openDatabase({ databaseUrl: sc.url, poolMax: 4 });
    server = await startTestServer(database);
    caseworker = await signIn(server, 'caseworker@fld.demo');
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
    await sc?.close();
  });

  it('answers 503 and fails fast while down, recovers by itself, and loses no acknowledged write', async () => {
    const created: Array<{ id: string; version: number }> = [];
    for (let i = 0; i < 2; i++) {
      const r = await caseworker.graphql<{ createCase: { id: string; version: number } }>(CREATE_CASE_ID, {
        input: newCaseInput({ urgency: 'NORMAL' }, `fault${i}`),
      });
      if (!r.body.data) throw new Error(JSON.stringify(r.body.errors));
      created.push(r.body.data.createCase);
    }

    const attempts: Attempt[] = [];
    const acknowledged = new Map<string, number>(created.map((c) => [c.id, 0]));
    let running = true;

    const timed = async <T>(
      kind: Attempt['kind'],
      send: () => Promise<{
        status: number;
        body: { data?: T; errors?: Array<{ extensions?: Record<string, unknown> }> };
      }>,
      success: (data: T | undefined) => boolean,
    ): Promise<T | undefined> => {
      const startedAt = Date.now();
      try {
        // A hung request is recorded as such (and fails the bounds below) rather than stalling the loop.
        const r = await Promise.race([
          send(),
          sleep(2 * FAILURE_BOUND_MS).then(() => {
            throw new Error(`no answer within ${2 * FAILURE_BOUND_MS} ms`);
          }),
        ]);
        const ok = success(r.body.data);
        attempts.push({
          kind,
          ok,
          code: ok ? undefined : r.body.errors?.[0]?.extensions?.code,
          status: r.status,
          ms: Date.now() - startedAt,
          startedAt,
        });
        return ok ? r.body.data : undefined;
      } catch (error) {
        attempts.push({
          kind,
          ok: false,
          code: String(error),
          status: undefined,
          ms: Date.now() - startedAt,
          startedAt,
        });
        return undefined;
      }
    };
    const readVersion = async (id: string) =>
      (
        await timed<{ case: { version: number } | null }>(
          'read',
          () => caseworker.graphql(CASE_META, { id }),
          (d) => !!d?.case,
        )
      )?.case?.version;

    // One writer per case: toggles urgency with expectedVersion; after a failure it reads the
    // version again (an update whose answer was lost may still have committed).
    const writer = async (id: string, initial: number) => {
      let version: number | undefined = initial;
      let urgent = false;
      while (running) {
        if (version === undefined) {
          version = await readVersion(id);
          if (version === undefined) await sleep(50);
          continue;
        }
        urgent = !urgent;
        const v: number = version;
        const data = await timed<{ updateCase: { version: number } }>(
          'write',
          () => caseworker.graphql(UPDATE_CASE, { id, v, input: { urgency: urgent ? 'URGENT' : 'NORMAL' } }),
          (d) => d?.updateCase?.version === v + 1,
        );
        if (data) acknowledged.set(id, (acknowledged.get(id) ?? 0) + 1);
        version = data?.updateCase.version;
      }
    };
    const reader = async () => {
      while (running) for (const c of created) await readVersion(c.id);
    };
    const loops = [...created.map((c) => writer(c.id, c.version)), reader()];

    await sleep(1_000);
    const downAt = Date.now();
    await sc.cluster.stop();
    // Requests sent while `pg_ctl stop` was still shutting the server down may yet succeed: the
    // ones that must fail are those sent once it has stopped.
    const stoppedAt = Date.now();
    const health: Array<{ status: number; ms: number; body: unknown }> = [];
    while (Date.now() - downAt < DOWN_FOR_MS) {
      const t = Date.now();
      const r = await fetch(`${server.url}/healthz`);
      health.push({ status: r.status, ms: Date.now() - t, body: await r.json() });
      await sleep(200);
    }
    const startAt = Date.now();
    await sc.cluster.start();
    const upAt = Date.now();
    let recoveredMs: number | undefined;
    while (recoveredMs === undefined && Date.now() - upAt < 2 * RECOVERY_BOUND_MS) {
      const h = await fetch(`${server.url}/healthz`);
      const r = await caseworker.graphql<{ case: { id: string } | null }>(CASE_META, { id: created[0]?.id });
      if (h.status === 200 && r.body.data?.case) recoveredMs = Date.now() - upAt;
      else await sleep(50);
    }
    await sleep(1_000);
    running = false;
    await Promise.all(loops);

    const failures = attempts.filter((a) => !a.ok);
    const whileDown = attempts.filter((a) => a.startedAt >= stoppedAt && a.startedAt < startAt);
    const afterUp = attempts.filter((a) => a.startedAt >= upAt + (recoveredMs ?? 0));
    record('requests', {
      total: attempts.length,
      failed: failures.length,
      startedWhileDown: whileDown.length,
      servedAfterTheRestart: whileDown.filter((a) => a.ok).length,
      answers: [...new Set(failures.map((a) => `${a.status} ${a.code}`))],
    });
    record('failure latency while down (ms)', {
      max: Math.max(...failures.map((a) => a.ms)),
      median: failures.map((a) => a.ms).sort((x, y) => x - y)[Math.floor(failures.length / 2)],
    });
    record(
      'healthz while down (status, ms)',
      health.map((h) => [h.status, h.ms]),
    );
    record('pg_ctl start took (ms)', upAt - startAt);
    record('recovery after the database accepted connections (ms)', recoveredMs);

    // While down: /healthz says 503 and names the database, promptly.
    expect(health.length).toBeGreaterThan(3);
    for (const h of health) {
      expect(h.status).toBe(503);
      expect(h.body).toEqual({ status: 'error', database: 'unavailable' });
      expect(h.ms).toBeLessThan(2_500);
    }
    // Requests failed, each with the stable retryable answer, and none hung. One sent in the last
    // moments of the outage may instead wait for the driver's next connection attempt and be
    // served once the database is back: never an answer from before the restart.
    expect(whileDown.filter((a) => !a.ok).length).toBeGreaterThan(0);
    for (const a of whileDown.filter((w) => w.ok)) expect(a.startedAt + a.ms).toBeGreaterThanOrEqual(startAt);
    for (const a of failures) {
      expect({ status: a.status, code: a.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    }
    for (const a of attempts) expect(a.ms).toBeLessThan(FAILURE_BOUND_MS);
    // It recovered by itself, promptly, and went on working.
    expect(recoveredMs).toBeDefined();
    expect(recoveredMs).toBeLessThan(RECOVERY_BOUND_MS);
    expect(afterUp.filter((a) => a.kind === 'write' && a.ok).length).toBeGreaterThan(0);
    expect(afterUp.every((a) => a.ok)).toBe(true);

    // No acknowledged write lost: every version the server answered is in the database. An update
    // caught by the stop may have committed with its answer lost: at most one per writer.
    for (const c of created) {
      const [row] = await queryRows<{ version: number }>(
        sc.owner.db,
        sql`SELECT version FROM cases WHERE id = ${c.id}`,
      );
      const [audited] = await queryRows<{ n: number }>(
        sc.owner.db,
        sql`SELECT count(*)::int AS n FROM audit_events
             WHERE action = 'case.update' AND outcome = 'ALLOWED' AND ${c.id}::uuid = ANY (case_ids)`,
      );
      const acked = acknowledged.get(c.id) ?? 0;
      const committed = Number(row?.version) - c.version;
      record(`case ${c.id.slice(0, 8)}`, { acknowledged: acked, committed, audited: audited?.n });
      expect(acked).toBeGreaterThan(5);
      expect(committed).toBeGreaterThanOrEqual(acked);
      expect(committed).toBeLessThanOrEqual(acked + 1);
      // Each committed update carries its audit event (same transaction).
      expect(audited?.n).toBe(committed);
    }
    const chain = await verifyAuditChain(sc.owner.db);
    expect(chain.ok, JSON.stringify(chain.broken)).toBe(true);
  }, 60_000);
});

describe('(b) and (c): the built server process', () => {
  let sc: SeededCluster;
  const cleanups: Array<() => unknown> = [];

  beforeAll(async () => {
    sc = await seededCluster();
    // Lets a backend notice that its client is gone while a statement still runs.
    await sc.owner.db.execute(sql.raw(`ALTER DATABASE hrd SET client_connection_check_interval = '100ms'`));
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await sc?.close();
  });

  const caseState = async (caseId: string, transferId: string) => {
    const [c] = await queryRows(
      sc.owner.db,
      sql`SELECT custodian_id::text, status, version, updated_at::text FROM cases WHERE id = ${caseId}`,
    );
    const [t] = await queryRows(
      sc.owner.db,
      sql`SELECT status, decided_at::text, decided_by::text FROM transfers WHERE id = ${transferId}`,
    );
    const [n] = await queryRows<{ n: number }>(
      sc.owner.db,
      sql`SELECT count(*)::int AS n FROM notifications WHERE case_id = ${caseId}`,
    );
    const [a] = await queryRows<{ n: number }>(
      sc.owner.db,
      sql`SELECT count(*)::int AS n FROM audit_events WHERE ${caseId}::uuid = ANY (case_ids)`,
    );
    return { case: c, transfer: t, notifications: n?.n, auditEvents: a?.n };
  };

  it('(b) a crash in the middle of accepting a transfer leaves custody unchanged', async () => {
    const [pending] = await queryRows<{ id: string; case_id: string }>(
      sc.owner.db,
      sql`SELECT t.id::text, t.case_id::text FROM transfers t JOIN organizations o ON o.id = t.to_organization_id
           WHERE t.status = 'PENDING' AND t.kind = 'DISTRIBUTION' AND o.kind = 'FLD' ORDER BY t.created_at LIMIT 1`,
    );
    if (!pending) throw new Error('the demo data has no distribution pending at FLD');
    const before = await caseState(pending.case_id, pending.id);

    // The acceptance writes custody and the transfer, then its notification: make that last
    // insert wait, for this case only, so the server dies with the first writes uncommitted.
    await sc.owner.db.execute(
      sql.raw(`CREATE FUNCTION test_hold_notification() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.case_id = '${pending.case_id}' THEN PERFORM pg_sleep(30); END IF;
          RETURN NEW;
        END $$`),
    );
    await sc.owner.db.execute(
      sql.raw(`CREATE TRIGGER test_hold_notification BEFORE INSERT ON notifications
               FOR EACH ROW EXECUTE FUNCTION test_hold_notification()`),
    );
    const dropTrigger = async () => {
      await sc.owner.db.execute(sql.raw('DROP TRIGGER IF EXISTS test_hold_notification ON notifications'));
      await sc.owner.db.execute(sql.raw('DROP FUNCTION IF EXISTS test_hold_notification()'));
    };
    cleanups.push(dropTrigger);

    const server = await startServerProcess(sc.url);
    cleanups.push(() => server.kill());
    const fld = await signIn(httpClient(server.url), 'caseworker@fld.demo');
    const answer = fld
      .graphql(`mutation($id: ID!) { acceptTransfer(transferId: $id) { status } }`, { id: pending.id })
      .then(
        (r) => ({ answered: r }),
        (error: unknown) => ({ failed: String(error) }),
      );

    const sleeping = async () =>
      (
        await queryRows<{ n: number }>(
          sc.owner.db,
          sql`SELECT count(*)::int AS n FROM pg_stat_activity
               WHERE datname = 'hrd' AND wait_event = 'PgSleep' AND pid <> pg_backend_pid()`,
        )
      )[0]?.n ?? 0;
    for (let i = 0; i < 100 && (await sleeping()) === 0; i++) await sleep(50);
    expect(await sleeping()).toBe(1);
    // Mid-transaction: custody is already changed in the open transaction, invisible to others.
    server.child.kill('SIGKILL');
    expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await answer).toHaveProperty('failed');

    // PostgreSQL notices the dead client and rolls the transaction back.
    const killedAt = Date.now();
    while ((await sleeping()) > 0 && Date.now() - killedAt < 10_000) await sleep(50);
    expect(await sleeping()).toBe(0);
    record('transaction rolled back after the kill (ms)', Date.now() - killedAt);

    const after = await caseState(pending.case_id, pending.id);
    expect(after).toEqual(before);
    expect(after.transfer).toMatchObject({ status: 'PENDING', decided_at: null });
    await dropTrigger();

    // Nothing was left locked: a new server accepts the same transfer at once.
    const again = await startServerProcess(sc.url, { SHUTDOWN_DELAY_MS: '3000' });
    cleanups.push(() => again.kill());
    const fld2 = await signIn(httpClient(again.url), 'caseworker@fld.demo');
    const accepted = await fld2.graphql<{ acceptTransfer: { status: string } }>(
      `mutation($id: ID!) { acceptTransfer(transferId: $id) { status } }`,
      { id: pending.id },
    );
    expect(accepted.body.data?.acceptTransfer.status).toBe('ACCEPTED');
    const [custodian] = await queryRows<{ kind: string }>(
      sc.owner.db,
      sql`SELECT o.kind FROM cases c JOIN organizations o ON o.id = c.custodian_id WHERE c.id = ${pending.case_id}`,
    );
    expect(custodian?.kind).toBe('FLD');
    // Its graceful stop first drains: still answering, but telling load balancers to go elsewhere.
    again.child.kill('SIGTERM');
    await sleep(300);
    const health = await fetch(`${again.url}/healthz`);
    expect({ status: health.status, body: await health.json() }).toEqual({ status: 503, body: { status: 'stopping' } });
    expect(health.headers.get('connection')).toBe('close');
    expect((await again.exited).code).toBe(0);
    const chain = await verifyAuditChain(sc.owner.db);
    expect(chain.ok, JSON.stringify(chain.broken)).toBe(true);
  }, 90_000);

  it('(c) SIGTERM under load: every in-flight request gets its complete answer, and the exit code is 0', async () => {
    const server = await startServerProcess(sc.url, { SHUTDOWN_GRACE_MS: '10000' });
    cleanups.push(() => server.kill());
    const client = httpClient(server.url);
    const fld = await signIn(client, 'caseworker@fld.demo');
    const cases: Array<{ id: string; version: number }> = [];
    for (let i = 0; i < 10; i++) {
      const r = await fld.graphql<{ createCase: { id: string; version: number } }>(CREATE_CASE_ID, {
        input: newCaseInput({ urgency: 'NORMAL' }, `shutdown${i}`),
      });
      if (!r.body.data) throw new Error(JSON.stringify(r.body.errors));
      cases.push(r.body.data.createCase);
    }

    // 50 at once: 20 sign-ins (password hashing keeps them busy), 20 list reads, 10 updates.
    const LIST = `{ cases(first: 50) { totalCount edges { node { id reference status custodian { name } } } } }`;
    const requests: Array<() => Promise<{ status: number; body: { data?: unknown; errors?: unknown[] } }>> = [
      ...Array.from(
        { length: 20 },
        () => () =>
          client.graphql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { email } } }`, {
            e: 'caseworker@pd.demo',
            p: 'hrd-demo-2026',
          }),
      ),
      ...Array.from({ length: 20 }, () => () => fld.graphql(LIST)),
      ...cases.map((c) => () => fld.graphql(UPDATE_CASE, { id: c.id, v: c.version, input: { urgency: 'URGENT' } })),
    ];
    type Answer = { status: number; body: { data?: unknown; errors?: unknown[] } };
    let done = 0;
    const pending = requests.map((send) =>
      send().then(
        (r): Answer => {
          done += 1;
          return r;
        },
        (error: unknown): Answer => {
          done += 1;
          return { status: 0, body: { errors: [`${String(error)} ${String((error as { cause?: unknown }).cause)}`] } };
        },
      ),
    );
    await sleep(150);
    const doneAtSignal = done;
    server.child.kill('SIGTERM');
    const signalledAt = Date.now();
    const answers = await Promise.all(pending);
    const exit = await server.exited;
    record('graceful stop', { inFlightAtSignal: 50 - doneAtSignal, exitAfterMs: Date.now() - signalledAt, exit });

    expect(doneAtSignal).toBeLessThan(50);
    expect(answers.filter((a) => a.status !== 200).map((a) => a.body.errors)).toEqual([]);
    for (const a of answers) {
      expect(a.body.errors).toBeUndefined();
      expect(a.body.data).toBeDefined();
    }
    expect(exit).toEqual({ code: 0, signal: null });
    // The acknowledged updates are there.
    for (const c of cases) {
      const [row] = await queryRows<{ version: number; urgency: string }>(
        sc.owner.db,
        sql`SELECT version, urgency FROM cases WHERE id = ${c.id}`,
      );
      expect(row).toEqual({ version: c.version + 1, urgency: 'URGENT' });
    }
  }, 90_000);
});
