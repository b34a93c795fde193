/**
 * A server whose database connections are lost again and again, under load: every client backend
 * of the test database is terminated every 5–65 ms for 3 s while six readers and two writers ask
 * without pause. Each request must answer in full or with SERVICE_UNAVAILABLE, none may wait
 * forever, nothing may be left as an unhandled rejection, and the server must go on by itself
 * (ARCHITECTURE.md, "A lost connection"). This load found every fault in
 * patches/postgres@3.4.9.patch; lost-connection.db.test.ts holds a deterministic case of each.
 * PostgreSQL only: PGlite runs in process, with no connection to lose.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase, queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING } from '../support/server.js';
import { codeOf, signIn } from '../support/session.js';

describe.skipIf(currentDriver() !== 'postgres')('a server whose connections are lost again and again', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database?.close());
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
        `[termination-load] ${terminations} terminations; answers ${JSON.stringify([...answers])}; slowest ${slowest} ms\n`,
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
