/**
 * Referral to IRCC: only a READY_TO_REFER case whose every criterion is MET, by a caseworker of
 * its custodian (UNHCR, FLD or PD). One savepoint creates the RESETTLEMENT_REFERRAL and moves the
 * status; custody does not move. The persons count against the year's cap: passing the cap or the
 * partner's target is allowed, and flagged in the answer.
 */
import { Criterion } from '@hrd/schema';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { type Database, queryRows } from '../../db/client.js';
import { assessmentAnswers, assessments, organizations, quotas, quotaTargets, transfers } from '../../db/schema.js';
import { AppError } from '../../graphql/errors.js';
import { version } from '../../graphql/validate.js';
import { hasPermission } from '../../policy/policy.js';
import { notifyOrganization } from '../notifications/notify.js';
import { assertMove, takeCaseForWrite, touchCase } from './case-write.js';
import { getCase } from './cases.service.js';
import type { QuotaCheck, ReferralResult } from './casework.types.js';

export async function quotaCheck(tx: Database, organizationId: string, year: number): Promise<QuotaCheck> {
  // The cap's one count (statistics.quota uses it too): persons of live referrals, UTC year.
  const usage = await queryRows<{ organization_id: string; persons: string | number }>(
    tx,
    sql`SELECT organization_id, referred_persons AS persons FROM hrd_quota_usage(${year})`,
  );
  const referredPersons = usage.reduce((n, r) => n + Number(r.persons), 0);
  const partnerReferredPersons = Number(usage.find((r) => r.organization_id === organizationId)?.persons ?? 0);
  const [cap] = await tx.select().from(quotas).where(eq(quotas.year, year));
  const [target] = await tx
    .select()
    .from(quotaTargets)
    .where(and(eq(quotaTargets.year, year), eq(quotaTargets.organizationId, organizationId)));
  return {
    year,
    personCap: cap?.personCap ?? null,
    referredPersons,
    partnerTarget: target?.personTarget ?? null,
    partnerReferredPersons,
    overCap: cap ? referredPersons > cap.personCap : false,
    overPartnerTarget: target ? partnerReferredPersons > target.personTarget : false,
  };
}

export async function referToIrcc(ctx: AppContext, caseId: string, expectedVersion: number): Promise<ReferralResult> {
  version(expectedVersion, ['expectedVersion']);
  const result = await ctx.scope.mutate(async (tx) => {
    const viewer = ctx.viewer;
    const record = await takeCaseForWrite(ctx, tx, caseId, {
      action: 'case.refer',
      writes: ['IDENTITY'],
      expectedVersion,
      allowed: () => !!viewer && hasPermission(viewer, 'case:refer'),
    });
    assertMove(record.status, 'REFERRED');
    const answers = await tx.select().from(assessmentAnswers).where(eq(assessmentAnswers.caseId, record.id));
    const [assessment] = await tx.select().from(assessments).where(eq(assessments.caseId, record.id));
    const met = new Set(answers.filter((a) => a.answer === 'MET').map((a) => a.criterion as string));
    if (assessment?.consentOverrideReason) met.add('CONSENT');
    const missing = Criterion.values.filter((c) => !met.has(c));
    if (missing.length) {
      throw new AppError(
        'INVALID_TRANSITION',
        `Every criterion must be MET before referral; not yet: ${missing.join(', ')}.`,
        {
          currentStatus: record.status,
          allowedMoves: ['IN_ASSESSMENT'],
          criteriaNotMet: missing,
        },
      );
    }
    const [pending] = await tx
      .select({ kind: transfers.kind })
      .from(transfers)
      .where(and(eq(transfers.caseId, record.id), eq(transfers.status, 'PENDING')));
    if (pending) {
      throw new AppError('CONFLICT', `The case has a pending ${pending.kind}: settle it before referring.`, {
        pendingTransferKind: pending.kind,
      });
    }
    const [ircc] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'IRCC'));
    if (!ircc) throw new Error('the IRCC organization is missing');
    const now = new Date();
    const [transfer] = await tx
      .insert(transfers)
      .values({
        caseId: record.id,
        kind: 'RESETTLEMENT_REFERRAL',
        fromOrganizationId: record.custodianId,
        toOrganizationId: ircc.id,
        status: 'PENDING',
        createdBy: viewer?.userId,
        createdAt: now,
      })
      .returning({ id: transfers.id });
    if (!transfer) throw new Error('referral insert returned nothing');
    await touchCase(tx, record, { status: 'REFERRED', referredAt: now });
    await notifyOrganization(tx, ircc.id, 'case.referred', record);
    const quota = await quotaCheck(tx, record.custodianId, now.getUTCFullYear());
    ctx.audit.record({
      action: 'case.refer',
      outcome: 'ALLOWED',
      caseIds: [record.id],
      fields: ['META'],
      detail: { overCap: quota.overCap, overPartnerTarget: quota.overPartnerTarget },
    });
    return { transferId: transfer.id, quota };
  });
  return { case: await getCase(ctx, caseId), ...result };
}
