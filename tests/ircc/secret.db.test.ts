/**
 * SECRET fields (location, safeContact) at IRCC (ACCESS.md): only the officer the file is assigned
 * to reads them, with a stated purpose, and every read is in the audit trail with that purpose.
 * Another officer, an analyst, and everyone on an unassigned file get null with FORBIDDEN at the
 * field's path. Reassigning the file swaps who reads at once.
 */
import { queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { type SignedIn, signIn } from '../support/session.js';
import { ASSIGN, run } from './ircc-support.js';

const SECRETS = `query Secrets($id: ID!, $purpose: String!) {
  case(id: $id) { id reference location(purpose: $purpose) safeContact(purpose: $purpose) }
}`;
const TRAIL = `query Trail($id: ID!) {
  auditTrail(caseId: $id, first: 100) { events { seq action actorId fields outcome purpose } }
}`;

type SecretsAnswer = { case: { id: string; reference: string; location: string | null; safeContact: string | null } };
type TrailEvent = {
  seq: number;
  action: string;
  actorId: string | null;
  fields: string[];
  outcome: string;
  purpose: string | null;
};

describe(`SECRET fields at IRCC on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  let officer: SignedIn;
  let officer2: SignedIn;
  let analyst: SignedIn;
  /** A seeded REFERRED case whose file is assigned to officer@ircc.demo. */
  let assignedCase: { id: string; reference: string };
  /** A seeded REFERRED case whose file nobody is assigned to. */
  let unassignedCase: { id: string };

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
    officer = await signIn(server, 'officer@ircc.demo');
    officer2 = await signIn(server, 'officer2@ircc.demo');
    analyst = await signIn(server, 'analyst@ircc.demo');
    const [assigned] = await queryRows<{ id: string; reference: string }>(
      database.db,
      sql`SELECT c.id, c.reference FROM cases c JOIN immigration_files f ON f.case_id = c.id
           WHERE f.assigned_officer_id = ${officer.userId} AND c.status = 'REFERRED'
             AND c.location_ciphertext IS NOT NULL AND c.safe_contact_ciphertext IS NOT NULL
           ORDER BY c.reference LIMIT 1`,
    );
    const [unassigned] = await queryRows<{ id: string }>(
      database.db,
      sql`SELECT c.id FROM cases c JOIN immigration_files f ON f.case_id = c.id
           WHERE f.assigned_officer_id IS NULL AND c.status = 'REFERRED'
             AND c.location_ciphertext IS NOT NULL
           ORDER BY c.reference LIMIT 1`,
    );
    if (!assigned || !unassigned) throw new Error('the seed has no assigned or no unassigned referred file');
    assignedCase = assigned;
    unassignedCase = unassigned;
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  /** Reads both SECRET fields with a purpose; returns the answer and the paths denied FORBIDDEN. */
  const readSecrets = async (user: SignedIn, id: string, purpose: string) => {
    const response = await user.graphql<SecretsAnswer>(SECRETS, { id, purpose });
    const denied = (response.body.errors ?? [])
      .filter((e) => e.extensions?.code === 'FORBIDDEN')
      .map((e) => (e.path ?? []).join('.'))
      .sort();
    return { body: response.body, data: response.body.data?.case, denied, errors: response.body.errors ?? [] };
  };

  /** The owner's view of a user's SECRET reads of a case since a seq: outcome and purpose. */
  const secretReads = async (actorId: string, caseId: string, since: number) =>
    queryRows<{ outcome: string; purpose: string | null; fields: string[] }>(
      database.db,
      sql`SELECT outcome, detail->>'purpose' AS purpose, fields FROM audit_events
           WHERE action = 'case.read' AND 'SECRET' = ANY (fields) AND actor_id = ${actorId}
             AND case_ids @> ARRAY[${caseId}::uuid] AND seq > ${since}
           ORDER BY seq`,
    );
  const head = async () =>
    Number(
      (
        await queryRows<{ seq: number }>(database.db, sql`SELECT coalesce(max(seq), 0)::int AS seq FROM audit_events`)
      )[0]?.seq,
    );

  /** Expects both fields null with one FORBIDDEN each at their paths, the rest of the answer intact. */
  const expectDenied = (answer: Awaited<ReturnType<typeof readSecrets>>, reference: string | null = null) => {
    expect(answer.data?.location).toBeNull();
    expect(answer.data?.safeContact).toBeNull();
    expect(answer.denied).toEqual(['case.location', 'case.safeContact']);
    expect(answer.errors).toHaveLength(2);
    expect(answer.data?.id).toBeTypeOf('string');
    if (reference) expect(answer.data?.reference).toBe(reference);
  };

  it('the assigned officer reads both fields, and the read is audited with its purpose', async () => {
    const since = await head();
    const purpose = 'Planning the interview logistics (secret test)';
    const answer = await readSecrets(officer, assignedCase.id, purpose);
    expect(answer.errors).toEqual([]);
    expect(answer.data?.location).toMatch(/^Demo safe house \d+, fictitious district$/);
    expect(answer.data?.safeContact).toMatch(/^Signal via demo contact \d+ \(fictitious\)$/);

    const reads = await secretReads(officer.userId, assignedCase.id, since);
    expect(reads).toEqual([{ outcome: 'ALLOWED', purpose, fields: ['SECRET'] }]);
    // The values themselves are never in the audit log.
    const [leak] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM audit_events
           WHERE seq > ${since} AND (detail::text LIKE ${`%${answer.data?.location}%`}
                                     OR detail::text LIKE ${`%${answer.data?.safeContact}%`})`,
    );
    expect(leak?.n).toBe(0);

    // And IRCC's officers see it in the case's audit trail, with the purpose.
    const trail = await run<{ auditTrail: { events: TrailEvent[] } }>(officer, TRAIL, { id: assignedCase.id });
    expect(trail.auditTrail.events).toContainEqual(
      expect.objectContaining({
        action: 'case.read',
        actorId: officer.userId,
        fields: ['SECRET'],
        outcome: 'ALLOWED',
        purpose,
      }),
    );
  });

  it('a purpose is required: a blank one is BAD_USER_INPUT and nothing is read', async () => {
    const answer = await readSecrets(officer, assignedCase.id, '  ');
    expect(answer.data?.location).toBeNull();
    expect(answer.errors.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
  });

  it('another officer gets null with FORBIDDEN at each path, audited as denied', async () => {
    const since = await head();
    const allowed = await readSecrets(officer, assignedCase.id, 'Reference values (secret test)');
    const answer = await readSecrets(officer2, assignedCase.id, 'Curious about the location (secret test)');
    expectDenied(answer, assignedCase.reference);
    const text = JSON.stringify(answer.body);
    expect(text).not.toContain(String(allowed.data?.location));
    expect(text).not.toContain(String(allowed.data?.safeContact));
    const reads = await secretReads(officer2.userId, assignedCase.id, since);
    expect(reads.map((r) => r.outcome)).toEqual(['DENIED']);
  });

  it("an analyst cannot even ask: SECRET fields are not in the analyst's schema", async () => {
    const since = await head();
    const response = await analyst.graphql(SECRETS, { id: assignedCase.id, purpose: 'Statistics (secret test)' });
    expect(response.body.data ?? null).toBeNull();
    expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
      'GRAPHQL_VALIDATION_FAILED',
      'GRAPHQL_VALIDATION_FAILED',
    ]);
    expect(JSON.stringify(response.body)).not.toMatch(/Did you mean/);
    // Nothing was read; the attempt is audited as a rejected query.
    expect(await secretReads(analyst.userId, assignedCase.id, since)).toEqual([]);
    const [rejected] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM audit_events
           WHERE action = 'graphql.rejected' AND actor_id = ${analyst.userId} AND seq > ${since}`,
    );
    expect(rejected?.n).toBe(1);
  });

  it('an unassigned file: no officer reads its SECRET fields', async () => {
    for (const user of [officer, officer2]) {
      expectDenied(await readSecrets(user, unassignedCase.id, 'Unassigned file (secret test)'));
    }
  });

  it('after assignOfficer to officer2 the roles swap at once; unassigned, nobody reads', async () => {
    const before = await readSecrets(officer, assignedCase.id, 'Before reassignment (secret test)');
    expect(before.errors).toEqual([]);
    await run(officer, ASSIGN, { caseId: assignedCase.id, officerId: officer2.userId });

    const since = await head();
    const purpose = 'Taking over the file (secret test)';
    const now2 = await readSecrets(officer2, assignedCase.id, purpose);
    expect(now2.errors).toEqual([]);
    expect(now2.data?.location).toBe(before.data?.location);
    expect(now2.data?.safeContact).toBe(before.data?.safeContact);
    expect(await secretReads(officer2.userId, assignedCase.id, since)).toEqual([
      { outcome: 'ALLOWED', purpose, fields: ['SECRET'] },
    ]);
    const trail = await run<{ auditTrail: { events: TrailEvent[] } }>(officer2, TRAIL, { id: assignedCase.id });
    expect(trail.auditTrail.events).toContainEqual(
      expect.objectContaining({ action: 'case.read', actorId: officer2.userId, purpose, outcome: 'ALLOWED' }),
    );
    expectDenied(await readSecrets(officer, assignedCase.id, 'No longer mine (secret test)'), assignedCase.reference);

    // Unassigned: neither officer reads it.
    await run(officer2, ASSIGN, { caseId: assignedCase.id, officerId: null });
    for (const user of [officer, officer2]) {
      expectDenied(await readSecrets(user, assignedCase.id, 'Unassigned now (secret test)'), assignedCase.reference);
    }
    // Assigned back: the first officer reads again.
    await run(officer2, ASSIGN, { caseId: assignedCase.id, officerId: officer.userId });
    expect((await readSecrets(officer, assignedCase.id, 'Back to me (secret test)')).errors).toEqual([]);
  });
});
