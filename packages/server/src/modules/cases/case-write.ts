/**
 * The one way a service takes a case for a change: visible to the caller (else NOT_FOUND, as for
 * a missing id), writable for the class the change touches (else FORBIDDEN), at the version the
 * caller last saw (else CONFLICT), and locked until the request's transaction ends so that
 * concurrent changes queue behind it.
 */
import type { CaseStatus, FieldClass } from '@hrd/schema';
import { CASE_TRANSITIONS, canMove } from '@hrd/schema';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/client.js';
import { cases } from '../../db/schema.js';
import { AppError } from '../../graphql/errors.js';
import { isId } from '../../graphql/ids.js';
import { can } from '../../policy/policy.js';
import { requireViewer } from '../identity/identity.service.js';
import { CASE_NOT_FOUND, caseColumns, visibleCasesCondition } from './cases.service.js';
import type { CaseRecord } from './cases.types.js';

export interface TakeCaseOptions {
  /** The audit action, e.g. 'case.update'. */
  action: string;
  /** The field classes the change writes; each must be writable by the caller. */
  writes: readonly FieldClass[];
  /** The version the caller last saw; omitted for changes that are not versioned. */
  expectedVersion?: number | null;
  /** Extra permission beyond the field classes (a role check for a domain action). */
  allowed?: (record: CaseRecord) => boolean;
}

export async function takeCaseForWrite(
  ctx: AppContext,
  tx: Database,
  caseId: string,
  options: TakeCaseOptions,
): Promise<CaseRecord> {
  const viewer = requireViewer(ctx);
  if (!isId(caseId)) throw new AppError('NOT_FOUND', CASE_NOT_FOUND);
  const [record] = (await tx
    .select(caseColumns(viewer))
    .from(cases)
    .where(and(eq(cases.id, caseId.toLowerCase()), visibleCasesCondition(viewer)))) as unknown as CaseRecord[];
  if (!record) {
    ctx.audit.record({ action: options.action, outcome: 'DENIED', detail: { reason: 'not_found' } });
    throw new AppError('NOT_FOUND', CASE_NOT_FOUND);
  }
  const access = { relation: record.relation, assignedOfficerId: record.assignedOfficerId };
  const denied = options.writes.filter((c) => !can(viewer, access, c, 'write'));
  if (denied.length || (options.allowed && !options.allowed(record))) {
    ctx.audit.record({
      action: options.action,
      outcome: 'DENIED',
      caseIds: [record.id],
      fields: denied.length ? denied : [...options.writes],
    });
    throw new AppError('FORBIDDEN', 'Your role may not make this change to this case.');
  }
  // Allowed: lock the row (FOR UPDATE needs the UPDATE policy too, which is why it comes only now)
  // and re-read what a concurrent change may have moved while we waited for the lock.
  const [locked] = await tx
    .select({ version: cases.version, status: cases.status, custodianId: cases.custodianId, size: cases.size })
    .from(cases)
    .where(eq(cases.id, record.id))
    .for('update');
  if (!locked) {
    ctx.audit.record({ action: options.action, outcome: 'DENIED', caseIds: [record.id], fields: [...options.writes] });
    throw new AppError('FORBIDDEN', 'Your role may not make this change to this case.');
  }
  Object.assign(record, locked);
  if (
    options.expectedVersion !== undefined &&
    options.expectedVersion !== null &&
    options.expectedVersion !== record.version
  ) {
    throw new AppError('CONFLICT', 'Someone else changed this case first: reload it and try again.', {
      currentVersion: record.version,
    });
  }
  return record;
}

/** Refuses a move the status machine does not draw, naming the current status and the allowed moves. */
export function assertMove(from: CaseStatus, to: CaseStatus): void {
  if (!canMove(from, to)) {
    throw new AppError('INVALID_TRANSITION', `A ${from} case cannot move to ${to}.`, {
      currentStatus: from,
      allowedMoves: [...CASE_TRANSITIONS[from]],
    });
  }
}

/** Refuses a change that the case's status does not allow (INVALID_TRANSITION, with the allowed moves). */
export function assertStatusIn(record: CaseRecord, statuses: readonly CaseStatus[], what: string): void {
  if (!statuses.includes(record.status)) {
    throw new AppError('INVALID_TRANSITION', `${what} is not possible while the case is ${record.status}.`, {
      currentStatus: record.status,
      allowedMoves: [...CASE_TRANSITIONS[record.status]],
      allowedIn: [...statuses],
    });
  }
}

/** Marks the case changed: a new version and updated_at (status optionally). */
export async function touchCase(
  tx: Database,
  record: CaseRecord,
  set: Partial<typeof cases.$inferInsert> = {},
): Promise<number> {
  const [row] = await tx
    .update(cases)
    .set({ ...set, updatedAt: new Date(), version: sql`${cases.version} + 1` })
    .where(eq(cases.id, record.id))
    .returning({ version: cases.version });
  if (!row) throw new Error('locked case vanished');
  return row.version;
}
