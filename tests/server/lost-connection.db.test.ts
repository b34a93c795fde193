/**
 * Requests whose database connections are lost in the middle (the database restarted, a backend
 * terminated by an administrator or a failover): each fails with SERVICE_UNAVAILABLE or answers
 * in full, none waits forever, nothing rejects without a handler (Node counts that as an
 * unhandled rejection, which ends a process run with its default settings), nothing is appended
 * for a failed request, and the pool serves the next request.
 *
 * What held it, each found by the load below (patches/postgres@3.4.9.patch and request/scope.ts):
 * - a transaction's statements after its connection closed fail at once (the driver queued them
 *   on the reconnected connection), and so do the ones queued behind its pipeline (they were
 *   never failed: their request waited forever);
 * - the driver's array-types query at the start of a connection: its failure was dropped (an
 *   unhandled rejection), and a connection lost during it left the dead backend's error to fail
 *   the first statement of the next;
 * - the request's COMMIT, which can fail before the audit append's answer is in, is handled
 *   from the moment it is asked for (the same load found it unhandled with the driver's earlier
 *   patch; with this one the append's failure comes first, so no test here fails without it).
 * PostgreSQL only: PGlite runs in process, with no connection to lose.
 */
import { type AuditEventInput, openDatabase, queryRows, RequestScope, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING } from '../support/server.js';
import { codeOf, signIn } from '../support/session.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(currentDriver() !== 'postgres')('a request whose connection is lost', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database?.close());

  const event: AuditEventInput = {
    action: 'case.read',
    outcome: 'ALLOWED',
    actorId: null,
    organizationId: null,
    detail: { test: 'lost connection' },
  };

  it('fails at its end with the connection error, appends nothing, and leaves no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const before = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM audit_events`);
      for (let attempt = 0; attempt < 3; attempt++) {
        const scope = new RequestScope(database.db, null, 10_000);
        const tx = await scope.tx();
        const [own] = await queryRows<{ pid: number }>(tx, sql`SELECT pg_backend_pid() AS pid`);
        // Another connection of the pool ends this one's backend, as a restart of the server would.
        await queryRows(database.db, sql`SELECT pg_terminate_backend(${own?.pid ?? 0})`);
        await sleep(100);
        await expect(scope.finish([event])).rejects.toThrow(/CONNECTION_CLOSED|terminat/i);
        // Rejections are reported once the microtasks after them have run.
        await sleep(50);
      }
      expect(unhandled).toEqual([]);
      const after = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM audit_events`);
      expect(after[0]?.n).toBe(before[0]?.n);
      // The pool goes on: the next request runs and commits.
      const scope = new RequestScope(database.db, null, 10_000);
      const [one] = await queryRows<{ one: number }>(await scope.tx(), sql`SELECT 1 AS one`);
      expect(one?.one).toBe(1);
      await scope.finish([event]);
      const last = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM audit_events`);
      expect(last[0]?.n).toBe((before[0]?.n ?? 0) + 1);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('under load, with every backend terminated again and again: each request answers in full or SERVICE_UNAVAILABLE, none hangs, nothing is left unhandled, and the server goes on', async () => {
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    // The server on a pool of its own, so that the terminations below spare the test's own.
    const pool = await openDatabase({ databaseUrl: database.url as string, poolMax: 4 });
    const server = await startTestServer(pool);
    try {
      const caseworker = await signIn(server, 'caseworker@fld.demo');
      const READ =
        '{ cases(first: 20, filter: { custodianKind: [FLD] }) { edges { node { id persons { givenName } transfers { kind } } } } }';
      const WRITE = 'mutation { markNotificationRead(id: "00000000-0000-0000-0000-000000000000") { id } }';
      const answers = new Map<string, number>();
      let slowest = 0;
      let running = true;
      const ask = async (text: string, success: string) => {
        const started = Date.now();
        const response = await caseworker.graphql<Record<string, unknown>>(text);
        slowest = Math.max(slowest, Date.now() - started);
        const code = codeOf(response) ?? (response.body.data ? success : 'no data');
        const key = `${code} ${response.status}`;
        answers.set(key, (answers.get(key) ?? 0) + 1);
      };
      const loop = async (text: string, success: string) => {
        while (running) await ask(text, success);
      };
      const clients = [
        ...Array.from({ length: 6 }, () => loop(READ, 'read')),
        loop(WRITE, 'wrote'),
        loop(WRITE, 'wrote'),
      ];
      const until = Date.now() + 3_000;
      let terminations = 0;
      while (Date.now() < until) {
        await sleep(5 + Math.random() * 60);
        await queryRows(
          database.db,
          sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
               WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        );
        terminations += 1;
      }
      running = false;
      // Every request is answered: a request left waiting would hold its client here forever.
      const settled = await Promise.race([Promise.all(clients).then(() => true), sleep(15_000).then(() => false)]);
      expect(settled, JSON.stringify([...answers])).toBe(true);
      process.stdout.write(
        `[lost-connection] ${terminations} terminations; answers ${JSON.stringify([...answers])}; slowest ${slowest} ms\n`,
      );
      // Readers get their page or SERVICE_UNAVAILABLE; the writer's answer is NOT_FOUND (there is
      // no such notification: it ran) or SERVICE_UNAVAILABLE. Nothing else.
      const expected = ['read 200', 'NOT_FOUND 200', 'SERVICE_UNAVAILABLE 503'];
      expect([...answers.keys()].filter((key) => !expected.includes(key))).toEqual([]);
      expect(answers.get('SERVICE_UNAVAILABLE 503') ?? 0, 'the terminations met requests').toBeGreaterThan(0);
      expect(slowest).toBeLessThan(10_000);
      await sleep(100);
      expect(unhandled).toEqual([]);
      // The server goes on by itself.
      const after = await caseworker.graphql<{ cases: { edges: unknown[] } }>(READ);
      expect(after.body.errors).toBeUndefined();
      expect(after.body.data?.cases.edges.length).toBeGreaterThan(0);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await server.close();
      await pool.close();
    }
  }, 60_000);
});
