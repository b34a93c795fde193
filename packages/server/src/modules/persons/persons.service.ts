/**
 * Persons and charges on a case. Exactly one PRINCIPAL per case (a unique index holds "at most
 * one"; these services hold "at least one"). A change in the family's composition takes back a
 * FAMILY_VERIFIED answer, since the size it verified no longer holds.
 */
import { EDITABLE_STATUSES } from '@hrd/schema';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/client.js';
import { assessmentAnswers, charges, persons } from '../../db/schema.js';
import { AppError } from '../../graphql/errors.js';
import { isId } from '../../graphql/ids.js';
import { pastDate, text, version } from '../../graphql/validate.js';
import { assertStatusIn, takeCaseForWrite, touchCase } from '../cases/case-write.js';
import { getCase } from '../cases/cases.service.js';
import type { CaseRecord, Charge, Person } from '../cases/cases.types.js';
import { personValues } from '../cases/casework.service.js';
import type { PersonInput, PersonPatch } from '../cases/casework.types.js';
import type { ChargeInput, ChargePatch } from './persons.types.js';

const PERSON_NOT_FOUND = 'Person not found.';
const CHARGE_NOT_FOUND = 'Charge not found.';

/** The case a person or charge belongs to, if the row is visible to the caller (RLS applies). */
async function caseOf(tx: Database, table: typeof persons | typeof charges, id: string): Promise<string | null> {
  if (!isId(id)) return null;
  const [row] = await tx.select({ caseId: table.caseId }).from(table).where(eq(table.id, id.toLowerCase()));
  return row?.caseId ?? null;
}

/** Composition changed: FAMILY_VERIFIED is no longer MET, and a READY_TO_REFER case goes back to assessment. */
async function compositionChanged(tx: Database, record: CaseRecord): Promise<void> {
  await tx
    .update(assessmentAnswers)
    .set({
      answer: 'UNKNOWN',
      justification: 'The family composition changed after verification.',
      answeredAt: new Date(),
    })
    .where(
      and(
        eq(assessmentAnswers.caseId, record.id),
        eq(assessmentAnswers.criterion, 'FAMILY_VERIFIED'),
        eq(assessmentAnswers.answer, 'MET'),
      ),
    );
  await touchCase(tx, record, record.status === 'READY_TO_REFER' ? { status: 'IN_ASSESSMENT' } : {});
}

export async function addPerson(ctx: AppContext, caseId: string, input: PersonInput): Promise<Person> {
  const values = personValues(input, ['input']);
  if (values.role === 'PRINCIPAL') {
    throw new AppError('BAD_USER_INPUT', 'The case already has its principal applicant.', {
      paths: [['input', 'role']],
    });
  }
  return ctx.scope.mutate(async (tx) => {
    const record = await takeCaseForWrite(ctx, tx, caseId, { action: 'person.add', writes: ['IDENTITY'] });
    assertStatusIn(record, EDITABLE_STATUSES, 'Changing the family');
    const [row] = await tx
      .insert(persons)
      .values({ ...values, caseId: record.id })
      .returning();
    if (!row) throw new Error('person insert returned nothing');
    await compositionChanged(tx, record);
    ctx.audit.record({ action: 'person.add', outcome: 'ALLOWED', caseIds: [record.id], fields: ['IDENTITY'] });
    return row;
  });
}

export async function updatePerson(
  ctx: AppContext,
  personId: string,
  expectedVersion: number,
  patch: PersonPatch,
): Promise<Person> {
  version(expectedVersion, ['expectedVersion']);
  return ctx.scope.mutate(async (tx) => {
    const caseId = await caseOf(tx, persons, personId);
    if (!caseId) throw new AppError('NOT_FOUND', PERSON_NOT_FOUND);
    const record = await takeCaseForWrite(ctx, tx, caseId, { action: 'person.update', writes: ['IDENTITY'] });
    assertStatusIn(record, EDITABLE_STATUSES, 'Changing the family');
    const [current] = await tx.select().from(persons).where(eq(persons.id, personId.toLowerCase())).for('update');
    if (!current) throw new AppError('NOT_FOUND', PERSON_NOT_FOUND);
    if (current.version !== expectedVersion) {
      throw new AppError('CONFLICT', 'Someone else changed this person first: reload and try again.', {
        currentVersion: current.version,
      });
    }
    const merged = personValues(
      {
        role: patch.role ?? current.role,
        givenName: patch.givenName ?? current.givenName,
        familyName: patch.familyName ?? current.familyName,
        dateOfBirth: patch.dateOfBirth === undefined ? current.dateOfBirth : patch.dateOfBirth,
        sex: patch.sex === undefined ? current.sex : patch.sex,
        nationality: patch.nationality === undefined ? current.nationality : patch.nationality,
      },
      ['input'],
    );
    if ((current.role === 'PRINCIPAL') !== (merged.role === 'PRINCIPAL')) {
      throw new AppError(
        'BAD_USER_INPUT',
        'A case has exactly one principal: the principal’s role cannot change here.',
        {
          paths: [['input', 'role']],
        },
      );
    }
    const [row] = await tx
      .update(persons)
      .set({ ...merged, updatedAt: new Date(), version: sql`${persons.version} + 1` })
      .where(eq(persons.id, current.id))
      .returning();
    if (!row) throw new Error('person update returned nothing');
    // The case's version moves on with every change to its persons and charges, this one too.
    await touchCase(tx, record);
    ctx.audit.record({ action: 'person.update', outcome: 'ALLOWED', caseIds: [record.id], fields: ['IDENTITY'] });
    return row;
  });
}

