/**
 * Two people at once on the same file: the case lock and the file's version make every IRCC change
 * happen once. Two officers moving the same stage, two decisions, and a partner withdrawing a
 * referral while IRCC acknowledges it — each end state is one of the serial ones, never a mix.
 */
import { queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { type GraphqlResponse, startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { type SignedIn, signIn } from '../support/session.js';
import { ACKNOWLEDGE, ADVANCE, DECIDE, ownerFile, readFile, referredCase, run } from './ircc-support.js';

const WITHDRAW = `mutation W($id: ID!) { withdrawCase(caseId: $id, reason: "Concurrency test withdrawal") { status } }`;

const codeOf = (r: GraphqlResponse<unknown>) => r.body.errors?.[0]?.extensions?.code ?? null;

describe(`concurrent IRCC changes on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  let officer: SignedIn;
  let officer2: SignedIn;
  const partners = new Map<string, SignedIn>();

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
    officer = await signIn(server, 'officer@ircc.demo');
    officer2 = await signIn(server, 'officer2@ircc.demo');
    for (const kind of ['FLD', 'UNHCR', 'PD']) {
      partners.set(kind, await signIn(server, `caseworker@${kind.toLowerCase()}.demo`));
    }
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  /** Seeded files at a stage, with the custodian's kind. */
  const seededFiles = (stage: string) =>
    queryRows<{ id: string; kind: string }>(
      database.db,
      sql`SELECT c.id, o.kind FROM cases c JOIN immigration_files f ON f.case_id = c.id
            JOIN organizations o ON o.id = c.custodian_id
           WHERE f.stage = ${stage} AND c.status = 'REFERRED'
             AND NOT EXISTS (SELECT 1 FROM information_requests r WHERE r.case_id = c.id AND r.status = 'OPEN')
           ORDER BY c.reference`,
    );
  const allowedEvents = async (caseId: string, action: string) =>
    (
      await queryRows<{ n: number }>(
        database.db,
        sql`SELECT count(*)::int AS n FROM audit_events
             WHERE action = ${action} AND outcome = 'ALLOWED' AND case_ids @> ARRAY[${caseId}::uuid]`,
      )
    )[0]?.n;
  const fileVersion = async (caseId: string) => {
    const version = (await readFile(officer, caseId)).body.data?.case.immigrationFile?.version;
    expect(version).toBeTypeOf('number');
    return version as number;
  };

  it('two officers advance the same file with the same expectedVersion: one moves it, the other CONFLICT', async () => {
    const files = await seededFiles('RECEIVED');
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const [round, file] of files.entries()) {
      const v = await fileVersion(file.id);
      const [first, second] = round % 2 === 0 ? [officer, officer2] : [officer2, officer];
      const answers = await Promise.all([
        first.graphql(ADVANCE, { caseId: file.id, to: 'ELIGIBILITY_REVIEW', v }),
        second.graphql(ADVANCE, { caseId: file.id, to: 'ELIGIBILITY_REVIEW', v }),
      ]);
      const codes = answers.map(codeOf).sort();
      expect(codes, JSON.stringify(answers.map((a) => a.body.errors))).toEqual(['CONFLICT', null]);
      const stored = await ownerFile(database.db, file.id);
      expect(stored.stage).toBe('ELIGIBILITY_REVIEW');
      expect(stored.version).toBe(v + 1);
      expect(await allowedEvents(file.id, 'ircc.stage')).toBe(1);
    }
  });

  it('without a version, the second sees the stage already moved: INVALID_TRANSITION; moved once', async () => {
    const fld = partners.get('FLD') as SignedIn;
    for (let round = 0; round < 2; round += 1) {
      const referral = await referredCase(fld, 'NORMAL', `race-stage-${round}`);
      await run(officer, ACKNOWLEDGE, { id: referral.transferId });
      const v = await fileVersion(referral.id);
      const answers = await Promise.all([
        officer.graphql(ADVANCE, { caseId: referral.id, to: 'ELIGIBILITY_REVIEW' }),
        officer2.graphql(ADVANCE, { caseId: referral.id, to: 'ELIGIBILITY_REVIEW' }),
      ]);
      expect(answers.map(codeOf).sort()).toEqual(['INVALID_TRANSITION', null]);
      const stored = await ownerFile(database.db, referral.id);
      expect(stored).toMatchObject({ stage: 'ELIGIBILITY_REVIEW', version: v + 1 });
      expect(await allowedEvents(referral.id, 'ircc.stage')).toBe(1);
    }
  });

  it('two concurrent decisions: exactly one is recorded, and the partner is told once', async () => {
    const files = await seededFiles('DECISION');
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const [round, file] of files.entries()) {
      const approve = { caseId: file.id, outcome: 'APPROVED' };
      const refuse = { caseId: file.id, outcome: 'REFUSED', reasons: 'Concurrency test refusal reasons.' };
      const [a, b] = round % 2 === 0 ? [approve, refuse] : [refuse, approve];
      const answers = await Promise.all([officer.graphql(DECIDE, a), officer2.graphql(DECIDE, b)]);
      expect(answers.map(codeOf).sort(), JSON.stringify(answers.map((x) => x.body.errors))).toEqual([
        'INVALID_TRANSITION',
        null,
      ]);
      const winner = (answers[0]?.body.errors ? b : a).outcome;
      const stored = await ownerFile(database.db, file.id);
      expect(stored).toMatchObject({ stage: winner, status: winner, decision_outcome: winner });
      expect(await allowedEvents(file.id, 'ircc.decision')).toBe(1);
      const notified = await queryRows<{ event: string }>(
        database.db,
        sql`SELECT event FROM notifications WHERE case_id = ${file.id} AND event IN ('ircc.approved', 'ircc.refused')`,
      );
      expect(notified.map((n) => n.event)).toEqual([winner === 'APPROVED' ? 'ircc.approved' : 'ircc.refused']);
    }
  });

  it('a partner withdraws while IRCC acknowledges: never a file on a withdrawn referral', async () => {
    // The seeded pending referrals of each partner, and two more of FLD's.
    const pending = await queryRows<{ transfer_id: string; case_id: string; kind: string }>(
      database.db,
      sql`SELECT t.id AS transfer_id, t.case_id, o.kind FROM transfers t
            JOIN organizations o ON o.id = t.from_organization_id
           WHERE t.kind = 'RESETTLEMENT_REFERRAL' AND t.status = 'PENDING' ORDER BY t.id`,
    );
    const fld = partners.get('FLD') as SignedIn;
    for (let i = 0; i < 2; i += 1) {
      const made = await referredCase(fld, 'NORMAL', `race-withdraw-${i}`);
      pending.push({ transfer_id: made.transferId, case_id: made.id, kind: 'FLD' });
    }
    expect(pending.length).toBeGreaterThanOrEqual(4);
    const outcomes = new Set<string>();
    for (const [round, referral] of pending.entries()) {
      const partner = partners.get(referral.kind) as SignedIn;
      const acknowledge = () => officer.graphql(ACKNOWLEDGE, { id: referral.transfer_id });
      const withdraw = () => partner.graphql(WITHDRAW, { id: referral.case_id });
      let ack: GraphqlResponse<unknown>;
      let withdrawn: GraphqlResponse<unknown>;
      if (round % 2 === 0) [ack, withdrawn] = await Promise.all([acknowledge(), withdraw()]);
      else [withdrawn, ack] = await Promise.all([withdraw(), acknowledge()]);

      // The withdrawal always succeeds: before acknowledgment or after.
      expect(withdrawn.body.errors, JSON.stringify(withdrawn.body.errors)).toBeUndefined();
      const [state] = await queryRows<{ status: string; transfer: string; files: number }>(
        database.db,
        sql`SELECT c.status, t.status AS transfer,
                   (SELECT count(*)::int FROM immigration_files f WHERE f.case_id = c.id) AS files
              FROM cases c JOIN transfers t ON t.case_id = c.id AND t.id = ${referral.transfer_id}
             WHERE c.id = ${referral.case_id}`,
      );
      expect(state?.status).toBe('WITHDRAWN');
      if (codeOf(ack) === null) {
        // Acknowledged, then withdrawn: the file stays, the referral stays ACCEPTED.
        expect(state).toMatchObject({ transfer: 'ACCEPTED', files: 1 });
        outcomes.add('acknowledged then withdrawn');
      } else {
        // Withdrawn first: the acknowledgment is refused and opened nothing.
        expect(['INVALID_TRANSITION', 'NOT_FOUND', 'FORBIDDEN']).toContain(codeOf(ack));
        expect(state).toMatchObject({ transfer: 'WITHDRAWN', files: 0 });
        outcomes.add('withdrawn, acknowledgment refused');
      }
    }
    // Whatever the interleaving, no file sits on a withdrawn referral anywhere.
    const [mixed] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM immigration_files f JOIN transfers t ON t.case_id = f.case_id
           WHERE t.kind = 'RESETTLEMENT_REFERRAL' AND t.status = 'WITHDRAWN'`,
    );
    expect(mixed?.n).toBe(0);
    expect(outcomes.size).toBeGreaterThan(0);
  });
});
