/**
 * What the transfer tests share: the GraphQL operations that move cases, small helpers that run
 * them as a signed-in user (throwing on any error), and owner-side reads of the database.
 */
import { randomBytes } from 'node:crypto';
import { type Database, queryRows } from '@hrd/server';
import { sql } from 'drizzle-orm';
import type { GraphqlResponse, TestServer } from '../support/server.js';
import { type SignedIn, signIn } from '../support/session.js';

export type Target = 'FLD' | 'UNHCR' | 'PD';
export type Urgency = 'EMERGENCY' | 'URGENT' | 'NORMAL';

export const CREATE_CASE = `mutation CreateCase($input: CreateCaseInput!) {
  createCase(input: $input) { id reference status version urgency viewerRelation }
}`;
const TRANSFER_FIELDS = 'id kind status from { id name kind } to { id name kind } note reason';
export const SUBMIT = `mutation Submit($caseId: ID!, $note: String) {
  submitToPd(caseId: $caseId, note: $note) { ${TRANSFER_FIELDS} }
}`;
export const DISTRIBUTE = `mutation Distribute($caseId: ID!, $to: DistributionTarget!, $note: String) {
  distributeCase(caseId: $caseId, to: $to, note: $note) { ${TRANSFER_FIELDS} }
}`;
export const DISTRIBUTE_MANY = `mutation DistributeMany($items: [DistributionInput!]!) {
  distributeCases(items: $items) { id kind status to { kind } }
}`;
export const OFFER = `mutation Offer($caseId: ID!, $note: String) {
  offerToUnhcr(caseId: $caseId, note: $note) { ${TRANSFER_FIELDS} }
}`;
export const ACCEPT = `mutation Accept($id: ID!) { acceptTransfer(transferId: $id) { ${TRANSFER_FIELDS} } }`;
export const DECLINE = `mutation Decline($id: ID!, $reason: String!) {
  declineTransfer(transferId: $id, reason: $reason) { ${TRANSFER_FIELDS} }
}`;
export const DECLINE_SUBMISSION = `mutation DeclineSubmission($id: ID!, $reason: String!) {
  declineSubmission(transferId: $id, reason: $reason) { ${TRANSFER_FIELDS} }
}`;
export const WITHDRAW = `mutation Withdraw($id: ID!) { withdrawTransfer(transferId: $id) { ${TRANSFER_FIELDS} } }`;
export const RECORD_ASSESSMENT = `mutation Assess($caseId: ID!, $v: Int!, $input: AssessmentInput!) {
  recordAssessment(caseId: $caseId, expectedVersion: $v, input: $input) { id status urgency version }
}`;
export const REFER = `mutation Refer($caseId: ID!, $v: Int!) {
  referToIrcc(caseId: $caseId, expectedVersion: $v) { transferId case { id status custodian { kind } } }
}`;
export const CASE_META = `query CaseMeta($id: ID!) {
  case(id: $id) {
    id reference status urgency version viewerRelation
    custodian { id name kind } origin { id name kind }
    transfers { id kind status from { name kind } to { name kind } note reason }
  }
}`;
export const INBOX = `query Inbox($filter: TransferFilter, $first: Int!) {
  transfers(filter: $filter, first: $first) {
    totalCount
    edges { node { id kind status createdAt note reason from { name kind } to { name kind }
      case { id reference urgency status } } }
  }
}`;

export interface TransferNode {
  id: string;
  kind: string;
  status: string;
  from: { id: string; name: string; kind: string };
  to: { id: string; name: string; kind: string };
  note: string | null;
  reason: string | null;
}
export interface CaseMeta {
  id: string;
  reference: string;
  status: string;
  urgency: Urgency;
  version: number;
  viewerRelation: string;
  custodian: { id: string; name: string; kind: string };
  origin: { id: string; name: string; kind: string };
  transfers: Array<{
    id: string;
    kind: string;
    status: string;
    from: { name: string; kind: string };
    to: { name: string; kind: string };
    note: string | null;
    reason: string | null;
  }>;
}
export interface InboxNode {
  id: string;
  kind: string;
  status: string;
  createdAt: string;
  note: string | null;
  reason: string | null;
  from: { name: string; kind: string };
  to: { name: string; kind: string };
  case: { id: string; reference: string; urgency: Urgency; status: string } | null;
}

/** Runs an operation and returns its data, or throws with the errors (for steps that must succeed). */
export async function ok<T>(pending: Promise<GraphqlResponse<T>>): Promise<T> {
  const response = await pending;
  if (response.body.errors?.length || !response.body.data) {
    throw new Error(`expected success, got ${JSON.stringify(response.body.errors)}`);
  }
  return response.body.data;
}

/** The demo users the transfer tests act as. */
export interface Actors {
  referrer: SignedIn;
  intake: SignedIn;
  pdCaseworker: SignedIn;
  pdAdmin: SignedIn;
  fld: SignedIn;
  unhcr: SignedIn;
}

