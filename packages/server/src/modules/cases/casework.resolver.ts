import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { AppContext } from '../../context.js';
import { markNotEligible, recordAssessment } from '../assessment/assessment.service.js';
import { AssessmentInput } from '../assessment/assessment.types.js';
import { addCharge, addPerson, removePerson, updateCharge, updatePerson } from '../persons/persons.service.js';
import { ChargeInput, ChargePatch } from '../persons/persons.types.js';
import { Case, type CaseRecord, Charge, Person } from './cases.types.js';
import { createCase, updateCase, withdrawCase } from './casework.service.js';
import { CreateCaseInput, PersonInput, PersonPatch, ReferralResult, UpdateCaseInput } from './casework.types.js';
import { referToIrcc } from './referral.service.js';

@Resolver()
export class CaseworkResolver {
  @Mutation(() => Case, {
    description: 'Creates a case file (status DRAFT) held by your organization, with its principal applicant.',
  })
  createCase(@Arg('input', () => CreateCaseInput) input: CreateCaseInput, @Ctx() ctx: AppContext): Promise<CaseRecord> {
    return createCase(ctx, input);
  }

  @Mutation(() => Case, {
    description: 'Edits a case file your organization holds. CONFLICT if it changed since `expectedVersion`.',
  })
  updateCase(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => UpdateCaseInput) input: UpdateCaseInput,
    @Ctx() ctx: AppContext,
  ): Promise<CaseRecord> {
    return updateCase(ctx, id, expectedVersion, input);
  }

  @Mutation(() => Case, { description: 'Withdraws a case (from READY_TO_REFER or REFERRED), with a reason.' })
  withdrawCase(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: AppContext,
  ): Promise<CaseRecord> {
    return withdrawCase(ctx, caseId, reason);
  }

  @Mutation(() => Person, { description: 'Adds a family member to a case (not a second PRINCIPAL).' })
  addPerson(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('input', () => PersonInput) input: PersonInput,
    @Ctx() ctx: AppContext,
  ): Promise<Person> {
    return addPerson(ctx, caseId, input);
  }

  @Mutation(() => Person, { description: 'Edits a person. CONFLICT if it changed since `expectedVersion`.' })
  updatePerson(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => PersonPatch) input: PersonPatch,
    @Ctx() ctx: AppContext,
  ): Promise<Person> {
    return updatePerson(ctx, id, expectedVersion, input);
  }

  @Mutation(() => Case, { description: 'Removes a family member (never the principal). Answers the case.' })
  removePerson(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext): Promise<CaseRecord> {
    return removePerson(ctx, id);
  }

  @Mutation(() => Charge, { description: "Records a charge against a person on the case, with the partner's view." })
  addCharge(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('input', () => ChargeInput) input: ChargeInput,
    @Ctx() ctx: AppContext,
  ): Promise<Charge> {
    return addCharge(ctx, caseId, input);
  }

  @Mutation(() => Charge, { description: 'Edits a charge. CONFLICT if it changed since `expectedVersion`.' })
  updateCharge(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => ChargePatch) input: ChargePatch,
    @Ctx() ctx: AppContext,
  ): Promise<Charge> {
    return updateCharge(ctx, id, expectedVersion, input);
  }

  @Mutation(() => Case, {
    description:
      'Records criteria answers, categories and priority. All six MET: READY_TO_REFER; otherwise IN_ASSESSMENT (in triage the status stays IN_TRIAGE).',
  })
  recordAssessment(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => AssessmentInput) input: AssessmentInput,
    @Ctx() ctx: AppContext,
  ): Promise<CaseRecord> {
    return recordAssessment(ctx, caseId, expectedVersion, input);
  }

  @Mutation(() => Case, { description: 'Concludes an assessment with a criterion NOT_MET: status NOT_ELIGIBLE.' })
  markNotEligible(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: AppContext,
  ): Promise<CaseRecord> {
    return markNotEligible(ctx, caseId, expectedVersion, reason);
  }

  @Mutation(() => ReferralResult, {
    description:
      "Refers a READY_TO_REFER case to IRCC (status REFERRED; custody stays). Answers the year's cap and your target, counting this referral.",
  })
  referToIrcc(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: AppContext,
  ): Promise<ReferralResult> {
    return referToIrcc(ctx, caseId, expectedVersion);
  }
}
