import type {
  CheckKind,
  CheckResult,
  DecisionOutcome,
  ImmigrationStage,
  InformationRequestStatus,
  OrganizationKind,
} from '@hrd/schema';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GqlEnum } from '../../graphql/enums.js';
import { PageInfo } from '../../graphql/page-info.js';
import { Case, type CaseRecord } from '../cases/cases.types.js';
import { Organization } from '../organizations/organizations.types.js';

@ObjectType({ description: 'An assigned IRCC officer (IRCC_INTERNAL).' })
export class Officer {
  @Field(() => String, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => String, { description: 'Name shown to colleagues.' })
  displayName!: string;
}

@ObjectType({ description: 'A member of staff of the caller or of the other party (a name shown to both).' })
export class StaffMember {
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

  @Field(() => Boolean, {
    description: 'Deferred: an information request to the partner is open (META: both sides see it). Not a refusal.',
  })
  deferred!: boolean;

  @Field(() => Int, { nullable: true, description: "The file's version, for expectedVersion (IRCC_INTERNAL)." })
  version!: number | null;

  @Field(() => Officer, { nullable: true, description: 'Who decided (IRCC_INTERNAL).' })
  decidedBy!: Officer | null;

  @Field(() => Date, { nullable: true, description: 'When the decision was made (IRCC_INTERNAL).' })
  decidedAt!: Date | null;

  @Field(() => [ID], { nullable: true, description: 'The charges a refusal relied on (IRCC_INTERNAL).' })
  citedChargeIds!: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: "The officer's note overriding a partner's judicial-harassment flag (IRCC_INTERNAL).",
  })
  overrideNote!: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Whether approving this file now would take its referral year past the cap (IRCC_INTERNAL): the officers' warning.",
  })
  approvalWouldPassCap!: boolean | null;
}

@InputType({ description: "Filters for the officers' work list." })
export class ImmigrationQueueFilter {
  @Field(() => [GqlEnum.ImmigrationStage], {
    nullable: true,
    description: 'Only these stages (default: files still in process).',
  })
  stage?: ImmigrationStage[] | null;

  @Field(() => ID, { nullable: true, description: 'Only files assigned to this officer.' })
  assignedOfficerId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only unassigned (true) or assigned (false) files.' })
  unassigned?: boolean | null;

  @Field(() => [GqlEnum.OrganizationKind], { nullable: true, description: 'Only files referred by these partners.' })
  partner?: OrganizationKind[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only expedited (true) or ordinary (false) files.' })
  expedited?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only deferred (true) or not deferred (false) files.' })
  deferred?: boolean | null;
}

@InputType({ description: 'Filters for information requests.' })
export class InformationRequestFilter {
  @Field(() => [GqlEnum.InformationRequestStatus], { nullable: true, description: 'Only these statuses.' })
  status?: InformationRequestStatus[] | null;

  @Field(() => ID, { nullable: true, description: 'Only the requests on this case.' })
  caseId?: string | null;
}

@ObjectType({ description: 'A question IRCC asked the custodian partner about a case, and its answer.' })
export class InformationRequest {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => Case, { description: 'The case asked about.' })
  case!: CaseRecord;

  @Field(() => String, { description: "IRCC's question." })
  question!: string;

  @Field(() => String, { nullable: true, description: "The partner's answer, once given." })
  answer!: string | null;

  @Field(() => GqlEnum.InformationRequestStatus, { description: 'OPEN (the file is deferred) or ANSWERED.' })
  status!: InformationRequestStatus;

  @Field(() => Date, { description: 'When IRCC asked.' })
  askedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the partner answered.' })
  answeredAt!: Date | null;

  @Field(() => Officer, { nullable: true, description: 'The officer who asked (IRCC only; null to partners).' })
  askedBy!: Officer | null;

  @Field(() => StaffMember, { nullable: true, description: 'Who answered (to IRCC and to the custodian).' })
  answeredBy!: StaffMember | null;

  @Field(() => Int, { description: 'Version, for expectedVersion.' })
  version!: number;
}

