/**
 * Moving cases, end to end over HTTP as the demo users: a third party's submission through PD's
 * triage to FLD, an offer to UNHCR, PD's own inventory and a referral, declines and withdrawals,
 * and who may do which move.
 */
import { type FieldClass, type Role, schemaShows } from '@hrd/schema';
import { seedDemo } from '@hrd/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { codeOf, type SignedIn } from '../support/session.js';
import {
  ACCEPT,
  type Actors,
  ALL_MET,
  accept,
  CASE_META,
  type CaseMeta,
  caseDistributed,
  caseInTriage,
  caseMeta,
  caseRow,
  casesWithTwoPending,
  casesWithWrongCustodian,
  createCase,
  DECLINE,
  DISTRIBUTE,
  declineChecked,
  distribute,
  INBOX,
  type InboxNode,
  OFFER,
  offer,
  ok,
  organizationIdOfKind,
  RECORD_ASSESSMENT,
  REFER,
  signInActors,
  submit,
  submittedCase,
  type TransferNode,
  transferRows,
  WITHDRAW,
} from './transfers-support.js';

const PURPOSE = 'test: verifying what this organization may see';
/**
 * Every field class at once (META, QUASI, IDENTITY, CHARGES, ASSESSMENT, SECRET), as far as the
 * role's schema has them: a class the role never reads is not in its schema (issue #7), e.g. a
 * third party's ASSESSMENT.
 */
const PARTS: ReadonlyArray<[string, FieldClass, string[]]> = [
  ['countryOfNationality countryOfAsylum', 'QUASI', ['countryOfNationality', 'countryOfAsylum']],
  [
    'persons { givenName familyName } hrdProfile { summary riskSummary } inHiding',
    'IDENTITY',
    ['persons', 'hrdProfile', 'inHiding'],
  ],
  ['charges { id }', 'CHARGES', ['charges']],
  ['assessment { updatedAt answers { criterion answer } }', 'ASSESSMENT', ['assessment']],
  [`location(purpose: "${PURPOSE}") safeContact(purpose: "${PURPOSE}")`, 'SECRET', ['location', 'safeContact']],
];
const everythingFor = (role: Role) => `query Everything($id: ID!) {
  case(id: $id) {
    id reference status urgency viewerRelation custodian { id name kind } origin { id name kind }
    transfers { kind status from { id name kind } to { id name kind } }
    ${PARTS.filter(([, c]) => schemaShows([role], c))
      .map(([selection]) => selection)
      .join('\n    ')}
  }
}`;
/** The non-META fields a role's query asks for (and, as a FORMER holder, is denied). */
const nonMetaFor = (role: Role) =>
  PARTS.filter(([, c]) => schemaShows([role], c))
    .flatMap(([, , fields]) => fields)
    .sort();
const URGENCY_RANK: Record<string, number> = { EMERGENCY: 0, URGENT: 1, NORMAL: 2 };
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

interface Everything {
  case: (CaseMeta & Record<string, unknown>) | null;
}

/** The answer to EVERYTHING, with the last path segment of each error, sorted. */
async function readEverything(session: SignedIn, id: string, role: Role = 'CASEWORKER') {
  const response = await session.graphql<Everything>(everythingFor(role), { id });
  const errors = response.body.errors ?? [];
  return {
    data: response.body.data?.case ?? null,
    errors,
    deniedFields: errors.map((e) => String(e.path?.at(-1))).sort(),
    codes: [...new Set(errors.map((e) => e.extensions?.code))],
  };
}

