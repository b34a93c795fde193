import type { HrdActivity, PersonRole, Sex, Urgency } from '@hrd/schema';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GqlEnum } from '../../graphql/enums.js';
import { Case, type CaseRecord } from './cases.types.js';

@InputType({ description: 'A person on a case.' })
export class PersonInput {
  @Field(() => GqlEnum.PersonRole, { description: 'Their place on the case. Exactly one PRINCIPAL per case.' })
  role!: PersonRole;

  @Field(() => String, { description: 'Given name.' })
  givenName!: string;

  @Field(() => String, { description: 'Family name.' })
  familyName!: string;

  @Field(() => String, { nullable: true, description: 'Date of birth, YYYY-MM-DD.' })
  dateOfBirth?: string | null;

  @Field(() => GqlEnum.Sex, { nullable: true, description: 'Sex as on identity documents.' })
  sex?: Sex | null;

  @Field(() => String, { nullable: true, description: 'Nationality, ISO 3166-1 alpha-2.' })
  nationality?: string | null;
}

@InputType({ description: 'Changes to a person; omitted fields stay as they are.' })
export class PersonPatch {
  @Field(() => GqlEnum.PersonRole, { nullable: true })
  role?: PersonRole | null;

  @Field(() => String, { nullable: true })
  givenName?: string | null;

  @Field(() => String, { nullable: true })
  familyName?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  dateOfBirth?: string | null;

  @Field(() => GqlEnum.Sex, { nullable: true })
  sex?: Sex | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2.' })
  nationality?: string | null;
}

@InputType({ description: 'A new case file. Its creator’s organization becomes custodian and origin.' })
export class CreateCaseInput {
  @Field(() => GqlEnum.Urgency, { nullable: true, description: 'Submission priority (default NORMAL).' })
  urgency?: Urgency | null;

  @Field(() => String, { description: 'Country of nationality, ISO 3166-1 alpha-2.' })
  countryOfNationality!: string;

  @Field(() => String, { description: 'Country of asylum, ISO 3166-1 alpha-2.' })
  countryOfAsylum!: string;

  @Field(() => [GqlEnum.HrdActivity], { description: "The defender's kinds of work (at least one)." })
  activities!: HrdActivity[];

  @Field(() => String, { nullable: true, description: 'Summary of their work as a defender.' })
  hrdSummary?: string | null;

  @Field(() => String, { nullable: true, description: 'Summary of the risk they face.' })
  riskSummary?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether they are in hiding (default false).' })
  inHiding?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Where they are (SECRET: encrypted at rest).' })
  location?: string | null;

  @Field(() => String, { nullable: true, description: 'How to reach them safely (SECRET: encrypted at rest).' })
  safeContact?: string | null;

  @Field(() => PersonInput, { description: 'The principal applicant (role PRINCIPAL).' })
  principal!: PersonInput;
}

@InputType({ description: 'Changes to a case file; omitted fields stay as they are, null clears.' })
export class UpdateCaseInput {
  @Field(() => GqlEnum.Urgency, { nullable: true })
  urgency?: Urgency | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2.' })
  countryOfNationality?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2.' })
  countryOfAsylum?: string | null;

  @Field(() => [GqlEnum.HrdActivity], { nullable: true })
  activities?: HrdActivity[] | null;

  @Field(() => String, { nullable: true })
  hrdSummary?: string | null;

  @Field(() => String, { nullable: true })
  riskSummary?: string | null;

  @Field(() => Boolean, { nullable: true })
  inHiding?: boolean | null;

  @Field(() => String, { nullable: true, description: 'SECRET; an empty string clears it.' })
  location?: string | null;

  @Field(() => String, { nullable: true, description: 'SECRET; an empty string clears it.' })
  safeContact?: string | null;
}

@ObjectType({ description: "Where a partner's referrals stand against the year's cap, in persons." })
export class QuotaCheck {
  @Field(() => Int, { description: 'The year counted.' })
  year!: number;

  @Field(() => Int, { nullable: true, description: "The stream's cap in persons (null if none set)." })
  personCap!: number | null;

  @Field(() => Int, { description: 'Persons referred this year by every partner, this referral included.' })
  referredPersons!: number;

  @Field(() => Int, { nullable: true, description: "The partner's own target (FLD: 125), if it has one." })
  partnerTarget!: number | null;

  @Field(() => Int, { description: 'Persons referred this year by this partner, this referral included.' })
  partnerReferredPersons!: number;

  @Field(() => Boolean, { description: 'This referral takes the year past the cap.' })
  overCap!: boolean;

  @Field(() => Boolean, { description: 'This referral takes the partner past its target (allowed, but flagged).' })
  overPartnerTarget!: boolean;
}

@ObjectType({ description: 'The answer to referToIrcc.' })
export class ReferralResult {
  @Field(() => Case, { description: 'The referred case (status REFERRED).' })
  case!: CaseRecord;

  @Field(() => ID, { description: 'The RESETTLEMENT_REFERRAL transfer created.' })
  transferId!: string;

  @Field(() => QuotaCheck, { description: "The year's cap and the partner's target, counting this referral." })
  quota!: QuotaCheck;
}
