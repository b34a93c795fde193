/**
 * Moving cases between organizations (DOMAIN.md, "Transfer"): third-party submissions to PD,
 * PD's distribution, offers to UNHCR, and their acceptance, decline and withdrawal. Each move is
 * one savepoint: the case and its transfer change together, custody is never held by two nor by
 * none (a case has at most one PENDING transfer; the database holds that too), and the case row
 * is locked first, so racing moves queue and the loser finds the new state.
 */
import type { CaseStatus, OrganizationKind, TransferKind } from '@hrd/schema';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/client.js';
import { cases, organizations, transfers } from '../../db/schema.js';
import { AppError } from '../../graphql/errors.js';
import { isId } from '../../graphql/ids.js';
import { text } from '../../graphql/validate.js';
import { hasPermission, type Permission } from '../../policy/policy.js';
import { assertMove, takeCaseForWrite, touchCase } from '../cases/case-write.js';
import type { CaseRecord } from '../cases/cases.types.js';
import { requireViewer } from '../identity/identity.service.js';
import { type NotificationEvent, notifyOrganization } from '../notifications/notify.js';
import type { TransferRecord } from './transfers.types.js';

export const TRANSFER_NOT_FOUND = 'Transfer not found.';
export const MAX_BULK_DISTRIBUTION = 100;

const note = (value: string | null | undefined, path: string[]) => (value ? text(value, path, { max: 2_000 }) : null);

export async function organizationOfKind(tx: Database, kind: OrganizationKind): Promise<string> {
  const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, kind));
  if (!org) throw new Error(`the ${kind} organization is missing`);
  return org.id;
}

async function assertNoPending(tx: Database, caseId: string): Promise<void> {
  const [pending] = await tx
    .select({ kind: transfers.kind })
    .from(transfers)
    .where(and(eq(transfers.caseId, caseId), eq(transfers.status, 'PENDING')));
  if (pending) {
    throw new AppError('CONFLICT', `The case already has a pending ${pending.kind}.`, {
      pendingTransferKind: pending.kind,
    });
  }
}

async function createTransfer(
  ctx: AppContext,
  tx: Database,
  record: CaseRecord,
  kind: TransferKind,
  toOrganizationId: string,
  noteText: string | null,
  event: NotificationEvent,
): Promise<string> {
  await assertNoPending(tx, record.id);
  const [row] = await tx
    .insert(transfers)
    .values({
      caseId: record.id,
      kind,
      fromOrganizationId: record.custodianId,
      toOrganizationId,
      status: 'PENDING',
      note: noteText,
      createdBy: ctx.viewer?.userId,
    })
    .returning({ id: transfers.id });
  if (!row) throw new Error('transfer insert returned nothing');
  if (toOrganizationId !== record.custodianId) await notifyOrganization(tx, toOrganizationId, event, record);
  return row.id;
}

const may = (ctx: AppContext, permission: Permission) => !!ctx.viewer && hasPermission(ctx.viewer, permission);

/** A third party submits its case to PD (DRAFT → SUBMITTED). */
export async function submitToPd(ctx: AppContext, caseId: string, noteText?: string | null): Promise<string> {
  const n = note(noteText, ['note']);
  return ctx.scope.mutate(async (tx) => {
    const record = await takeCaseForWrite(ctx, tx, caseId, {
      action: 'transfer.submit',
      writes: ['IDENTITY'],
      allowed: () => may(ctx, 'transfer:submit'),
    });
    assertMove(record.status, 'SUBMITTED');
    const id = await createTransfer(
      ctx,
      tx,
      record,
      'SUBMISSION',
      await organizationOfKind(tx, 'PD'),
      n,
      'transfer.submitted',
    );
    await touchCase(tx, record, { status: 'SUBMITTED' });
    ctx.audit.record({ action: 'transfer.submit', outcome: 'ALLOWED', caseIds: [record.id], fields: ['META'] });
    return id;
  });
}

