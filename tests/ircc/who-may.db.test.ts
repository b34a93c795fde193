/**
 * Who may make each IRCC change (ACCESS.md, DOMAIN.md "Who does what"), on seeded FLD files at
 * the stage each change needs: IRCC officers may; an analyst and the custodian's caseworker get
 * FORBIDDEN; anyone whose organization has no relation to the case (or whose role sees no case at
 * all: org admins) gets NOT_FOUND, byte for byte as for an id that does not exist. Every denial
 * changes nothing (the owner's view of the case, its file, checks, requests, transfers and
 * notifications is the same after) and is in the audit chain as DENIED. Answering an information
 * request is the custodian's. Also: assigning a non-officer, and acting on a withdrawn case.
 */
import { randomUUID } from 'node:crypto';
import { queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { type GraphqlResponse, startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { type SignedIn, signIn } from '../support/session.js';
import {
  ACKNOWLEDGE,
  ADVANCE,
  ANSWER_INFO,
  ARRIVE,
  ASSIGN,
  CHECK,
  DECIDE,
  errorOf,
  INTERVIEW,
  REQUEST_INFO,
  referredCase,
  run,
} from './ircc-support.js';

/** Org admins of the custodian (FLD) and of IRCC; the demo has a PD admin only. */
const FLD_ADMIN = 'admin@fld.who-may-test';
const IRCC_ADMIN = 'admin@ircc.who-may-test';

type Expect = 'FORBIDDEN' | 'NOT_FOUND';

/** Who tries an FLD file's IRCC change, and what each must get. */
const DENIED: ReadonlyArray<[string, Expect]> = [
  ['analyst@ircc.demo', 'FORBIDDEN'],
  ['caseworker@fld.demo', 'FORBIDDEN'],
  ['caseworker@unhcr.demo', 'NOT_FOUND'],
  ['caseworker@pd.demo', 'NOT_FOUND'],
  ['intake@pd.demo', 'NOT_FOUND'],
  ['referrer@civicshield.demo', 'NOT_FOUND'],
  ['admin@pd.demo', 'NOT_FOUND'],
  [FLD_ADMIN, 'NOT_FOUND'],
  [IRCC_ADMIN, 'NOT_FOUND'],
];

const WITHDRAW = `mutation W($id: ID!) { withdrawCase(caseId: $id, reason: "Who-may test withdrawal") { status } }`;

describe(`who may make IRCC's changes on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  const sessions = new Map<string, SignedIn>();
  const as = async (email: string) => {
    let session = sessions.get(email);
    if (!session) {
      session = await signIn(server, email);
      sessions.set(email, session);
    }
    return session;
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
    for (const [email, kind] of [
      [FLD_ADMIN, 'FLD'],
      [IRCC_ADMIN, 'IRCC'],
    ] as const) {
      await database.db.execute(sql`
        INSERT INTO users (organization_id, email, display_name, roles, password_hash)
        SELECT o.id, ${email}, 'Org admin (test)', ARRAY['ORG_ADMIN'],
               (SELECT password_hash FROM users WHERE email = 'admin@pd.demo')
          FROM organizations o WHERE o.kind = ${kind}`);
    }
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  /** Everything a change to the case could touch, as the owner stores it. */
  const snapshot = async (caseId: string) =>
    (
      await queryRows<{ snap: string }>(
        database.db,
        sql`SELECT json_build_object(
              'case', (SELECT row_to_json(c) FROM cases c WHERE c.id = ${caseId}),
              'file', (SELECT row_to_json(f) FROM immigration_files f WHERE f.case_id = ${caseId}),
              'checks', (SELECT json_agg(k ORDER BY k.kind) FROM immigration_checks k WHERE k.case_id = ${caseId}),
              'requests', (SELECT json_agg(r ORDER BY r.id) FROM information_requests r WHERE r.case_id = ${caseId}),
              'transfers', (SELECT json_agg(t ORDER BY t.id) FROM transfers t WHERE t.case_id = ${caseId}),
              'cited', (SELECT count(*) FROM decision_cited_charges d WHERE d.case_id = ${caseId}),
              'notifications', (SELECT count(*) FROM notifications n WHERE n.case_id = ${caseId}),
              'fileNumbers', (SELECT json_agg(x ORDER BY x.year) FROM file_number_counters x)
            )::text AS snap`,
      )
    )[0]?.snap;

  const head = async () =>
    Number(
      (
        await queryRows<{ seq: number }>(database.db, sql`SELECT coalesce(max(seq), 0)::int AS seq FROM audit_events`)
      )[0]?.seq,
    );

  const auditedSince = (since: number, actorId: string, action: string) =>
    queryRows<{ outcome: string; case_ids: string[]; detail: Record<string, unknown> }>(
      database.db,
      sql`SELECT outcome, case_ids::text[] AS case_ids, detail FROM audit_events
           WHERE seq > ${since} AND actor_id = ${actorId} AND action = ${action} ORDER BY seq`,
    );

  /** A seeded file of a case FLD holds, at a stage, with or without an open information request. */
  const fldFile = async (stage: string, status = 'REFERRED', open = false) => {
    const [row] = await queryRows<{ id: string }>(
      database.db,
      sql`SELECT c.id FROM cases c JOIN immigration_files f ON f.case_id = c.id
            JOIN organizations o ON o.id = c.custodian_id
           WHERE o.kind = 'FLD' AND f.stage = ${stage} AND c.status = ${status}
             AND EXISTS (SELECT 1 FROM information_requests r WHERE r.case_id = c.id AND r.status = 'OPEN') = ${open}
           ORDER BY c.reference LIMIT 1`,
    );
    if (!row) throw new Error(`the seed has no FLD file at ${stage}`);
    return row.id;
  };

  interface Cell {
    mutation: string;
    action: string;
    query: string;
    /** Finds the case and the variables of a change the officer may make; `id` is what NOT_FOUND hides. */
    fixture: () => Promise<{ caseId: string; variables: Record<string, unknown>; idKey: string }>;
    allowedBy: 'officer@ircc.demo' | 'officer2@ircc.demo';
  }

  const CELLS: Cell[] = [
    {
      mutation: 'acknowledgeReferral',
      action: 'ircc.acknowledge',
      query: ACKNOWLEDGE,
      allowedBy: 'officer@ircc.demo',
      fixture: async () => {
        const [row] = await queryRows<{ id: string; case_id: string }>(
          database.db,
          sql`SELECT t.id, t.case_id FROM transfers t JOIN organizations o ON o.id = t.from_organization_id
               WHERE t.kind = 'RESETTLEMENT_REFERRAL' AND t.status = 'PENDING' AND o.kind = 'FLD' LIMIT 1`,
        );
        if (!row) throw new Error('the seed has no pending FLD referral');
        return { caseId: row.case_id, variables: { id: row.id }, idKey: 'id' };
      },
    },
    {
      mutation: 'assignOfficer',
      action: 'ircc.assign',
      query: ASSIGN,
      allowedBy: 'officer2@ircc.demo',
      fixture: async () => {
        const caseId = await fldFile('INTERVIEW');
        const officer = await as('officer@ircc.demo');
        return { caseId, variables: { caseId, officerId: officer.userId }, idKey: 'caseId' };
      },
    },
    {
      mutation: 'advanceStage',
      action: 'ircc.stage',
      query: ADVANCE,
      allowedBy: 'officer@ircc.demo',
      fixture: async () => {
        const caseId = await fldFile('RECEIVED');
        return { caseId, variables: { caseId, to: 'ELIGIBILITY_REVIEW' }, idKey: 'caseId' };
      },
    },
    {
      mutation: 'recordCheck',
      action: 'ircc.check',
      query: CHECK,
      allowedBy: 'officer@ircc.demo',
      fixture: async () => {
        const caseId = await fldFile('ADMISSIBILITY');
        return {
          caseId,
          variables: { caseId, kind: 'SECURITY', result: 'PASSED', note: 'Who-may test note' },
          idKey: 'caseId',
        };
      },
    },
    {
      mutation: 'scheduleInterview',
      action: 'ircc.interview',
      query: INTERVIEW,
      allowedBy: 'officer2@ircc.demo',
      fixture: async () => {
        const caseId = await fldFile('INTERVIEW');
        return { caseId, variables: { caseId, at: '2026-06-01T10:00:00.000Z' }, idKey: 'caseId' };
      },
    },
    {
      mutation: 'recordDecision',
      action: 'ircc.decision',
      query: DECIDE,
      allowedBy: 'officer@ircc.demo',
      fixture: async () => {
        const caseId = await fldFile('DECISION');
        return { caseId, variables: { caseId, outcome: 'APPROVED' }, idKey: 'caseId' };
      },
    },
    {
      mutation: 'recordArrival',
      action: 'ircc.arrival',
      query: ARRIVE,
      allowedBy: 'officer2@ircc.demo',
      fixture: async () => {
        const caseId = await fldFile('TRAVEL', 'APPROVED');
        return { caseId, variables: { caseId }, idKey: 'caseId' };
      },
    },
    {
      mutation: 'requestInformation',
      action: 'ircc.request_information',
      query: REQUEST_INFO,
      allowedBy: 'officer@ircc.demo',
      fixture: async () => {
        const caseId = await fldFile('ADMISSIBILITY');
        return {
          caseId,
          variables: { caseId, q: 'Who-may test: please confirm the address history.' },
          idKey: 'caseId',
        };
      },
    },
  ];

  /**
   * The denial: the expected code; nothing changed; audited as DENIED (naming the case when it is
   * FORBIDDEN, naming nothing when NOT_FOUND); and NOT_FOUND byte for byte as for an unknown id.
   */
  async function expectDenied(
    email: string,
    expected: Expect,
    caseId: string,
    query: string,
    variables: Record<string, unknown>,
    idKey: string,
    action: string,
  ) {
    const user = await as(email);
    const before = await snapshot(caseId);
    const since = await head();
    const response = await user.graphql(query, variables);
    expect(errorOf(response).code, `${email}: ${JSON.stringify(response.body.errors)}`).toBe(expected);
    expect(response.body.errors, email).toHaveLength(1);
    expect(await snapshot(caseId), `${email} changed something`).toBe(before);
    const audited = await auditedSince(since, user.userId, action);
    expect(
      audited.map((a) => a.outcome),
      `${email}: the denial is audited`,
    ).toEqual(['DENIED']);
    if (expected === 'FORBIDDEN') {
      expect(audited[0]?.case_ids).toEqual([caseId]);
    } else {
      expect(audited[0]?.case_ids).toEqual([]);
      const unknown: GraphqlResponse<unknown> = await user.graphql(query, { ...variables, [idKey]: randomUUID() });
      expect(response.body, `${email}: NOT_FOUND must look like an unknown id`).toEqual(unknown.body);
      expect(JSON.stringify(response.body)).toBe(JSON.stringify(unknown.body));
    }
  }

  for (const cell of CELLS) {
    it(`${cell.mutation}: officers may; analyst and custodian FORBIDDEN; others NOT_FOUND; nothing changes`, async () => {
      const { caseId, variables, idKey } = await cell.fixture();
      for (const [email, expected] of DENIED) {
        await expectDenied(email, expected, caseId, cell.query, variables, idKey, cell.action);
      }
      // The officer may, and it lands.
      const officer = await as(cell.allowedBy);
      const before = await snapshot(caseId);
      const since = await head();
      const response = await officer.graphql(cell.query, variables);
      expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
      expect(await snapshot(caseId)).not.toBe(before);
      expect((await auditedSince(since, officer.userId, cell.action)).map((a) => a.outcome)).toEqual(['ALLOWED']);
    });
  }

  it('answerInformationRequest: the custodian caseworker may; an officer FORBIDDEN; others NOT_FOUND', async () => {
    const [request] = await queryRows<{ id: string; case_id: string }>(
      database.db,
      sql`SELECT r.id, r.case_id FROM information_requests r JOIN cases c ON c.id = r.case_id
            JOIN organizations o ON o.id = c.custodian_id
           WHERE o.kind = 'FLD' AND r.status = 'OPEN' LIMIT 1`,
    );
    if (!request) throw new Error('the seed has no open request on an FLD case');
    const variables = { id: request.id, a: 'Who-may test answer.' };
    const denied: ReadonlyArray<[string, Expect]> = [
      ['officer@ircc.demo', 'FORBIDDEN'],
      ['officer2@ircc.demo', 'FORBIDDEN'],
      ['analyst@ircc.demo', 'NOT_FOUND'],
      ['caseworker@unhcr.demo', 'NOT_FOUND'],
      ['caseworker@pd.demo', 'NOT_FOUND'],
      ['intake@pd.demo', 'NOT_FOUND'],
      ['referrer@civicshield.demo', 'NOT_FOUND'],
      ['admin@pd.demo', 'NOT_FOUND'],
      [FLD_ADMIN, 'NOT_FOUND'],
      [IRCC_ADMIN, 'NOT_FOUND'],
    ];
    for (const [email, expected] of denied) {
      await expectDenied(email, expected, request.case_id, ANSWER_INFO, variables, 'id', 'ircc.answer_information');
    }
    const fld = await as('caseworker@fld.demo');
    const answered = await run<{ answerInformationRequest: { status: string } }>(fld, ANSWER_INFO, variables);
    expect(answered.answerInformationRequest.status).toBe('ANSWERED');
  });

  it('acknowledgeReferral on a referral already acknowledged: still FORBIDDEN for those who may not', async () => {
    const [row] = await queryRows<{ id: string; case_id: string }>(
      database.db,
      sql`SELECT t.id, t.case_id FROM transfers t JOIN organizations o ON o.id = t.from_organization_id
           JOIN cases c ON c.id = t.case_id
           WHERE t.kind = 'RESETTLEMENT_REFERRAL' AND t.status = 'ACCEPTED' AND o.kind = 'FLD'
             AND c.status = 'REFERRED' LIMIT 1`,
    );
    if (!row) throw new Error('the seed has no acknowledged FLD referral');
    // The denial does not depend on (nor tell) the referral's state.
    for (const [email, expected] of DENIED) {
      await expectDenied(email, expected, row.case_id, ACKNOWLEDGE, { id: row.id }, 'id', 'ircc.acknowledge');
    }
    // An officer is told it is settled.
    const officer = await as('officer@ircc.demo');
    expect(errorOf(await officer.graphql(ACKNOWLEDGE, { id: row.id })).code).toBe('INVALID_TRANSITION');
  });

  it('assignOfficer to someone who is not an active IRCC officer is BAD_USER_INPUT at officerId', async () => {
    const caseId = await fldFile('INTERVIEW');
    const officer = await as('officer@ircc.demo');
    const before = await snapshot(caseId);
    for (const email of ['analyst@ircc.demo', 'caseworker@fld.demo', IRCC_ADMIN]) {
      const notOfficer = await as(email);
      const error = errorOf(await officer.graphql(ASSIGN, { caseId, officerId: notOfficer.userId }));
      expect(error.code, email).toBe('BAD_USER_INPUT');
      expect(error.extensions.paths, email).toEqual([['officerId']]);
    }
    for (const officerId of [randomUUID(), 'not-an-id']) {
      const error = errorOf(await officer.graphql(ASSIGN, { caseId, officerId }));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.paths).toEqual([['officerId']]);
    }
    // An officer no longer active is not assignable either.
    await database.db.execute(sql`UPDATE users SET active = false WHERE email = 'officer2@ircc.demo'`);
    try {
      const officer2Id = (
        await queryRows<{ id: string }>(database.db, sql`SELECT id FROM users WHERE email = 'officer2@ircc.demo'`)
      )[0]?.id;
      const error = errorOf(await officer.graphql(ASSIGN, { caseId, officerId: officer2Id }));
      expect(error.extensions.paths).toEqual([['officerId']]);
    } finally {
      await database.db.execute(sql`UPDATE users SET active = true WHERE email = 'officer2@ircc.demo'`);
    }
    expect(await snapshot(caseId)).toBe(before);
  });

  it('a case the partner withdrew after acknowledgment: every IRCC change is INVALID_TRANSITION', async () => {
    const fld = await as('caseworker@fld.demo');
    const officer = await as('officer@ircc.demo');
    const referral = await referredCase(fld, 'NORMAL', 'who-may-withdrawn');
    await run(officer, ACKNOWLEDGE, { id: referral.transferId });
    expect(
      (await run<{ withdrawCase: { status: string } }>(fld, WITHDRAW, { id: referral.id })).withdrawCase.status,
    ).toBe('WITHDRAWN');
    const caseId = referral.id;
    const before = await snapshot(caseId);
    const attempts: Array<[string, string, Record<string, unknown>]> = [
      ['acknowledgeReferral', ACKNOWLEDGE, { id: referral.transferId }],
      ['assignOfficer', ASSIGN, { caseId, officerId: officer.userId }],
      ['advanceStage', ADVANCE, { caseId, to: 'ELIGIBILITY_REVIEW' }],
      ['recordCheck', CHECK, { caseId, kind: 'MEDICAL', result: 'PASSED' }],
      ['scheduleInterview', INTERVIEW, { caseId, at: '2026-06-01T10:00:00.000Z' }],
      ['recordDecision', DECIDE, { caseId, outcome: 'REFUSED', reasons: 'Withdrawn case (test).' }],
      ['recordArrival', ARRIVE, { caseId }],
      ['requestInformation', REQUEST_INFO, { caseId, q: 'A question about a withdrawn case.' }],
    ];
    for (const [name, query, variables] of attempts) {
      const error = errorOf(await officer.graphql(query, variables));
      expect(error.code, `${name}: ${error.message}`).toBe('INVALID_TRANSITION');
    }
    expect(await snapshot(caseId)).toBe(before);
    // Why it was withdrawn (ASSESSMENT): the custodian and the officers read it, the analyst does
    // not (outside the analyst's schema, refused unrun), and other partners find no case.
    const REASON = `query R($id: ID!) { case(id: $id) { status assessment { withdrawalReason } } }`;
    for (const [who, reader] of [
      ['custodian', fld],
      ['officer', officer],
    ] as const) {
      const answer = await reader.graphql<{ case: { status: string; assessment: { withdrawalReason: string } } }>(
        REASON,
        { id: caseId },
      );
      expect(answer.body.errors, who).toBeUndefined();
      expect(answer.body.data?.case, who).toEqual({
        status: 'WITHDRAWN',
        assessment: { withdrawalReason: 'Who-may test withdrawal' },
      });
    }
    const analyst = await as('analyst@ircc.demo');
    const refused = await analyst.graphql(REASON, { id: caseId });
    expect(errorOf(refused).code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.body.data ?? null).toBeNull();
    const unhcr = await as('caseworker@unhcr.demo');
    const missing = await unhcr.graphql<{ case: unknown }>(REASON, { id: caseId });
    expect(errorOf(missing).code).toBe('NOT_FOUND');
    expect(missing.body.data?.case ?? null).toBeNull();
  });
});
