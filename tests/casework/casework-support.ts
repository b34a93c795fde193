/**
 * What the casework tests share: the GraphQL operations of case work, a valid new case, helpers
 * that run them as a signed-in user (throwing on any error), error inspection, and owner-side
 * reads of the database (no row-level security) to check that a refused change changed nothing.
 */
import { CASE_TRANSITIONS, type CaseStatus, Criterion } from '@hrd/schema';
import { type Database, queryRows } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { GraphqlResponse } from '../support/server.js';
import type { SignedIn } from '../support/session.js';

export const PURPOSE = 'casework test: checking what was stored';

export const CASE_META_FIELDS = `id reference status version size urgency viewerRelation
  custodian { id kind name } origin { id kind }
  transfers { id kind status from { id kind } to { id kind } }`;

/** Everything a custodian caseworker may read of a case (SECRET with a purpose). */
export const CASE_FULL_FIELDS = `${CASE_META_FIELDS}
  countryOfNationality countryOfAsylum activities inHiding
  hrdProfile { summary riskSummary activities }
  persons { id role givenName familyName dateOfBirth sex nationality version }
  charges { id personId description jurisdiction date outcome partnerView partnerNote version }
  assessment { answers { criterion answer justification } consentOverrideReason notEligibleReason withdrawalReason primaryCategory }
  location(purpose: "${PURPOSE}") safeContact(purpose: "${PURPOSE}")`;

export const CASE_META = `query CaseMeta($id: ID!) { case(id: $id) { ${CASE_META_FIELDS} } }`;
export const CASE_FULL = `query CaseFull($id: ID!) { case(id: $id) { ${CASE_FULL_FIELDS} } }`;
export const CREATE_CASE = `mutation CreateCase($input: CreateCaseInput!) {
  createCase(input: $input) { ${CASE_META_FIELDS} persons { id role givenName } }
}`;
export const CREATE_CASE_FULL = `mutation CreateCase($input: CreateCaseInput!) { createCase(input: $input) { ${CASE_FULL_FIELDS} } }`;
export const UPDATE_CASE = `mutation UpdateCase($id: ID!, $v: Int!, $input: UpdateCaseInput!) {
  updateCase(id: $id, expectedVersion: $v, input: $input) {
    ${CASE_META_FIELDS} hrdProfile { riskSummary } location(purpose: "${PURPOSE}")
  }
}`;
export const ADD_PERSON = `mutation AddPerson($caseId: ID!, $input: PersonInput!) {
  addPerson(caseId: $caseId, input: $input) { id role givenName familyName dateOfBirth version }
}`;
export const UPDATE_PERSON = `mutation UpdatePerson($id: ID!, $v: Int!, $input: PersonPatch!) {
  updatePerson(id: $id, expectedVersion: $v, input: $input) { id role version }
}`;
export const REMOVE_PERSON = `mutation RemovePerson($id: ID!) { removePerson(id: $id) { id status version size } }`;
export const ADD_CHARGE = `mutation AddCharge($caseId: ID!, $input: ChargeInput!) {
  addCharge(caseId: $caseId, input: $input) { id personId description jurisdiction outcome partnerView partnerNote version }
}`;
export const RECORD_ASSESSMENT = `mutation Assess($caseId: ID!, $v: Int!, $input: AssessmentInput!) {
  recordAssessment(caseId: $caseId, expectedVersion: $v, input: $input) {
    id status version urgency assessment { answers { criterion answer justification } consentOverrideReason }
  }
}`;
/** recordAssessment without reading the assessment back (for callers who may not read it). */
export const RECORD_ASSESSMENT_META = `mutation Assess($caseId: ID!, $v: Int!, $input: AssessmentInput!) {
  recordAssessment(caseId: $caseId, expectedVersion: $v, input: $input) { id status version }
}`;
export const MARK_NOT_ELIGIBLE = `mutation NotEligible($caseId: ID!, $v: Int!, $reason: String!) {
  markNotEligible(caseId: $caseId, expectedVersion: $v, reason: $reason) { id status version }
}`;
export const WITHDRAW_CASE = `mutation WithdrawCase($caseId: ID!, $reason: String!) {
  withdrawCase(caseId: $caseId, reason: $reason) { ${CASE_META_FIELDS} }
}`;
export const REFER = `mutation Refer($caseId: ID!, $v: Int!) {
  referToIrcc(caseId: $caseId, expectedVersion: $v) {
    transferId
    case { ${CASE_META_FIELDS} }
    quota { year personCap referredPersons partnerTarget partnerReferredPersons overCap overPartnerTarget }
  }
}`;

