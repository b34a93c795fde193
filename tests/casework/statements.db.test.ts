/**
 * The SQL statements a request sends do not grow with the page size: every relation field of a
 * page of cases (persons, charges, transfers and their organizations, the custodian) is loaded
 * by a per-request DataLoader, one statement per field whatever the number of cases.
 *
 * The database is opened here with `openDatabase`'s `onQuery` hook, which sees every statement
 * drizzle sends: the auth lookup, the transaction's frame (one set_config statement: the role
 * hrd_app and the caller's settings; on PGlite also the savepoint around the audit append, which postgres.js does not
 * log), the work itself, and the audit append. BEGIN/COMMIT are not logged by either driver. 120 extra referred cases held by PD, each with two
 * persons, a charge and a referral, are written on the owner connection so that a page of 100
 * is full for both the PD caseworker (custodian) and the officer (IRCC). The oldest-first order
 * compares pages of the seeded cases instead, of every shape (FORMER cases whose persons are
 * denied included).
 */
import { readFileSync } from 'node:fs';
import { type Database, type DatabaseHandle, demoOrgId, openDatabase, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { currentDriver, openTestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { type SignedIn, signIn } from '../support/session.js';

const CASES = `query Page($first: Int!, $orderBy: CaseOrder) {
  cases(first: $first, orderBy: $orderBy) {
    edges { node {
      id reference
      persons { givenName }
      charges { description }
      transfers { kind from { name } to { name } }
      custodian { name }
    } }
  }
}`;

const BULK = 120;

/** A database on the running project's driver whose every statement goes to `onQuery`. */
async function openCountingDatabase(
  onQuery: (query: string) => void,
): Promise<{ handle: DatabaseHandle; owner: Database; close(): Promise<void> }> {
  if (currentDriver() === 'pglite') {
    // The migrated template of this run, restored into memory (as tests/support/database.ts does).
    const handle = await openDatabase({
      dataDir: 'memory://',
      loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]),
      onQuery,
    });
    return { handle, owner: handle.db, close: () => handle.close() };
  }
  // A fresh copy of the template database; the server gets a second, counting handle on it.
  const test = await openTestDatabase();
  if (!test.url) throw new Error('the postgres test database has no URL');
  const handle = await openDatabase({ databaseUrl: test.url, poolMax: 4, onQuery });
  return {
    handle,
    owner: test.db,
    close: async () => {
      await handle.close();
      await test.close();
    },
  };
}

/** Which part of a request a statement belongs to. */
function kindOf(statement: string): 'auth' | 'scope' | 'audit' | 'work' {
  const s = statement.toLowerCase().trim();
  if (s.includes('audit_events') || s.includes('hrd_audit_') || s.includes('pg_advisory_xact_lock')) return 'audit';
  if (/from "?sessions"?|from "?api_tokens"?|as user_id/.test(s)) return 'auth';
  // The transaction's frame: role and caller settings, and (PGlite) savepoints drizzle logs.
  if (/^(set local role|select set_config|savepoint|release savepoint|rollback to savepoint|begin|commit)/.test(s)) {
    return 'scope';
  }
  return 'work';
}

interface Measure {
  rows: number;
  total: number;
  auth: number;
  scope: number;
  audit: number;
  work: number;
}

