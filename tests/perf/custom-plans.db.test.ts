/**
 * A case list under two or more filters is planned for its values (`withCustomPlans`,
 * packages/server/src/db/client.ts; docs/BENCHMARKS.md, Round 12): PostgreSQL's generic plan for a
 * prepared statement guesses each parameterized condition's selectivity, and two guesses together
 * made a search at 100,000 cases check row-level security's relation row by row, twice as slow.
 *
 * Held here: the setting is in force for the statements run inside, and put back exactly as it
 * was afterwards (for this transaction only), whether they succeed or throw; a list with two
 * filters sends its page and count between the two, a list with one filter or none does not
 * touch the setting.
 */
import { type Database, queryRows, seedScale, withCustomPlans } from '@hrd/server';
import { sql, TransactionRollbackError } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { type SignedIn, signIn } from '../support/session.js';

const mode = async (db: Database) =>
  (await queryRows<{ mode: string }>(db, sql`SELECT current_setting('plan_cache_mode') AS mode`))[0]?.mode;

describe(`case lists under several filters are planned for their values, on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  let caseworker: SignedIn;
  const statements: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase({ onQuery: (text) => statements.push(text) });
    await seedScale(database.db, 60, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
    caseworker = await signIn(server, 'caseworker@fld.demo');
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  /** Runs `fn` in a transaction that is rolled back afterwards. */
  async function inTransaction(fn: (tx: Database) => Promise<void>): Promise<void> {
    await database.db
      .transaction(async (tx) => {
        await fn(tx as unknown as Database);
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
  }

  it('forces custom plans inside, and puts the setting back as it was', async () => {
    for (const before of ['auto', 'force_generic_plan']) {
      await inTransaction(async (tx) => {
        await tx.execute(sql`SELECT set_config('plan_cache_mode', ${before}, true)`);
        const inside = await withCustomPlans(tx, () => mode(tx));
        expect(inside).toBe('force_custom_plan');
        expect(await mode(tx)).toBe(before);
      });
    }
  });

  it('puts the setting back when what runs inside throws', async () => {
    await inTransaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('plan_cache_mode', 'force_generic_plan', true)`);
      const failure = await withCustomPlans(tx, async () => {
        expect(await mode(tx)).toBe('force_custom_plan');
        throw new Error('inside');
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toBe('inside');
      expect(await mode(tx)).toBe('force_generic_plan');
    });
  });

  /** The texts the request sent, from its page on, each cut to what names it. */
  async function listStatements(filter: string): Promise<string[]> {
    statements.length = 0;
    const response = await caseworker.graphql<{ cases: { totalCount: number; edges: unknown[] } }>(
      `{ cases(first: 5, filter: ${filter}) { totalCount edges { node { id } } } }`,
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.cases.totalCount).toBeGreaterThan(0);
    return statements
      .map((text) =>
        /plan_cache_mode', 'force_custom_plan'/.test(text)
          ? 'force'
          : /set_config\('plan_cache_mode'/.test(text)
            ? 'restore'
            : /FROM "cases" WHERE/.test(text) && /LIMIT/.test(text)
              ? 'page'
              : /^select count\(\*\)/i.test(text)
                ? 'count'
                : 'other',
      )
      .filter((kind) => kind !== 'other');
  }

  it('sends a list with two filters between the setting and its restoring', async () => {
    const sent = await listStatements(
      '{ status: [DRAFT, IN_ASSESSMENT, READY_TO_REFER, REFERRED], urgency: [NORMAL, URGENT, EMERGENCY] }',
    );
    expect(sent[0]).toBe('force');
    expect(sent.slice(1, 3).sort()).toEqual(['count', 'page']);
    expect(sent.slice(3)).toEqual(['restore']);
  });

  it('leaves the setting alone for a list with one filter or none', async () => {
    expect((await listStatements('{ status: [DRAFT, IN_ASSESSMENT, READY_TO_REFER, REFERRED] }')).sort()).toEqual([
      'count',
      'page',
    ]);
    expect((await listStatements('{}')).sort()).toEqual(['count', 'page']);
  });
});
