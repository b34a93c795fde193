/**
 * IRCC's processing of referred cases (DOMAIN.md, "IRCC stages"): acknowledging a referral opens
 * the ImmigrationFile; officers assign, move the file through its stages, record checks, the
 * interview, the decision and the arrival. Every change takes the case row's lock first (as every
 * case change does), then the file's, so concurrent changes queue; the file's version answers
 * CONFLICT to a caller who saw an older one. Each change is one savepoint: all of it, or nothing.
 */

import { createHash } from 'node:crypto';
import {
  ADMISSIBILITY_CHECKS,
  type CheckKind,
  type CheckResult,
  canMoveStage,
  DECIDED_STAGES,
  type DecisionOutcome,
  IMMIGRATION_STAGE_TRANSITIONS,
  ImmigrationStage,
} from '@hrd/schema';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { type Database, queryRows } from '../../db/client.js';
import {
  charges,
  decisionCitedCharges,
  immigrationChecks,
  immigrationFiles,
  informationRequests,
  users,
} from '../../db/schema.js';
import { AppError } from '../../graphql/errors.js';
import { isId } from '../../graphql/ids.js';
import { badInput, text } from '../../graphql/validate.js';
import { hasPermission } from '../../policy/policy.js';
import { assertMove, takeCaseForWrite, touchCase } from '../cases/case-write.js';
import { getCase } from '../cases/cases.service.js';
import type { CaseRecord } from '../cases/cases.types.js';
import { requireViewer } from '../identity/identity.service.js';
import { notifyOrganization } from '../notifications/notify.js';
import { assertPending, findTransfer, settleTransfer } from '../transfers/transfers.service.js';
import { type QuotaReport, quotaReport, referralYear } from './quota.service.js';

export type FileRow = typeof immigrationFiles.$inferSelect;

const mayProcess = (ctx: AppContext) => !!ctx.viewer && hasPermission(ctx.viewer, 'ircc:process');

const stageIndex = (stage: ImmigrationStage) => ImmigrationStage.values.indexOf(stage);

function stageError(file: FileRow, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('INVALID_TRANSITION', message, {
    currentStage: file.stage,
    allowedMoves: [...IMMIGRATION_STAGE_TRANSITIONS[file.stage]],
    ...extra,
  });
}

/** The case must be in one of these partner-side statuses for IRCC to act on it. */
function assertCaseStatus(record: CaseRecord, file: FileRow, statuses: readonly CaseRecord['status'][]): void {
  if (!statuses.includes(record.status)) {
    throw stageError(file, `IRCC cannot act on this file while the case is ${record.status}.`, {
      currentStatus: record.status,
    });
  }
}

/**
 * Takes a case's ImmigrationFile for a change by an IRCC officer: the case as `takeCaseForWrite`
 * takes it (NOT_FOUND, FORBIDDEN), then the file, locked, at the version the caller saw.
 */
async function takeFile(
  ctx: AppContext,
  tx: Database,
  caseId: string,
  action: string,
  expectedVersion?: number | null,
): Promise<{ record: CaseRecord; file: FileRow }> {
  const record = await takeCaseForWrite(ctx, tx, caseId, {
    action,
    writes: ['IRCC_INTERNAL'],
    allowed: (r) => r.relation === 'IRCC' && mayProcess(ctx),
  });
  const [file] = await tx.select().from(immigrationFiles).where(eq(immigrationFiles.caseId, record.id)).for('update');
  if (!file) {
    throw new AppError('INVALID_TRANSITION', 'IRCC has not acknowledged this referral yet: acknowledge it first.', {
      currentStatus: record.status,
      allowedMoves: [],
    });
  }
  if (expectedVersion !== undefined && expectedVersion !== null && expectedVersion !== file.version) {
    throw new AppError('CONFLICT', 'Someone else changed this file first: reload it and try again.', {
      currentVersion: file.version,
    });
  }
  return { record, file };
}

