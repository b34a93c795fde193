/**
 * Requests whose database connection is lost in the middle (the database restarted, a backend
 * terminated by an administrator or a failover) fail with the connection's error and nothing else:
 * no promise rejects without a handler (Node counts that as an unhandled rejection, which ends a
 * process run with its default settings), nothing waits forever, nothing is appended for a failed
 * request, and the pool serves the next request (patches/postgres@3.4.9.patch, ARCHITECTURE.md,
 * "A lost connection"). Without the patch's `lost` handling the first test left three unhandled
 * rejections; without its queue handling the second waits forever, and without its closing
 * handling the third.
 * PostgreSQL only: PGlite runs in process, with no connection to lose.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AuditEventInput, queryRows, RequestScope } from '@hrd/server';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';

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

  it('statements queued behind a lost transaction pipeline fail with it instead of waiting forever', async () => {
    const client = postgres(database.url as string, { max: 1, onnotice: () => {} });
    const admin = postgres(database.url as string, { max: 1, onnotice: () => {} });
    try {
      let queued: Promise<unknown> | undefined;
      const transaction = client.begin(async (tx) => {
        const [own] = await tx<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
        // A statement with parameters not yet described holds the pipeline (the driver describes
        // it first), so the next one waits in the transaction's queue behind it.
        const slow = tx`SELECT pg_sleep(${2}), ${randomUUID()}::text AS marker`;
        slow.catch(() => {});
        queued = tx`SELECT 1 AS one`;
        queued.catch(() => {});
        setTimeout(() => void admin`SELECT pg_terminate_backend(${own?.pid ?? 0})`.catch(() => {}), 200);
        await slow;
      });
      await expect(transaction).rejects.toThrow();
      const outcome = await Promise.race([
        (queued as Promise<unknown>).then(
          () => 'answered',
          () => 'failed',
        ),
        sleep(3_000).then(() => 'still waiting'),
      ]);
      expect(outcome).toBe('failed');
    } finally {
      await client.end({ timeout: 1 });
      await admin.end({ timeout: 1 });
    }
  });

  it('a statement handed to the connection between its socket error and its close fails instead of waiting forever', async () => {
    // A reset connection (ECONNRESET: the server wrote its last words and closed, the client wrote
    // on) reports the error first and closes a moment later; whatever the request sends in
    // between (here when the error is reported, as a request's rollback or audit append would be)
    // must fail with the connection, and the pool must serve the next statement.
    const target = new URL(database.url as string);
    const resets: net.Socket[] = [];
    const proxy = net.createServer((client) => {
      const upstream = net.connect(Number(target.port), target.hostname);
      resets.push(client);
      client.on('error', () => {});
      upstream.on('error', () => {});
      client.on('close', () => upstream.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as net.AddressInfo).port;
    let onSocketError: (() => void) | undefined;
    // `socket` (a function giving the connection's socket) is in the driver's README, not its types.
    const options = {
      max: 1,
      onnotice: () => {},
      socket: () =>
        new Promise<net.Socket>((resolve, reject) => {
          const socket = net.connect(port, '127.0.0.1');
          socket.once('error', reject);
          socket.once('connect', () => {
            // Added after the driver's own listener, so it runs once the driver has seen the error.
            setImmediate(() => socket.on('error', () => onSocketError?.()));
            resolve(socket);
          });
        }),
    };
    const client = postgres(database.url as string, options);
    try {
      let between: Promise<unknown> | undefined;
      const transaction = client.begin(async (tx) => {
        await tx`SELECT 1 AS one`;
        onSocketError = () => {
          between = tx`SELECT 2 AS two`.execute();
          between.catch(() => {});
        };
        setTimeout(() => {
          for (const socket of resets) socket.resetAndDestroy();
        }, 200);
        await tx`SELECT pg_sleep(2)`;
      });
      await expect(transaction).rejects.toThrow(/CONNECTION_CLOSED|ECONNRESET/);
      expect(between).toBeDefined();
      const outcome = await Promise.race([
        (between as Promise<unknown>).then(
          () => 'answered',
          (error: Error) => `failed: ${error.message}`,
        ),
        sleep(3_000).then(() => 'still waiting'),
      ]);
      expect(outcome).toMatch(/^failed: .*CONNECTION_CLOSED/);
      const [next] = await client<{ three: number }[]>`SELECT 3 AS three`;
      expect(next?.three).toBe(3);
    } finally {
      await client.end({ timeout: 1 });
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});