export interface Org {
  id: string;
  kind: string;
  name?: string;
}
export interface TransferMeta {
  id: string;
  kind: string;
  status: string;
  from: Org;
  to: Org;
}
export interface CaseMeta {
  id: string;
  reference: string;
  status: CaseStatus;
  version: number;
  size: number;
  urgency: string;
  viewerRelation: string;
  custodian: Org;
  origin: Org;
  transfers: TransferMeta[];
}
export interface PersonNode {
  id: string;
  role: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  sex: string | null;
  nationality: string | null;
  version: number;
}
export interface ChargeNode {
  id: string;
  personId: string;
  description: string;
  jurisdiction: string;
  date: string | null;
  outcome: string;
  partnerView: string;
  partnerNote: string | null;
  version: number;
}
export interface AnswerNode {
  criterion: string;
  answer: string;
  justification: string;
}
export interface CaseFull extends CaseMeta {
  countryOfNationality: string | null;
  countryOfAsylum: string | null;
  activities: string[];
  inHiding: boolean | null;
  hrdProfile: { summary: string | null; riskSummary: string | null; activities: string[] } | null;
  persons: PersonNode[] | null;
  charges: ChargeNode[] | null;
  assessment: {
    answers: AnswerNode[];
    consentOverrideReason: string | null;
    notEligibleReason: string | null;
    withdrawalReason: string | null;
    primaryCategory: string | null;
  } | null;
  location: string | null;
  safeContact: string | null;
}
export interface QuotaNode {
  year: number;
  personCap: number | null;
  referredPersons: number;
  partnerTarget: number | null;
  partnerReferredPersons: number;
  overCap: boolean;
  overPartnerTarget: boolean;
}

/** A valid new case, with a principal, countries, activities and both SECRET fields. */
export function newCaseInput(overrides: Record<string, unknown> = {}, tag = 'walk') {
  return {
    urgency: 'URGENT',
    countryOfNationality: 'BY',
    countryOfAsylum: 'GE',
    activities: ['JOURNALISM', 'ANTI_CORRUPTION'],
    hrdSummary: `Synthetic defender for the casework tests (${tag}).`,
    riskSummary: 'Followed after publishing a report (test data).',
    inHiding: true,
    location: `Test safe house for ${tag}, fictitious district`,
    safeContact: `Signal via test contact for ${tag} (fictitious)`,
    principal: {
      role: 'PRINCIPAL',
      givenName: 'Testa',
      familyName: `Casework-${tag}`,
      dateOfBirth: '1984-05-17',
      sex: 'F',
      nationality: 'BY',
    },
    ...overrides,
  };
}

export const person = (role: string, givenName: string, dateOfBirth = '1990-01-02') => ({
  role,
  givenName,
  familyName: 'Casework-family',
  dateOfBirth,
  sex: 'M',
  nationality: 'BY',
});

/** Answers for criteria, each MET / NOT_MET with a justification, UNKNOWN without. */
export function answers(spec: Partial<Record<Criterion, 'MET' | 'NOT_MET' | 'UNKNOWN'>>) {
  return Object.entries(spec).map(([criterion, answer]) => ({
    criterion,
    answer,
    ...(answer === 'UNKNOWN' ? {} : { justification: `Test justification for ${criterion} (${answer}).` }),
  }));
}
export const ALL_MET = Object.fromEntries(Criterion.values.map((c) => [c, 'MET'])) as Record<Criterion, 'MET'>;

/** The data of a response that must have no errors. */
export function ok<T>(response: GraphqlResponse<T>, what = 'operation'): T {
  if (response.body.errors?.length || !response.body.data) {
    throw new Error(`${what} failed: ${JSON.stringify(response.body.errors)}`);
  }
  return response.body.data;
}