/** PD's intake distributes a case in triage: to FLD or UNHCR (pending), or to PD itself (at once). */
async function distributeOne(
  ctx: AppContext,
  tx: Database,
  caseId: string,
  to: 'FLD' | 'UNHCR' | 'PD',
  noteText: string | null,
): Promise<string> {
  const record = await takeCaseForWrite(ctx, tx, caseId, {
    action: 'transfer.distribute',
    writes: ['IDENTITY'],
    allowed: () => may(ctx, 'transfer:distribute'),
  });
  assertMove(record.status, 'DISTRIBUTED');
  const receiver = await organizationOfKind(tx, to);
  const id = await createTransfer(ctx, tx, record, 'DISTRIBUTION', receiver, noteText, 'transfer.distributed');
  if (to === 'PD') {
    // Into PD's own inventory at once: PD's caseworkers continue the assessment.
    await tx
      .update(transfers)
      .set({
        status: 'ACCEPTED',
        decidedAt: new Date(),
        decidedBy: ctx.viewer?.userId,
        version: sql`${transfers.version} + 1`,
      })
      .where(eq(transfers.id, id));
    assertMove('DISTRIBUTED', 'IN_ASSESSMENT');
    await touchCase(tx, record, { status: 'IN_ASSESSMENT' });
  } else {
    await touchCase(tx, record, { status: 'DISTRIBUTED' });
  }
  ctx.audit.record({
    action: 'transfer.distribute',
    outcome: 'ALLOWED',
    caseIds: [record.id],
    fields: ['META'],
    detail: { to },
  });
  return id;
}

export async function distributeCase(
  ctx: AppContext,
  caseId: string,
  to: 'FLD' | 'UNHCR' | 'PD',
  noteText?: string | null,
): Promise<string> {
  const n = note(noteText, ['note']);
  return ctx.scope.mutate((tx) => distributeOne(ctx, tx, caseId, to, n));
}

/** Bulk distribution: all of them or none, the failing case named in the error. */
export async function distributeCases(
  ctx: AppContext,
  items: ReadonlyArray<{ caseId: string; to: 'FLD' | 'UNHCR' | 'PD'; note?: string | null }>,
): Promise<string[]> {
  requireViewer(ctx);
  if (items.length === 0 || items.length > MAX_BULK_DISTRIBUTION) {
    throw new AppError('BAD_USER_INPUT', `Distribute 1 to ${MAX_BULK_DISTRIBUTION} cases at a time.`, {
      paths: [['items']],
    });
  }
  const seen = new Set<string>();
  const notes = items.map((item, i) => {
    if (seen.has(item.caseId)) {
      throw new AppError('BAD_USER_INPUT', 'A case appears twice.', {
        paths: [['items', i, 'caseId']],
        caseId: item.caseId,
      });
    }
    seen.add(item.caseId);
    return note(item.note, ['items', String(i), 'note']);
  });
  return ctx.scope.mutate(async (tx) => {
    const ids: string[] = [];
    for (const [i, item] of items.entries()) {
      try {
        ids.push(await distributeOne(ctx, tx, item.caseId, item.to, notes[i] ?? null));
      } catch (error) {
        if (error instanceof AppError) {
          throw new AppError(
            (error.extensions.code as 'NOT_FOUND') ?? 'BAD_USER_INPUT',
            `Case ${i + 1} of ${items.length} (${item.caseId}): ${error.message} Nothing was distributed.`,
            { ...error.extensions, index: i, caseId: item.caseId },
          );
        }
        throw error;
      }
    }
    return ids;
  });
}

/** FLD or PD offers a case from its inventory to UNHCR. */
export async function offerToUnhcr(ctx: AppContext, caseId: string, noteText?: string | null): Promise<string> {
  const n = note(noteText, ['note']);
  return ctx.scope.mutate(async (tx) => {
    const record = await takeCaseForWrite(ctx, tx, caseId, {
      action: 'transfer.offer',
      writes: ['IDENTITY'],
      allowed: () => may(ctx, 'transfer:offer'),
    });
    const offerable: CaseStatus[] = ['IN_ASSESSMENT', 'READY_TO_REFER'];
    if (!offerable.includes(record.status)) {
      throw new AppError('INVALID_TRANSITION', `A ${record.status} case cannot be offered to UNHCR.`, {
        currentStatus: record.status,
        allowedIn: offerable,
      });
    }
    const id = await createTransfer(
      ctx,
      tx,
      record,
      'OFFER',
      await organizationOfKind(tx, 'UNHCR'),
      n,
      'transfer.offered',
    );
    await touchCase(tx, record);
    ctx.audit.record({ action: 'transfer.offer', outcome: 'ALLOWED', caseIds: [record.id], fields: ['META'] });
    return id;
  });
}

export interface LockedTransfer extends TransferRecord {
  version: number;
}

/** Finds a transfer visible to the caller (RLS applies), or NOT_FOUND. */
export async function findTransfer(tx: Database, transferId: string): Promise<LockedTransfer> {
  const [row] = isId(transferId)
    ? await tx.select().from(transfers).where(eq(transfers.id, transferId.toLowerCase()))
    : [];
  if (!row) throw new AppError('NOT_FOUND', TRANSFER_NOT_FOUND);
  return row;
}

