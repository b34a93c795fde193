/**
 * Information requests (DOMAIN.md): an IRCC officer asks the custodian partner about a referred
 * case; the partner's caseworker answers once. An open request defers the file (its stage and
 * decision wait); it is not a refusal. Both sides list them: officers for the files they process,
 * partners for the cases they hold.
 */
import type { InformationRequestStatus } from '@hrd/schema';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { cases, immigrationFiles, informationRequests } from '../../db/schema.js';
import { AppError } from '../../graphql/errors.js';
import { isId } from '../../graphql/ids.js';
import { text } from '../../graphql/validate.js';
import { hasPermission } from '../../policy/policy.js';
import { relationIn } from '../../policy/relations.js';
import { takeCaseForWrite } from '../cases/case-write.js';
import { caseColumns, visibleCasesCondition } from '../cases/cases.service.js';
import type { CaseRecord } from '../cases/cases.types.js';
import { requireViewer } from '../identity/identity.service.js';
import { notifyOrganization } from '../notifications/notify.js';
import { organizationOfKind } from '../transfers/transfers.service.js';

export const REQUEST_NOT_FOUND = 'Information request not found.';
export type InformationRequestRow = typeof informationRequests.$inferSelect;

export interface InformationRequestRecord {
  readonly row: InformationRequestRow;
  readonly caseRecord: CaseRecord;
}

async function loadRequest(ctx: AppContext, id: string): Promise<InformationRequestRecord> {
  const viewer = requireViewer(ctx);
  const tx = await ctx.scope.tx();
  const [found] = isId(id)
    ? ((await tx
        .select({ row: informationRequests, caseRecord: caseColumns(viewer) })
        .from(informationRequests)
        .innerJoin(cases, eq(cases.id, informationRequests.caseId))
        .where(
          and(eq(informationRequests.id, id.toLowerCase()), visibleCasesCondition(viewer)),
        )) as unknown as InformationRequestRecord[])
    : [];
  if (!found) throw new AppError('NOT_FOUND', REQUEST_NOT_FOUND);
  return found;
}

/** An officer asks the custodian partner a question about a file IRCC is processing. */
export async function requestInformation(
  ctx: AppContext,
  caseId: string,
  questionText: string,
): Promise<InformationRequestRecord> {
  const question = text(questionText, ['question'], { min: 3, max: 4_000 });
  const id = await ctx.scope.mutate(async (tx) => {
    const viewer = requireViewer(ctx);
    const record = await takeCaseForWrite(ctx, tx, caseId, {
      action: 'ircc.request_information',
      writes: ['IRCC_INTERNAL'],
      allowed: (r) => r.relation === 'IRCC' && hasPermission(viewer, 'ircc:process'),
    });
    const [file] = await tx
      .select({ stage: immigrationFiles.stage })
      .from(immigrationFiles)
      .where(eq(immigrationFiles.caseId, record.id));
    if (!file || record.status !== 'REFERRED') {
      throw new AppError(
        'INVALID_TRANSITION',
        file
          ? `IRCC asks for information while it processes the case, not while it is ${record.status}.`
          : 'IRCC has not acknowledged this referral yet: acknowledge it first.',
        { currentStatus: record.status, currentStage: file?.stage ?? null, allowedMoves: [] },
      );
    }
    const [row] = await tx
      .insert(informationRequests)
      .values({ caseId: record.id, question, status: 'OPEN', askedBy: viewer.userId })
      .returning({ id: informationRequests.id });
    if (!row) throw new Error('information request insert returned nothing');
    await notifyOrganization(tx, record.custodianId, 'ircc.information_requested', record);
    ctx.audit.record({
      action: 'ircc.request_information',
      outcome: 'ALLOWED',
      caseIds: [record.id],
      fields: ['IRCC_INTERNAL'],
    });
    return row.id;
  });
  return loadRequest(ctx, id);
}

