/**
 * IRCC's processing over HTTP, as the demo users: a referral acknowledged and taken from RECEIVED
 * to ARRIVED, another to REFUSED, with every check; what the partner sees at each step (stage and
 * outcome, never reasons or check notes); the judicial-harassment rule and its audited override;
 * information requests deferring a file.
 */

import { IMMIGRATION_STAGE_TRANSITIONS } from '@hrd/schema';
import { queryRows, seedDemo, verifyAuditChain } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { type SignedIn, signIn } from '../support/session.js';
import {
  ACKNOWLEDGE,
  ADVANCE,
  ANSWER_INFO,
  ARRIVE,
  ASKED_BY,
  ASSIGN,
  type CaseWithFile,
  CHECK,
  DECIDE,
  errorOf,
  INFO_REQUESTS,
  INTERVIEW,
  META_VIEW,
  notificationsFor,
  ownerFile,
  QUEUE,
  REQUEST_INFO,
  readFile,
  referredCase,
  run,
  toDecision,
} from './ircc-support.js';

/** The file's IRCC-internal fields, which a partner must get as null with FORBIDDEN. */
const INTERNAL = [
  'approvalWouldPassCap',
  'arrivedAt',
  'assignedOfficer',
  'checks',
  'citedChargeIds',
  'decidedAt',
  'decidedBy',
  'decisionReasons',
  'expedited',
  'fileNumber',
  'interviewAt',
  'overrideNote',
  'version',
];