async function updateFile(tx: Database, caseId: string, set: Partial<typeof immigrationFiles.$inferInsert>) {
  await tx
    .update(immigrationFiles)
    .set({ ...set, updatedAt: new Date(), version: sql`${immigrationFiles.version} + 1` })
    .where(eq(immigrationFiles.caseId, caseId));
}

async function openRequestCount(tx: Database, caseId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(informationRequests)
    .where(and(eq(informationRequests.caseId, caseId), eq(informationRequests.status, 'OPEN')));
  return Number(row?.n ?? 0);
}

/** An open information request defers the file: it waits for the partner's answer (not a refusal). */
async function assertNotDeferred(tx: Database, file: FileRow): Promise<void> {
  const open = await openRequestCount(tx, file.caseId);
  if (open > 0) {
    throw stageError(file, 'The file is deferred: an information request to the partner is still open.', {
      openInformationRequests: open,
    });
  }
}

const optionalVersion = (value: number | null | undefined) => {
  if (value !== undefined && value !== null && (!Number.isInteger(value) || value < 1)) {
    badInput('expectedVersion is a positive integer.', ['expectedVersion']);
  }
  return value;
};

/** IRCC accepts a pending RESETTLEMENT_REFERRAL and opens the file: a file number, stage RECEIVED. */
export async function acknowledgeReferral(ctx: AppContext, transferId: string): Promise<CaseRecord> {
  const caseId = await ctx.scope.mutate(async (tx) => {
    const viewer = requireViewer(ctx);
    // A transfer the caller cannot see is NOT_FOUND, as for an unknown id; the attempt is audited.
    const found = await findTransfer(tx, transferId).catch((error: unknown) => {
      if (error instanceof AppError && error.extensions.code === 'NOT_FOUND') {
        ctx.audit.record({ action: 'ircc.acknowledge', outcome: 'DENIED', detail: { reason: 'not_found' } });
      }
      throw error;
    });
    // Who may comes before what the transfer is: a caller who may not acknowledge gets FORBIDDEN
    // (audited) whatever state the referral is in.
    const record = await takeCaseForWrite(ctx, tx, found.caseId, {
      action: 'ircc.acknowledge',
      writes: ['IRCC_INTERNAL'],
      allowed: (r) => r.relation === 'IRCC' && mayProcess(ctx),
    });
    if (found.kind !== 'RESETTLEMENT_REFERRAL') {
      badInput('Only a RESETTLEMENT_REFERRAL is acknowledged.', ['transferId']);
    }
    // Read under the case lock: a withdrawal may have settled it meanwhile.
    const transfer = await findTransfer(tx, transferId);
    assertPending(transfer);
    const now = new Date();
    const [numbered] = await queryRows<{ n: string }>(
      tx,
      sql`SELECT hrd_next_file_number(${now.getUTCFullYear()}) AS n`,
    );
    const fileNumber = numbered?.n;
    if (!fileNumber) throw new Error('no file number');
    await tx.insert(immigrationFiles).values({
      caseId: record.id,
      fileNumber,
      stage: 'RECEIVED',
      expedited: record.urgency === 'EMERGENCY',
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(immigrationChecks).values(
      (['ELIGIBILITY', ...ADMISSIBILITY_CHECKS] as CheckKind[]).map((kind) => ({
        caseId: record.id,
        kind,
        result: 'PENDING' as const,
        recordedAt: now,
      })),
    );
    await settleTransfer(tx, transfer, 'ACCEPTED', null, viewer.userId);
    await touchCase(tx, record);
    await notifyOrganization(tx, record.custodianId, 'ircc.acknowledged', record);
    ctx.audit.record({
      action: 'ircc.acknowledge',
      outcome: 'ALLOWED',
      caseIds: [record.id],
      fields: ['META', 'IRCC_INTERNAL'],
    });
    return record.id;
  });
  return getCase(ctx, caseId);
}

/** Assigns the file to an IRCC officer (or unassigns it with null). */
export async function assignOfficer(
  ctx: AppContext,
  caseId: string,
  officerId: string | null,
  expectedVersion?: number | null,
): Promise<CaseRecord> {
  optionalVersion(expectedVersion);
  await ctx.scope.mutate(async (tx) => {
    const viewer = requireViewer(ctx);
    const { record, file } = await takeFile(ctx, tx, caseId, 'ircc.assign', expectedVersion);
    assertCaseStatus(record, file, ['REFERRED', 'APPROVED']);
    let officer: string | null = null;
    if (officerId !== null) {
      const [user] = isId(officerId)
        ? await tx
            .select({ id: users.id })
            .from(users)
            .where(
              and(
                eq(users.id, officerId.toLowerCase()),
                eq(users.organizationId, viewer.organizationId),
                eq(users.active, true),
                sql`'OFFICER' = ANY (${users.roles})`,
              ),
            )
        : [];
      if (!user) badInput('Not an active IRCC officer.', ['officerId']);
      officer = user.id;
    }
    await updateFile(tx, record.id, { assignedOfficerId: officer });
    ctx.audit.record({ action: 'ircc.assign', outcome: 'ALLOWED', caseIds: [record.id], fields: ['IRCC_INTERNAL'] });
  });
  return getCase(ctx, caseId);
}

/**
 * Moves the file one stage on. Leaving ELIGIBILITY_REVIEW needs the eligibility check's result,
 * leaving INTERVIEW needs the interview date, leaving ADMISSIBILITY needs the MEDICAL, SECURITY and
 * CRIMINALITY results; an open information request holds the file where it is.
 */
export async function advanceStage(
  ctx: AppContext,
  caseId: string,
  to: ImmigrationStage,
  expectedVersion?: number | null,
): Promise<CaseRecord> {
  optionalVersion(expectedVersion);
  await ctx.scope.mutate(async (tx) => {
    const { record, file } = await takeFile(ctx, tx, caseId, 'ircc.stage', expectedVersion);
    if (!canMoveStage(file.stage, to)) {
      throw stageError(file, `A file at ${file.stage} cannot move to ${to}.`);
    }
    if (DECIDED_STAGES.includes(to)) {
      throw stageError(
        file,
        to === 'ARRIVED' ? 'An arrival is recorded with recordArrival.' : 'A decision is recorded with recordDecision.',
      );
    }
    assertCaseStatus(record, file, to === 'TRAVEL' ? ['APPROVED'] : ['REFERRED']);
    await assertNotDeferred(tx, file);
    const checks = await tx.select().from(immigrationChecks).where(eq(immigrationChecks.caseId, record.id));
    const missing = (kinds: readonly CheckKind[]) =>
      kinds.filter((k) => (checks.find((c) => c.kind === k)?.result ?? 'PENDING') === 'PENDING');
    if (file.stage === 'ELIGIBILITY_REVIEW' && missing(['ELIGIBILITY']).length) {
      throw stageError(file, 'The eligibility check has no result yet.', { missingChecks: ['ELIGIBILITY'] });
    }
    if (file.stage === 'INTERVIEW' && !file.interviewAt) {
      throw stageError(file, 'Record the interview date first (scheduleInterview).', { missing: ['interviewAt'] });
    }
    if (file.stage === 'ADMISSIBILITY' && missing(ADMISSIBILITY_CHECKS).length) {
      const lacking = missing(ADMISSIBILITY_CHECKS);
      throw stageError(file, `ADMISSIBILITY is complete only when these checks have results: ${lacking.join(', ')}.`, {
        missingChecks: lacking,
      });
    }
    await updateFile(tx, record.id, { stage: to });
    ctx.audit.record({
      action: 'ircc.stage',
      outcome: 'ALLOWED',
      caseIds: [record.id],
      fields: ['META', 'IRCC_INTERNAL'],
      detail: { from: file.stage, to },
    });
  });
  return getCase(ctx, caseId);
}

/** Records a check's result and note (the note is IRCC-internal). */
export async function recordCheck(
  ctx: AppContext,
  caseId: string,
  kind: CheckKind,
  result: CheckResult,
  noteText: string | null | undefined,
  expectedVersion?: number | null,
): Promise<CaseRecord> {
  optionalVersion(expectedVersion);
  const note = noteText ? text(noteText, ['note'], { max: 4_000 }) : null;
  await ctx.scope.mutate(async (tx) => {
    const viewer = requireViewer(ctx);
    const { record, file } = await takeFile(ctx, tx, caseId, 'ircc.check', expectedVersion);
    assertCaseStatus(record, file, ['REFERRED']);
    if (stageIndex(file.stage) > stageIndex('DECISION')) {
      throw stageError(file, 'The decision is made: its checks no longer change.');
    }
    // A check that gated a stage already passed cannot go back to PENDING.
    const gate: ImmigrationStage = kind === 'ELIGIBILITY' ? 'ELIGIBILITY_REVIEW' : 'ADMISSIBILITY';
    if (result === 'PENDING' && stageIndex(file.stage) > stageIndex(gate)) {
      throw stageError(file, `The file is past ${gate}: the ${kind} check needs a result.`);
    }
    const now = new Date();
    await tx
      .insert(immigrationChecks)
      .values({ caseId: record.id, kind, result, note, recordedBy: viewer.userId, recordedAt: now })
      .onConflictDoUpdate({
        target: [immigrationChecks.caseId, immigrationChecks.kind],
        set: { result, note, recordedBy: viewer.userId, recordedAt: now },
      });
    await updateFile(tx, record.id, {});
    ctx.audit.record({
      action: 'ircc.check',
      outcome: 'ALLOWED',
      caseIds: [record.id],
      fields: ['IRCC_INTERNAL'],
      detail: { kind, result },
    });
  });
  return getCase(ctx, caseId);
}

/** Sets (or moves) the interview date, up to the INTERVIEW stage. */
export async function scheduleInterview(
  ctx: AppContext,
  caseId: string,
  at: Date,
  expectedVersion?: number | null,
): Promise<CaseRecord> {
  optionalVersion(expectedVersion);
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) badInput('Give a date and time.', ['at']);
  const year = at.getUTCFullYear();
  if (year < 2021 || year > new Date().getUTCFullYear() + 2) badInput('The date is out of range.', ['at']);
  await ctx.scope.mutate(async (tx) => {
    const { record, file } = await takeFile(ctx, tx, caseId, 'ircc.interview', expectedVersion);
    assertCaseStatus(record, file, ['REFERRED']);
    if (stageIndex(file.stage) > stageIndex('INTERVIEW')) {
      throw stageError(file, 'The interview stage is over.');
    }
    await updateFile(tx, record.id, { interviewAt: at });
    ctx.audit.record({ action: 'ircc.interview', outcome: 'ALLOWED', caseIds: [record.id], fields: ['IRCC_INTERNAL'] });
  });
  return getCase(ctx, caseId);
}

export interface DecisionArgs {
  outcome: DecisionOutcome;
  reasons?: string | null;
  citedChargeIds?: readonly string[] | null;
  overrideNote?: string | null;
  expectedVersion?: number | null;
}

export interface DecisionAnswer {
  case: CaseRecord;
  quota: QuotaReport;
  passesCap: boolean;
  warnings: string[];
}

/**
 * The decision. An approval needs every check PASSED. A refusal needs reasons; when the
 * CRIMINALITY check FAILED it must cite the charges it relied on; citing a charge the partner
 * flagged JUDICIAL_HARASSMENT needs an override note, recorded (as a hash, with the officer) in the
 * audit chain. The partner sees the outcome, never the reasons; a refusal is told to it at once.
 */
export async function recordDecision(ctx: AppContext, caseId: string, args: DecisionArgs): Promise<DecisionAnswer> {
  optionalVersion(args.expectedVersion);
  const reasons = args.reasons ? text(args.reasons, ['reasons'], { min: 3, max: 4_000 }) : null;
  if (args.outcome === 'REFUSED' && !reasons) badInput('A refusal states its reasons.', ['reasons']);
  const overrideNote = args.overrideNote ? text(args.overrideNote, ['overrideNote'], { min: 10, max: 4_000 }) : null;
  const cited = [...(args.citedChargeIds ?? [])];
  if (cited.length > 50) badInput('Cite at most 50 charges.', ['citedChargeIds']);
  cited.forEach((id, i) => {
    if (!isId(id)) badInput('Not a charge of this case.', ['citedChargeIds', i]);
  });
  const citedIds = [...new Set(cited.map((id) => id.toLowerCase()))];
  if (args.outcome === 'APPROVED' && citedIds.length) badInput('Only a refusal cites charges.', ['citedChargeIds']);

  const answer = await ctx.scope.mutate(async (tx) => {
    const viewer = requireViewer(ctx);
    const { record, file } = await takeFile(ctx, tx, caseId, 'ircc.decision', args.expectedVersion);
    assertCaseStatus(record, file, ['REFERRED']);
    if (file.stage !== 'DECISION') throw stageError(file, `A decision is recorded at the DECISION stage.`);
    await assertNotDeferred(tx, file);
    const checks = await tx.select().from(immigrationChecks).where(eq(immigrationChecks.caseId, record.id));
    const resultOf = (k: CheckKind) => checks.find((c) => c.kind === k)?.result ?? 'PENDING';
    let flagged: string[] = [];
    if (args.outcome === 'APPROVED') {
      const notPassed = (['ELIGIBILITY', ...ADMISSIBILITY_CHECKS] as CheckKind[]).filter(
        (k) => resultOf(k) !== 'PASSED',
      );
      if (notPassed.length) {
        throw stageError(file, `An approval needs every check PASSED; not: ${notPassed.join(', ')}.`, {
          checksNotPassed: notPassed,
        });
      }
      if (overrideNote)
        badInput('An override note goes with a cited charge flagged as judicial harassment.', ['overrideNote']);
    } else {
      if (resultOf('CRIMINALITY') === 'FAILED' && citedIds.length === 0) {
        badInput('A refusal on criminality grounds must cite the charges it relied on.', ['citedChargeIds']);
      }
      const found = citedIds.length
        ? await tx
            .select({ id: charges.id, partnerView: charges.partnerView })
            .from(charges)
            .where(and(eq(charges.caseId, record.id), inArray(charges.id, citedIds)))
        : [];
      const unknown = citedIds.filter((id) => !found.some((c) => c.id === id));
      if (unknown.length) {
        throw new AppError('BAD_USER_INPUT', 'Not a charge of this case.', {
          paths: unknown.map((id) => ['citedChargeIds', cited.findIndex((c) => c.toLowerCase() === id)]),
        });
      }
      flagged = found.filter((c) => c.partnerView === 'JUDICIAL_HARASSMENT').map((c) => c.id);
      if (flagged.length && !overrideNote) {
        ctx.audit.record({
          action: 'ircc.decision',
          outcome: 'DENIED',
          caseIds: [record.id],
          fields: ['CHARGES'],
          detail: { reason: 'judicial_harassment_not_overridden', chargeIds: flagged },
        });
        throw new AppError(
          'BAD_USER_INPUT',
          'The partner flagged a cited charge as judicial harassment: citing it needs an override note explaining why.',
          { paths: [['overrideNote']], flaggedChargeIds: flagged },
        );
      }
      if (overrideNote && !flagged.length) {
        badInput('An override note goes with a cited charge flagged as judicial harassment.', ['overrideNote']);
      }
    }
    const year = await referralYear(tx, record.id);
    const before = await quotaReport(tx, year);
    const passesCap =
      args.outcome === 'APPROVED' &&
      before.personCap !== null &&
      before.approvedPersons + record.size > before.personCap;
    const now = new Date();
    await updateFile(tx, record.id, {
      stage: args.outcome,
      decisionOutcome: args.outcome,
      decisionReasons: reasons,
      decisionOverrideNote: overrideNote,
      decidedBy: viewer.userId,
      decidedAt: now,
    });
    if (citedIds.length) {
      await tx.insert(decisionCitedCharges).values(citedIds.map((chargeId) => ({ caseId: record.id, chargeId })));
    }
    assertMove(record.status, args.outcome);
    await touchCase(tx, record, { status: args.outcome });
    await notifyOrganization(
      tx,
      record.custodianId,
      args.outcome === 'REFUSED' ? 'ircc.refused' : 'ircc.approved',
      record,
    );
    ctx.audit.record({
      action: 'ircc.decision',
      outcome: 'ALLOWED',
      caseIds: [record.id],
      fields: ['META', 'IRCC_INTERNAL'],
      detail: { outcome: args.outcome, ...(passesCap ? { passesCap: true } : {}) },
    });
    if (flagged.length && overrideNote) {
      // The override is the officer's to answer for: who, which charges, and a digest that binds
      // the note's exact words to the chain (the words stay in the file, IRCC-internal).
      ctx.audit.record({
        action: 'ircc.decision.override',
        outcome: 'ALLOWED',
        caseIds: [record.id],
        fields: ['CHARGES', 'IRCC_INTERNAL'],
        detail: {
          overriddenFlag: 'JUDICIAL_HARASSMENT',
          chargeIds: flagged,
          overrideNoteSha256: createHash('sha256').update(overrideNote).digest('hex'),
        },
      });
    }
    const warnings = passesCap
      ? [`Approving this case (${record.size} persons) takes ${year} past its cap of ${before.personCap} persons.`]
      : [];
    return { quota: await quotaReport(tx, year), passesCap, warnings };
  });
  return { case: await getCase(ctx, caseId), ...answer };
}

/** The arrival in Canada: TRAVEL → ARRIVED, and the case ARRIVED. */
export async function recordArrival(
  ctx: AppContext,
  caseId: string,
  arrivedAt: Date | null | undefined,
  expectedVersion?: number | null,
): Promise<CaseRecord> {
  optionalVersion(expectedVersion);
  const at = arrivedAt ?? new Date();
  if (Number.isNaN(at.getTime()) || at.getTime() > Date.now() + 60_000) {
    badInput('The arrival date cannot be in the future.', ['arrivedAt']);
  }
  await ctx.scope.mutate(async (tx) => {
    const { record, file } = await takeFile(ctx, tx, caseId, 'ircc.arrival', expectedVersion);
    if (file.stage !== 'TRAVEL') throw stageError(file, 'An arrival is recorded at the TRAVEL stage.');
    assertCaseStatus(record, file, ['APPROVED']);
    await updateFile(tx, record.id, { stage: 'ARRIVED', arrivedAt: at });
    assertMove(record.status, 'ARRIVED');
    await touchCase(tx, record, { status: 'ARRIVED' });
    await notifyOrganization(tx, record.custodianId, 'ircc.arrived', record);
    ctx.audit.record({
      action: 'ircc.arrival',
      outcome: 'ALLOWED',
      caseIds: [record.id],
      fields: ['META', 'IRCC_INTERNAL'],
    });
  });
  return getCase(ctx, caseId);
}

/** Whether approving this file now would take its referral year past the cap (IRCC_INTERNAL). */
export async function approvalWouldPassCap(ctx: AppContext, record: CaseRecord, file: FileRow): Promise<boolean> {
  if (file.decisionOutcome) return false;
  const tx = await ctx.scope.tx();
  const year = (await ctx.loaders.referralYearByCase.load(record.id)) ?? new Date().getUTCFullYear();
  const reports = quotaMemo.get(ctx) ?? new Map<number, Promise<QuotaReport>>();
  quotaMemo.set(ctx, reports);
  const report = reports.get(year) ?? quotaReport(tx, year);
  reports.set(year, report);
  const { personCap, approvedPersons } = await report;
  return personCap !== null && approvedPersons + record.size > personCap;
}

/** One quota report per request and year, however many files ask. */
const quotaMemo = new WeakMap<AppContext, Map<number, Promise<QuotaReport>>>();