describe(`moving cases end to end on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  let a: Actors;

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
    a = await signInActors(server);
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  describe('a third-party submission, through triage, to FLD and on to UNHCR', () => {
    // One case followed through every step; the steps below run in order.
    let caseId = '';
    let reference = '';
    let submissionId = '';
    let distributionId = '';
    let location = '';

    it('the referrer creates a case and submits it to PD: SUBMITTED', async () => {
      const created = await createCase(a.referrer, { urgency: 'NORMAL' });
      caseId = created.id;
      reference = created.reference;
      expect(reference).toMatch(/^CSN-\d{4}-\d{4}$/);
      const submission = await submit(a.referrer, caseId, 'A journalist in hiding (test).');
      submissionId = submission.id;
      expect(submission).toMatchObject({ kind: 'SUBMISSION', status: 'PENDING', to: { kind: 'PD' } });
      const meta = await caseMeta(a.referrer, caseId);
      expect(meta).toMatchObject({
        status: 'SUBMITTED',
        viewerRelation: 'CUSTODIAN',
        custodian: { kind: 'THIRD_PARTY' },
      });
      // The referrer created it with a location, and still holds and reads it.
      const read = await ok(
        a.referrer.graphql<{ case: { location: string } }>(
          `query($id: ID!) { case(id: $id) { location(purpose: "${PURPOSE}") } }`,
          { id: caseId },
        ),
      );
      location = read.case.location;
      expect(location).toMatch(/^Safe flat /);
    });

    it("PD intake's inbox lists it among the pending submissions: EMERGENCY, URGENT, NORMAL, then oldest", async () => {
      // Three more submissions, the most urgent created last, so that age alone would order them wrongly.
      const later: Record<string, string> = {};
      for (const urgency of ['NORMAL', 'URGENT', 'EMERGENCY'] as const) {
        later[urgency] = (await submittedCase(a, { urgency })).id;
      }
      const inbox = await ok(
        a.intake.graphql<{ transfers: { totalCount: number; edges: Array<{ node: InboxNode }> } }>(INBOX, {
          filter: { direction: 'INCOMING', status: ['PENDING'] },
          first: 100,
        }),
      );
      const nodes = inbox.transfers.edges.map((e) => e.node);
      expect(inbox.transfers.totalCount).toBe(nodes.length);
      // The seed's two pending submissions, the case above and the three just made.
      expect(nodes.length).toBeGreaterThanOrEqual(6);
      for (const node of nodes) {
        expect(node).toMatchObject({ status: 'PENDING', to: { kind: 'PD' } });
        expect(node.case, 'PD, the receiver, sees the case META').not.toBeNull();
      }
      expect(nodes.map((n) => n.case?.id)).toEqual(expect.arrayContaining([caseId, ...Object.values(later)]));
      const key = (n: InboxNode) => [URGENCY_RANK[n.case?.urgency ?? 'NORMAL'] ?? 9, Date.parse(n.createdAt)] as const;
      for (let i = 1; i < nodes.length; i++) {
        const [prev, next] = [key(nodes[i - 1] as InboxNode), key(nodes[i] as InboxNode)];
        expect(prev[0] < next[0] || (prev[0] === next[0] && prev[1] <= next[1]), `inbox position ${i}`).toBe(true);
      }
      const position = (id: string | undefined) => nodes.findIndex((n) => n.case?.id === id);
      expect(position(later.EMERGENCY)).toBeLessThan(position(later.URGENT));
      expect(position(later.URGENT)).toBeLessThan(position(caseId));
      expect(position(caseId)).toBeLessThan(position(later.NORMAL));
    });

    it('PD, as receiver, reads the persons but not the location (RECEIVER has no SECRET)', async () => {
      const read = await readEverything(a.intake, caseId);
      expect(read.data).toMatchObject({ viewerRelation: 'RECEIVER', status: 'SUBMITTED', countryOfAsylum: 'TR' });
      expect(read.data?.persons).toEqual([expect.objectContaining({ familyName: expect.stringMatching(/^Family/) })]);
      expect(read.data?.location).toBeNull();
      expect(read.data?.safeContact).toBeNull();
      expect(read.deniedFields).toEqual(['location', 'safeContact']);
      expect(read.codes).toEqual(['FORBIDDEN']);
      // Submitted by Civic Shield: PD may know which third party it is.
      expect(read.data?.origin.name).toBe('Civic Shield Network');
    });

    it('intake accepts the submission into triage: IN_TRIAGE, PD custodian; the referrer keeps META only', async () => {
      const accepted = await accept(a.intake, submissionId);
      expect(accepted).toMatchObject({ status: 'ACCEPTED', kind: 'SUBMISSION' });
      const meta = await caseMeta(a.intake, caseId);
      expect(meta).toMatchObject({ status: 'IN_TRIAGE', viewerRelation: 'CUSTODIAN', custodian: { kind: 'PD' } });

      const referrer = await readEverything(a.referrer, caseId, 'REFERRER');
      expect(referrer.data).toMatchObject({
        status: 'IN_TRIAGE',
        viewerRelation: 'FORMER',
        custodian: { kind: 'PD' },
        persons: null,
      });
      expect(referrer.deniedFields).toEqual(nonMetaFor('REFERRER'));
      expect(referrer.deniedFields).not.toContain('assessment');
      expect(referrer.codes).toEqual(['FORBIDDEN']);
    });

    it('intake records an assessment in triage (status stays IN_TRIAGE) and sets the priority', async () => {
      const { version } = await caseMeta(a.intake, caseId);
      const assessed = await ok(
        a.intake.graphql<{ recordAssessment: { status: string; urgency: string; version: number } }>(
          RECORD_ASSESSMENT,
          {
            caseId,
            v: version,
            input: {
              answers: (ALL_MET as Array<{ criterion: string }>).slice(0, 3).map((x) => ({
                criterion: x.criterion,
                answer: 'MET',
                justification: `Intake checked ${x.criterion} (test).`,
              })),
              primaryCategory: 'LEGAL_PHYSICAL_PROTECTION',
              priority: 'URGENT',
            },
          },
        ),
      );
      expect(assessed.recordAssessment).toMatchObject({ status: 'IN_TRIAGE', urgency: 'URGENT' });
      expect(assessed.recordAssessment.version).toBeGreaterThan(version);
    });

    it('intake distributes it to FLD: DISTRIBUTED, FLD the receiver (reads IDENTITY, not SECRET)', async () => {
      const distribution = await distribute(a.intake, caseId, 'FLD', 'Please assess (test).');
      distributionId = distribution.id;
      expect(distribution).toMatchObject({ kind: 'DISTRIBUTION', status: 'PENDING', to: { kind: 'FLD' } });
      expect(await caseMeta(a.intake, caseId)).toMatchObject({ status: 'DISTRIBUTED', custodian: { kind: 'PD' } });

      const fld = await readEverything(a.fld, caseId);
      expect(fld.data).toMatchObject({ viewerRelation: 'RECEIVER', status: 'DISTRIBUTED', urgency: 'URGENT' });
      expect(fld.deniedFields).toEqual(['location', 'safeContact']);
      const inbox = await ok(
        a.fld.graphql<{ transfers: { edges: Array<{ node: InboxNode }> } }>(INBOX, {
          filter: { direction: 'INCOMING', status: ['PENDING'], kind: ['DISTRIBUTION'] },
          first: 100,
        }),
      );
      expect(inbox.transfers.edges.map((e) => e.node.id)).toContain(distributionId);
    });

    it('FLD accepts: IN_ASSESSMENT, FLD custodian, reading everything including the location', async () => {
      const accepted = await accept(a.fld, distributionId);
      expect(accepted.status).toBe('ACCEPTED');
      const fld = await readEverything(a.fld, caseId);
      expect(fld.errors).toEqual([]);
      expect(fld.data).toMatchObject({
        status: 'IN_ASSESSMENT',
        viewerRelation: 'CUSTODIAN',
        custodian: { kind: 'FLD' },
        location,
        countryOfNationality: 'SY',
        inHiding: true,
      });
      expect(fld.data?.safeContact).toMatch(/^Signal handle /);
      expect(fld.data?.persons).toHaveLength(1);
    });

    it('PD and the third party are now FORMER holders: META only', async () => {
      for (const [who, session, role] of [
        ['PD intake', a.intake, 'INTAKE_COORDINATOR'],
        ['PD caseworker', a.pdCaseworker, 'CASEWORKER'],
        ['referrer', a.referrer, 'REFERRER'],
      ] as const) {
        const read = await readEverything(session, caseId, role);
        expect(read.data, who).toMatchObject({
          id: caseId,
          reference,
          status: 'IN_ASSESSMENT',
          viewerRelation: 'FORMER',
          custodian: { kind: 'FLD' },
        });
        expect(read.deniedFields, who).toEqual(nonMetaFor(role));
        expect(read.codes, who).toEqual(['FORBIDDEN']);
        for (const field of nonMetaFor(role)) expect(read.data?.[field], `${who}: ${field}`).toBeNull();
      }
    });

    it('FLD is shown the origin only as "A third-party organization"', async () => {
      const response = await a.fld.graphql<Everything>(everythingFor('CASEWORKER'), { id: caseId });
      const data = response.body.data?.case;
      expect(data?.origin).toEqual({ id: 'third-party', name: 'A third-party organization', kind: 'THIRD_PARTY' });
      const submission = data?.transfers.find((t) => t.kind === 'SUBMISSION');
      expect(submission?.from).toEqual({ id: 'third-party', name: 'A third-party organization', kind: 'THIRD_PARTY' });
      const csnId = await organizationIdOfKind(database.db, 'THIRD_PARTY');
      expect(JSON.stringify(response.body)).not.toContain('Civic Shield');
      expect(JSON.stringify(response.body)).not.toContain(csnId);
    });

    it('FLD offers it to UNHCR, UNHCR declines with a reason: FLD keeps it and sees why', async () => {
      const before = await caseMeta(a.fld, caseId);
      const offered = await offer(a.fld, caseId, 'Could UNHCR take this one? (test)');
      expect(offered).toMatchObject({ kind: 'OFFER', status: 'PENDING', to: { kind: 'UNHCR' } });
      expect((await caseMeta(a.unhcr, caseId)).viewerRelation).toBe('RECEIVER');

      const reason = 'No resettlement capacity for this region this quarter (test).';
      await declineChecked(database.db, a.unhcr, offered.id, reason);

      const after = await caseMeta(a.fld, caseId);
      expect(after).toMatchObject({ status: before.status, custodian: { kind: 'FLD' }, viewerRelation: 'CUSTODIAN' });
      expect(after.transfers.find((t) => t.id === offered.id)).toMatchObject({ status: 'DECLINED', reason });
      const outbox = await ok(
        a.fld.graphql<{ transfers: { edges: Array<{ node: InboxNode }> } }>(INBOX, {
          filter: { direction: 'OUTGOING', kind: ['OFFER'], status: ['DECLINED'] },
          first: 100,
        }),
      );
      expect(outbox.transfers.edges.find((e) => e.node.id === offered.id)?.node.reason).toBe(reason);
      // UNHCR held no other relation to the case: it is gone for UNHCR.
      expect(codeOf(await a.unhcr.graphql(CASE_META, { id: caseId }))).toBe('NOT_FOUND');
    });

    it('an offer UNHCR accepts makes UNHCR the custodian, status unchanged, FLD a former holder', async () => {
      const offered = await offer(a.fld, caseId);
      await accept(a.unhcr, offered.id);
      expect(await caseMeta(a.unhcr, caseId)).toMatchObject({
        status: 'IN_ASSESSMENT',
        custodian: { kind: 'UNHCR' },
        viewerRelation: 'CUSTODIAN',
      });
      expect((await caseMeta(a.fld, caseId)).viewerRelation).toBe('FORMER');
    });
  });

  it("distributed to PD itself: IN_ASSESSMENT at once, then PD's caseworker assesses and refers it to IRCC", async () => {
    const c = await caseInTriage(a);
    const transfer = await distribute(a.intake, c.id, 'PD');
    expect(transfer).toMatchObject({ kind: 'DISTRIBUTION', status: 'ACCEPTED', to: { kind: 'PD' } });
    const meta = await caseMeta(a.pdCaseworker, c.id);
    expect(meta).toMatchObject({ status: 'IN_ASSESSMENT', custodian: { kind: 'PD' }, viewerRelation: 'CUSTODIAN' });

    const assessed = await ok(
      a.pdCaseworker.graphql<{ recordAssessment: { status: string; version: number } }>(RECORD_ASSESSMENT, {
        caseId: c.id,
        v: meta.version,
        input: { answers: ALL_MET, primaryCategory: 'LEGAL_PHYSICAL_PROTECTION' },
      }),
    );
    expect(assessed.recordAssessment.status).toBe('READY_TO_REFER');
    const referred = await ok(
      a.pdCaseworker.graphql<{ referToIrcc: { case: { status: string; custodian: { kind: string } } } }>(REFER, {
        caseId: c.id,
        v: assessed.recordAssessment.version,
      }),
    );
    expect(referred.referToIrcc.case).toEqual({ id: c.id, status: 'REFERRED', custodian: { kind: 'PD' } });
  });

  describe('declines and withdrawals', () => {
    // Regression (fixed): declineTransfer and declineSubmission committed the decline but answered
    // `{"data":null,"errors":[{"message":"Transfer not found.","path":["declineTransfer"],
    // "extensions":{"code":"NOT_FOUND"}}]}` (path declineSubmission for a submission). The decliner
    // loses its relation to the case by declining, and the resolver re-reads the transfer afterwards
    // with getTransfer, under row-level security. A client is told its decline failed when it did not.
    it('a decline answers with the declined transfer and its reason', async () => {
      const reason = 'Not within our current caseload (test).';
      const distributed = await caseDistributed(a, 'FLD');
      const distribution = await declineChecked(database.db, a.fld, distributed.distributionId, reason);
      const submitted = await submittedCase(a);
      const submission = await declineChecked(
        database.db,
        a.intake,
        submitted.submissionId,
        reason,
        'declineSubmission',
      );
      expect(distribution.body).toEqual({
        data: { declineTransfer: expect.objectContaining({ status: 'DECLINED', reason }) },
      });
      expect(submission.body).toEqual({
        data: { declineSubmission: expect.objectContaining({ status: 'DECLINED', reason }) },
      });
    });

    it('a declined submission: DECLINED, custody stays with the third party, who sees the reason', async () => {
      const c = await submittedCase(a);
      const reason = 'Outside our mandate: please contact a regional network (test).';
      await declineChecked(database.db, a.intake, c.submissionId, reason, 'declineSubmission');
      const meta = await caseMeta(a.referrer, c.id);
      expect(meta).toMatchObject({
        status: 'DECLINED',
        viewerRelation: 'CUSTODIAN',
        custodian: { kind: 'THIRD_PARTY' },
      });
      expect(meta.transfers).toEqual([expect.objectContaining({ kind: 'SUBMISSION', status: 'DECLINED', reason })]);
    });

    it('a declined distribution returns the case to PD triage', async () => {
      const c = await caseDistributed(a, 'FLD');
      const reason = 'Outside our current caseload priorities (test).';
      await declineChecked(database.db, a.fld, c.distributionId, reason);
      const meta = await caseMeta(a.intake, c.id);
      expect(meta).toMatchObject({ status: 'IN_TRIAGE', custodian: { kind: 'PD' }, viewerRelation: 'CUSTODIAN' });
      expect(meta.transfers.find((t) => t.id === c.distributionId)).toMatchObject({ status: 'DECLINED', reason });
      expect(codeOf(await a.fld.graphql(CASE_META, { id: c.id }))).toBe('NOT_FOUND');
    });

    it('the referrer withdraws a pending submission: back to DRAFT, PD loses sight of it', async () => {
      const c = await submittedCase(a);
      const withdrawn = await ok(
        a.referrer.graphql<{ withdrawTransfer: TransferNode }>(WITHDRAW, { id: c.submissionId }),
      );
      expect(withdrawn.withdrawTransfer.status).toBe('WITHDRAWN');
      expect(await caseMeta(a.referrer, c.id)).toMatchObject({ status: 'DRAFT', custodian: { kind: 'THIRD_PARTY' } });
      expect(codeOf(await a.intake.graphql(CASE_META, { id: c.id }))).toBe('NOT_FOUND');
      // It can be submitted again.
      await submit(a.referrer, c.id);
      expect((await caseMeta(a.referrer, c.id)).status).toBe('SUBMITTED');
    });

    it('intake withdraws a pending distribution: back to IN_TRIAGE', async () => {
      const c = await caseDistributed(a, 'UNHCR');
      const withdrawn = await ok(
        a.intake.graphql<{ withdrawTransfer: TransferNode }>(WITHDRAW, { id: c.distributionId }),
      );
      expect(withdrawn.withdrawTransfer.status).toBe('WITHDRAWN');
      expect(await caseMeta(a.intake, c.id)).toMatchObject({ status: 'IN_TRIAGE', custodian: { kind: 'PD' } });
      expect(codeOf(await a.unhcr.graphql(CASE_META, { id: c.id }))).toBe('NOT_FOUND');
    });

    it('the receiver cannot withdraw a transfer, nor the sender decline it', async () => {
      const c = await caseDistributed(a, 'FLD');
      // The receiver cannot withdraw the sender's transfer; the sender cannot accept its own.
      expect(codeOf(await a.fld.graphql(WITHDRAW, { id: c.distributionId }))).toBe('FORBIDDEN');
      expect(codeOf(await a.intake.graphql(DECLINE, { id: c.distributionId, reason: 'not mine to decline' }))).toBe(
        'FORBIDDEN',
      );
      expect((await caseRow(database.db, c.id)).status).toBe('DISTRIBUTED');
    });
  });

  describe('accepting what is not yours, or no longer pending', () => {
    it('a transfer to another organization: NOT_FOUND without a relation to the case, FORBIDDEN with one', async () => {
      const c = await caseDistributed(a, 'FLD');
      // UNHCR has no relation to this case: row-level security hides the transfer and its case, so the
      // answer is the one for an id that never existed (ACCESS.md: the case does not exist for UNHCR).
      const unhcr = await a.unhcr.graphql(ACCEPT, { id: c.distributionId });
      const missing = await a.unhcr.graphql(ACCEPT, { id: MISSING_ID });
      expect(codeOf(unhcr)).toBe('NOT_FOUND');
      expect(unhcr.body.errors?.[0]?.message).toBe(missing.body.errors?.[0]?.message);
      // The referrer is a former holder: it sees the transfer (META) but is not its receiver.
      expect(codeOf(await a.referrer.graphql(ACCEPT, { id: c.distributionId }))).toBe('FORBIDDEN');
      // PD sent it and holds the case: it sees the transfer, but it is not addressed to PD.
      expect(codeOf(await a.intake.graphql(ACCEPT, { id: c.distributionId }))).toBe('FORBIDDEN');
      // A submission to PD, tried by FLD, which has no relation to that case: NOT_FOUND.
      const submitted = await submittedCase(a);
      expect(codeOf(await a.fld.graphql(ACCEPT, { id: submitted.submissionId }))).toBe('NOT_FOUND');
      expect((await caseRow(database.db, c.id)).status).toBe('DISTRIBUTED');
      expect((await transferRows(database.db, c.id)).map((t) => t.status)).toEqual(['ACCEPTED', 'PENDING']);
    });

    it('a decided transfer, to a receiver that still sees the case: INVALID_TRANSITION', async () => {
      // UNHCR declines a distribution; PD distributes the case to UNHCR again, so UNHCR is the
      // receiver once more, and tries to accept the first, declined transfer.
      const c = await caseDistributed(a, 'UNHCR');
      await declineChecked(database.db, a.unhcr, c.distributionId, 'Not this quarter (test).');
      const again = await distribute(a.intake, c.id, 'UNHCR');
      const response = await a.unhcr.graphql(ACCEPT, { id: c.distributionId });
      expect(codeOf(response)).toBe('INVALID_TRANSITION');
      expect(response.body.errors?.[0]?.extensions).toMatchObject({ currentStatus: 'DECLINED' });
      // The pending one still works.
      await accept(a.unhcr, again.id);
      expect(await caseMeta(a.unhcr, c.id)).toMatchObject({ status: 'IN_ASSESSMENT', custodian: { kind: 'UNHCR' } });
    });

    it('a decided transfer whose receiver no longer has any relation to the case: NOT_FOUND', async () => {
      // Declined: UNHCR held the case never, so after declining it has no relation left.
      const c = await caseDistributed(a, 'UNHCR');
      await declineChecked(database.db, a.unhcr, c.distributionId, 'Not this quarter (test).');
      expect(codeOf(await a.unhcr.graphql(ACCEPT, { id: c.distributionId }))).toBe('NOT_FOUND');
      // Withdrawn by the sender before FLD answered.
      const w = await caseDistributed(a, 'FLD');
      await ok(a.intake.graphql(WITHDRAW, { id: w.distributionId }));
      expect(codeOf(await a.fld.graphql(ACCEPT, { id: w.distributionId }))).toBe('NOT_FOUND');
    });

    // Regression (fixed): accepting (or declining) a transfer that was already ACCEPTED, by the organization that
    // accepted it and now holds the case, answers FORBIDDEN ("Your role may not make this change to
    // this case.") instead of INVALID_TRANSITION ("The transfer is already ACCEPTED."). The caller
    // sees the case and the transfer, so nothing is hidden by NOT_FOUND/FORBIDDEN here; takeIncoming
    // in transfers.service.ts checks `relation === 'RECEIVER'` before assertPending, and once
    // accepted the receiver is CUSTODIAN. Same for PD intake re-accepting an accepted submission.
    it('a transfer already accepted, accepted again by its receiver: INVALID_TRANSITION', async () => {
      const c = await caseDistributed(a, 'FLD');
      await accept(a.fld, c.distributionId);
      const again = await a.fld.graphql(ACCEPT, { id: c.distributionId });
      const submissionAgain = await a.intake.graphql(ACCEPT, { id: c.submissionId });
      expect(await caseMeta(a.fld, c.id)).toMatchObject({ status: 'IN_ASSESSMENT', custodian: { kind: 'FLD' } });
      expect([codeOf(again), codeOf(submissionAgain)]).toEqual(['INVALID_TRANSITION', 'INVALID_TRANSITION']);
    });
  });

  describe('who may move a case', () => {
    it('a caseworker cannot distribute; neither can the referrer, as holder or as former holder', async () => {
      const c = await caseInTriage(a);
      const caseworker = await a.pdCaseworker.graphql(DISTRIBUTE, { caseId: c.id, to: 'FLD' });
      expect(codeOf(caseworker)).toBe('FORBIDDEN');
      expect(codeOf(await a.referrer.graphql(DISTRIBUTE, { caseId: c.id, to: 'FLD' }))).toBe('FORBIDDEN');
      const submitted = await submittedCase(a);
      expect(codeOf(await a.referrer.graphql(DISTRIBUTE, { caseId: submitted.id, to: 'PD' }))).toBe('FORBIDDEN');
      const draft = await createCase(a.referrer);
      expect(codeOf(await a.referrer.graphql(DISTRIBUTE, { caseId: draft.id, to: 'PD' }))).toBe('FORBIDDEN');
      expect((await caseRow(database.db, c.id)).status).toBe('IN_TRIAGE');
      expect(await transferRows(database.db, c.id)).toHaveLength(1);
    });

    it('intake cannot offer to UNHCR; UNHCR cannot offer to itself', async () => {
      const c = await caseInTriage(a);
      await distribute(a.intake, c.id, 'PD');
      expect((await caseMeta(a.intake, c.id)).status).toBe('IN_ASSESSMENT');
      expect(codeOf(await a.intake.graphql(OFFER, { caseId: c.id }))).toBe('FORBIDDEN');

      const unhcrCase = await findHeld(a.unhcr, 'IN_ASSESSMENT');
      expect(codeOf(await a.unhcr.graphql(OFFER, { caseId: unhcrCase }))).toBe('FORBIDDEN');
      expect((await transferRows(database.db, c.id)).filter((t) => t.kind === 'OFFER')).toEqual([]);
      expect((await transferRows(database.db, unhcrCase)).filter((t) => t.status === 'PENDING')).toEqual([]);
    });

    it('no case ever has two PENDING transfers: a second offer or a referral meanwhile is a CONFLICT', async () => {
      const ready = await findHeld(a.fld, 'READY_TO_REFER');
      await offer(a.fld, ready);
      const second = await a.fld.graphql(OFFER, { caseId: ready });
      expect(codeOf(second)).toBe('CONFLICT');
      expect(second.body.errors?.[0]?.extensions).toMatchObject({ pendingTransferKind: 'OFFER' });
      const { version } = await caseMeta(a.fld, ready);
      expect(codeOf(await a.fld.graphql(REFER, { caseId: ready, v: version }))).toBe('CONFLICT');
      const rows = await transferRows(database.db, ready);
      expect(rows.filter((t) => t.status === 'PENDING').map((t) => t.kind)).toEqual(['OFFER']);
      expect((await caseRow(database.db, ready)).status).toBe('READY_TO_REFER');
    });

    it('afterwards the database holds at most one PENDING transfer per case, and every custodian where its transfers led', async () => {
      expect(await casesWithTwoPending(database.db)).toEqual([]);
      expect(await casesWithWrongCustodian(database.db)).toEqual([]);
    });
  });
});

/** A case the caller's organization holds in a status, from the seed. */
async function findHeld(session: SignedIn, status: string): Promise<string> {
  const list = await ok(
    session.graphql<{
      cases: { edges: Array<{ node: { id: string; viewerRelation: string; transfers: Array<{ status: string }> } }> };
    }>(
      `query($s: [CaseStatus!]) { cases(first: 100, filter: { status: $s }) { edges { node { id viewerRelation transfers { status } } } } }`,
      { s: [status] },
    ),
  );
  const found = list.cases.edges.find(
    (e) => e.node.viewerRelation === 'CUSTODIAN' && e.node.transfers.every((t) => t.status !== 'PENDING'),
  );
  if (!found) throw new Error(`no ${status} case held by the caller`);
  return found.node.id;
}
