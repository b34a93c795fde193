/**
 * Partner casework on the case file itself: create, edit, withdraw, conclude not eligible.
 * Every change goes through takeCaseForWrite (visibility, class, version, lock), runs in the
 * request's savepoint, and is audited without values.
 */
import { EDITABLE_STATUSES, type FieldClass } from '@hrd/schema';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/client.js';
import { assessments, cases, organizations, persons, referenceCounters, transfers } from '../../db/schema.js';
import { AppError } from '../../graphql/errors.js';
import { country, pastDate, text, version } from '../../graphql/validate.js';
import { can, hasPermission } from '../../policy/policy.js';
import { sealCaseSecrets } from '../../secrets/case-secrets.js';
import { requireViewer } from '../identity/identity.service.js';
import { notifyOrganization } from '../notifications/notify.js';
import { assertMove, assertStatusIn, takeCaseForWrite, touchCase } from './case-write.js';
import { getCase } from './cases.service.js';
import type { CaseRecord } from './cases.types.js';
import type { CreateCaseInput, PersonInput, UpdateCaseInput } from './casework.types.js';

const SUMMARY_MAX = 10_000;
const SECRET_MAX = 2_000;

export function personValues(input: PersonInput, path: ReadonlyArray<string | number>) {
  return {
    role: input.role,
    givenName: text(input.givenName, [...path, 'givenName'], { min: 1, max: 200 }),
    familyName: text(input.familyName, [...path, 'familyName'], { min: 1, max: 200 }),
    dateOfBirth: input.dateOfBirth ? pastDate(input.dateOfBirth, [...path, 'dateOfBirth']) : null,
    sex: input.sex ?? null,
    nationality: input.nationality ? country(input.nationality, [...path, 'nationality']) : null,
  };
}

/** The next gap-free reference for an organization and year (the counter row is locked until commit). */
async function nextReference(tx: Database, organizationId: string, prefix: string, year: number): Promise<string> {
  const [row] = await tx
    .insert(referenceCounters)
    .values({ organizationId, year, lastValue: 1 })
    .onConflictDoUpdate({
      target: [referenceCounters.organizationId, referenceCounters.year],
      set: { lastValue: sql`${referenceCounters.lastValue} + 1` },
    })
    .returning({ value: referenceCounters.lastValue });
  if (!row) throw new Error('reference counter returned nothing');
  return `${prefix}-${year}-${String(row.value).padStart(4, '0')}`;
}

export async function createCase(ctx: AppContext, input: CreateCaseInput): Promise<CaseRecord> {
  const viewer = requireViewer(ctx);
  // The creator's organization becomes custodian: its roles must be able to write a case file there.
  const asCustodian = { relation: 'CUSTODIAN' as const };
  const writes: FieldClass[] = ['IDENTITY'];
  if (input.location || input.safeContact) writes.push('SECRET');
  if (!writes.every((c) => can(viewer, asCustodian, c, 'write'))) {
    ctx.audit.record({ action: 'case.create', outcome: 'DENIED', fields: writes });
    throw new AppError('FORBIDDEN', 'Your role may not create cases.');
  }
  const values = {
    urgency: input.urgency ?? 'NORMAL',
    countryOfNationality: country(input.countryOfNationality, ['input', 'countryOfNationality']),
    countryOfAsylum: country(input.countryOfAsylum, ['input', 'countryOfAsylum']),
    activities: [...new Set(input.activities)],
    hrdSummary: input.hrdSummary ? text(input.hrdSummary, ['input', 'hrdSummary'], { max: SUMMARY_MAX }) : null,
    riskSummary: input.riskSummary ? text(input.riskSummary, ['input', 'riskSummary'], { max: SUMMARY_MAX }) : null,
    inHiding: input.inHiding ?? false,
  };
  if (values.activities.length === 0) {
    throw new AppError('BAD_USER_INPUT', 'Give at least one activity.', { paths: [['input', 'activities']] });
  }
  if (input.principal.role !== 'PRINCIPAL') {
    throw new AppError('BAD_USER_INPUT', 'The principal applicant has the role PRINCIPAL.', {
      paths: [['input', 'principal', 'role']],
    });
  }
  const principal = personValues(input.principal, ['input', 'principal']);
  const location = input.location ? text(input.location, ['input', 'location'], { max: SECRET_MAX }) : undefined;
  const safeContact = input.safeContact
    ? text(input.safeContact, ['input', 'safeContact'], { max: SECRET_MAX })
    : undefined;

  const id = await ctx.scope.mutate(async (tx) => {
    const [org] = await tx
      .select({ prefix: organizations.referencePrefix })
      .from(organizations)
      .where(eq(organizations.id, viewer.organizationId));
    if (!org) throw new Error('caller organization missing');
    const reference = await nextReference(tx, viewer.organizationId, org.prefix, new Date().getUTCFullYear());
    const [row] = await tx
      .insert(cases)
      .values({
        ...values,
        reference,
        custodianId: viewer.organizationId,
        originId: viewer.organizationId,
        status: 'DRAFT',
        createdBy: viewer.userId,
      })
      .returning({ id: cases.id });
    if (!row) throw new Error('case insert returned nothing');
    await tx.insert(persons).values({ ...principal, caseId: row.id });
    if (location !== undefined || safeContact !== undefined) {
      await sealCaseSecrets(tx, ctx.keyring, row.id, { location, safeContact });
    }
    ctx.audit.record({ action: 'case.create', outcome: 'ALLOWED', caseIds: [row.id], fields: writes });
    return row.id;
  });
  return getCase(ctx, id);
}

