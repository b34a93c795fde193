import type { Criterion, CriterionAnswer, SubmissionCategory, Urgency } from '@hrd/schema';
import { Field, InputType } from 'type-graphql';
import { GqlEnum } from '../../graphql/enums.js';

@InputType({ description: 'An answer to one criterion.' })
export class CriterionAnswerInput {
  @Field(() => GqlEnum.Criterion, { description: 'The criterion.' })
  criterion!: Criterion;

  @Field(() => GqlEnum.CriterionAnswer, { description: 'MET, NOT_MET or UNKNOWN.' })
  answer!: CriterionAnswer;

  @Field(() => String, { nullable: true, description: 'Why: required for MET and NOT_MET.' })
  justification?: string | null;
}

@InputType({ description: "Changes to a case's assessment; criteria not given keep their answers." })
export class AssessmentInput {
  @Field(() => [CriterionAnswerInput], { description: 'Answers to record (each criterion at most once).' })
  answers!: CriterionAnswerInput[];

  @Field(() => GqlEnum.SubmissionCategory, { nullable: true, description: 'Primary submission category.' })
  primaryCategory?: SubmissionCategory | null;

  @Field(() => GqlEnum.SubmissionCategory, { nullable: true, description: 'Secondary submission category.' })
  secondaryCategory?: SubmissionCategory | null;

  @Field(() => GqlEnum.Urgency, { nullable: true, description: "Submission priority: sets the case's urgency." })
  priority?: Urgency | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Overrides CONSENT (counted as MET) with this stated reason; audited. Only when consent cannot be recorded the usual way.',
  })
  consentOverrideReason?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Takes back the CONSENT override on record (consent was refused or withdrawn after all, or the override was a mistake): CONSENT counts by its own answer again; audited. Not with `consentOverrideReason`.',
  })
  clearConsentOverride?: boolean | null;
}
