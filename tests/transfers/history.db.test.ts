/** A case's transfer history: in order, with when and who decided, names shown to the two parties only. */
import { queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { signIn } from '../support/session.js';

const HISTORY = `query($id: ID!) { case(id: $id) { transfers { kind status createdAt decidedAt decidedBy note reason from { kind } to { kind } } } }`;

interface Row {
  kind: string;
  status: string;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  note: string | null;
  reason: string | null;
}

describe(`transfer history on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  it('shows each move in order with who decided it to the parties, and no names or notes to others', async () => {
    const fld = await signIn(server, 'caseworker@fld.demo');
    const unhcr = await signIn(server, 'caseworker@unhcr.demo');
    const [c] = await queryRows<{ id: string }>(
      database.db,
      sql`SELECT c.id FROM cases c JOIN organizations o ON o.id = c.custodian_id
           WHERE o.kind = 'FLD' AND c.status = 'IN_ASSESSMENT'
             AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.case_id = c.id AND t.status = 'PENDING') LIMIT 1`,
    );
    const offered = await fld.graphql<{ offerToUnhcr: { id: string } }>(
      `mutation($id: ID!) { offerToUnhcr(caseId: $id, note: "Family in the region") { id } }`,
      { id: c?.id },
    );
    const declined = await unhcr.graphql<{ declineTransfer: Row }>(
      `mutation($t: ID!) { declineTransfer(transferId: $t, reason: "No capacity now") { status reason decidedBy } }`,
      { t: offered.body.data?.offerToUnhcr.id },
    );
    expect(declined.body.data?.declineTransfer).toEqual({
      status: 'DECLINED',
      reason: 'No capacity now',
      decidedBy: 'UNHCR Caseworker (demo)',
    });
    const history =
      (await fld.graphql<{ case: { transfers: Row[] } }>(HISTORY, { id: c?.id })).body.data?.case.transfers ?? [];
    const last = history[history.length - 1];
    expect(last).toMatchObject({
      kind: 'OFFER',
      status: 'DECLINED',
      note: 'Family in the region',
      reason: 'No capacity now',
      decidedBy: 'UNHCR Caseworker (demo)',
    });
    const times = history.map((t) => Date.parse(t.createdAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    // The third party that submitted a case PD then distributed to FLD sees the moves (META), but
    // neither the names of who decided them nor the notes between PD and FLD.
    const referrer = await signIn(server, 'referrer@civicshield.demo');
    const [distributed] = await queryRows<{ id: string }>(
      database.db,
      sql`SELECT t.case_id AS id FROM transfers t WHERE t.kind = 'DISTRIBUTION' AND t.status = 'ACCEPTED'
           AND t.to_organization_id <> t.from_organization_id LIMIT 1`,
    );
    await database.db.execute(
      sql`UPDATE transfers SET decided_by = (SELECT id FROM users WHERE email = 'caseworker@fld.demo')
           WHERE case_id = ${distributed?.id} AND kind = 'DISTRIBUTION'`,
    );
    const seen = (await referrer.graphql<{ case: { transfers: Row[] } }>(HISTORY, { id: distributed?.id })).body.data
      ?.case.transfers;
    const distribution = seen?.find((t) => t.kind === 'DISTRIBUTION');
    expect(distribution).toMatchObject({ status: 'ACCEPTED', decidedBy: null, note: null, reason: null });
    expect(distribution?.decidedAt).not.toBeNull();
    const asFld = (await fld.graphql<{ case: { transfers: Row[] } }>(HISTORY, { id: distributed?.id })).body.data?.case
      .transfers;
    expect(asFld?.find((t) => t.kind === 'DISTRIBUTION')?.decidedBy).toBe('FLD Caseworker (demo)');
  });
});
