/**
 * Concurrent case work over HTTP: no change is lost and references stay gap-free.
 *
 * On PGlite there is one connection, so the requests' transactions queue one behind the other;
 * the assertions hold all the same (the second request sees the first one's version). On
 * PostgreSQL the server's pool runs several transactions at once, which is where a missing row
 * lock or version check would show.
 */
import { demoOrgId, queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { type SignedIn, signIn } from '../support/session.js';
import {
  type CaseMeta,
  CREATE_CASE,
  createCase,
  currentYear,
  failure,
  newCaseInput,
  ownerCase,
  readCase,
  UPDATE_CASE,
} from './casework-support.js';

const UPDATES = 50;
const CREATES = 20;

describe(`concurrent case work on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  let sessions: SignedIn[];

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
    // Several sessions of PD caseworkers (the one demo caseworker, signed in five times).
    sessions = [];
    for (let i = 0; i < 5; i += 1) sessions.push(await signIn(server, 'caseworker@pd.demo'));
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it(`${UPDATES} concurrent updateCase with the same expectedVersion: one wins, ${UPDATES - 1} get CONFLICT`, async () => {
    const [first] = sessions;
    if (!first) throw new Error('no session');
    const created = await createCase(first, newCaseInput({}, 'concurrency'));
    const base = created.version;
    const responses = await Promise.all(
      Array.from({ length: UPDATES }, (_, i) =>
        sessions[i % sessions.length]?.graphql<{ updateCase: CaseMeta }>(UPDATE_CASE, {
          id: created.id,
          v: base,
          input: { riskSummary: `Risk summary written by request ${i} (test).` },
        }),
      ),
    );
    const winners = responses.flatMap((r, i) => (r?.body.data?.updateCase ? [i] : []));
    const losers = responses.filter((r) => r && !r.body.data?.updateCase);
    const codes = losers.map((r) => (r ? failure(r).code : 'no response'));
    const row = await ownerCase(database.db, created.id);
    const read = await readCase(first, created.id);
    // Exactly one winner: takeCaseForWrite locks the case row (FOR UPDATE) before comparing the
    // version, so the others wait for the winner's commit and then see its version. Without
    // that lock, transactions that read the same version all pass the check and each apply
    // their change (lost updates, and the version goes up by the number of "winners").
    expect({ winners: winners.length, version: row.version }).toEqual({ winners: 1, version: base + 1 });
    expect(codes).toEqual(Array(UPDATES - 1).fill('CONFLICT'));
    for (const loser of losers) {
      if (loser) expect(failure(loser).extensions.currentVersion).toBe(base + 1);
    }
    const winner = winners[0] as number;
    expect(responses[winner]?.body.data?.updateCase.version).toBe(base + 1);
    expect(read.hrdProfile?.riskSummary).toBe(`Risk summary written by request ${winner} (test).`);
    expect(row.risk_summary).toBe(`Risk summary written by request ${winner} (test).`);
  });

  it(`${CREATES} concurrent createCase by one organization get ${CREATES} consecutive references`, async () => {
    const year = currentYear();
    const counter = async () =>
      Number(
        (
          await queryRows<{ v: number }>(
            database.db,
            sql`SELECT coalesce(max(last_value), 0)::int AS v FROM reference_counters
                 WHERE organization_id = ${demoOrgId('PD')} AND year = ${year}`,
          )
        )[0]?.v,
      );
    const last = await counter();
    const responses = await Promise.all(
      Array.from({ length: CREATES }, (_, i) =>
        sessions[i % sessions.length]?.graphql<{ createCase: CaseMeta }>(CREATE_CASE, {
          input: newCaseInput({}, `concurrent-create-${i}`),
        }),
      ),
    );
    const references = responses.map((r) => {
      const created = r?.body.data?.createCase;
      if (!created) throw new Error(`createCase failed: ${JSON.stringify(r?.body.errors)}`);
      return created.reference;
    });
    expect(new Set(references).size).toBe(CREATES);
    for (const reference of references) expect(reference).toMatch(new RegExp(`^PD-${year}-\\d{4}$`));
    const numbers = references.map((r) => Number(r.split('-')[2])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: CREATES }, (_, i) => last + 1 + i));
    expect(await counter()).toBe(last + CREATES);
  });
});
