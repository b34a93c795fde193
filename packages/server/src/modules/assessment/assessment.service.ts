/**
 * The criteria assessment (DOMAIN.md). READY_TO_REFER means every criterion is MET; an edit that
 * leaves one not MET takes the case back to IN_ASSESSMENT. A first assessment moves a DRAFT into
 * IN_ASSESSMENT; in PD's triage the status stays IN_TRIAGE.
 */
import { ASSESSABLE_STATUSES, Criterion, type CriterionAnswer } from '@hrd/schema';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { assessmentAnswers, assessments } from '../../db/schema.js';
import { AppError } from '../../graphql/errors.js';
import { text, version } from '../../graphql/validate.js';
import { assertMove, assertStatusIn, takeCaseForWrite, touchCase } from '../cases/case-write.js';
import { getCase } from '../cases/cases.service.js';
import type { CaseRecord } from '../cases/cases.types.js';
import type { AssessmentInput } from './assessment.types.js';

export async function recordAssessment(
  ctx: AppContext,
  caseId: string,
  expectedVersion: number,
  input: AssessmentInput,
): Promise<CaseRecord> {
  version(expectedVersion, ['expectedVersion']);
  const seen = new Set<string>();
  const answers = input.answers.map((a, i) => {
    if (seen.has(a.criterion)) {
      throw new AppError('BAD_USER_INPUT', `${a.criterion} is answered twice.`, { paths: [['input', 'answers', i]] });
    }
    seen.add(a.criterion);
    const justification = a.justification?.trim() ?? '';
    if (a.answer !== 'UNKNOWN' && justification.length === 0) {
      throw new AppError('BAD_USER_INPUT', `Justify the answer to ${a.criterion}.`, {
        paths: [['input', 'answers', i, 'justification']],
      });
    }
    return { ...a, justification: text(justification, ['input', 'answers', i, 'justification'], { max: 5_000 }) };
  });
  const override =
    input.consentOverrideReason == null
      ? undefined
      : text(input.consentOverrideReason, ['input', 'consentOverrideReason'], { min: 10, max: 2_000 });
  const clearOverride = input.clearConsentOverride === true;
  if (clearOverride && override !== undefined) {
    throw new AppError('BAD_USER_INPUT', 'Either state a CONSENT override or take it back, not both.', {
      paths: [['input', 'clearConsentOverride']],
    });
  }

  await ctx.scope.mutate(async (tx) => {
    const record = await takeCaseForWrite(ctx, tx, caseId, {
      action: 'assessment.record',
      writes: ['ASSESSMENT'],
      expectedVersion,
    });
    assertStatusIn(record, ASSESSABLE_STATUSES, 'Recording the assessment');
    const now = new Date();
    await tx
      .insert(assessments)
      .values({ caseId: record.id, assessedBy: ctx.viewer?.userId, createdAt: now, updatedAt: now })
      .onConflictDoNothing();
    const set: Partial<typeof assessments.$inferInsert> = { updatedAt: now, assessedBy: ctx.viewer?.userId };
    if (input.primaryCategory !== undefined) set.primaryCategory = input.primaryCategory;
    if (input.secondaryCategory !== undefined) set.secondaryCategory = input.secondaryCategory;
    if (set.primaryCategory && set.primaryCategory === set.secondaryCategory) {
      throw new AppError('BAD_USER_INPUT', 'The secondary category differs from the primary.', {
        paths: [['input', 'secondaryCategory']],
      });
    }
    if (override !== undefined) set.consentOverrideReason = override;
    // Taking back an override that is on record (none: nothing to take back, nothing audited as such).
    const [before] = clearOverride
      ? await tx
          .select({ reason: assessments.consentOverrideReason })
          .from(assessments)
          .where(eq(assessments.caseId, record.id))
      : [];
    const cleared = clearOverride && before?.reason != null;
    if (cleared) set.consentOverrideReason = null;
    await tx
      .update(assessments)
      .set({ ...set, version: sql`${assessments.version} + 1` })
      .where(eq(assessments.caseId, record.id));
    for (const a of answers) {
      await tx
        .insert(assessmentAnswers)
        .values({
          caseId: record.id,
          criterion: a.criterion,
          answer: a.answer,
          justification: a.justification,
          answeredBy: ctx.viewer?.userId,
          answeredAt: now,
        })
        .onConflictDoUpdate({
          target: [assessmentAnswers.caseId, assessmentAnswers.criterion],
          set: { answer: a.answer, justification: a.justification, answeredBy: ctx.viewer?.userId, answeredAt: now },
        });
    }
    const [assessment] = await tx.select().from(assessments).where(eq(assessments.caseId, record.id));
    const stored = await tx.select().from(assessmentAnswers).where(eq(assessmentAnswers.caseId, record.id));
    const answerOf = new Map<string, CriterionAnswer>(stored.map((a) => [a.criterion, a.answer]));
    if (assessment?.consentOverrideReason) answerOf.set('CONSENT', 'MET');
    const allMet = Criterion.values.every((c) => answerOf.get(c) === 'MET');

    let status = record.status;
    if (record.status === 'DRAFT') status = 'IN_ASSESSMENT';
    if ((status === 'IN_ASSESSMENT' || status === 'READY_TO_REFER') && record.status !== 'IN_TRIAGE') {
      status = allMet ? 'READY_TO_REFER' : 'IN_ASSESSMENT';
    }
    await touchCase(tx, record, {
      ...(status !== record.status ? { status } : {}),
      ...(input.priority ? { urgency: input.priority } : {}),
    });
    ctx.audit.record({
      action: 'assessment.record',
      outcome: 'ALLOWED',
      caseIds: [record.id],
      fields: ['ASSESSMENT'],
      ...(override !== undefined ? { detail: { consentOverride: true } } : {}),
      ...(cleared ? { detail: { consentOverrideCleared: true } } : {}),
    });
  });
  return getCase(ctx, caseId);
}

/** Concludes an assessment with a criterion NOT_MET: the case will not be referred. */
export async function markNotEligible(
  ctx: AppContext,
  caseId: string,
  expectedVersion: number,
  reason: string,
): Promise<CaseRecord> {
  version(expectedVersion, ['expectedVersion']);
  const why = text(reason, ['reason'], { min: 3, max: 2_000 });
  await ctx.scope.mutate(async (tx) => {
    const record = await takeCaseForWrite(ctx, tx, caseId, {
      action: 'case.not_eligible',
      writes: ['ASSESSMENT'],
      expectedVersion,
    });
    assertMove(record.status, 'NOT_ELIGIBLE');
    const notMet = await tx
      .select({ c: assessmentAnswers.criterion })
      .from(assessmentAnswers)
      .where(sql`${assessmentAnswers.caseId} = ${record.id} AND ${assessmentAnswers.answer} = 'NOT_MET'`);
    if (notMet.length === 0) {
      throw new AppError('BAD_USER_INPUT', 'Record which criterion is NOT_MET before concluding.', {
        paths: [['caseId']],
      });
    }
    await tx
      .update(assessments)
      .set({ notEligibleReason: why, updatedAt: new Date() })
      .where(eq(assessments.caseId, record.id));
    await touchCase(tx, record, { status: 'NOT_ELIGIBLE' });
    ctx.audit.record({
      action: 'case.not_eligible',
      outcome: 'ALLOWED',
      caseIds: [record.id],
      fields: ['ASSESSMENT'],
    });
  });
  return getCase(ctx, caseId);
}