export async function updateCase(
  ctx: AppContext,
  caseId: string,
  expectedVersion: number,
  input: UpdateCaseInput,
): Promise<CaseRecord> {
  version(expectedVersion, ['expectedVersion']);
  const set: Partial<typeof cases.$inferInsert> = {};
  const writes = new Set<FieldClass>();
  if (input.urgency != null) set.urgency = input.urgency;
  if (input.countryOfNationality != null) {
    set.countryOfNationality = country(input.countryOfNationality, ['input', 'countryOfNationality']);
  }
  if (input.countryOfAsylum != null) set.countryOfAsylum = country(input.countryOfAsylum, ['input', 'countryOfAsylum']);
  if (input.activities != null) {
    if (input.activities.length === 0) {
      throw new AppError('BAD_USER_INPUT', 'Give at least one activity.', { paths: [['input', 'activities']] });
    }
    set.activities = [...new Set(input.activities)];
  }
  if (input.hrdSummary !== undefined) {
    set.hrdSummary = input.hrdSummary ? text(input.hrdSummary, ['input', 'hrdSummary'], { max: SUMMARY_MAX }) : null;
  }
  if (input.riskSummary !== undefined) {
    set.riskSummary = input.riskSummary
      ? text(input.riskSummary, ['input', 'riskSummary'], { max: SUMMARY_MAX })
      : null;
  }
  if (input.inHiding != null) set.inHiding = input.inHiding;
  // The case file (profile, countries, urgency) is edited under IDENTITY write: ACCESS.md grants
  // no separate write path for META or QUASI fields.
  if (Object.keys(set).length) writes.add('IDENTITY');
  const secrets: { location?: string | null; safeContact?: string | null } = {};
  if (input.location != null) {
    secrets.location = input.location === '' ? null : text(input.location, ['input', 'location'], { max: SECRET_MAX });
  }
  if (input.safeContact != null) {
    secrets.safeContact =
      input.safeContact === '' ? null : text(input.safeContact, ['input', 'safeContact'], { max: SECRET_MAX });
  }
  if (Object.keys(secrets).length) writes.add('SECRET');
  if (writes.size === 0) throw new AppError('BAD_USER_INPUT', 'Nothing to change.', { paths: [['input']] });

  await ctx.scope.mutate(async (tx) => {
    const record = await takeCaseForWrite(ctx, tx, caseId, {
      action: 'case.update',
      writes: [...writes],
      expectedVersion,
    });
    assertStatusIn(record, EDITABLE_STATUSES, 'Editing the case');
    if (Object.keys(secrets).length) await sealCaseSecrets(tx, ctx.keyring, record.id, secrets);
    await touchCase(tx, record, set);
    ctx.audit.record({ action: 'case.update', outcome: 'ALLOWED', caseIds: [record.id], fields: [...writes] });
  });
  return getCase(ctx, caseId);
}

/**
 * Withdraws a case (from READY_TO_REFER or REFERRED). A pending referral is withdrawn with it;
 * an acknowledged one stays, so IRCC sees that the case was withdrawn. The reason is kept with
 * the assessment (`Assessment.withdrawalReason`, ASSESSMENT class, beside `notEligibleReason`):
 * the custodian and, while the referral stands, IRCC's officers read it.
 */
export async function withdrawCase(ctx: AppContext, caseId: string, reason: string): Promise<CaseRecord> {
  const why = text(reason, ['reason'], { min: 3, max: 2_000 });
  await ctx.scope.mutate(async (tx) => {
    const record = await takeCaseForWrite(ctx, tx, caseId, {
      action: 'case.withdraw',
      writes: ['IDENTITY'],
      allowed: () => !!ctx.viewer && hasPermission(ctx.viewer, 'case:withdraw'),
    });
    assertMove(record.status, 'WITHDRAWN');
    const now = new Date();
    // Every criterion was MET, so the assessment exists; the insert only guards against a row
    // that is missing all the same.
    await tx
      .insert(assessments)
      .values({ caseId: record.id, withdrawalReason: why, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: assessments.caseId,
        set: { withdrawalReason: why, updatedAt: now, version: sql`${assessments.version} + 1` },
      });
    await tx
      .update(transfers)
      .set({ status: 'WITHDRAWN', decisionReason: why, decidedAt: now, decidedBy: ctx.viewer?.userId })
      .where(and(eq(transfers.caseId, record.id), eq(transfers.status, 'PENDING')));
    // IRCC hears of a withdrawn referral (pending or acknowledged).
    const [referral] = await tx
      .select({ to: transfers.toOrganizationId })
      .from(transfers)
      .where(and(eq(transfers.caseId, record.id), eq(transfers.kind, 'RESETTLEMENT_REFERRAL')));
    if (referral) await notifyOrganization(tx, referral.to, 'case.withdrawn', record);
    await touchCase(tx, record, { status: 'WITHDRAWN' });
    ctx.audit.record({ action: 'case.withdraw', outcome: 'ALLOWED', caseIds: [record.id], fields: ['META'] });
  });
  return getCase(ctx, caseId);
}