/**
 * Settles a pending transfer and answers it as it now stands, built in memory: after a decline or
 * a withdrawal the caller may no longer see the case, so it could not read the row back.
 */
export async function settleTransfer(
  tx: Database,
  transfer: LockedTransfer,
  status: 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN',
  reason: string | null,
  decider: string | null,
): Promise<LockedTransfer> {
  const decidedAt = new Date();
  await tx
    .update(transfers)
    .set({
      status,
      ...(reason !== null ? { decisionReason: reason } : {}),
      decidedAt,
      decidedBy: decider,
      version: sql`${transfers.version} + 1`,
    })
    .where(eq(transfers.id, transfer.id));
  return {
    ...transfer,
    status,
    decisionReason: reason ?? transfer.decisionReason,
    decidedAt,
    decidedBy: decider,
    version: transfer.version + 1,
  };
}

export function assertPending(t: LockedTransfer): void {
  if (t.status !== 'PENDING') {
    throw new AppError('INVALID_TRANSITION', `The transfer is already ${t.status}.`, {
      currentStatus: t.status,
      allowedMoves: [],
    });
  }
}

/** The permission to decide an incoming transfer of each kind. */
const RECEIVE: Record<Exclude<TransferKind, 'RESETTLEMENT_REFERRAL'>, Permission> = {
  SUBMISSION: 'transfer:receive_submission',
  DISTRIBUTION: 'transfer:receive_distribution',
  OFFER: 'transfer:receive_offer',
};

async function takeIncoming(ctx: AppContext, tx: Database, transferId: string, action: string) {
  const viewer = requireViewer(ctx);
  const found = await findTransfer(tx, transferId);
  if (found.kind === 'RESETTLEMENT_REFERRAL') {
    throw new AppError('INVALID_TRANSITION', 'IRCC acknowledges referrals with acknowledgeReferral.', {
      currentStatus: found.status,
      allowedMoves: [],
    });
  }
  // Already settled: say so (the caller sees the transfer, so this tells nothing new).
  assertPending(found);
  const record = await takeCaseForWrite(ctx, tx, found.caseId, {
    action,
    writes: [],
    allowed: (r) =>
      r.relation === 'RECEIVER' &&
      found.toOrganizationId === viewer.organizationId &&
      hasPermission(viewer, RECEIVE[found.kind as 'OFFER']),
  });
  // Re-read under the case lock: a racing move may have settled it meanwhile.
  const transfer = await findTransfer(tx, transferId);
  assertPending(transfer);
  return { record, transfer };
}

export async function acceptTransfer(ctx: AppContext, transferId: string): Promise<LockedTransfer> {
  return ctx.scope.mutate(async (tx) => {
    const { record, transfer } = await takeIncoming(ctx, tx, transferId, 'transfer.accept');
    const next: CaseStatus =
      transfer.kind === 'SUBMISSION' ? 'IN_TRIAGE' : transfer.kind === 'DISTRIBUTION' ? 'IN_ASSESSMENT' : record.status;
    if (next !== record.status) assertMove(record.status, next);
    // Custody first (the caller is RECEIVER until the transfer is settled), then the transfer.
    await touchCase(tx, record, { custodianId: transfer.toOrganizationId, status: next });
    const answer = await settleTransfer(tx, transfer, 'ACCEPTED', null, ctx.viewer?.userId ?? null);
    await notifyOrganization(tx, transfer.fromOrganizationId, 'transfer.accepted', record);
    ctx.audit.record({ action: 'transfer.accept', outcome: 'ALLOWED', caseIds: [record.id], fields: ['META'] });
    return answer;
  });
}

/** The receiver declines, with a reason the sender sees. A declined distribution returns to PD's triage. */
export async function declineTransfer(
  ctx: AppContext,
  transferId: string,
  reason: string,
  only?: TransferKind,
): Promise<LockedTransfer> {
  const why = text(reason, ['reason'], { min: 3, max: 2_000 });
  return ctx.scope.mutate(async (tx) => {
    const { record, transfer } = await takeIncoming(ctx, tx, transferId, 'transfer.decline');
    if (only && transfer.kind !== only) {
      throw new AppError('BAD_USER_INPUT', `This is not a ${only}.`, { paths: [['transferId']] });
    }
    const next: CaseStatus =
      transfer.kind === 'SUBMISSION' ? 'DECLINED' : transfer.kind === 'DISTRIBUTION' ? 'IN_TRIAGE' : record.status;
    if (next !== record.status) assertMove(record.status, next);
    await touchCase(tx, record, next !== record.status ? { status: next } : {});
    const answer = await settleTransfer(tx, transfer, 'DECLINED', why, ctx.viewer?.userId ?? null);
    await notifyOrganization(tx, transfer.fromOrganizationId, 'transfer.declined', record);
    ctx.audit.record({ action: 'transfer.decline', outcome: 'ALLOWED', caseIds: [record.id], fields: ['META'] });
    return answer;
  });
}

