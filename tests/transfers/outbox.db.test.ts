/** The outbox under failure, and the IRCC-facing case events. */
import { queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainOutbox, MAX_MAIL_ATTEMPTS } from '../../packages/server/src/modules/notifications/outbox.js';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { signIn } from '../support/session.js';

describe(`the notification outbox on ${currentDriver()}`, () => {
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

  it('referring and withdrawing a case tell IRCC, by reference only', async () => {
    const pd = await signIn(server, 'caseworker@pd.demo');
    const [ready] = await queryRows<{ id: string; version: number; reference: string }>(
      database.db,
      sql`SELECT c.id, c.version, c.reference FROM cases c JOIN organizations o ON o.id = c.custodian_id
           WHERE o.kind = 'PD' AND c.status = 'READY_TO_REFER'
             AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.case_id = c.id AND t.status = 'PENDING') LIMIT 1`,
    );
    const referred = await pd.graphql(
      `mutation($id: ID!, $v: Int!) { referToIrcc(caseId: $id, expectedVersion: $v) { transferId } }`,
      { id: ready?.id, v: ready?.version },
    );
    expect(referred.body.errors).toBeUndefined();
    await pd.graphql(`mutation($id: ID!) { withdrawCase(caseId: $id, reason: "The family found safety") { status } }`, {
      id: ready?.id,
    });
    const officer = await signIn(server, 'officer@ircc.demo');
    const seen = await officer.graphql<{ notifications: Array<{ event: string; caseReference: string }> }>(
      '{ notifications(first: 100) { event caseReference } }',
    );
    const events = (seen.body.data?.notifications ?? []).filter((n) => n.caseReference === ready?.reference);
    expect(events.map((n) => n.event).sort()).toEqual(['case.referred', 'case.withdrawn']);
  });

  it('a failing mail neither blocks the others nor retries forever', async () => {
    await database.db.execute(sql`UPDATE notifications SET mailed_at = now()`);
    await database.db.execute(sql`
      INSERT INTO notifications (organization_id, event, case_reference)
      SELECT o.id, 'transfer.submitted', 'OUTBOX-' || n FROM organizations o, generate_series(1, 3) n
       WHERE o.kind = 'PD'`);
    const delivered: string[] = [];
    const hook = async (m: { case_reference: string | null }) => {
      if (m.case_reference === 'OUTBOX-2') throw new Error('mail server says no');
      delivered.push(m.case_reference ?? '');
    };
    expect(await drainOutbox(database, hook)).toBe(2);
    expect(delivered.sort()).toEqual(['OUTBOX-1', 'OUTBOX-3']);
    for (let i = 1; i < MAX_MAIL_ATTEMPTS + 2; i++) await drainOutbox(database, hook);
    const [stuck] = await queryRows<{ attempts: number; mailed: boolean }>(
      database.db,
      sql`SELECT mail_attempts AS attempts, mailed_at IS NOT NULL AS mailed FROM notifications WHERE case_reference = 'OUTBOX-2'`,
    );
    expect(stuck).toEqual({ attempts: MAX_MAIL_ATTEMPTS, mailed: false });
    expect(delivered).toHaveLength(2);
  });
});