describe(`SQL statements per request on ${currentDriver()}`, () => {
  let database: Awaited<ReturnType<typeof openCountingDatabase>>;
  let server: TestServer;
  let statements: string[] = [];
  let counting = false;
  const report: string[] = [];

  beforeAll(async () => {
    database = await openCountingDatabase((query) => {
      if (counting) statements.push(query);
    });
    await seedDemo(database.owner, { keyring: TEST_KEYRING });
    const pd = demoOrgId('PD');
    const ircc = demoOrgId('IRCC');
    // Written by the owner (no RLS): referred cases held by PD, newest of all.
    await database.owner.execute(sql`
      INSERT INTO cases (reference, custodian_id, origin_id, status, urgency, country_of_nationality,
                         country_of_asylum, activities, hrd_summary, risk_summary, created_at, updated_at, referred_at)
      SELECT 'PD-2000-' || lpad(g::text, 4, '0'), ${pd}, ${pd}, 'REFERRED', 'NORMAL', 'BY', 'GE',
             ARRAY['JOURNALISM']::text[], 'Bulk case ' || g || ' (test)', 'Bulk risk (test)',
             now() + g * interval '1 second', now(), now()
        FROM generate_series(1, ${BULK}) g`);
    await database.owner.execute(sql`
      INSERT INTO persons (case_id, role, given_name, family_name)
      SELECT c.id, r.role, r.role || ' ' || c.reference, 'Bulk'
        FROM cases c CROSS JOIN (VALUES ('PRINCIPAL'), ('SPOUSE')) AS r(role)
       WHERE c.reference LIKE 'PD-2000-%'`);
    await database.owner.execute(sql`
      INSERT INTO charges (case_id, person_id, description, jurisdiction, partner_view)
      SELECT p.case_id, p.id, 'Bulk charge (test)', 'BY', 'JUDICIAL_HARASSMENT'
        FROM persons p JOIN cases c ON c.id = p.case_id
       WHERE c.reference LIKE 'PD-2000-%' AND p.role = 'PRINCIPAL'`);
    await database.owner.execute(sql`
      INSERT INTO transfers (case_id, kind, from_organization_id, to_organization_id, status, created_at, decided_at)
      SELECT c.id, 'RESETTLEMENT_REFERRAL', ${pd}, ${ircc}, 'ACCEPTED', now(), now()
        FROM cases c WHERE c.reference LIKE 'PD-2000-%'`);
    server = await startTestServer(database.handle);
  });
  afterAll(async () => {
    if (report.length) process.stdout.write(`[${currentDriver()}] statements per request:\n${report.join('\n')}\n`);
    await server?.close();
    await database?.close();
  });

  async function measure(user: SignedIn, first: number, orderBy: string): Promise<Measure> {
    statements = [];
    counting = true;
    const response = await user.graphql<{ cases: { edges: unknown[] } }>(CASES, { first, orderBy });
    counting = false;
    // Only a FORMER holder's persons and charges may be denied; nothing else may fail.
    expect((response.body.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN')).toEqual([]);
    const kinds = statements.map(kindOf);
    return {
      rows: response.body.data?.cases.edges.length ?? 0,
      total: statements.length,
      auth: kinds.filter((k) => k === 'auth').length,
      scope: kinds.filter((k) => k === 'scope').length,
      audit: kinds.filter((k) => k === 'audit').length,
      work: kinds.filter((k) => k === 'work').length,
    };
  }

  const line = (who: string, order: string, m: Measure) =>
    `  ${who.padEnd(22)} ${order.padEnd(12)} first ${String(m.rows).padStart(3)} rows: ${m.total} statements ` +
    `(auth ${m.auth}, transaction ${m.scope}, work ${m.work}, audit ${m.audit})`;

  for (const email of ['caseworker@pd.demo', 'officer@ircc.demo']) {
    it(`${email}: as many statements for cases(first: 100) as for cases(first: 10)`, async () => {
      const user = await signIn(server, email);
      // Warm-up: a first request may prepare what later ones reuse.
      await measure(user, 1, 'CREATED_DESC');
      for (const orderBy of ['CREATED_DESC', 'CREATED_ASC']) {
        const small = await measure(user, 10, orderBy);
        const large = await measure(user, 100, orderBy);
        report.push(line(email, orderBy, small), line(email, orderBy, large));
        expect(small.rows).toBe(10);
        if (orderBy === 'CREATED_DESC') expect(large.rows).toBe(100);
        else expect(large.rows).toBeGreaterThan(small.rows);
        expect({ auth: large.auth, scope: large.scope, work: large.work, audit: large.audit }).toEqual({
          auth: small.auth,
          scope: small.scope,
          work: small.work,
          audit: small.audit,
        });
        expect(large.total).toBe(small.total);
      }
    });
  }
});
