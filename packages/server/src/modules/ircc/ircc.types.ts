import type { CheckKind, CheckResult, DecisionOutcome, ImmigrationStage } from '@hrd/schema';
import { Field, ObjectType } from 'type-graphql';
import { GqlEnum } from '../../graphql/enums.js';

@ObjectType({ description: 'An assigned IRCC officer (IRCC_INTERNAL).' })
export class Officer {
  @Field(() => String, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => String, { description: 'Name shown to colleagues.' })
  displayName!: string;
}

@ObjectType({ description: 'A check IRCC recorded on a file (IRCC_INTERNAL).' })
export class ImmigrationCheck {
  @Field(() => GqlEnum.CheckKind, { description: 'Which check.' })
  kind!: CheckKind;

  @Field(() => GqlEnum.CheckResult, { description: 'Its result.' })
  result!: CheckResult;

  @Field(() => String, { nullable: true, description: "The officer's note." })
  note!: string | null;

  @Field(() => Date, { description: 'When it was recorded.' })
  recordedAt!: Date;
}

/**
 * IRCC's processing of a referred case. `stage` and `decisionOutcome` are META (the partner sees
 * them); every other field is IRCC_INTERNAL.
 */
@ObjectType({
  description: "IRCC's processing of a referred case. Stage and outcome are META; the rest is IRCC-internal.",
})
export class ImmigrationFile {
  @Field(() => GqlEnum.ImmigrationStage, { description: 'Processing stage (META).' })
  stage!: ImmigrationStage;

  @Field(() => GqlEnum.DecisionOutcome, { nullable: true, description: 'The decision, once made (META).' })
  decisionOutcome!: DecisionOutcome | null;

  @Field(() => String, { nullable: true, description: "IRCC's file number (IRCC_INTERNAL)." })
  fileNumber!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Expedited: an EMERGENCY referral (IRCC_INTERNAL).' })
  expedited!: boolean | null;

  @Field(() => Officer, { nullable: true, description: 'The assigned officer (IRCC_INTERNAL).' })
  assignedOfficer!: Officer | null;

  @Field(() => [ImmigrationCheck], { nullable: true, description: 'Checks recorded (IRCC_INTERNAL).' })
  checks!: ImmigrationCheck[] | null;

  @Field(() => String, { nullable: true, description: 'Reasons for the decision (IRCC_INTERNAL).' })
  decisionReasons!: string | null;

  @Field(() => Date, { nullable: true, description: 'Interview date (IRCC_INTERNAL).' })
  interviewAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Arrival in Canada (IRCC_INTERNAL).' })
  arrivedAt!: Date | null;
}
