/**
 * What the IRCC tests share: the operations of IRCC's processing, a freshly referred case of a
 * partner (with a family member and two charges, one flagged as judicial harassment), and
 * owner-side reads of the file to check that a refused change changed nothing.
 */
import { type Database, queryRows } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import {
  ADD_CHARGE,
  ADD_PERSON,
  ALL_MET,
  answers,
  assess,
  createCase,
  newCaseInput,
  ok,
  person,
  REFER,
} from '../casework/casework-support.js';
import type { GraphqlResponse } from '../support/server.js';
import type { SignedIn } from '../support/session.js';

export const PURPOSE = 'ircc test: checking the file';

export const FILE_FIELDS = `stage decisionOutcome deferred fileNumber expedited version
  assignedOfficer { id displayName } checks { kind result note } decisionReasons interviewAt arrivedAt
  decidedBy { id } decidedAt citedChargeIds overrideNote approvalWouldPassCap`;

export const FILE = `query File($id: ID!) { case(id: $id) { id status version immigrationFile { ${FILE_FIELDS} } } }`;

/** What every role's schema has of a case and its file (META): usable for allowed and denied calls alike. */
const CASE_ANSWER = `id status version immigrationFile { stage decisionOutcome deferred }`;

/** A partner's (META) view of a referred case: stage, outcome, deferral. */
export const META_VIEW = `query Meta($id: ID!) { case(id: $id) { id status version immigrationFile { stage decisionOutcome deferred } } }`;

export const ACKNOWLEDGE = `mutation Ack($id: ID!) { acknowledgeReferral(transferId: $id) { ${CASE_ANSWER} } }`;
export const ASSIGN = `mutation Assign($caseId: ID!, $officerId: ID, $v: Int) {
  assignOfficer(caseId: $caseId, officerId: $officerId, expectedVersion: $v) { ${CASE_ANSWER} }
}`;
export const ADVANCE = `mutation Advance($caseId: ID!, $to: ImmigrationStage!, $v: Int) {
  advanceStage(caseId: $caseId, to: $to, expectedVersion: $v) { ${CASE_ANSWER} }
}`;
export const CHECK = `mutation Check($caseId: ID!, $kind: CheckKind!, $result: CheckResult!, $note: String) {
  recordCheck(caseId: $caseId, kind: $kind, result: $result, note: $note) { ${CASE_ANSWER} }
}`;
export const INTERVIEW = `mutation Interview($caseId: ID!, $at: DateTime!) {
  scheduleInterview(caseId: $caseId, at: $at) { ${CASE_ANSWER} }
}`;
export const DECIDE = `mutation Decide($caseId: ID!, $outcome: DecisionOutcome!, $reasons: String, $cited: [ID!], $override: String) {
  recordDecision(caseId: $caseId, outcome: $outcome, reasons: $reasons, citedChargeIds: $cited, overrideNote: $override) {
    case { ${CASE_ANSWER} }
    passesCap warnings
    quota { year personCap approvedPersons remainingPersons overCap }
  }
}`;
export const ARRIVE = `mutation Arrive($caseId: ID!) { recordArrival(caseId: $caseId) { ${CASE_ANSWER} } }`;
export const REQUEST_INFO = `mutation Ask($caseId: ID!, $q: String!) {
  requestInformation(caseId: $caseId, question: $q) { id status question answer version case { id } }
}`;
export const ANSWER_INFO = `mutation Answer($id: ID!, $a: String!) {
  answerInformationRequest(id: $id, answer: $a) { id status question answer answeredBy { id } version }
}`;
export const INFO_REQUESTS = `query Requests($filter: InformationRequestFilter) {
  informationRequests(filter: $filter, first: 100) {
    totalCount edges { node { id status question answer case { id reference } } }
  }
}`;
/** Which officer asked: IRCC only (outside the partners' schema). */
export const ASKED_BY = `query AskedBy($filter: InformationRequestFilter) {
  informationRequests(filter: $filter, first: 100) { edges { node { id askedBy { id } } } }
}`;
/** The queue with META only: for the roles whose schema has no IRCC-internal field. */
export const QUEUE_META = `query QueueMeta($first: Int) { immigrationQueue(first: $first) { totalCount edges { node { id } } } }`;
export const QUEUE = `query Queue($filter: ImmigrationQueueFilter, $first: Int, $after: String) {
  immigrationQueue(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id urgency custodian { kind } immigrationFile { stage expedited deferred assignedOfficer { id } } } }
  }
}`;

export interface FileView {
  stage: string;
  decisionOutcome: string | null;
  deferred: boolean;
  fileNumber: string | null;
  expedited: boolean | null;
  version: number | null;
  assignedOfficer: { id: string; displayName: string } | null;
  checks: Array<{ kind: string; result: string; note: string | null }> | null;
  decisionReasons: string | null;
  citedChargeIds: string[] | null;
  overrideNote: string | null;
  approvalWouldPassCap: boolean | null;
}

export interface CaseWithFile {
  id: string;
  status: string;
  version: number;
  immigrationFile: FileView | null;
}

export interface ReferredCase {
  id: string;
  reference: string;
  transferId: string;
  ordinaryChargeId: string;
  flaggedChargeId: string;
}

