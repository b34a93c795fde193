/**
 * A request's audit is appended in its own transaction, just before the COMMIT. On PostgreSQL the
 * append is sent ahead and the COMMIT follows it in the same round trip (`sendAuditAppend`), so
 * these tests hold both halves: the two leave together, and an append that fails still takes the
 * whole request down with it (its COMMIT becomes a ROLLBACK, and the caller is told).
 */
import { demoOrgId, queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPDATE_CASE } from '../casework/casework-support.js';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { signIn } from '../support/session.js';
import { startWireLoggedServer } from '../support/wire.js';

const EMERGENCY = { urgency: 'EMERGENCY' };

describe(`the audit and the commit of a request on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  const heldCase = async () => {
    const [row] = await queryRows<{ id: string; version: number; urgency: string }>(
      database.db,
      sql`SELECT id, version, urgency FROM cases
           WHERE custodian_id = ${demoOrgId('FLD')} AND urgency <> 'EMERGENCY' AND status IN ('DRAFT', 'IN_ASSESSMENT')
           ORDER BY reference LIMIT 1`,
    );
    if (!row) throw new Error('the seed has no editable FLD-held case');
    return row;
  };
  const auditedFor = async (id: string) =>
    Number(
      (
        await queryRows<{ n: string | number }>(
          database.db,
          sql`SELECT count(*) AS n FROM audit_events WHERE ${id}::uuid = ANY (case_ids) AND action = 'case.update'`,
        )
      )[0]?.n,
    );

  it('a change whose audit cannot be appended is not committed, and its caller is told', async () => {
    const caseworker = await signIn(server, 'caseworker@fld.demo');
    const before = await heldCase();
    const auditedBefore = await auditedFor(before.id);
    // The audit chain refuses every new row, as a full disk or a broken chain would.
    await database.db.execute(sql`CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the audit chain refuses rows'; END $$`);
    await database.db.execute(
      sql`CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_audit()`,
    );
    let refused: Awaited<ReturnType<typeof caseworker.graphql>>;
    try {
      refused = await caseworker.graphql(UPDATE_CASE, { id: before.id, v: before.version, input: EMERGENCY });
    } finally {
      await database.db.execute(sql`DROP TRIGGER refuse_audit ON audit_events`);
      await database.db.execute(sql`DROP FUNCTION refuse_audit()`);
    }
    expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(refused.body.data ?? null).toBeNull();
    const after = await queryRows<{ version: number; urgency: string }>(
      database.db,
      sql`SELECT version, urgency FROM cases WHERE id = ${before.id}`,
    );
    expect(after).toEqual([{ version: before.version, urgency: before.urgency }]);
    expect(await auditedFor(before.id)).toBe(auditedBefore);

    // The same change, once the chain takes rows again: committed, with its audit.
    const retried = await caseworker.graphql<{ updateCase: { version: number; urgency: string } }>(UPDATE_CASE, {
      id: before.id,
      v: before.version,
      input: EMERGENCY,
    });
    expect(retried.body.errors).toBeUndefined();
    expect(retried.body.data?.updateCase).toMatchObject({ version: before.version + 1, urgency: 'EMERGENCY' });
    expect(await auditedFor(before.id)).toBe(auditedBefore + 1);
  });

  it.skipIf(currentDriver() !== 'postgres')(
    'the audit append and the COMMIT leave together: the COMMIT is sent before the append is answered',
    async () => {
      // What the driver sends and when statements are answered, in order, on a pool of its own.
      // (Reading a case's persons is audited.)
      const { server: own, events, close } = await startWireLoggedServer(database.url, 40);
      try {
        const caseworker = await signIn(own, 'caseworker@fld.demo');
        const { id } = await heldCase();
        for (let i = 0; i < 3; i++) {
          events.length = 0;
          const answer = await caseworker.graphql<{ case: { id: string } }>(
            'query($id: ID!) { case(id: $id) { id persons { givenName } } }',
            {
              id,
            },
          );
          expect(answer.body.data?.case?.id).toBe(id);
          const append = events.findIndex((e) => e.includes('hrd_audit_append'));
          expect(append, events.join('\n')).toBeGreaterThan(0);
          expect(events.slice(append, append + 3)).toEqual([
            expect.stringContaining('hrd_audit_append'),
            'sent commit',
            'answered',
          ]);
        }
      } finally {
        await close();
      }
    },
  );
});