/** The first error of a response that must have failed (and returned no data for the field). */
export function failure(response: GraphqlResponse<unknown>) {
  const error = response.body.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(response.body.data)}`);
  return { message: error.message, code: error.extensions?.code, extensions: error.extensions ?? {} };
}

/** Asserts INVALID_TRANSITION naming the current status and the status machine's allowed moves. */
export function expectInvalidTransition(response: GraphqlResponse<unknown>, current: CaseStatus) {
  const error = failure(response);
  expect(error.code, error.message).toBe('INVALID_TRANSITION');
  expect(error.extensions.currentStatus).toBe(current);
  expect(error.extensions.allowedMoves).toEqual([...CASE_TRANSITIONS[current]]);
  return error;
}

export async function createCase(user: SignedIn, input: Record<string, unknown> = newCaseInput()) {
  return ok(await user.graphql<{ createCase: CaseMeta & { persons: PersonNode[] } }>(CREATE_CASE, { input }))
    .createCase;
}

export async function readCase(user: SignedIn, id: string): Promise<CaseFull> {
  const data = ok(await user.graphql<{ case: CaseFull }>(CASE_FULL, { id }), 'case');
  return data.case;
}

export async function readMeta(user: SignedIn, id: string): Promise<CaseMeta> {
  return ok(await user.graphql<{ case: CaseMeta }>(CASE_META, { id }), 'case').case;
}

export async function assess(
  user: SignedIn,
  id: string,
  version: number,
  input: Record<string, unknown>,
): Promise<{ id: string; status: CaseStatus; version: number; assessment: CaseFull['assessment'] }> {
  return ok(
    await user.graphql<{
      recordAssessment: { id: string; status: CaseStatus; version: number; assessment: CaseFull['assessment'] };
    }>(RECORD_ASSESSMENT, { caseId: id, v: version, input }),
    'recordAssessment',
  ).recordAssessment;
}

export interface OwnerCaseRow extends Record<string, unknown> {
  status: string;
  version: number;
  size: number;
  custodian_id: string;
  risk_summary: string | null;
  updated_at: string;
  persons: number;
  charges: number;
  transfers: string;
  answers: string;
}

/** The case as the owner sees it: what a refused change must leave exactly as it was. */
export async function ownerCase(db: Database, id: string): Promise<OwnerCaseRow> {
  const [row] = await queryRows<OwnerCaseRow>(
    db,
    sql`SELECT c.status, c.version, c.size, c.custodian_id::text AS custodian_id, c.risk_summary,
               c.updated_at::text AS updated_at,
               (SELECT count(*)::int FROM persons p WHERE p.case_id = c.id) AS persons,
               (SELECT count(*)::int FROM charges h WHERE h.case_id = c.id) AS charges,
               coalesce((SELECT string_agg(t.kind || ':' || t.status, ',' ORDER BY t.created_at, t.id)
                           FROM transfers t WHERE t.case_id = c.id), '') AS transfers,
               coalesce((SELECT string_agg(a.criterion || ':' || a.answer, ',' ORDER BY a.criterion)
                           FROM assessment_answers a WHERE a.case_id = c.id), '') AS answers
          FROM cases c WHERE c.id = ${id}`,
  );
  if (!row) throw new Error(`case ${id} not in the database`);
  return row;
}

/**
 * Persons referred in a (UTC) year per organization, counted from the raw rows on the owner
 * connection (not through the function the quota check uses): live referrals' case sizes.
 */
export async function referredPersons(db: Database, year: number): Promise<Map<string, number>> {
  const rows = await queryRows<{ organization_id: string; persons: number }>(
    db,
    sql`SELECT t.from_organization_id::text AS organization_id, sum(c.size)::int AS persons
          FROM transfers t JOIN cases c ON c.id = t.case_id
         WHERE t.kind = 'RESETTLEMENT_REFERRAL' AND t.status IN ('PENDING', 'ACCEPTED')
           AND t.created_at >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'UTC')
           AND t.created_at < make_timestamptz(${year} + 1, 1, 1, 0, 0, 0, 'UTC')
         GROUP BY t.from_organization_id`,
  );
  return new Map(rows.map((r) => [r.organization_id, Number(r.persons)]));
}

export async function countCases(db: Database): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM cases`);
  return Number(row?.n);
}

/** A date (YYYY-MM-DD, UTC) some days from today. */
export const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export const currentYear = () => new Date().getUTCFullYear();