describe(`IRCC processing over HTTP on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  let fld: SignedIn;
  let officer: SignedIn;
  let officer2: SignedIn;
  let analyst: SignedIn;
  let unhcr: SignedIn;

  /**
   * What the partner sees of the file now: the stage and outcome, every IRCC-internal field null
   * with one FORBIDDEN error at its path, and none of the given secret words anywhere.
   */
  const partnerSees = async (id: string, hidden: string[]) => {
    // Asked of the partner, the file's IRCC-internal fields are not in its schema at all: a
    // validation error naming each, no data, and none of the secret words.
    const internal = await readFile(fld, id);
    expect(internal.body.data ?? null).toBeNull();
    expect(new Set((internal.body.errors ?? []).map((e) => e.extensions?.code))).toEqual(
      new Set(['GRAPHQL_VALIDATION_FAILED']),
    );
    const named = (internal.body.errors ?? []).map((e) => /Cannot query field "(\w+)"/.exec(e.message)?.[1]).sort();
    expect(named).toEqual(INTERNAL);
    // What the partner reads: the stage and the outcome (META), and nothing else of the file.
    const meta = await fld.graphql<{ case: CaseWithFile }>(META_VIEW, { id });
    expect(meta.body.errors).toBeUndefined();
    const text = JSON.stringify([internal.body, meta.body]);
    for (const word of hidden) expect(text).not.toContain(word);
    const file = meta.body.data?.case.immigrationFile;
    return { status: meta.body.data?.case.status, stage: file?.stage, outcome: file?.decisionOutcome };
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
    fld = await signIn(server, 'caseworker@fld.demo');
    officer = await signIn(server, 'officer@ircc.demo');
    officer2 = await signIn(server, 'officer2@ircc.demo');
    analyst = await signIn(server, 'analyst@ircc.demo');
    unhcr = await signIn(server, 'caseworker@unhcr.demo');
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it('takes a referral from RECEIVED to ARRIVED; the partner sees the stage and outcome only', async () => {
    const referral = await referredCase(fld, 'EMERGENCY', 'arrive');
    // Before IRCC acknowledges: no file, and nothing can be done to it.
    expect(
      (await fld.graphql<{ case: CaseWithFile }>(META_VIEW, { id: referral.id })).body.data?.case.immigrationFile,
    ).toBeNull();
    const early = errorOf(await officer.graphql(ADVANCE, { caseId: referral.id, to: 'ELIGIBILITY_REVIEW' }));
    expect(early.code).toBe('INVALID_TRANSITION');

    const acknowledged = (
      await run<{ acknowledgeReferral: CaseWithFile }>(officer, ACKNOWLEDGE, { id: referral.transferId })
    ).acknowledgeReferral;
    const file = (await readFile(officer, referral.id)).body.data?.case.immigrationFile;
    expect(acknowledged.status).toBe('REFERRED');
    expect(file?.stage).toBe('RECEIVED');
    expect(file?.fileNumber).toMatch(new RegExp(`^GAR-${new Date().getUTCFullYear()}-\\d{5}$`));
    expect(file?.expedited).toBe(true);
    expect(file?.checks?.map((c) => [c.kind, c.result])).toEqual([
      ['CRIMINALITY', 'PENDING'],
      ['ELIGIBILITY', 'PENDING'],
      ['MEDICAL', 'PENDING'],
      ['SECURITY', 'PENDING'],
    ]);
    // A second acknowledgment finds the referral settled.
    expect(errorOf(await officer.graphql(ACKNOWLEDGE, { id: referral.transferId })).code).toBe('INVALID_TRANSITION');
    expect(await partnerSees(referral.id, [])).toEqual({ status: 'REFERRED', stage: 'RECEIVED', outcome: null });

    await run(officer, ASSIGN, { caseId: referral.id, officerId: officer.userId });
    // Stages are taken one at a time, in order.
    const skip = errorOf(await officer.graphql(ADVANCE, { caseId: referral.id, to: 'INTERVIEW' }));
    expect(skip.code).toBe('INVALID_TRANSITION');
    expect(skip.extensions).toMatchObject({ currentStage: 'RECEIVED', allowedMoves: ['ELIGIBILITY_REVIEW'] });

    const notes = ['ELIGIBILITY', 'MEDICAL', 'SECURITY', 'CRIMINALITY'].map((k) => `Zq${k}internalnote`);
    await run(officer, ADVANCE, { caseId: referral.id, to: 'ELIGIBILITY_REVIEW' });
    const noEligibility = errorOf(await officer.graphql(ADVANCE, { caseId: referral.id, to: 'INTERVIEW' }));
    expect(noEligibility.code).toBe('INVALID_TRANSITION');
    expect(noEligibility.extensions.missingChecks).toEqual(['ELIGIBILITY']);
    await run(officer, CHECK, { caseId: referral.id, kind: 'ELIGIBILITY', result: 'PASSED', note: notes[0] });
    await run(officer, ADVANCE, { caseId: referral.id, to: 'INTERVIEW' });
    expect(await partnerSees(referral.id, notes)).toEqual({ status: 'REFERRED', stage: 'INTERVIEW', outcome: null });
    const noInterview = errorOf(await officer.graphql(ADVANCE, { caseId: referral.id, to: 'ADMISSIBILITY' }));
    expect(noInterview.extensions.missing).toEqual(['interviewAt']);
    await run(officer, INTERVIEW, { caseId: referral.id, at: new Date().toISOString() });
    await run(officer, ADVANCE, { caseId: referral.id, to: 'ADMISSIBILITY' });
    await run(officer, CHECK, { caseId: referral.id, kind: 'MEDICAL', result: 'PASSED', note: notes[1] });
    await run(officer, CHECK, { caseId: referral.id, kind: 'SECURITY', result: 'PASSED', note: notes[2] });
    // ADMISSIBILITY completes only when MEDICAL, SECURITY and CRIMINALITY have results.
    const incomplete = errorOf(await officer.graphql(ADVANCE, { caseId: referral.id, to: 'DECISION' }));
    expect(incomplete.code).toBe('INVALID_TRANSITION');
    expect(incomplete.extensions.missingChecks).toEqual(['CRIMINALITY']);
    await run(officer, CHECK, { caseId: referral.id, kind: 'CRIMINALITY', result: 'PASSED', note: notes[3] });
    await run(officer, ADVANCE, { caseId: referral.id, to: 'DECISION' });
    expect(await partnerSees(referral.id, notes)).toEqual({ status: 'REFERRED', stage: 'DECISION', outcome: null });
    // The decision has its own mutation.
    const viaStage = errorOf(await officer.graphql(ADVANCE, { caseId: referral.id, to: 'APPROVED' }));
    expect(viaStage.code).toBe('INVALID_TRANSITION');
    expect(viaStage.extensions.allowedMoves).toEqual([...IMMIGRATION_STAGE_TRANSITIONS.DECISION]);

    const reasons = 'Zqapprovalreasonsinternal all checks passed.';
    const decided = await run<{ recordDecision: { case: CaseWithFile; quota: { year: number } } }>(officer, DECIDE, {
      caseId: referral.id,
      outcome: 'APPROVED',
      reasons,
    });
    expect(decided.recordDecision.case.status).toBe('APPROVED');
    expect(decided.recordDecision.quota.year).toBe(new Date().getUTCFullYear());
    expect(await partnerSees(referral.id, [...notes, reasons])).toEqual({
      status: 'APPROVED',
      stage: 'APPROVED',
      outcome: 'APPROVED',
    });

    expect(errorOf(await officer.graphql(ARRIVE, { caseId: referral.id })).code).toBe('INVALID_TRANSITION');
    await run(officer, ADVANCE, { caseId: referral.id, to: 'TRAVEL' });
    expect(await partnerSees(referral.id, [...notes, reasons])).toEqual({
      status: 'APPROVED',
      stage: 'TRAVEL',
      outcome: 'APPROVED',
    });
    const arrived = await run<{ recordArrival: CaseWithFile }>(officer, ARRIVE, { caseId: referral.id });
    expect(arrived.recordArrival.status).toBe('ARRIVED');
    expect(await partnerSees(referral.id, [...notes, reasons])).toEqual({
      status: 'ARRIVED',
      stage: 'ARRIVED',
      outcome: 'APPROVED',
    });
    // IRCC sees everything it recorded.
    const mine = (await readFile(officer, referral.id)).body;
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.case.immigrationFile).toMatchObject({
      stage: 'ARRIVED',
      decisionReasons: reasons,
      assignedOfficer: { id: officer.userId },
    });
    expect(mine.data?.case.immigrationFile?.checks?.map((c) => c.note).sort()).toEqual(
      ['CRIMINALITY', 'ELIGIBILITY', 'MEDICAL', 'SECURITY'].map((k) => `Zq${k}internalnote`),
    );
    expect(await notificationsFor(database.db, referral.id, fld.organizationId)).toEqual([
      'ircc.acknowledged',
      'ircc.approved',
      'ircc.arrived',
    ]);
  });

  it('takes a referral to REFUSED on criminality, citing the charge it relied on; the partner is told at once', async () => {
    const referral = await referredCase(fld, 'NORMAL', 'refuse');
    await run(officer, ACKNOWLEDGE, { id: referral.transferId });
    await toDecision(officer, referral.id, { CRIMINALITY: 'FAILED' });
    const before = await ownerFile(database.db, referral.id);
    const reasons = 'Zqrefusalreasonsinternal serious ordinary offence.';

    const uncited = errorOf(await officer.graphql(DECIDE, { caseId: referral.id, outcome: 'REFUSED', reasons }));
    expect(uncited.code).toBe('BAD_USER_INPUT');
    expect(uncited.extensions.paths).toEqual([['citedChargeIds']]);
    const noReasons = errorOf(
      await officer.graphql(DECIDE, { caseId: referral.id, outcome: 'REFUSED', cited: [referral.ordinaryChargeId] }),
    );
    expect(noReasons.extensions.paths).toEqual([['reasons']]);
    // An approval needs every check PASSED.
    const approve = errorOf(await officer.graphql(DECIDE, { caseId: referral.id, outcome: 'APPROVED', reasons }));
    expect(approve.code).toBe('INVALID_TRANSITION');
    expect(approve.extensions.checksNotPassed).toEqual(['CRIMINALITY']);
    // A charge of another case is not this case's.
    const other = await referredCase(fld, 'NORMAL', 'othercharge');
    const foreign = errorOf(
      await officer.graphql(DECIDE, {
        caseId: referral.id,
        outcome: 'REFUSED',
        reasons,
        cited: [other.ordinaryChargeId],
      }),
    );
    expect(foreign.extensions.paths).toEqual([['citedChargeIds', 0]]);
    expect(await ownerFile(database.db, referral.id)).toEqual(before);

    const refused = await run<{ recordDecision: { case: CaseWithFile } }>(officer, DECIDE, {
      caseId: referral.id,
      outcome: 'REFUSED',
      reasons,
      cited: [referral.ordinaryChargeId],
    });
    expect(refused.recordDecision.case.status).toBe('REFUSED');
    expect(await notificationsFor(database.db, referral.id, fld.organizationId)).toEqual([
      'ircc.acknowledged',
      'ircc.refused',
    ]);
    expect(await partnerSees(referral.id, [reasons, 'internalnote'])).toEqual({
      status: 'REFUSED',
      stage: 'REFUSED',
      outcome: 'REFUSED',
    });
    const stored = await ownerFile(database.db, referral.id);
    expect(stored).toMatchObject({ stage: 'REFUSED', status: 'REFUSED', decision_reasons: reasons, cited: 1 });
    // Decided: nothing moves any more.
    expect(errorOf(await officer.graphql(ADVANCE, { caseId: referral.id, to: 'TRAVEL' })).code).toBe(
      'INVALID_TRANSITION',
    );
    expect(errorOf(await officer.graphql(CHECK, { caseId: referral.id, kind: 'MEDICAL', result: 'FAILED' })).code).toBe(
      'INVALID_TRANSITION',
    );
  });

  describe('the judicial-harassment rule', () => {
    it('refuses a refusal citing a flagged charge without an override note, and changes nothing', async () => {
      const referral = await referredCase(fld, 'URGENT', 'flagged');
      await run(officer, ACKNOWLEDGE, { id: referral.transferId });
      await toDecision(officer, referral.id, { CRIMINALITY: 'FAILED' });
      const before = await ownerFile(database.db, referral.id);
      const notified = await notificationsFor(database.db, referral.id, fld.organizationId);
      const denied = errorOf(
        await officer.graphql(DECIDE, {
          caseId: referral.id,
          outcome: 'REFUSED',
          reasons: 'Relied on the conviction for spreading false information.',
          cited: [referral.flaggedChargeId, referral.ordinaryChargeId],
        }),
      );
      expect(denied.code).toBe('BAD_USER_INPUT');
      expect(denied.extensions.paths).toEqual([['overrideNote']]);
      expect(denied.extensions.flaggedChargeIds).toEqual([referral.flaggedChargeId]);
      expect(await ownerFile(database.db, referral.id)).toEqual(before);
      expect(await notificationsFor(database.db, referral.id, fld.organizationId)).toEqual(notified);
      const [attempt] = await queryRows<{ outcome: string; actor_id: string }>(
        database.db,
        sql`SELECT outcome, actor_id FROM audit_events
             WHERE action = 'ircc.decision' AND case_ids @> ARRAY[${referral.id}::uuid] ORDER BY seq DESC LIMIT 1`,
      );
      expect(attempt).toEqual({ outcome: 'DENIED', actor_id: officer.userId });
    });

    it('records a refusal with an override note, and the audit chain shows who overrode which flag', async () => {
      const referral = await referredCase(fld, 'URGENT', 'override');
      await run(officer, ACKNOWLEDGE, { id: referral.transferId });
      await run(officer, ASSIGN, { caseId: referral.id, officerId: officer2.userId });
      await toDecision(officer2, referral.id, { CRIMINALITY: 'FAILED' });
      const note = 'The conviction rests on independent evidence of violence, not on the reporting (test).';
      const refused = await run<{ recordDecision: { case: CaseWithFile } }>(officer2, DECIDE, {
        caseId: referral.id,
        outcome: 'REFUSED',
        reasons: 'Serious criminality established independently of the flagged proceedings.',
        cited: [referral.flaggedChargeId],
        override: note,
      });
      expect(refused.recordDecision.case.status).toBe('REFUSED');
      const file = (await readFile(officer, referral.id)).body.data?.case.immigrationFile;
      expect(file).toMatchObject({ overrideNote: note, citedChargeIds: [referral.flaggedChargeId] });

      const [event] = await queryRows<{ actor_id: string; outcome: string; detail: Record<string, unknown> }>(
        database.db,
        sql`SELECT actor_id, outcome, detail FROM audit_events
             WHERE action = 'ircc.decision.override' AND case_ids @> ARRAY[${referral.id}::uuid]`,
      );
      const { createHash } = await import('node:crypto');
      expect(event).toEqual({
        actor_id: officer2.userId,
        outcome: 'ALLOWED',
        detail: {
          overriddenFlag: 'JUDICIAL_HARASSMENT',
          chargeIds: [referral.flaggedChargeId],
          overrideNoteSha256: createHash('sha256').update(note).digest('hex'),
        },
      });
      // IRCC's officers read it in the case's audit trail, with the officer's name.
      const trail = await run<{ auditTrail: { events: Array<{ action: string; actorName: string | null }> } }>(
        officer,
        `query T($id: ID!) { auditTrail(caseId: $id, first: 50) { events { action actorName } } }`,
        { id: referral.id },
      );
      expect(trail.auditTrail.events).toContainEqual({
        action: 'ircc.decision.override',
        actorName: 'IRCC Officer Two (demo)',
      });
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
    });
  });

  describe('information requests', () => {
    it('defer the file until the custodian answers; both sides list them; it is not a refusal', async () => {
      const referral = await referredCase(fld, 'NORMAL', 'inforeq');
      await run(officer, ACKNOWLEDGE, { id: referral.transferId });
      await run(officer, ADVANCE, { caseId: referral.id, to: 'ELIGIBILITY_REVIEW' });
      await run(officer, CHECK, { caseId: referral.id, kind: 'ELIGIBILITY', result: 'PASSED' });
      const question = 'Please confirm the date the principal left the country of nationality.';
      const asked = (
        await run<{ requestInformation: { id: string; status: string; askedBy: { id: string } | null } }>(
          officer,
          REQUEST_INFO,
          { caseId: referral.id, q: question },
        )
      ).requestInformation;
      expect(asked).toMatchObject({ status: 'OPEN' });
      const askedBy = await run<{
        informationRequests: { edges: Array<{ node: { id: string; askedBy: { id: string } } }> };
      }>(officer, ASKED_BY, { filter: { caseId: referral.id } });
      expect(askedBy.informationRequests.edges.map((e) => e.node)).toEqual([
        { id: asked.id, askedBy: { id: officer.userId } },
      ]);
      expect(await notificationsFor(database.db, referral.id, fld.organizationId)).toContain(
        'ircc.information_requested',
      );

      // The file waits: deferred on both sides, no stage move, no decision; the case stays REFERRED.
      const held = errorOf(await officer.graphql(ADVANCE, { caseId: referral.id, to: 'INTERVIEW' }));
      expect(held.code).toBe('INVALID_TRANSITION');
      expect(held.extensions.openInformationRequests).toBe(1);
      const partnerFile = (await fld.graphql<{ case: CaseWithFile }>(META_VIEW, { id: referral.id })).body.data?.case;
      expect(partnerFile).toMatchObject({
        status: 'REFERRED',
        immigrationFile: { deferred: true, decisionOutcome: null },
      });
      const deferredQueue = await run<{ immigrationQueue: { edges: Array<{ node: { id: string } }> } }>(
        officer,
        QUEUE,
        {
          filter: { deferred: true },
          first: 100,
        },
      );
      expect(deferredQueue.immigrationQueue.edges.map((e) => e.node.id)).toContain(referral.id);

      type Requests = {
        informationRequests: {
          totalCount: number;
          edges: Array<{ node: { id: string; status: string; askedBy: { id: string } | null; answer: string | null } }>;
        };
      };
      const partnerList = await run<Requests>(fld, INFO_REQUESTS, { filter: { caseId: referral.id } });
      expect(partnerList.informationRequests.edges.map((e) => e.node)).toEqual([
        expect.objectContaining({ id: asked.id, status: 'OPEN', answer: null }),
      ]);
      const irccList = await run<Requests>(officer, INFO_REQUESTS, { filter: { status: ['OPEN'] } });
      expect(irccList.informationRequests.edges.map((e) => e.node.id)).toContain(asked.id);

      // Only the custodian's caseworker answers; IRCC, analysts and other partners cannot.
      expect(errorOf(await officer.graphql(ANSWER_INFO, { id: asked.id, a: 'IRCC answering itself' })).code).toBe(
        'FORBIDDEN',
      );
      expect(errorOf(await unhcr.graphql(ANSWER_INFO, { id: asked.id, a: 'Not our case' })).code).toBe('NOT_FOUND');
      expect(errorOf(await analyst.graphql('{ informationRequests { totalCount } }')).code).toBe('FORBIDDEN');
      expect(
        errorOf(await analyst.graphql(REQUEST_INFO, { caseId: referral.id, q: 'An analyst asking something' })).code,
      ).toBe('FORBIDDEN');

      const answer = 'She left on 3 March 2022 (test).';
      const answered = (
        await run<{ answerInformationRequest: { status: string; answer: string; answeredBy: { id: string } } }>(
          fld,
          ANSWER_INFO,
          { id: asked.id, a: answer },
        )
      ).answerInformationRequest;
      expect(answered).toMatchObject({ status: 'ANSWERED', answer, answeredBy: { id: fld.userId } });
      expect(errorOf(await fld.graphql(ANSWER_INFO, { id: asked.id, a: 'Again' })).code).toBe('INVALID_TRANSITION');
      const seen = await run<Requests>(officer, INFO_REQUESTS, { filter: { caseId: referral.id } });
      expect(seen.informationRequests.edges[0]?.node).toMatchObject({ status: 'ANSWERED', answer });

      // Answered: the file moves on.
      const moved = await run<{ advanceStage: CaseWithFile }>(officer, ADVANCE, {
        caseId: referral.id,
        to: 'INTERVIEW',
      });
      expect(moved.advanceStage.immigrationFile).toMatchObject({ stage: 'INTERVIEW', deferred: false });
    });
  });
});