export async function removePerson(ctx: AppContext, personId: string): Promise<CaseRecord> {
  const caseId = await ctx.scope.mutate(async (tx) => {
    const caseId = await caseOf(tx, persons, personId);
    if (!caseId) throw new AppError('NOT_FOUND', PERSON_NOT_FOUND);
    const record = await takeCaseForWrite(ctx, tx, caseId, { action: 'person.remove', writes: ['IDENTITY'] });
    assertStatusIn(record, EDITABLE_STATUSES, 'Changing the family');
    const [current] = await tx.select().from(persons).where(eq(persons.id, personId.toLowerCase()));
    if (!current) throw new AppError('NOT_FOUND', PERSON_NOT_FOUND);
    if (current.role === 'PRINCIPAL') {
      throw new AppError('BAD_USER_INPUT', 'The principal applicant cannot be removed from the case.', {
        paths: [['personId']],
      });
    }
    await tx.delete(persons).where(eq(persons.id, current.id));
    await compositionChanged(tx, record);
    ctx.audit.record({ action: 'person.remove', outcome: 'ALLOWED', caseIds: [record.id], fields: ['IDENTITY'] });
    return record.id;
  });
  return getCase(ctx, caseId);
}

function chargeValues(
  input: ChargeInput | (ChargePatch & { personId?: string }),
  current?: typeof charges.$inferSelect,
) {
  const description = input.description ?? current?.description;
  const jurisdiction = input.jurisdiction ?? current?.jurisdiction;
  if (description == null)
    throw new AppError('BAD_USER_INPUT', 'Describe the charge.', { paths: [['input', 'description']] });
  if (jurisdiction == null) {
    throw new AppError('BAD_USER_INPUT', 'Name the jurisdiction.', { paths: [['input', 'jurisdiction']] });
  }
  const date = input.date === undefined ? (current?.date ?? null) : input.date;
  const note = input.partnerNote === undefined ? (current?.partnerNote ?? null) : input.partnerNote;
  return {
    description: text(description, ['input', 'description'], { min: 1, max: 2_000 }),
    jurisdiction: text(jurisdiction, ['input', 'jurisdiction'], { min: 1, max: 200 }),
    date: date ? pastDate(date, ['input', 'date']) : null,
    outcome: input.outcome ?? current?.outcome ?? 'PENDING',
    partnerView: input.partnerView ?? current?.partnerView ?? 'UNKNOWN',
    partnerNote: note ? text(note, ['input', 'partnerNote'], { max: 5_000 }) : null,
  };
}

export async function addCharge(ctx: AppContext, caseId: string, input: ChargeInput): Promise<Charge> {
  const values = chargeValues(input);
  return ctx.scope.mutate(async (tx) => {
    const record = await takeCaseForWrite(ctx, tx, caseId, { action: 'charge.add', writes: ['CHARGES'] });
    assertStatusIn(record, EDITABLE_STATUSES, 'Recording charges');
    const person = isId(input.personId)
      ? (
          await tx
            .select({ id: persons.id, caseId: persons.caseId })
            .from(persons)
            .where(eq(persons.id, input.personId.toLowerCase()))
        )[0]
      : undefined;
    if (!person || person.caseId !== record.id) {
      throw new AppError('BAD_USER_INPUT', 'The person charged must be on this case.', {
        paths: [['input', 'personId']],
      });
    }
    const [row] = await tx
      .insert(charges)
      .values({ ...values, caseId: record.id, personId: person.id })
      .returning();
    if (!row) throw new Error('charge insert returned nothing');
    await touchCase(tx, record);
    ctx.audit.record({ action: 'charge.add', outcome: 'ALLOWED', caseIds: [record.id], fields: ['CHARGES'] });
    return row;
  });
}

export async function updateCharge(
  ctx: AppContext,
  chargeId: string,
  expectedVersion: number,
  patch: ChargePatch,
): Promise<Charge> {
  version(expectedVersion, ['expectedVersion']);
  return ctx.scope.mutate(async (tx) => {
    const caseId = await caseOf(tx, charges, chargeId);
    if (!caseId) throw new AppError('NOT_FOUND', CHARGE_NOT_FOUND);
    const record = await takeCaseForWrite(ctx, tx, caseId, { action: 'charge.update', writes: ['CHARGES'] });
    assertStatusIn(record, EDITABLE_STATUSES, 'Recording charges');
    const [current] = await tx.select().from(charges).where(eq(charges.id, chargeId.toLowerCase())).for('update');
    if (!current) throw new AppError('NOT_FOUND', CHARGE_NOT_FOUND);
    if (current.version !== expectedVersion) {
      throw new AppError('CONFLICT', 'Someone else changed this charge first: reload and try again.', {
        currentVersion: current.version,
      });
    }
    const [row] = await tx
      .update(charges)
      .set({ ...chargeValues(patch, current), updatedAt: new Date(), version: sql`${charges.version} + 1` })
      .where(eq(charges.id, current.id))
      .returning();
    if (!row) throw new Error('charge update returned nothing');
    await touchCase(tx, record);
    ctx.audit.record({ action: 'charge.update', outcome: 'ALLOWED', caseIds: [record.id], fields: ['CHARGES'] });
    return row;
  });
}