export async function signInActors(server: TestServer): Promise<Actors> {
  const [referrer, intake, pdCaseworker, pdAdmin, fld, unhcr] = await Promise.all(
    [
      'referrer@civicshield.demo',
      'intake@pd.demo',
      'caseworker@pd.demo',
      'admin@pd.demo',
      'caseworker@fld.demo',
      'caseworker@unhcr.demo',
    ].map((email) => signIn(server, email)),
  );
  if (!referrer || !intake || !pdCaseworker || !pdAdmin || !fld || !unhcr) throw new Error('sign-in failed');
  return { referrer, intake, pdCaseworker, pdAdmin, fld, unhcr };
}

/** A word of letters only, distinct per call: names and narratives that can be searched for later. */
export function uniqueWord(prefix: string): string {
  const letters = [...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
  return `${prefix}${letters}`;
}

/** A CreateCaseInput with distinctive identifying and secret values. */
export function caseInput(overrides: Record<string, unknown> = {}) {
  const tag = uniqueWord('');
  return {
    urgency: 'NORMAL',
    countryOfNationality: 'SY',
    countryOfAsylum: 'TR',
    activities: ['JOURNALISM', 'WOMENS_RIGHTS'],
    hrdSummary: `Investigative reporter Qx${tag} documenting detentions (test data).`,
    riskSummary: `Followed by agents near the border, Qr${tag} (test data).`,
    inHiding: true,
    location: `Safe flat Ql${tag}, test district`,
    safeContact: `Signal handle Qs${tag}`,
    principal: {
      role: 'PRINCIPAL',
      givenName: `Given${tag}`,
      familyName: `Family${tag}`,
      dateOfBirth: '1984-03-07',
      sex: 'F',
      nationality: 'SY',
    },
    ...overrides,
  };
}

export interface CreatedCase {
  id: string;
  reference: string;
  version: number;
}

/** The referrer creates a DRAFT case. */
export async function createCase(referrer: SignedIn, overrides: Record<string, unknown> = {}): Promise<CreatedCase> {
  const data = await ok(referrer.graphql<{ createCase: CreatedCase }>(CREATE_CASE, { input: caseInput(overrides) }));
  return data.createCase;
}

export async function submit(referrer: SignedIn, caseId: string, note?: string): Promise<TransferNode> {
  return (await ok(referrer.graphql<{ submitToPd: TransferNode }>(SUBMIT, { caseId, note }))).submitToPd;
}

export async function accept(session: SignedIn, transferId: string): Promise<TransferNode> {
  return (await ok(session.graphql<{ acceptTransfer: TransferNode }>(ACCEPT, { id: transferId }))).acceptTransfer;
}

export async function distribute(intake: SignedIn, caseId: string, to: Target, note?: string): Promise<TransferNode> {
  return (await ok(intake.graphql<{ distributeCase: TransferNode }>(DISTRIBUTE, { caseId, to, note }))).distributeCase;
}

export async function offer(caseworker: SignedIn, caseId: string, note?: string): Promise<TransferNode> {
  return (await ok(caseworker.graphql<{ offerToUnhcr: TransferNode }>(OFFER, { caseId, note }))).offerToUnhcr;
}

/** Created by the referrer and submitted: SUBMITTED, held by the third party, PD the receiver. */
export async function submittedCase(
  a: Pick<Actors, 'referrer'>,
  overrides: Record<string, unknown> = {},
): Promise<CreatedCase & { submissionId: string }> {
  const created = await createCase(a.referrer, overrides);
  const submission = await submit(a.referrer, created.id, 'Please consider this case (test).');
  return { ...created, submissionId: submission.id };
}

/** Created, submitted and accepted by PD's intake: IN_TRIAGE, held by PD. */
export async function caseInTriage(
  a: Pick<Actors, 'referrer' | 'intake'>,
  overrides: Record<string, unknown> = {},
): Promise<CreatedCase & { submissionId: string }> {
  const created = await submittedCase(a, overrides);
  await accept(a.intake, created.submissionId);
  return created;
}

/** In triage and then distributed to FLD or UNHCR (pending their answer). */
export async function caseDistributed(
  a: Pick<Actors, 'referrer' | 'intake'>,
  to: 'FLD' | 'UNHCR' = 'FLD',
): Promise<CreatedCase & { submissionId: string; distributionId: string }> {
  const created = await caseInTriage(a);
  const distribution = await distribute(a.intake, created.id, to, 'For your assessment (test).');
  return { ...created, distributionId: distribution.id };
}

export async function caseMeta(session: SignedIn, id: string): Promise<CaseMeta> {
  return (await ok(session.graphql<{ case: CaseMeta }>(CASE_META, { id }))).case;
}

export const ALL_MET = [
  'HRD_TRACK_RECORD',
  'AT_RISK',
  'REFUGEE_DEFINITION',
  'NO_DURABLE_SOLUTION',
  'CONSENT',
  'FAMILY_VERIFIED',
].map((criterion) => ({ criterion, answer: 'MET', justification: `Checked ${criterion} (test).` }));

// ---- The database as its owner (no row-level security) ----

export interface CaseRow extends Record<string, unknown> {
  id: string;
  status: string;
  custodian_id: string;
  origin_id: string;
  version: number;
}
export interface TransferRow extends Record<string, unknown> {
  id: string;
  case_id: string;
  kind: string;
  status: string;
  from_organization_id: string;
  to_organization_id: string;
  decision_reason: string | null;
}

export async function caseRow(db: Database, id: string): Promise<CaseRow> {
  const [row] = await queryRows<CaseRow>(
    db,
    sql`SELECT id::text, status, custodian_id::text, origin_id::text, version FROM cases WHERE id = ${id}`,
  );
  if (!row) throw new Error(`no case ${id}`);
  return row;
}

/** A case's transfers, oldest first. */
export async function transferRows(db: Database, caseId: string): Promise<TransferRow[]> {
  return queryRows<TransferRow>(
    db,
    sql`SELECT id::text, case_id::text, kind, status, from_organization_id::text, to_organization_id::text,
               decision_reason
          FROM transfers WHERE case_id = ${caseId} ORDER BY created_at, id`,
  );
}

/** Cases with more than one PENDING transfer (the database should never hold one). */
export async function casesWithTwoPending(db: Database): Promise<string[]> {
  const rows = await queryRows<{ case_id: string }>(
    db,
    sql`SELECT case_id::text FROM transfers WHERE status = 'PENDING' GROUP BY case_id HAVING count(*) > 1`,
  );
  return rows.map((r) => r.case_id);
}

/**
 * Cases whose custodian is not where their accepted transfers led: the receiver of the last
 * ACCEPTED submission, distribution or offer, or the origin if none was accepted.
 */
export async function casesWithWrongCustodian(db: Database, ids?: readonly string[]): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT c.id::text FROM cases c
          LEFT JOIN LATERAL (
            SELECT t.to_organization_id FROM transfers t
             WHERE t.case_id = c.id AND t.status = 'ACCEPTED' AND t.kind <> 'RESETTLEMENT_REFERRAL'
             ORDER BY coalesce(t.decided_at, t.created_at) DESC, t.created_at DESC LIMIT 1
          ) last ON true
         WHERE c.custodian_id IS DISTINCT FROM coalesce(last.to_organization_id, c.origin_id)`,
  );
  const found = rows.map((r) => r.id);
  return ids ? found.filter((id) => ids.includes(id)) : found;
}

export async function organizationIdOfKind(db: Database, kind: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(db, sql`SELECT id::text FROM organizations WHERE kind = ${kind}`);
  if (!row) throw new Error(`no ${kind} organization`);
  return row.id;
}

export async function auditHead(db: Database): Promise<number> {
  const [row] = await queryRows<{ s: number }>(db, sql`SELECT coalesce(max(seq), 0)::int AS s FROM audit_events`);
  return Number(row?.s ?? 0);
}

export interface AuditRow extends Record<string, unknown> {
  seq: number;
  action: string;
  outcome: string;
  fields: string[];
  case_ids: string[];
  detail: Record<string, unknown>;
}

export async function auditAfter(db: Database, seq: number): Promise<AuditRow[]> {
  return queryRows<AuditRow>(
    db,
    sql`SELECT seq::int AS seq, action, outcome, fields, case_ids::text[] AS case_ids, detail
          FROM audit_events WHERE seq > ${seq} ORDER BY seq`,
  );
}

/**
 * Declines a transfer (declineTransfer, or declineSubmission) and checks, as the owner, that it
 * took effect: DECLINED with the reason. The answer is returned unchecked, because the server
 * once answered NOT_FOUND to a decline that succeeded (see the regression test in flows.db.test.ts).
 */
export async function declineChecked(
  db: Database,
  session: SignedIn,
  transferId: string,
  reason: string,
  mutation: 'declineTransfer' | 'declineSubmission' = 'declineTransfer',
): Promise<GraphqlResponse<Record<string, TransferNode>>> {
  const response = await session.graphql<Record<string, TransferNode>>(
    mutation === 'declineTransfer' ? DECLINE : DECLINE_SUBMISSION,
    { id: transferId, reason },
  );
  const [row] = await queryRows<{ status: string; decision_reason: string | null }>(
    db,
    sql`SELECT status, decision_reason FROM transfers WHERE id = ${transferId}`,
  );
  if (row?.status !== 'DECLINED' || row.decision_reason !== reason) {
    throw new Error(`the decline did not take effect: ${JSON.stringify(row)} ${JSON.stringify(response.body)}`);
  }
  return response;
}
