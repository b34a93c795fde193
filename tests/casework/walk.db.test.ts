/**
 * Case work over HTTP, as each referring partner does it: create a case, add the family and a
 * charge, edit it, assess it, refer it to IRCC. Around that walk: every move the status machine
 * does not draw is refused with INVALID_TRANSITION and changes nothing; input is validated with
 * the offending paths; and only those who may change a case can.
 *
 * "Changes nothing" is checked on the owner connection (no row-level security): status, version,
 * size, updated_at, persons, charges, transfers and answers are exactly as before.
 */
import { randomUUID } from 'node:crypto';
import { Criterion } from '@hrd/schema';
import { demoOrgId, queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { type SignedIn, signIn } from '../support/session.js';
import {
  ADD_CHARGE,
  ADD_PERSON,
  ALL_MET,
  answers,
  assess,
  type CaseFull,
  type CaseMeta,
  type ChargeNode,
  CREATE_CASE,
  CREATE_CASE_FULL,
  countCases,
  createCase,
  currentYear,
  dayFromToday,
  expectInvalidTransition,
  failure,
  MARK_NOT_ELIGIBLE,
  newCaseInput,
  ok,
  ownerCase,
  type PersonNode,
  person,
  type QuotaNode,
  RECORD_ASSESSMENT,
  RECORD_ASSESSMENT_META,
  REFER,
  REMOVE_PERSON,
  readCase,
  readMeta,
  referredPersons,
  UPDATE_CASE,
  UPDATE_PERSON,
  WITHDRAW_CASE,
} from './casework-support.js';

const PARTNERS = [
  { email: 'caseworker@unhcr.demo', kind: 'UNHCR', prefix: 'UNHCR', target: null },
  { email: 'caseworker@fld.demo', kind: 'FLD', prefix: 'FLD', target: 125 },
  { email: 'caseworker@pd.demo', kind: 'PD', prefix: 'PD', target: null },
] as const;

const SEARCH = `query Search($filter: CaseFilter) {
  cases(first: 100, filter: $filter) { edges { node { id status version viewerRelation custodian { kind }
    transfers { kind status to { kind } } } } }
}`;
interface SearchNode {
  id: string;
  status: string;
  version: number;
  viewerRelation: string;
  custodian: { kind: string };
  transfers: Array<{ kind: string; status: string; to: { kind: string } }>;
}

/** A case's `assessment.record` audit events whose detail sets `flag` (consentOverride, consentOverrideCleared). */
function flaggedAssessmentEvents(db: TestDatabase['db'], caseId: string, flag: string) {
  return queryRows<{ outcome: string; actor_id: string; detail: Record<string, unknown> }>(
    db,
    sql`SELECT outcome, actor_id::text AS actor_id, detail FROM audit_events
         WHERE action = 'assessment.record' AND detail->>${flag} = 'true'
           AND case_ids @> ARRAY[${caseId}]::uuid[]`,
  );
}

describe(`case work over HTTP on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  const sessions = new Map<string, SignedIn>();
  const as = async (email: string) => {
    const known = sessions.get(email);
    if (known) return known;
    const session = await signIn(server, email);
    sessions.set(email, session);
    return session;
  };
  /** Asserts that the case is exactly as it was (owner view), after a refused change. */
  const unchanged = async (id: string, before: Awaited<ReturnType<typeof ownerCase>>) =>
    expect(await ownerCase(database.db, id)).toEqual(before);
  /** A new case of this caseworker's organization, assessed all MET: READY_TO_REFER. */
  const readyCase = async (user: SignedIn, tag: string) => {
    const created = await createCase(user, newCaseInput({}, tag));
    const assessed = await assess(user, created.id, created.version, { answers: answers(ALL_MET) });
    expect(assessed.status).toBe('READY_TO_REFER');
    return { ...created, status: assessed.status, version: assessed.version };
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  describe('the walk from DRAFT to REFERRED', () => {
    it.each(PARTNERS)('$kind: create, family, charge, edit, assess, refer', async (partner) => {
      const cw = await as(partner.email);
      const year = currentYear();

      // createCase: DRAFT, size 1, a reference of the organization's own sequence for this year.
      const input = newCaseInput({}, partner.kind);
      const created = ok(await cw.graphql<{ createCase: CaseFull }>(CREATE_CASE_FULL, { input })).createCase;
      expect(created.reference).toMatch(new RegExp(`^${partner.prefix}-${year}-\\d{4}$`));
      expect(created).toMatchObject({
        status: 'DRAFT',
        size: 1,
        viewerRelation: 'CUSTODIAN',
        custodian: { kind: partner.kind },
        origin: { kind: partner.kind },
        transfers: [],
        countryOfNationality: 'BY',
        countryOfAsylum: 'GE',
        activities: ['JOURNALISM', 'ANTI_CORRUPTION'],
        inHiding: true,
        urgency: 'URGENT',
        hrdProfile: { summary: input.hrdSummary, riskSummary: input.riskSummary },
        location: input.location,
        safeContact: input.safeContact,
        assessment: null,
        charges: [],
      });
      expect(created.persons).toEqual([
        expect.objectContaining({
          role: 'PRINCIPAL',
          givenName: 'Testa',
          familyName: `Casework-${partner.kind}`,
          dateOfBirth: '1984-05-17',
          sex: 'F',
          nationality: 'BY',
        }),
      ]);
      const [counter] = await queryRows<{ last_value: number }>(
        database.db,
        sql`SELECT last_value FROM reference_counters WHERE organization_id = ${demoOrgId(partner.kind)} AND year = ${year}`,
      );
      expect(created.reference).toBe(`${partner.prefix}-${year}-${String(counter?.last_value).padStart(4, '0')}`);
      const id = created.id;
      let version = created.version;

      // Invalid moves from DRAFT: referral and withdrawal; nothing changes.
      let before = await ownerCase(database.db, id);
      expectInvalidTransition(await cw.graphql(REFER, { caseId: id, v: version }), 'DRAFT');
      expectInvalidTransition(await cw.graphql(WITHDRAW_CASE, { caseId: id, reason: 'Not needed any more.' }), 'DRAFT');
      await unchanged(id, before);

      // addPerson: spouse and child; size 3, one version per change.
      const principalId = created.persons?.[0]?.id as string;
      const spouse = ok(
        await cw.graphql<{ addPerson: PersonNode }>(ADD_PERSON, { caseId: id, input: person('SPOUSE', 'Spousa') }),
      );
      expect(spouse.addPerson).toMatchObject({ role: 'SPOUSE', givenName: 'Spousa', dateOfBirth: '1990-01-02' });
      const child = ok(
        await cw.graphql<{ addPerson: PersonNode }>(ADD_PERSON, {
          caseId: id,
          input: person('CHILD', 'Childa', '2015-09-30'),
        }),
      );
      expect(child.addPerson).toMatchObject({ role: 'CHILD', givenName: 'Childa', dateOfBirth: '2015-09-30' });
      let read = await readCase(cw, id);
      expect(read.size).toBe(3);
      expect(read.version).toBe(version + 2);
      expect(read.status).toBe('DRAFT');
      expect(read.persons?.map((p) => p.role).sort()).toEqual(['CHILD', 'PRINCIPAL', 'SPOUSE']);
      expect(read.persons?.find((p) => p.role === 'CHILD')).toMatchObject({
        id: child.addPerson.id,
        givenName: 'Childa',
        familyName: 'Casework-family',
        nationality: 'BY',
      });
      version = read.version;

      // addCharge on the principal, flagged as judicial harassment.
      const charge = ok(
        await cw.graphql<{ addCharge: ChargeNode }>(ADD_CHARGE, {
          caseId: id,
          input: {
            personId: principalId,
            description: 'Spreading false information (test)',
            jurisdiction: 'BY',
            date: '2023-03-01',
            outcome: 'CONVICTED',
            partnerView: 'JUDICIAL_HARASSMENT',
            partnerNote: 'Brought a week after the report was published (test).',
          },
        }),
      ).addCharge;
      expect(charge).toMatchObject({ personId: principalId, partnerView: 'JUDICIAL_HARASSMENT', outcome: 'CONVICTED' });
      read = await readCase(cw, id);
      expect(read.version).toBe(version + 1);
      expect(read.charges).toEqual([
        expect.objectContaining({
          id: charge.id,
          personId: principalId,
          description: 'Spreading false information (test)',
          jurisdiction: 'BY',
          date: '2023-03-01',
          outcome: 'CONVICTED',
          partnerView: 'JUDICIAL_HARASSMENT',
          partnerNote: 'Brought a week after the report was published (test).',
        }),
      ]);
      version = read.version;

      // updateCase with the version last read: risk summary and location; a stale version conflicts.
      const updated = ok(
        await cw.graphql<{ updateCase: CaseMeta & { hrdProfile: { riskSummary: string }; location: string } }>(
          UPDATE_CASE,
          {
            id,
            v: version,
            input: { riskSummary: 'Threatened again last week (test).', location: 'A second safe house (test)' },
          },
        ),
      ).updateCase;
      expect(updated).toMatchObject({
        version: version + 1,
        status: 'DRAFT',
        hrdProfile: { riskSummary: 'Threatened again last week (test).' },
        location: 'A second safe house (test)',
      });
      before = await ownerCase(database.db, id);
      const stale = failure(
        await cw.graphql(UPDATE_CASE, { id, v: version, input: { riskSummary: 'A lost update (test).' } }),
      );
      expect(stale.code).toBe('CONFLICT');
      expect(stale.extensions.currentVersion).toBe(version + 1);
      await unchanged(id, before);
      version += 1;
      read = await readCase(cw, id);
      expect(read.hrdProfile?.riskSummary).toBe('Threatened again last week (test).');
      expect(read.location).toBe('A second safe house (test)');
      expect(read.safeContact).toBe(input.safeContact);
      expect(read.hrdProfile?.summary).toBe(input.hrdSummary);

      // recordAssessment with some answers: IN_ASSESSMENT.
      const partial = await assess(cw, id, version, {
        answers: answers({ HRD_TRACK_RECORD: 'MET', AT_RISK: 'MET', REFUGEE_DEFINITION: 'UNKNOWN' }),
        primaryCategory: 'LEGAL_PHYSICAL_PROTECTION',
      });
      expect(partial).toMatchObject({ status: 'IN_ASSESSMENT', version: version + 1 });
      version = partial.version;
      read = await readCase(cw, id);
      expect(read.assessment?.primaryCategory).toBe('LEGAL_PHYSICAL_PROTECTION');
      expect(read.assessment?.answers.map((a) => [a.criterion, a.answer]).sort()).toEqual([
        ['AT_RISK', 'MET'],
        ['HRD_TRACK_RECORD', 'MET'],
        ['REFUGEE_DEFINITION', 'UNKNOWN'],
      ]);
      expect(read.assessment?.answers.find((a) => a.criterion === 'AT_RISK')?.justification).toBe(
        'Test justification for AT_RISK (MET).',
      );

      // Invalid moves from IN_ASSESSMENT: referral, withdrawal, not eligible without a NOT_MET answer.
      before = await ownerCase(database.db, id);
      expectInvalidTransition(await cw.graphql(REFER, { caseId: id, v: version }), 'IN_ASSESSMENT');
      expectInvalidTransition(
        await cw.graphql(WITHDRAW_CASE, { caseId: id, reason: 'Not needed any more.' }),
        'IN_ASSESSMENT',
      );
      const notEligible = failure(
        await cw.graphql(MARK_NOT_ELIGIBLE, { caseId: id, v: version, reason: 'No criterion fails yet.' }),
      );
      expect(notEligible.code).toBe('BAD_USER_INPUT');
      await unchanged(id, before);

      // The rest MET: READY_TO_REFER.
      const rest = await assess(cw, id, version, {
        answers: answers({
          REFUGEE_DEFINITION: 'MET',
          NO_DURABLE_SOLUTION: 'MET',
          CONSENT: 'MET',
          FAMILY_VERIFIED: 'MET',
        }),
      });
      expect(rest).toMatchObject({ status: 'READY_TO_REFER', version: version + 1 });
      expect(rest.assessment?.answers).toHaveLength(Criterion.values.length);
      expect(rest.assessment?.answers.every((a) => a.answer === 'MET')).toBe(true);
      version = rest.version;

      // referToIrcc: REFERRED, a pending referral to IRCC, custody unchanged, the quota counting 3 persons.
      const usage = await referredPersons(database.db, year);
      const totalBefore = [...usage.values()].reduce((a, b) => a + b, 0);
      const partnerBefore = usage.get(demoOrgId(partner.kind)) ?? 0;
      const referral = ok(
        await cw.graphql<{ referToIrcc: { transferId: string; case: CaseMeta; quota: QuotaNode } }>(REFER, {
          caseId: id,
          v: version,
        }),
      ).referToIrcc;
      expect(referral.case).toMatchObject({
        status: 'REFERRED',
        version: version + 1,
        size: 3,
        custodian: { id: created.custodian.id, kind: partner.kind },
        origin: { kind: partner.kind },
        viewerRelation: 'CUSTODIAN',
      });
      // The seed sets a cap of 500 persons for 2023-2027 and FLD's target of 125.
      expect(referral.quota).toEqual({
        year,
        personCap: 500,
        referredPersons: totalBefore + 3,
        partnerTarget: partner.target,
        partnerReferredPersons: partnerBefore + 3,
        overCap: totalBefore + 3 > 500,
        overPartnerTarget: partner.target !== null && partnerBefore + 3 > partner.target,
      });
      expect(referral.case.transfers).toEqual([
        {
          id: referral.transferId,
          kind: 'RESETTLEMENT_REFERRAL',
          status: 'PENDING',
          from: { id: created.custodian.id, kind: partner.kind },
          to: { id: demoOrgId('IRCC'), kind: 'IRCC' },
        },
      ]);
      version = referral.case.version;

      // Read back after the referral: everything is still there, held by the partner.
      read = await readCase(cw, id);
      expect(read).toMatchObject({ status: 'REFERRED', version, size: 3, custodian: { kind: partner.kind } });
      expect(read.persons).toHaveLength(3);
      expect(read.charges?.map((c) => c.partnerView)).toEqual(['JUDICIAL_HARASSMENT']);
      expect(read.location).toBe('A second safe house (test)');
      // IRCC now has the case, for processing.
      const officer = await as('officer@ircc.demo');
      expect(await readMeta(officer, id)).toMatchObject({ viewerRelation: 'IRCC', status: 'REFERRED' });

      // After REFERRED the file is closed to edits and to the assessment.
      before = await ownerCase(database.db, id);
      expectInvalidTransition(
        await cw.graphql(UPDATE_CASE, { id, v: version, input: { riskSummary: 'Too late (test).' } }),
        'REFERRED',
      );
      expectInvalidTransition(
        await cw.graphql(ADD_PERSON, { caseId: id, input: person('PARENT', 'Parenta', '1950-01-01') }),
        'REFERRED',
      );
      expectInvalidTransition(
        await cw.graphql(RECORD_ASSESSMENT, {
          caseId: id,
          v: version,
          input: { answers: answers({ AT_RISK: 'UNKNOWN' }) },
        }),
        'REFERRED',
      );
      expectInvalidTransition(await cw.graphql(REFER, { caseId: id, v: version }), 'REFERRED');
      await unchanged(id, before);
    });
  });

  describe('invalid moves', () => {
    it('withdrawCase from REFERRED works and withdraws the pending referral (its persons no longer count)', async () => {
      const fld = await as('caseworker@fld.demo');
      const ready = await readyCase(fld, 'withdraw-referred');
      const referral = ok(
        await fld.graphql<{ referToIrcc: { transferId: string; case: CaseMeta } }>(REFER, {
          caseId: ready.id,
          v: ready.version,
        }),
      ).referToIrcc;
      const year = currentYear();
      const usage = (await referredPersons(database.db, year)).get(demoOrgId('FLD')) ?? 0;
      const withdrawn = ok(
        await fld.graphql<{ withdrawCase: CaseMeta }>(WITHDRAW_CASE, {
          caseId: ready.id,
          reason: 'The defender found protection elsewhere (test).',
        }),
      ).withdrawCase;
      expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', version: referral.case.version + 1 });
      expect(withdrawn.custodian.kind).toBe('FLD');
      expect(withdrawn.transfers).toEqual([
        expect.objectContaining({ id: referral.transferId, kind: 'RESETTLEMENT_REFERRAL', status: 'WITHDRAWN' }),
      ]);
      expect((await referredPersons(database.db, year)).get(demoOrgId('FLD')) ?? 0).toBe(usage - ready.size);
      // The reason is kept with the case (and on the referral it withdrew).
      expect((await readCase(fld, ready.id)).assessment?.withdrawalReason).toBe(
        'The defender found protection elsewhere (test).',
      );
      // WITHDRAWN is final.
      const before = await ownerCase(database.db, ready.id);
      expectInvalidTransition(
        await fld.graphql(WITHDRAW_CASE, { caseId: ready.id, reason: 'Withdrawn twice (test).' }),
        'WITHDRAWN',
      );
      expectInvalidTransition(
        await fld.graphql(UPDATE_CASE, { id: ready.id, v: withdrawn.version, input: { inHiding: false } }),
        'WITHDRAWN',
      );
      await unchanged(ready.id, before);
    });

    it('withdrawCase from READY_TO_REFER works', async () => {
      const unhcr = await as('caseworker@unhcr.demo');
      const ready = await readyCase(unhcr, 'withdraw-ready');
      const withdrawn = ok(
        await unhcr.graphql<{ withdrawCase: CaseMeta }>(WITHDRAW_CASE, {
          caseId: ready.id,
          reason: 'The defender changed their mind (test).',
        }),
      ).withdrawCase;
      expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', version: ready.version + 1, transfers: [] });
      // No referral carries the reason here: the case itself keeps it.
      const read = await readCase(unhcr, ready.id);
      expect(read.assessment?.withdrawalReason).toBe('The defender changed their mind (test).');
      expect(read.assessment?.notEligibleReason).toBeNull();
    });

    it('referring with a criterion not MET is refused and changes nothing', async () => {
      const pd = await as('caseworker@pd.demo');
      const ready = await readyCase(pd, 'not-met');
      // No API path leaves a READY_TO_REFER case with a criterion not MET, so the owner takes one
      // back directly: the referral itself must still check every criterion.
      await database.db.execute(
        sql`UPDATE assessment_answers SET answer = 'UNKNOWN', justification = ''
             WHERE case_id = ${ready.id} AND criterion = 'AT_RISK'`,
      );
      const before = await ownerCase(database.db, ready.id);
      const refused = failure(await pd.graphql(REFER, { caseId: ready.id, v: ready.version }));
      expect(refused.code).toBe('INVALID_TRANSITION');
      expect(refused.extensions.currentStatus).toBe('READY_TO_REFER');
      expect(refused.extensions.allowedMoves).toEqual(expect.any(Array));
      expect(refused.extensions.allowedMoves).not.toContain('REFERRED');
      expect(refused.extensions.criteriaNotMet).toEqual(['AT_RISK']);
      await unchanged(ready.id, before);
    });

    it('markNotEligible concludes NOT_ELIGIBLE only with a NOT_MET answer; NOT_ELIGIBLE is final', async () => {
      const unhcr = await as('caseworker@unhcr.demo');
      const created = await createCase(unhcr, newCaseInput({}, 'not-eligible'));
      // From DRAFT: not a move of the status machine.
      let before = await ownerCase(database.db, created.id);
      expectInvalidTransition(
        await unhcr.graphql(MARK_NOT_ELIGIBLE, { caseId: created.id, v: created.version, reason: 'Too early.' }),
        'DRAFT',
      );
      await unchanged(created.id, before);
      const partial = await assess(unhcr, created.id, created.version, {
        answers: answers({ HRD_TRACK_RECORD: 'MET', AT_RISK: 'UNKNOWN' }),
      });
      before = await ownerCase(database.db, created.id);
      const noNotMet = failure(
        await unhcr.graphql(MARK_NOT_ELIGIBLE, { caseId: created.id, v: partial.version, reason: 'Nothing fails.' }),
      );
      expect(noNotMet.code).toBe('BAD_USER_INPUT');
      await unchanged(created.id, before);
      const notMet = await assess(unhcr, created.id, partial.version, {
        answers: answers({ NO_DURABLE_SOLUTION: 'NOT_MET' }),
      });
      expect(notMet.status).toBe('IN_ASSESSMENT');
      const concluded = ok(
        await unhcr.graphql<{ markNotEligible: { status: string; version: number } }>(MARK_NOT_ELIGIBLE, {
          caseId: created.id,
          v: notMet.version,
          reason: 'A durable solution exists in the country of asylum (test).',
        }),
      ).markNotEligible;
      expect(concluded).toEqual({ id: created.id, status: 'NOT_ELIGIBLE', version: notMet.version + 1 });
      const read = await readCase(unhcr, created.id);
      expect(read.assessment?.notEligibleReason).toBe('A durable solution exists in the country of asylum (test).');
      before = await ownerCase(database.db, created.id);
      expectInvalidTransition(
        await unhcr.graphql(RECORD_ASSESSMENT, {
          caseId: created.id,
          v: concluded.version,
          input: { answers: answers({ NO_DURABLE_SOLUTION: 'MET' }) },
        }),
        'NOT_ELIGIBLE',
      );
      expectInvalidTransition(await unhcr.graphql(REFER, { caseId: created.id, v: concluded.version }), 'NOT_ELIGIBLE');
      await unchanged(created.id, before);
    });
  });

  describe('the assessment and the status', () => {
    it('editing the assessment so one criterion is no longer MET takes READY_TO_REFER back to IN_ASSESSMENT', async () => {
      const fld = await as('caseworker@fld.demo');
      const ready = await readyCase(fld, 'back-to-assessment');
      const unknown = await assess(fld, ready.id, ready.version, { answers: answers({ AT_RISK: 'UNKNOWN' }) });
      expect(unknown).toMatchObject({ status: 'IN_ASSESSMENT', version: ready.version + 1 });
      // Answers merge per criterion: the others are kept.
      expect(
        unknown.assessment?.answers
          .filter((a) => a.answer === 'MET')
          .map((a) => a.criterion)
          .sort(),
      ).toEqual(Criterion.values.filter((c) => c !== 'AT_RISK').sort());
      const again = await assess(fld, ready.id, unknown.version, { answers: answers({ AT_RISK: 'MET' }) });
      expect(again.status).toBe('READY_TO_REFER');
      const notMet = await assess(fld, ready.id, again.version, { answers: answers({ CONSENT: 'NOT_MET' }) });
      expect(notMet.status).toBe('IN_ASSESSMENT');
      // MET and NOT_MET need a justification.
      const before = await ownerCase(database.db, ready.id);
      const unjustified = failure(
        await fld.graphql(RECORD_ASSESSMENT, {
          caseId: ready.id,
          v: notMet.version,
          input: { answers: [{ criterion: 'CONSENT', answer: 'MET', justification: '  ' }] },
        }),
      );
      expect(unjustified.code).toBe('BAD_USER_INPUT');
      expect(unjustified.extensions.paths).toEqual([['input', 'answers', 0, 'justification']]);
      await unchanged(ready.id, before);
    });

    it('adding or removing a person resets FAMILY_VERIFIED to UNKNOWN and READY_TO_REFER to IN_ASSESSMENT', async () => {
      const pd = await as('caseworker@pd.demo');
      const ready = await readyCase(pd, 'family-changed');
      const added = ok(
        await pd.graphql<{ addPerson: PersonNode }>(ADD_PERSON, {
          caseId: ready.id,
          input: person('CHILD', 'Latecomer', '2019-04-04'),
        }),
      ).addPerson;
      let read = await readCase(pd, ready.id);
      expect(read).toMatchObject({ status: 'IN_ASSESSMENT', size: 2, version: ready.version + 1 });
      const answerOf = (c: CaseFull, criterion: string) => c.assessment?.answers.find((a) => a.criterion === criterion);
      expect(answerOf(read, 'FAMILY_VERIFIED')?.answer).toBe('UNKNOWN');
      expect(read.assessment?.answers.filter((a) => a.answer === 'MET')).toHaveLength(Criterion.values.length - 1);

      // Verified again, then the child removed: the same reset.
      const verified = await assess(pd, ready.id, read.version, { answers: answers({ FAMILY_VERIFIED: 'MET' }) });
      expect(verified.status).toBe('READY_TO_REFER');
      ok(await pd.graphql(REMOVE_PERSON, { id: added.id }), 'removePerson');
      read = await readCase(pd, ready.id);
      expect(read).toMatchObject({ status: 'IN_ASSESSMENT', size: 1, version: verified.version + 1 });
      expect(answerOf(read, 'FAMILY_VERIFIED')?.answer).toBe('UNKNOWN');
    });

    it('removePerson answers the case as it is after the change', async () => {
      const pd = await as('caseworker@pd.demo');
      const created = await createCase(pd, newCaseInput({}, 'remove-answer'));
      const added = ok(
        await pd.graphql<{ addPerson: PersonNode }>(ADD_PERSON, {
          caseId: created.id,
          input: person('SPOUSE', 'Gone'),
        }),
      ).addPerson;
      const ready = await assess(pd, created.id, created.version + 1, { answers: answers(ALL_MET) });
      expect(ready.status).toBe('READY_TO_REFER');
      const removed = ok(
        await pd.graphql<{ removePerson: { id: string; status: string; version: number; size: number } }>(
          REMOVE_PERSON,
          { id: added.id },
        ),
      ).removePerson;
      const read = await readMeta(pd, created.id);
      expect(read).toMatchObject({ status: 'IN_ASSESSMENT', size: 1, version: ready.version + 1 });
      // Regression (fixed): removePerson answered the case as it was before the change (status READY_TO_REFER and
      // the old version; only size is adjusted: persons.service.ts returns `{ ...record, size:
      // record.size - 1 }`), not the case it just changed: a client that trusts the answer keeps a
      // stale version (its next change gets CONFLICT) and shows a wrong status.
      expect({ status: removed.status, version: removed.version, size: removed.size }).toEqual({
        status: read.status,
        version: read.version,
        size: read.size,
      });
    });

    it('a CONSENT override counts as MET, is stored with its reason, and is audited (without the reason)', async () => {
      const pd = await as('caseworker@pd.demo');
      const created = await createCase(pd, newCaseInput({}, 'consent-override'));
      const reason = 'The principal is detained; consent was given by phone to the caseworker (test).';
      const { CONSENT: _consent, ...others } = ALL_MET;
      const short = failure(
        await pd.graphql(RECORD_ASSESSMENT, {
          caseId: created.id,
          v: created.version,
          input: { answers: answers({ ...others, CONSENT: 'UNKNOWN' }), consentOverrideReason: 'phone' },
        }),
      );
      expect(short.code).toBe('BAD_USER_INPUT');
      expect(short.extensions.paths).toEqual([['input', 'consentOverrideReason']]);

      const assessed = await assess(pd, created.id, created.version, {
        answers: answers({ ...others, CONSENT: 'UNKNOWN' }),
        consentOverrideReason: reason,
      });
      expect(assessed.status).toBe('READY_TO_REFER');
      expect(assessed.assessment?.consentOverrideReason).toBe(reason);
      expect(assessed.assessment?.answers.find((a) => a.criterion === 'CONSENT')?.answer).toBe('UNKNOWN');

      const events = await flaggedAssessmentEvents(database.db, created.id, 'consentOverride');
      expect(events).toEqual([{ outcome: 'ALLOWED', actor_id: pd.userId, detail: { consentOverride: true } }]);
      expect(JSON.stringify(events)).not.toContain('detained');

      // The override carries the case to IRCC.
      const referral = ok(
        await pd.graphql<{ referToIrcc: { case: CaseMeta } }>(REFER, { caseId: created.id, v: assessed.version }),
      ).referToIrcc;
      expect(referral.case.status).toBe('REFERRED');
    });

    it('a CONSENT override can be taken back: CONSENT counts by its own answer again, the case cannot be referred, and it is audited', async () => {
      const pd = await as('caseworker@pd.demo');
      const created = await createCase(pd, newCaseInput({}, 'consent-take-back'));
      const { CONSENT: _consent, ...others } = ALL_MET;
      const overridden = await assess(pd, created.id, created.version, {
        answers: answers({ ...others, CONSENT: 'UNKNOWN' }),
        consentOverrideReason: 'The principal is detained; consent was given by phone (test).',
      });
      expect(overridden.status).toBe('READY_TO_REFER');

      // Stating an override and taking it back at once: refused, nothing changes.
      const before = await ownerCase(database.db, created.id);
      const both = failure(
        await pd.graphql(RECORD_ASSESSMENT, {
          caseId: created.id,
          v: overridden.version,
          input: {
            answers: [],
            consentOverrideReason: 'Another reason, long enough (test).',
            clearConsentOverride: true,
          },
        }),
      );
      expect(both.code).toBe('BAD_USER_INPUT');
      expect(both.extensions.paths).toEqual([['input', 'clearConsentOverride']]);
      await unchanged(created.id, before);

      // The principal refused after all: the override is taken back.
      const takenBack = await assess(pd, created.id, overridden.version, { answers: [], clearConsentOverride: true });
      expect(takenBack.status).toBe('IN_ASSESSMENT');
      expect(takenBack.version).toBe(overridden.version + 1);
      expect(takenBack.assessment?.consentOverrideReason).toBeNull();
      expect(takenBack.assessment?.answers.find((a) => a.criterion === 'CONSENT')?.answer).toBe('UNKNOWN');
      const refused = failure(await pd.graphql(REFER, { caseId: created.id, v: takenBack.version }));
      expect(refused.code).toBe('INVALID_TRANSITION');

      const cleared = await flaggedAssessmentEvents(database.db, created.id, 'consentOverrideCleared');
      expect(cleared).toEqual([{ outcome: 'ALLOWED', actor_id: pd.userId, detail: { consentOverrideCleared: true } }]);

      // Nothing on record to take back: the save goes through, and no take-back is audited.
      const again = await assess(pd, created.id, takenBack.version, { answers: [], clearConsentOverride: true });
      expect(again.assessment?.consentOverrideReason).toBeNull();
      expect(await flaggedAssessmentEvents(database.db, created.id, 'consentOverrideCleared')).toHaveLength(1);

      // Consent recorded the usual way: READY_TO_REFER again, without an override.
      const consented = await assess(pd, created.id, again.version, { answers: answers({ CONSENT: 'MET' }) });
      expect(consented.status).toBe('READY_TO_REFER');
      expect(consented.assessment?.consentOverrideReason).toBeNull();
    });
  });

  describe('validation', () => {
    it('createCase: an unknown country, a principal of another role, a future birth date; nothing is created', async () => {
      const fld = await as('caseworker@fld.demo');
      const count = await countCases(database.db);
      const unknownCountry = failure(
        await fld.graphql(CREATE_CASE, { input: newCaseInput({ countryOfAsylum: 'XX' }, 'invalid') }),
      );
      expect(unknownCountry.code).toBe('BAD_USER_INPUT');
      expect(unknownCountry.extensions.paths).toEqual([['input', 'countryOfAsylum']]);
      const input = newCaseInput({}, 'invalid');
      const notPrincipal = failure(
        await fld.graphql(CREATE_CASE, { input: { ...input, principal: { ...input.principal, role: 'SPOUSE' } } }),
      );
      expect(notPrincipal.code).toBe('BAD_USER_INPUT');
      expect(notPrincipal.extensions.paths).toEqual([['input', 'principal', 'role']]);
      const future = failure(
        await fld.graphql(CREATE_CASE, {
          input: { ...input, principal: { ...input.principal, dateOfBirth: dayFromToday(2) } },
        }),
      );
      expect(future.code).toBe('BAD_USER_INPUT');
      expect(future.extensions.paths).toEqual([['input', 'principal', 'dateOfBirth']]);
      const noActivity = failure(await fld.graphql(CREATE_CASE, { input: { ...input, activities: [] } }));
      expect(noActivity.code).toBe('BAD_USER_INPUT');
      expect(await countCases(database.db)).toBe(count);
    });

    it('persons: one principal only, never removed; no birth date in the future', async () => {
      const unhcr = await as('caseworker@unhcr.demo');
      const created = await createCase(unhcr, newCaseInput({}, 'persons'));
      const principalId = created.persons[0]?.id as string;
      const spouse = ok(
        await unhcr.graphql<{ addPerson: PersonNode }>(ADD_PERSON, {
          caseId: created.id,
          input: person('SPOUSE', 'S'),
        }),
      ).addPerson;
      const before = await ownerCase(database.db, created.id);

      const second = failure(
        await unhcr.graphql(ADD_PERSON, { caseId: created.id, input: person('PRINCIPAL', 'Another') }),
      );
      expect(second.code).toBe('BAD_USER_INPUT');
      expect(second.extensions.paths).toEqual([['input', 'role']]);
      const promoted = failure(
        await unhcr.graphql(UPDATE_PERSON, { id: spouse.id, v: spouse.version, input: { role: 'PRINCIPAL' } }),
      );
      expect(promoted.code).toBe('BAD_USER_INPUT');
      const removePrincipal = failure(await unhcr.graphql(REMOVE_PERSON, { id: principalId }));
      expect(removePrincipal.code).toBe('BAD_USER_INPUT');
      const future = failure(
        await unhcr.graphql(ADD_PERSON, { caseId: created.id, input: person('CHILD', 'Unborn', dayFromToday(1)) }),
      );
      expect(future.code).toBe('BAD_USER_INPUT');
      expect(future.extensions.paths).toEqual([['input', 'dateOfBirth']]);
      const badDate = failure(
        await unhcr.graphql(ADD_PERSON, { caseId: created.id, input: person('CHILD', 'Odd', '2019-02-30') }),
      );
      expect(badDate.code).toBe('BAD_USER_INPUT');
      const badCountry = failure(
        await unhcr.graphql(UPDATE_CASE, { id: created.id, v: before.version, input: { countryOfNationality: 'XX' } }),
      );
      expect(badCountry.code).toBe('BAD_USER_INPUT');
      expect(badCountry.extensions.paths).toEqual([['input', 'countryOfNationality']]);

      await unchanged(created.id, before);
      const read = await readCase(unhcr, created.id);
      expect(read.persons?.filter((p) => p.role === 'PRINCIPAL').map((p) => p.id)).toEqual([principalId]);
    });

    it('editing a person moves the case’s version on, as adding or removing one does: a stale case edit is a CONFLICT', async () => {
      const unhcr = await as('caseworker@unhcr.demo');
      const created = await createCase(unhcr, newCaseInput({}, 'person-version'));
      const spouse = ok(
        await unhcr.graphql<{ addPerson: PersonNode }>(ADD_PERSON, {
          caseId: created.id,
          input: person('SPOUSE', 'Before'),
        }),
      ).addPerson;
      const before = await ownerCase(database.db, created.id);
      const edited = ok(
        await unhcr.graphql<{ updatePerson: { id: string; version: number } }>(UPDATE_PERSON, {
          id: spouse.id,
          v: spouse.version,
          input: { givenName: 'After' },
        }),
      ).updatePerson;
      expect(edited.version).toBe(spouse.version + 1);
      const after = await ownerCase(database.db, created.id);
      expect(after.version).toBe(before.version + 1);
      const stale = failure(
        await unhcr.graphql(UPDATE_CASE, { id: created.id, v: before.version, input: { urgency: 'URGENT' } }),
      );
      expect(stale.code).toBe('CONFLICT');
    });

    it('a charge must be against a person of the same case (own or foreign, the same answer)', async () => {
      const fld = await as('caseworker@fld.demo');
      const first = await createCase(fld, newCaseInput({}, 'charge-a'));
      const other = await createCase(fld, newCaseInput({}, 'charge-b'));
      const unhcr = await as('caseworker@unhcr.demo');
      const foreign = await createCase(unhcr, newCaseInput({}, 'charge-foreign'));
      const charge = (personId: string) => ({
        personId,
        description: 'Charge on the wrong case (test)',
        jurisdiction: 'BY',
        partnerView: 'JUDICIAL_HARASSMENT',
      });
      const before = await ownerCase(database.db, first.id);
      const beforeOther = await ownerCase(database.db, other.id);
      const own = await fld.graphql(ADD_CHARGE, { caseId: first.id, input: charge(other.persons[0]?.id as string) });
      const foreignPerson = await fld.graphql(ADD_CHARGE, {
        caseId: first.id,
        input: charge(foreign.persons[0]?.id as string),
      });
      const missing = await fld.graphql(ADD_CHARGE, { caseId: first.id, input: charge(randomUUID()) });
      for (const response of [own, foreignPerson, missing]) {
        const error = failure(response);
        expect(error.code).toBe('BAD_USER_INPUT');
        expect(error.extensions.paths).toEqual([['input', 'personId']]);
      }
      // A foreign person is answered exactly like a missing one: nothing tells that it exists.
      expect(foreignPerson.body).toEqual(missing.body);
      await unchanged(first.id, before);
      await unchanged(other.id, beforeOther);
    });
  });

  describe('who may', () => {
    it('the analyst, the officer and the PD org admin cannot create cases', async () => {
      const count = await countCases(database.db);
      const deniedCount = async (action: string) =>
        Number(
          (
            await queryRows<{ n: number }>(
              database.db,
              sql`SELECT count(*)::int AS n FROM audit_events WHERE action = ${action} AND outcome = 'DENIED'`,
            )
          )[0]?.n,
        );
      const [createsBefore, rejectedBefore] = [await deniedCount('case.create'), await deniedCount('graphql.rejected')];
      // The officer's schema has createCase (officers read identity): the policy refuses it. The
      // analyst's and the admin's do not (they never read identity, issue #7): refused unrun.
      for (const [email, code] of [
        ['analyst@ircc.demo', 'GRAPHQL_VALIDATION_FAILED'],
        ['officer@ircc.demo', 'FORBIDDEN'],
        ['admin@pd.demo', 'GRAPHQL_VALIDATION_FAILED'],
      ] as const) {
        const user = await as(email);
        const response = await user.graphql(CREATE_CASE, { input: newCaseInput({}, 'forbidden') });
        expect(failure(response).code, email).toBe(code);
        expect(response.body.data ?? null).toBeNull();
      }
      expect(await countCases(database.db)).toBe(count);
      // Every attempt is audited.
      expect(await deniedCount('case.create')).toBe(createsBefore + 1);
      expect(await deniedCount('graphql.rejected')).toBe(rejectedBefore + 2);
    });

    it('the referrer creates a case (prefix CSN) but may not record the assessment', async () => {
      const referrer = await as('referrer@civicshield.demo');
      const created = await createCase(referrer, newCaseInput({}, 'referrer'));
      expect(created.reference).toMatch(new RegExp(`^CSN-${currentYear()}-\\d{4}$`));
      expect(created).toMatchObject({
        status: 'DRAFT',
        custodian: { kind: 'THIRD_PARTY' },
        viewerRelation: 'CUSTODIAN',
      });
      const before = await ownerCase(database.db, created.id);
      const response = await referrer.graphql(RECORD_ASSESSMENT_META, {
        caseId: created.id,
        v: created.version,
        input: { answers: answers({ HRD_TRACK_RECORD: 'MET' }) },
      });
      // A third party never reads assessments: recordAssessment is not in its schema (issue #7).
      expect(failure(response).code).toBe('GRAPHQL_VALIDATION_FAILED');
      await unchanged(created.id, before);
    });

    it('FLD cannot update a UNHCR case: NOT_FOUND, the same answer as for an id that never existed', async () => {
      const unhcr = await as('caseworker@unhcr.demo');
      const theirs = await createCase(unhcr, newCaseInput({}, 'unhcr-only'));
      const fld = await as('caseworker@fld.demo');
      const before = await ownerCase(database.db, theirs.id);
      const input = { riskSummary: 'Overwritten by another partner (test).' };
      const foreign = await fld.graphql(UPDATE_CASE, { id: theirs.id, v: theirs.version, input });
      const random = await fld.graphql(UPDATE_CASE, { id: randomUUID(), v: theirs.version, input });
      expect(failure(foreign).code).toBe('NOT_FOUND');
      expect(foreign.status).toBe(random.status);
      expect(foreign.body).toEqual(random.body);
      await unchanged(theirs.id, before);
    });

    it('a RECEIVER (UNHCR weighing an offer from FLD) may read but not update the case', async () => {
      const unhcr = await as('caseworker@unhcr.demo');
      const found = ok(
        await unhcr.graphql<{ cases: { edges: Array<{ node: SearchNode }> } }>(SEARCH, {
          filter: { custodianKind: ['FLD'], status: ['IN_ASSESSMENT'] },
        }),
      ).cases.edges.map((e) => e.node);
      const offered = found.find(
        (c) =>
          c.viewerRelation === 'RECEIVER' &&
          c.transfers.some((t) => t.kind === 'OFFER' && t.status === 'PENDING' && t.to.kind === 'UNHCR'),
      );
      expect(offered, 'the seed has an FLD case offered to UNHCR').toBeDefined();
      const id = offered?.id as string;
      const before = await ownerCase(database.db, id);
      const response = await unhcr.graphql(UPDATE_CASE, {
        id,
        v: offered?.version,
        input: { riskSummary: 'Edited by the receiver (test).' },
      });
      expect(failure(response).code).toBe('FORBIDDEN');
      const addPerson = await unhcr.graphql(ADD_PERSON, { caseId: id, input: person('SPOUSE', 'Receiver-added') });
      expect(failure(addPerson).code).toBe('FORBIDDEN');
      await unchanged(id, before);
    });

    it('the intake coordinator may not refer to IRCC; an officer may not edit a referred case', async () => {
      const intake = await as('intake@pd.demo');
      const found = ok(
        await intake.graphql<{ cases: { edges: Array<{ node: SearchNode }> } }>(SEARCH, {
          filter: { custodianKind: ['PD'], status: ['READY_TO_REFER'] },
        }),
      ).cases.edges.map((e) => e.node);
      const ready = found.find(
        (c) => c.viewerRelation === 'CUSTODIAN' && !c.transfers.some((t) => t.status === 'PENDING'),
      );
      expect(ready, 'the seed has a READY_TO_REFER case held by PD').toBeDefined();
      const id = ready?.id as string;
      const before = await ownerCase(database.db, id);
      expect(failure(await intake.graphql(REFER, { caseId: id, v: ready?.version })).code).toBe('FORBIDDEN');
      await unchanged(id, before);

      const pd = await as('caseworker@pd.demo');
      const referred = await readyCase(pd, 'officer-edit');
      const done = ok(
        await pd.graphql<{ referToIrcc: { case: CaseMeta } }>(REFER, { caseId: referred.id, v: referred.version }),
      ).referToIrcc.case;
      const officer = await as('officer@ircc.demo');
      const beforeReferred = await ownerCase(database.db, referred.id);
      const edit = await officer.graphql(UPDATE_CASE, {
        id: referred.id,
        v: done.version,
        input: { riskSummary: 'Edited by IRCC (test).' },
      });
      expect(failure(edit).code).toBe('FORBIDDEN');
      await unchanged(referred.id, beforeReferred);
    });
  });
});
