/**
 * A case from DRAFT to REFERRED for each of UNHCR, FLD and PD, over HTTP; every move the status
 * machine does not draw is refused with INVALID_TRANSITION and changes nothing.
 */
import { queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { codeOf, type SignedIn, signIn } from '../support/session.js';

const CASE = `id reference status version size custodian { kind }
  persons { id role } charges { partnerView } assessment { answers { criterion answer } }
  transfers { kind status to { kind } }`;
const CRITERIA = [
  'HRD_TRACK_RECORD',
  'AT_RISK',
  'REFUGEE_DEFINITION',
  'NO_DURABLE_SOLUTION',
  'CONSENT',
  'FAMILY_VERIFIED',
];

interface CaseView {
  id: string;
  reference: string;
  status: string;
  version: number;
  size: number;
  custodian: { kind: string };
  persons: Array<{ id: string; role: string }>;
  transfers: Array<{ kind: string; status: string; to: { kind: string } }>;
}

describe(`casework walks on ${currentDriver()}`, () => {
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

  const state = async (id: string) =>
    (
      await queryRows<{ status: string; version: number }>(
        database.db,
        sql`SELECT status, version FROM cases WHERE id = ${id}`,
      )
    )[0];

  async function expectRefused(session: SignedIn, id: string, mutation: string, code = 'INVALID_TRANSITION') {
    const before = await state(id);
    const response = await session.graphql(mutation, { id, v: before?.version });
    expect(codeOf(response), mutation).toBe(code);
    if (code === 'INVALID_TRANSITION') {
      expect(response.body.errors?.[0]?.extensions?.currentStatus).toBe(before?.status);
      expect(Array.isArray(response.body.errors?.[0]?.extensions?.allowedMoves)).toBe(true);
    }
    expect(await state(id)).toEqual(before);
  }

  const REFER = 'mutation($id: ID!, $v: Int!) { referToIrcc(caseId: $id, expectedVersion: $v) { quota { year } } }';
  const WITHDRAW = 'mutation($id: ID!) { withdrawCase(caseId: $id, reason: "testing the machine") { status } }';

  for (const [email, kind] of [
    ['caseworker@unhcr.demo', 'UNHCR'],
    ['caseworker@fld.demo', 'FLD'],
    ['caseworker@pd.demo', 'PD'],
  ] as const) {
    it(`${kind}: DRAFT → IN_ASSESSMENT → READY_TO_REFER → REFERRED, refusing every undrawn move`, async () => {
      const me = await signIn(server, email);
      const created = await me.graphql<{ createCase: CaseView }>(
        `mutation($i: CreateCaseInput!) { createCase(input: $i) { ${CASE} } }`,
        {
          i: {
            urgency: 'URGENT',
            countryOfNationality: 'ir',
            countryOfAsylum: 'TR',
            activities: ['WOMENS_RIGHTS'],
            hrdSummary: 'Walk test defender (fictitious).',
            location: 'Walk test safe house (fictitious)',
            safeContact: 'Walk test contact (fictitious)',
            principal: {
              role: 'PRINCIPAL',
              givenName: 'Walker',
              familyName: 'Testova',
              dateOfBirth: '1985-04-02',
              sex: 'F',
            },
          },
        },
      );
      expect(created.body.errors).toBeUndefined();
      const c = created.body.data?.createCase as CaseView;
      expect(c).toMatchObject({ status: 'DRAFT', size: 1, custodian: { kind } });
      expect(c.reference).toMatch(new RegExp(`^${kind}-${new Date().getUTCFullYear()}-\\d{4}$`));

      await expectRefused(me, c.id, REFER);
      await expectRefused(me, c.id, WITHDRAW);

      const principal = c.persons[0]?.id;
      const spouse = await me.graphql(
        `mutation($id: ID!) { addPerson(caseId: $id, input: { role: SPOUSE, givenName: "Partner", familyName: "Testova" }) { id } }`,
        { id: c.id },
      );
      expect(spouse.body.errors).toBeUndefined();
      const charge = await me.graphql(
        `mutation($id: ID!, $p: ID!) { addCharge(caseId: $id, input: { personId: $p, description: "Insulting the state", jurisdiction: "IR", outcome: CONVICTED, partnerView: JUDICIAL_HARASSMENT }) { partnerView } }`,
        { id: c.id, p: principal },
      );
      expect(charge.body.errors).toBeUndefined();

      const assess = (answers: Array<[string, string]>, version: number) =>
        me.graphql<{ recordAssessment: { status: string; version: number } }>(
          `mutation($id: ID!, $v: Int!, $a: [CriterionAnswerInput!]!) { recordAssessment(caseId: $id, expectedVersion: $v, input: { answers: $a, primaryCategory: LEGAL_PHYSICAL_PROTECTION }) { status version } }`,
          {
            id: c.id,
            v: version,
            a: answers.map(([criterion, answer]) => ({ criterion, answer, justification: 'Checked.' })),
          },
        );
      const first = await assess(
        CRITERIA.slice(0, 3).map((k) => [k, 'MET']),
        (await state(c.id))?.version ?? 0,
      );
      expect(first.body.data?.recordAssessment.status).toBe('IN_ASSESSMENT');
      await expectRefused(me, c.id, REFER);

      const all = await assess(
        CRITERIA.map((k) => [k, 'MET']),
        first.body.data?.recordAssessment.version ?? 0,
      );
      expect(all.body.data?.recordAssessment.status).toBe('READY_TO_REFER');
      // A stale version is a CONFLICT and changes nothing.
      await expectRefused(
        me,
        c.id,
        `mutation($id: ID!) { referToIrcc(caseId: $id, expectedVersion: 1) { quota { year } } }`,
        'CONFLICT',
      );

      const referred = await me.graphql<{
        referToIrcc: { case: CaseView; quota: { referredPersons: number; partnerTarget: number | null } };
      }>(
        `mutation($id: ID!, $v: Int!) { referToIrcc(caseId: $id, expectedVersion: $v) { case { ${CASE} } quota { referredPersons partnerTarget } } }`,
        { id: c.id, v: (await state(c.id))?.version },
      );
      expect(referred.body.errors).toBeUndefined();
      const after = referred.body.data?.referToIrcc;
      expect(after?.case).toMatchObject({ status: 'REFERRED', size: 2, custodian: { kind } });
      expect(after?.case.transfers).toEqual([
        { kind: 'RESETTLEMENT_REFERRAL', status: 'PENDING', to: { kind: 'IRCC' } },
      ]);
      expect(after?.quota.referredPersons).toBeGreaterThanOrEqual(2);
      expect(after?.quota.partnerTarget).toBe(kind === 'FLD' ? 125 : null);

      // After referral the file is frozen for edits and assessment; it can be withdrawn.
      await expectRefused(
        me,
        c.id,
        `mutation($id: ID!, $v: Int!) { updateCase(id: $id, expectedVersion: $v, input: { riskSummary: "x" }) { id } }`,
      );
      await expectRefused(
        me,
        c.id,
        `mutation($id: ID!, $v: Int!) { recordAssessment(caseId: $id, expectedVersion: $v, input: { answers: [] }) { id } }`,
      );
      await expectRefused(me, c.id, REFER);
      const withdrawn = await me.graphql<{ withdrawCase: { status: string } }>(WITHDRAW, { id: c.id });
      expect(withdrawn.body.data?.withdrawCase.status).toBe('WITHDRAWN');
      const [referral] = await queryRows<{ status: string }>(
        database.db,
        sql`SELECT status FROM transfers WHERE case_id = ${c.id} AND kind = 'RESETTLEMENT_REFERRAL'`,
      );
      expect(referral?.status).toBe('WITHDRAWN');
      await expectRefused(me, c.id, WITHDRAW);
    });
  }

  it('editing the assessment or the family takes READY_TO_REFER back to IN_ASSESSMENT', async () => {
    const pd = await signIn(server, 'caseworker@pd.demo');
    const [ready] = await queryRows<{ id: string; version: number }>(
      database.db,
      sql`SELECT c.id, c.version FROM cases c JOIN organizations o ON o.id = c.custodian_id
           WHERE o.kind = 'PD' AND c.status = 'READY_TO_REFER'
             AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.case_id = c.id AND t.status = 'PENDING') LIMIT 1`,
    );
    const added = await pd.graphql(
      `mutation($id: ID!) { addPerson(caseId: $id, input: { role: CHILD, givenName: "Kid", familyName: "Testova" }) { id } }`,
      { id: ready?.id },
    );
    expect(added.body.errors).toBeUndefined();
    const [row] = await queryRows<{ status: string; family: string }>(
      database.db,
      sql`SELECT c.status, a.answer AS family FROM cases c JOIN assessment_answers a ON a.case_id = c.id
           WHERE c.id = ${ready?.id} AND a.criterion = 'FAMILY_VERIFIED'`,
    );
    expect(row).toEqual({ status: 'IN_ASSESSMENT', family: 'UNKNOWN' });
  });

  it('rejects bad input with BAD_USER_INPUT naming the path, and writes nothing', async () => {
    const fld = await signIn(server, 'caseworker@fld.demo');
    const [{ n: before } = { n: 0 }] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM cases`,
    );
    const bad = await fld.graphql(`mutation($i: CreateCaseInput!) { createCase(input: $i) { id } }`, {
      i: {
        countryOfNationality: 'SY',
        countryOfAsylum: 'XX',
        activities: ['OTHER'],
        principal: { role: 'PRINCIPAL', givenName: 'A', familyName: 'B' },
      },
    });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.body.errors?.[0]?.extensions?.paths).toEqual([['input', 'countryOfAsylum']]);
    const future = await fld.graphql(`mutation($i: CreateCaseInput!) { createCase(input: $i) { id } }`, {
      i: {
        countryOfNationality: 'SY',
        countryOfAsylum: 'TR',
        activities: ['OTHER'],
        principal: { role: 'PRINCIPAL', givenName: 'A', familyName: 'B', dateOfBirth: '2999-01-01' },
      },
    });
    expect(future.body.errors?.[0]?.extensions?.paths).toEqual([['input', 'principal', 'dateOfBirth']]);
    const [{ n: after } = { n: 0 }] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM cases`,
    );
    expect(after).toBe(before);
  });

  it('only case-working roles create cases; a referrer creates under its own prefix', async () => {
    const input = {
      countryOfNationality: 'SY',
      countryOfAsylum: 'TR',
      activities: ['OTHER'],
      principal: { role: 'PRINCIPAL', givenName: 'A', familyName: 'B' },
    };
    for (const email of ['analyst@ircc.demo', 'officer@ircc.demo', 'admin@pd.demo']) {
      const session = await signIn(server, email);
      const response = await session.graphql(`mutation($i: CreateCaseInput!) { createCase(input: $i) { id } }`, {
        i: input,
      });
      expect(codeOf(response), email).toBe('FORBIDDEN');
    }
    const referrer = await signIn(server, 'referrer@civicshield.demo');
    const mine = await referrer.graphql<{ createCase: { reference: string; id: string } }>(
      `mutation($i: CreateCaseInput!) { createCase(input: $i) { id reference } }`,
      { i: input },
    );
    expect(mine.body.data?.createCase.reference).toMatch(/^CSN-\d{4}-\d{4}$/);
    const assess = await referrer.graphql(
      `mutation($id: ID!) { recordAssessment(caseId: $id, expectedVersion: 1, input: { answers: [] }) { id } }`,
      { id: mine.body.data?.createCase.id },
    );
    expect(codeOf(assess)).toBe('FORBIDDEN');
  });
});
