/**
 * Racing moves of one case (Promise.all over HTTP): two intake coordinators distributing the same
 * case, and an acceptance racing a withdrawal. Exactly one wins; the loser gets a clear error, never
 * an internal one; the database is left with one custodian and at most one PENDING transfer.
 */
import { seedDemo } from '@hrd/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { codeOf, type SignedIn, signIn } from '../support/session.js';
import {
  ACCEPT,
  type Actors,
  caseDistributed,
  caseInTriage,
  caseRow,
  casesWithTwoPending,
  casesWithWrongCustodian,
  DISTRIBUTE,
  ok,
  organizationIdOfKind,
  signInActors,
  transferRows,
  WITHDRAW,
} from './transfers-support.js';

const ROUNDS = 5;

describe(`racing moves on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  let a: Actors;
  let intake2: SignedIn;
  const raced: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
    a = await signInActors(server);
    await ok(
      a.pdAdmin.graphql(
        `mutation($input: CreateUserInput!) { createUser(input: $input) { id roles organization { kind } } }`,
        {
          input: {
            email: 'intake2@pd.demo',
            displayName: 'Second intake coordinator (test)',
            roles: ['INTAKE_COORDINATOR'],
            password: 'a-long-test-password-2',
          },
        },
      ),
    );
    intake2 = await signIn(server, 'intake2@pd.demo', 'a-long-test-password-2');
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  /** What each round's two requests answered (undefined: success). */
  const distributeRounds: Array<{ label: string; codes: Array<unknown> }> = [];
  const acceptRounds: Array<{ label: string; accept: unknown; withdraw: unknown }> = [];

  it(`two intake coordinators distribute the same case at once: exactly one succeeds (${ROUNDS} rounds)`, async () => {
    const pd = await organizationIdOfKind(database.db, 'PD');
    for (let round = 0; round < ROUNDS; round++) {
      const c = await caseInTriage(a);
      raced.push(c.id);
      const targets = round % 2 === 0 ? (['FLD', 'UNHCR'] as const) : (['UNHCR', 'FLD'] as const);
      const responses = await Promise.all([
        a.intake.graphql(DISTRIBUTE, { caseId: c.id, to: targets[0] }),
        intake2.graphql(DISTRIBUTE, { caseId: c.id, to: targets[1] }),
      ]);
      const codes = responses.map(codeOf);
      const label = `round ${round}: ${JSON.stringify(responses.map((r) => r.body.errors ?? 'ok'))}`;
      distributeRounds.push({ label, codes });
      expect(
        codes.filter((code) => code === undefined),
        label,
      ).toHaveLength(1);

      const row = await caseRow(database.db, c.id);
      expect(row, label).toMatchObject({ status: 'DISTRIBUTED', custodian_id: pd });
      const pending = (await transferRows(database.db, c.id)).filter((t) => t.status === 'PENDING');
      expect(pending, label).toHaveLength(1);
      const winnerTarget = targets[codes.indexOf(undefined)];
      expect(pending[0]?.to_organization_id, label).toBe(await organizationIdOfKind(database.db, winnerTarget ?? ''));
    }
  });

  // On postgres both requests run at once: the case row lock taken by takeCaseForWrite makes the
  // loser wait and re-read the moved case. Without it (as before commit e965506) the loser's INSERT
  // of a second PENDING transfer failed on "transfers_one_pending_key" (23505) and the client got
  // INTERNAL_SERVER_ERROR. PGlite runs one request at a time.
  it('the losing distribution is told CONFLICT or INVALID_TRANSITION, not INTERNAL_SERVER_ERROR', () => {
    expect(distributeRounds).toHaveLength(ROUNDS);
    for (const { label, codes } of distributeRounds) {
      const loser = codes.find((code) => code !== undefined);
      expect(['CONFLICT', 'INVALID_TRANSITION'], label).toContain(loser);
    }
  });

  it(`an acceptance racing a withdrawal of the same pending transfer: exactly one wins (${ROUNDS} rounds)`, async () => {
    const [pd, fld] = [await organizationIdOfKind(database.db, 'PD'), await organizationIdOfKind(database.db, 'FLD')];
    for (let round = 0; round < ROUNDS; round++) {
      const c = await caseDistributed(a, 'FLD');
      raced.push(c.id);
      const acceptIt = () => a.fld.graphql(ACCEPT, { id: c.distributionId });
      const withdrawIt = () => a.intake.graphql(WITHDRAW, { id: c.distributionId });
      // Alternate which request leaves first.
      const [accepted, withdrawn] =
        round % 2 === 0
          ? await Promise.all([acceptIt(), withdrawIt()])
          : await Promise.all([withdrawIt(), acceptIt()]).then(([w, x]) => [x, w] as const);
      const label = `round ${round}: accept ${JSON.stringify(accepted.body.errors ?? 'ok')}, withdraw ${JSON.stringify(
        withdrawn.body.errors ?? 'ok',
      )}`;
      acceptRounds.push({ label, accept: codeOf(accepted), withdraw: codeOf(withdrawn) });
      const acceptWon = !accepted.body.errors;
      const withdrawWon = !withdrawn.body.errors;
      expect([acceptWon, withdrawWon].filter(Boolean), label).toHaveLength(1);

      const row = await caseRow(database.db, c.id);
      const transfer = (await transferRows(database.db, c.id)).find((t) => t.id === c.distributionId);
      if (acceptWon) {
        expect(row, label).toMatchObject({ status: 'IN_ASSESSMENT', custodian_id: fld });
        expect(transfer?.status, label).toBe('ACCEPTED');
      } else {
        expect(row, label).toMatchObject({ status: 'IN_TRIAGE', custodian_id: pd });
        expect(transfer?.status, label).toBe('WITHDRAWN');
      }
    }
  });

  // Without the case row lock (before commit e965506) the loser's `UPDATE cases` waited for the
  // winner and was then refused by the cases_guard trigger ("no write access to this case", 42501),
  // which reached the client as INTERNAL_SERVER_ERROR.
  it('the loser of accept/withdraw gets a clear error (the case moved on), not INTERNAL_SERVER_ERROR', () => {
    expect(acceptRounds).toHaveLength(ROUNDS);
    for (const { label, accept, withdraw } of acceptRounds) {
      // Withdrawn first, FLD has no relation left (NOT_FOUND) or finds it not pending (INVALID_TRANSITION);
      // accepted first, PD is a former holder (FORBIDDEN) or finds it not pending (INVALID_TRANSITION).
      const loser = accept ?? withdraw;
      expect(['INVALID_TRANSITION', 'CONFLICT', 'FORBIDDEN', 'NOT_FOUND'], label).toContain(loser);
    }
  });

  it('after the races: one custodian where the transfers led, at most one PENDING transfer per case', async () => {
    expect(raced).toHaveLength(2 * ROUNDS);
    expect(await casesWithWrongCustodian(database.db, raced)).toEqual([]);
    expect(await casesWithTwoPending(database.db)).toEqual([]);
    for (const id of raced) {
      const pending = (await transferRows(database.db, id)).filter((t) => t.status === 'PENDING');
      expect(pending.length, id).toBeLessThanOrEqual(1);
    }
  });
});
