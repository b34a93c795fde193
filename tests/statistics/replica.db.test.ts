/**
 * ANALYTICS_DATABASE_URL: statistics read from a read replica when one is set, in a short
 * READ ONLY transaction as `hrd_app` with the caller's settings, so row-level security applies
 * there too. The "replica" is a second database on the same test server, holding more cases than
 * the primary, so the answers tell which database they came from. PostgreSQL only.
 */
import { queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, dbFailure, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { type SignedIn, signIn } from '../support/session.js';
import { addCases, byKey, counts, IRCC_CASES } from './statistics-support.js';

const onPostgres = currentDriver() === 'postgres';

describe.skipIf(!onPostgres)(
  'statistics on a read replica (PostgreSQL only: PGlite is one embedded connection, with no server URL to point a replica at)',
  () => {
    let primary: TestDatabase;
    let replica: TestDatabase;
    let server: TestServer;
    let analyst: SignedIn;

    beforeAll(async () => {
      primary = await openTestDatabase();
      replica = await openTestDatabase();
      await seedDemo(primary.db, { keyring: TEST_KEYRING });
      await seedDemo(replica.db, { keyring: TEST_KEYRING });
      // Only on the replica: six referred cases in Pakistan, one withdrawn (IRCC must not count it).
      await addCases(replica.db, [
        ...Array.from({ length: 6 }, () => ({ asylum: 'PK', urgency: 'URGENT' as const })),
        { asylum: 'PK', referral: 'WITHDRAWN' },
      ]);
      // A probe the replica's row-level security calls on every row: outside a read-only
      // transaction it fails the statement.
      await replica.db.execute(
        sql.raw(`CREATE OR REPLACE FUNCTION hrd_roles() RETURNS text[] LANGUAGE plpgsql STABLE AS $$
        BEGIN
          IF current_setting('transaction_read_only') <> 'on' THEN
            RAISE EXCEPTION 'statistics must read in a read-only transaction';
          END IF;
          RETURN coalesce(nullif(current_setting('hrd.roles', true), ''), '{}')::text[];
        END $$`),
      );
      server = await startTestServer(primary, { analyticsDatabaseUrl: replica.url });
      analyst = await signIn(server, 'analyst@ircc.demo');
    });
    afterAll(async () => {
      await server?.close();
      await replica?.close();
      await primary?.close();
    });

    it('reads statistics from the replica, and everything else from the primary', async () => {
      const countries = byKey(await counts(analyst, ['COUNTRY_OF_ASYLUM']));
      expect(countries.get('PK')).toBe(6);
      const partners = await counts(analyst, ['PARTNER']);
      expect(partners.total.cases).toBe(33 + 6);
      const listed = await analyst.graphql<{ cases: { totalCount: number } }>('{ cases(first: 0) { totalCount } }');
      expect(listed.body.data?.cases.totalCount).toBe(33);
    });

    it('runs as hrd_app under row-level security there: the same cases as plain SQL for IRCC, not every case', async () => {
      const [visible] = await queryRows<{ n: number }>(replica.db, sql`SELECT count(*)::int AS n FROM ${IRCC_CASES} c`);
      const [all] = await queryRows<{ n: number }>(replica.db, sql`SELECT count(*)::int AS n FROM cases`);
      expect(Number(visible?.n)).toBe(39);
      expect(Number(all?.n)).toBeGreaterThan(39);
      const partners = await counts(analyst, ['PARTNER']);
      expect(partners.total.cases).toBe(Number(visible?.n));
    });

    it('reads in a READ ONLY transaction (the probe refuses anything else)', async () => {
      // The probe works: a read-write transaction as hrd_app fails on it.
      const failure = await dbFailure(
        replica.db.transaction(async (tx) => {
          await tx.execute(sql`SET LOCAL ROLE hrd_app`);
          await tx.execute(sql`SELECT count(*) FROM cases`);
        }),
      );
      expect(failure).toContain('read-only transaction');
      // And statistics pass it.
      const response = await analyst.graphql<{ statistics: { caseCounts: { total: { cases: number } } } }>(
        '{ statistics { caseCounts(groupBy: [URGENCY]) { total { cases } } } }',
      );
      expect(response.body.errors).toBeUndefined();
    });

    it('refuses non-IRCC callers before touching the replica', async () => {
      const caseworker = await signIn(server, 'caseworker@fld.demo');
      const response = await caseworker.graphql(
        '{ statistics { caseCounts(groupBy: [URGENCY]) { total { cases } } } }',
      );
      expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  },
);
