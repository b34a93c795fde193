/**
 * The caller's settings at the start of a request's transaction (`RequestScope`).
 *
 * On PostgreSQL they are sent without waiting for their answer, and the request's first statement
 * follows them in the same round trip: the tests hold that they leave together, and that settings
 * which fail take every statement after them down (nothing runs outside the caller's scope).
 *
 * A request's transaction runs without JIT compilation (`enterCallerScope`): at 100,000 cases the
 * planner's estimates for a list under row-level security passed `jit_above_cost`, and compiling
 * took 50–90 ms of statements that run in 5–40 ms (docs/BENCHMARKS.md, Round 5). The setting is
 * the transaction's own: the pool's connections keep the server's default outside requests.
 */
import { type Database, enterCallerScope, queryRows, RequestScope, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_KEYRING } from '../support/server.js';
import { signIn } from '../support/session.js';
import { startWireLoggedServer } from '../support/wire.js';

describe(`a request's settings on ${currentDriver()}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database?.close());

  const jit = async (db: Database) =>
    (await queryRows<{ jit: string }>(db, sql`SELECT current_setting('jit') AS jit`))[0]?.jit;

  it('turns JIT off for the request transaction only', async () => {
    const outside = await jit(database.db);
    expect(outside).toBe('on');
    await database.db.transaction(async (tx) => {
      await enterCallerScope(tx as unknown as Database, null, 10_000);
      expect(await jit(tx as unknown as Database)).toBe('off');
    });
    expect(await jit(database.db)).toBe(outside);
  });

  it('settings that fail take every statement after them down, and the request with them', async () => {
    // A statement timeout below zero is refused by the database, as a missing role would be.
    const scope = new RequestScope(database.db, null, -1);
    const outcome = await scope
      .tx()
      .then((tx) => queryRows<{ u: string }>(tx, sql`SELECT current_user AS u`))
      .then(
        (rows) => `ran as ${rows[0]?.u}`,
        () => 'refused',
      );
    expect(outcome).toBe('refused');
    await expect(scope.finish([])).rejects.toThrow(/statement_timeout/);
  });

  it.skipIf(currentDriver() !== 'postgres')(
    'the settings and the first statement leave together: the statement is sent before the settings are answered',
    async () => {
      await seedDemo(database.db, { keyring: TEST_KEYRING });
      const { server: own, events, close } = await startWireLoggedServer(database.url, 30);
      try {
        const caseworker = await signIn(own, 'caseworker@fld.demo');
        for (let i = 0; i < 3; i++) {
          events.length = 0;
          const answer = await caseworker.graphql<{ cases: { edges: unknown[] } }>(
            '{ cases(first: 5) { edges { node { id } } } }',
          );
          expect(answer.body.data?.cases.edges.length).toBe(5);
          // Statements are answered in the order they were sent (BEGIN is not counted): the page
          // leaves before the settings' answer if fewer answers than the statements up to and
          // including the settings have come back by then. (A remembered caller's session check
          // goes ahead of the settings, and its answer may come back before the page leaves.)
          const statements = events.filter((e) => e.startsWith('sent') && e !== 'sent begin');
          const settings = statements.findIndex((e) => e.includes('set_config'));
          const page = events.findIndex((e) => /^sent select "cases"\."id"/i.test(e));
          expect(settings, events.join('\n')).toBeGreaterThanOrEqual(0);
          expect(page, events.join('\n')).toBeGreaterThan(0);
          const answeredBefore = events.slice(0, page).filter((e) => e === 'answered').length;
          expect(answeredBefore, events.join('\n')).toBeLessThanOrEqual(settings);
        }
      } finally {
        await close();
      }
    },
  );
});