/** The custodian partner's caseworker answers an open request, once. */
export async function answerInformationRequest(
  ctx: AppContext,
  id: string,
  answerText: string,
  expectedVersion?: number | null,
): Promise<InformationRequestRecord> {
  const answer = text(answerText, ['answer'], { min: 1, max: 8_000 });
  await ctx.scope.mutate(async (tx) => {
    const viewer = requireViewer(ctx);
    const [found] = isId(id)
      ? await tx
          .select({ caseId: informationRequests.caseId })
          .from(informationRequests)
          .where(eq(informationRequests.id, id.toLowerCase()))
      : [];
    if (!found) {
      ctx.audit.record({ action: 'ircc.answer_information', outcome: 'DENIED', detail: { reason: 'not_found' } });
      throw new AppError('NOT_FOUND', REQUEST_NOT_FOUND);
    }
    const record = await takeCaseForWrite(ctx, tx, found.caseId, {
      action: 'ircc.answer_information',
      writes: ['IDENTITY'],
      allowed: (r) => r.relation === 'CUSTODIAN' && hasPermission(viewer, 'ircc:answer_request'),
    });
    const [request] = await tx
      .select()
      .from(informationRequests)
      .where(eq(informationRequests.id, id.toLowerCase()))
      .for('update');
    if (!request) throw new AppError('NOT_FOUND', REQUEST_NOT_FOUND);
    if (request.status !== 'OPEN') {
      throw new AppError('INVALID_TRANSITION', 'This request is already answered.', {
        currentStatus: request.status,
        allowedMoves: [],
      });
    }
    if (expectedVersion !== undefined && expectedVersion !== null && expectedVersion !== request.version) {
      throw new AppError('CONFLICT', 'Someone else changed this request first: reload it and try again.', {
        currentVersion: request.version,
      });
    }
    await tx
      .update(informationRequests)
      .set({
        answer,
        status: 'ANSWERED',
        answeredBy: viewer.userId,
        answeredAt: new Date(),
        version: sql`${informationRequests.version} + 1`,
      })
      .where(eq(informationRequests.id, request.id));
    await notifyOrganization(tx, await organizationOfKind(tx, 'IRCC'), 'ircc.information_answered', record);
    ctx.audit.record({
      action: 'ircc.answer_information',
      outcome: 'ALLOWED',
      caseIds: [record.id],
      fields: ['IDENTITY'],
    });
  });
  return loadRequest(ctx, id);
}

export interface InformationRequestFilter {
  status?: InformationRequestStatus[] | null;
  caseId?: string | null;
}

/**
 * Officers list the requests on files IRCC processes; caseworkers those on cases their
 * organization holds. Open first, then oldest.
 */
export async function listInformationRequests(
  ctx: AppContext,
  filter: InformationRequestFilter | null | undefined,
  first: number,
  offset: number,
): Promise<{ rows: InformationRequestRecord[]; total: number }> {
  const viewer = requireViewer(ctx);
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    throw new AppError('BAD_USER_INPUT', 'first must be from 1 to 100.', { paths: [['first']] });
  }
  const side = hasPermission(viewer, 'ircc:process')
    ? 'IRCC'
    : hasPermission(viewer, 'ircc:answer_request')
      ? 'CUSTODIAN'
      : null;
  if (!side) {
    ctx.audit.record({ action: 'ircc.information_requests', outcome: 'DENIED' });
    throw new AppError('FORBIDDEN', 'Your role has no information requests to see.');
  }
  const conditions: SQL[] = [visibleCasesCondition(viewer), relationIn(viewer, [side])];
  if (filter?.status?.length) conditions.push(inArray(informationRequests.status, filter.status));
  if (filter?.caseId) {
    conditions.push(isId(filter.caseId) ? eq(informationRequests.caseId, filter.caseId.toLowerCase()) : sql`false`);
  }
  const tx = await ctx.scope.tx();
  const where = and(...conditions);
  // The page and the count are sent together: one round trip (the driver pipelines them).
  const [rows, [total]] = await Promise.all([
    tx
      .select({ row: informationRequests, caseRecord: caseColumns(viewer) })
      .from(informationRequests)
      .innerJoin(cases, eq(cases.id, informationRequests.caseId))
      .where(where)
      .orderBy(
        desc(sql`${informationRequests.status} = 'OPEN'`),
        asc(informationRequests.createdAt),
        asc(informationRequests.id),
      )
      .limit(first)
      .offset(offset) as unknown as Promise<InformationRequestRecord[]>,
    tx
      .select({ n: sql<number>`count(*)::int` })
      .from(informationRequests)
      .innerJoin(cases, eq(cases.id, informationRequests.caseId))
      .where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}