/**
 * A new case of the caseworker's organization (a principal and a spouse), with an ORDINARY charge
 * and a charge flagged JUDICIAL_HARASSMENT, assessed all MET and referred to IRCC.
 */
export async function referredCase(cw: SignedIn, urgency = 'NORMAL', tag = 'ircc'): Promise<ReferredCase> {
  const created = await createCase(cw, newCaseInput({ urgency }, tag));
  const principalId = created.persons.find((p) => p.role === 'PRINCIPAL')?.id;
  expect(principalId).toBeDefined();
  ok(await cw.graphql(ADD_PERSON, { caseId: created.id, input: person('SPOUSE', `Spouse${tag}`, '1986-05-06') }));
  const charge = async (partnerView: string, description: string) =>
    ok(
      await cw.graphql<{ addCharge: { id: string } }>(ADD_CHARGE, {
        caseId: created.id,
        input: {
          personId: principalId,
          description,
          jurisdiction: 'BY',
          date: '2022-03-01',
          outcome: 'CONVICTED',
          partnerView,
          partnerNote: 'Partner view (test).',
        },
      }),
    ).addCharge.id;
  const ordinaryChargeId = await charge('ORDINARY', 'Theft of a bicycle (test)');
  const flaggedChargeId = await charge('JUDICIAL_HARASSMENT', 'Spreading false information (test)');
  const version = (await caseVersion(cw, created.id)) as number;
  const assessed = await assess(cw, created.id, version, { answers: answers(ALL_MET) });
  expect(assessed.status).toBe('READY_TO_REFER');
  const referred = ok(
    await cw.graphql<{ referToIrcc: { transferId: string } }>(REFER, { caseId: created.id, v: assessed.version }),
  ).referToIrcc;
  return {
    id: created.id,
    reference: created.reference,
    transferId: referred.transferId,
    ordinaryChargeId,
    flaggedChargeId,
  };
}

async function caseVersion(user: SignedIn, id: string): Promise<number | undefined> {
  return ok(
    await user.graphql<{ case: { version: number } }>(`query V($id: ID!) { case(id: $id) { version } }`, { id }),
  ).case.version;
}

export async function readFile(user: SignedIn, id: string): Promise<GraphqlResponse<{ case: CaseWithFile }>> {
  return user.graphql<{ case: CaseWithFile }>(FILE, { id });
}

/** Runs an operation that must succeed and returns its data. */
export async function run<T>(user: SignedIn, query: string, variables: Record<string, unknown>): Promise<T> {
  return ok(await user.graphql<T>(query, variables));
}

/** The first error of a response that must have failed. */
export function errorOf(response: GraphqlResponse<unknown>) {
  const error = response.body.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(response.body.data)}`);
  return { message: error.message, code: error.extensions?.code, extensions: error.extensions ?? {} };
}

export interface OwnerFileRow extends Record<string, unknown> {
  stage: string;
  status: string;
  decision_outcome: string | null;
  decision_reasons: string | null;
  version: number;
  case_version: number;
  cited: number;
}

/** The file and its case as stored (owner, no row-level security). */
export async function ownerFile(db: Database, caseId: string): Promise<OwnerFileRow> {
  const [row] = await queryRows<OwnerFileRow>(
    db,
    sql`SELECT f.stage, c.status, f.decision_outcome, f.decision_reasons, f.version, c.version AS case_version,
               (SELECT count(*)::int FROM decision_cited_charges d WHERE d.case_id = f.case_id) AS cited
          FROM immigration_files f JOIN cases c ON c.id = f.case_id WHERE f.case_id = ${caseId}`,
  );
  if (!row) throw new Error(`no file for ${caseId}`);
  return row;
}

/** The notifications written for an organization about a case, oldest first (owner view). */
export async function notificationsFor(db: Database, caseId: string, organizationId: string): Promise<string[]> {
  const rows = await queryRows<{ event: string }>(
    db,
    sql`SELECT event FROM notifications WHERE case_id = ${caseId} AND organization_id = ${organizationId}
         ORDER BY created_at, id`,
  );
  return rows.map((r) => r.event);
}

/**
 * Takes an acknowledged file from RECEIVED to DECISION with the given check results, through every
 * stage, as the officer.
 */
export async function toDecision(
  officer: SignedIn,
  caseId: string,
  results: { ELIGIBILITY?: string; MEDICAL?: string; SECURITY?: string; CRIMINALITY?: string } = {},
): Promise<void> {
  const check = (kind: string, result: string) =>
    run(officer, CHECK, { caseId, kind, result, note: `${kind} note (test, IRCC-internal)` });
  await run(officer, ADVANCE, { caseId, to: 'ELIGIBILITY_REVIEW' });
  await check('ELIGIBILITY', results.ELIGIBILITY ?? 'PASSED');
  await run(officer, ADVANCE, { caseId, to: 'INTERVIEW' });
  await run(officer, INTERVIEW, { caseId, at: new Date(Date.now() - 86_400_000).toISOString() });
  await run(officer, ADVANCE, { caseId, to: 'ADMISSIBILITY' });
  await check('MEDICAL', results.MEDICAL ?? 'PASSED');
  await check('SECURITY', results.SECURITY ?? 'PASSED');
  await check('CRIMINALITY', results.CRIMINALITY ?? 'PASSED');
  await run(officer, ADVANCE, { caseId, to: 'DECISION' });
}