/** The sender withdraws a pending transfer. */
export async function withdrawTransfer(ctx: AppContext, transferId: string): Promise<LockedTransfer> {
  return ctx.scope.mutate(async (tx) => {
    const viewer = requireViewer(ctx);
    const found = await findTransfer(tx, transferId);
    if (found.kind === 'RESETTLEMENT_REFERRAL') {
      throw new AppError('INVALID_TRANSITION', 'A referral is withdrawn with withdrawCase.', {
        currentStatus: found.status,
        allowedMoves: [],
      });
    }
    const record = await takeCaseForWrite(ctx, tx, found.caseId, {
      action: 'transfer.withdraw',
      writes: ['IDENTITY'],
      allowed: (r) => r.relation === 'CUSTODIAN' && found.fromOrganizationId === viewer.organizationId,
    });
    const transfer = await findTransfer(tx, transferId);
    assertPending(transfer);
    const next: CaseStatus =
      transfer.kind === 'SUBMISSION' ? 'DRAFT' : transfer.kind === 'DISTRIBUTION' ? 'IN_TRIAGE' : record.status;
    if (next !== record.status) assertMove(record.status, next);
    await touchCase(tx, record, next !== record.status ? { status: next } : {});
    const answer = await settleTransfer(tx, transfer, 'WITHDRAWN', null, viewer.userId);
    await notifyOrganization(tx, transfer.toOrganizationId, 'transfer.withdrawn', record);
    ctx.audit.record({ action: 'transfer.withdraw', outcome: 'ALLOWED', caseIds: [record.id], fields: ['META'] });
    return answer;
  });
}

export interface TransferListFilter {
  direction?: 'INCOMING' | 'OUTGOING' | null;
  kind?: TransferKind[] | null;
  status?: Array<'PENDING' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN'> | null;
}

/** Inboxes and outboxes: transfers to or from the caller's organization, most urgent then oldest first. */
export async function listTransfers(
  ctx: AppContext,
  filter: TransferListFilter | null | undefined,
  first: number,
  offset: number,
): Promise<{ rows: LockedTransfer[]; total: number }> {
  const viewer = requireViewer(ctx);
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    throw new AppError('BAD_USER_INPUT', 'first must be from 1 to 100.', { paths: [['first']] });
  }
  const org = viewer.organizationId;
  const direction =
    filter?.direction === 'INCOMING'
      ? eq(transfers.toOrganizationId, org)
      : filter?.direction === 'OUTGOING'
        ? eq(transfers.fromOrganizationId, org)
        : sql`(${transfers.toOrganizationId} = ${org} OR ${transfers.fromOrganizationId} = ${org})`;
  const where = and(
    direction,
    filter?.kind?.length ? inArray(transfers.kind, filter.kind) : undefined,
    filter?.status?.length ? inArray(transfers.status, filter.status) : undefined,
  );
  const tx = await ctx.scope.tx();
  const rows = await tx
    .select(getTransferColumns())
    .from(transfers)
    .innerJoin(cases, eq(cases.id, transfers.caseId))
    .where(where)
    .orderBy(
      asc(sql`CASE ${cases.urgency} WHEN 'EMERGENCY' THEN 0 WHEN 'URGENT' THEN 1 ELSE 2 END`),
      asc(transfers.createdAt),
      asc(transfers.id),
    )
    .limit(first)
    .offset(offset);
  const [total] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(transfers)
    .innerJoin(cases, eq(cases.id, transfers.caseId))
    .where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

function getTransferColumns() {
  return {
    id: transfers.id,
    caseId: transfers.caseId,
    kind: transfers.kind,
    status: transfers.status,
    fromOrganizationId: transfers.fromOrganizationId,
    toOrganizationId: transfers.toOrganizationId,
    note: transfers.note,
    decisionReason: transfers.decisionReason,
    createdAt: transfers.createdAt,
    decidedAt: transfers.decidedAt,
    decidedBy: transfers.decidedBy,
    version: transfers.version,
  };
}

export async function getTransfer(ctx: AppContext, transferId: string): Promise<LockedTransfer> {
  return findTransfer(await ctx.scope.tx(), transferId);
}