@ObjectType({ description: 'An information request with its cursor.' })
export class InformationRequestEdge {
  @Field(() => String, { description: 'Opaque cursor for `after`.' })
  cursor!: string;

  @Field(() => InformationRequest, { description: 'The request.' })
  node!: unknown;
}

@ObjectType({ description: 'A page of information requests.' })
export class InformationRequestConnection {
  @Field(() => [InformationRequestEdge], { description: 'The requests of this page.' })
  edges!: InformationRequestEdge[];

  @Field(() => PageInfo, { description: 'Pagination.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many requests match in all.' })
  totalCount!: number;
}

@ObjectType({ description: "A partner's share of a year's cap, in persons (families included)." })
export class PartnerQuota {
  @Field(() => Organization, { description: 'The referring partner.' })
  organization!: Organization;

  @Field(() => Int, { nullable: true, description: "The partner's target for the year (FLD: 125), if any." })
  personTarget!: number | null;

  @Field(() => Int, { description: 'Cases referred in the year.' })
  referredCases!: number;

  @Field(() => Int, { description: 'Persons referred in the year (every outcome below included).' })
  referredPersons!: number;

  @Field(() => Int, { description: 'Of those, persons whose case IRCC is still processing.' })
  inProcessPersons!: number;

  @Field(() => Int, { description: 'Of those, persons approved (arrivals included).' })
  approvedPersons!: number;

  @Field(() => Int, { description: 'Of those, persons arrived in Canada.' })
  arrivedPersons!: number;

  @Field(() => Int, { description: 'Of those, persons refused.' })
  refusedPersons!: number;

  @Field(() => Int, { description: 'Of those, persons whose case the partner withdrew after IRCC acknowledged it.' })
  withdrawnPersons!: number;

  @Field(() => Boolean, { description: 'Referred persons exceed the target.' })
  overTarget!: boolean;
}

@ObjectType({
  description:
    "A year's cap: persons (families included) referred, in process, approved and arrived, counted in the year of referral.",
})
export class QuotaReport {
  @Field(() => Int, { description: 'The year.' })
  year!: number;

  @Field(() => Int, { nullable: true, description: "The stream's cap in persons (500 from 2023; 250 in 2021–2022)." })
  personCap!: number | null;

  @Field(() => Int, { description: 'Cases referred in the year.' })
  referredCases!: number;

  @Field(() => Int, { description: 'Persons referred in the year.' })
  referredPersons!: number;

  @Field(() => Int, { description: 'Persons whose case IRCC is still processing.' })
  inProcessPersons!: number;

  @Field(() => Int, { description: 'Persons approved (arrivals included): what the cap limits.' })
  approvedPersons!: number;

  @Field(() => Int, { description: 'Persons arrived in Canada.' })
  arrivedPersons!: number;

  @Field(() => Int, { description: 'Persons refused.' })
  refusedPersons!: number;

  @Field(() => Int, { description: 'Persons withdrawn after IRCC acknowledged the referral.' })
  withdrawnPersons!: number;

  @Field(() => Int, { nullable: true, description: 'Cap minus approved persons (negative once passed).' })
  remainingPersons!: number | null;

  @Field(() => Boolean, { description: 'Approved persons exceed the cap.' })
  overCap!: boolean;

  @Field(() => [PartnerQuota], { description: 'Each referring partner, and each partner with a target.' })
  partners!: unknown[];
}

@ObjectType({ description: 'The answer to recordDecision.' })
export class DecisionResult {
  @Field(() => Case, { description: 'The decided case (status APPROVED or REFUSED).' })
  case!: CaseRecord;

  @Field(() => QuotaReport, { description: "The referral year's cap after this decision." })
  quota!: QuotaReport;

  @Field(() => Boolean, { description: 'This approval took the year past its cap (allowed, and flagged).' })
  passesCap!: boolean;

  @Field(() => [String], { description: 'Warnings for the officer (the cap).' })
  warnings!: string[];
}
