import type {
  CaseStatus,
  ChargeOutcome,
  Criterion,
  CriterionAnswer,
  HrdActivity,
  OrganizationKind,
  PartnerView,
  PersonRole,
  Relation,
  Sex,
  SubmissionCategory,
  Urgency,
} from '@hrd/schema';
import { Relation as RelationValues } from '@hrd/schema';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { persons } from '../../db/schema.js';
import { GqlEnum } from '../../graphql/enums.js';
import { PageInfo } from '../../graphql/page-info.js';
import { ImmigrationFile } from '../ircc/ircc.types.js';
import { Organization } from '../organizations/organizations.types.js';
import { Transfer } from '../transfers/transfers.types.js';

export const CaseRelationEnum = Object.fromEntries(RelationValues.map((r) => [r, r])) as { [R in Relation]: R };
registerEnumType(CaseRelationEnum, {
  name: 'CaseRelation',
  description: "The caller organization's relation to a case, which decides what it may see (ACCESS.md).",
  valuesConfig: {
    CUSTODIAN: { description: 'Your organization holds the case.' },
    RECEIVER: { description: 'A transfer of the case to your organization is pending.' },
    IRCC: { description: 'The case was referred to IRCC, and you are IRCC.' },
    FORMER: { description: 'Your organization held or submitted the case earlier.' },
  },
});

/** What services hand to the Case resolvers: the row, and the caller's relation to it. */
export interface CaseRecord {
  id: string;
  reference: string;
  status: CaseStatus;
  urgency: Urgency;
  size: number;
  version: number;
  custodianId: string;
  originId: string;
  activities: HrdActivity[];
  countryOfNationality: string | null;
  countryOfAsylum: string | null;
  hrdSummary: string | null;
  riskSummary: string | null;
  inHiding: boolean;
  createdAt: Date;
  updatedAt: Date;
  relation: Relation;
  assignedOfficerId: string | null;
}

/**
 * The CaseRecord keys each Case field reads, for a page of cases read with the columns its
 * selection shows (graphql/selection.ts, `selectedColumnsAt`; `listCases`). A field served by a
 * loader of its own reads none. A field missing here (the immigration file, the secrets, which
 * hand the whole record on) makes the page read whole rows.
 */
export const CASE_FIELD_COLUMNS: Readonly<Record<string, readonly (keyof CaseRecord)[]>> = {
  id: [],
  reference: ['reference'],
  status: ['status'],
  urgency: ['urgency'],
  size: ['size'],
  version: ['version'],
  viewerRelation: [],
  custodian: ['custodianId'],
  origin: ['originId'],
  transfers: [],
  persons: [],
  charges: [],
  assessment: [],
  activities: ['activities'],
  hrdProfile: ['activities', 'hrdSummary', 'riskSummary'],
  inHiding: ['inHiding'],
  countryOfNationality: ['countryOfNationality'],
  countryOfAsylum: ['countryOfAsylum'],
  createdAt: ['createdAt'],
  updatedAt: ['updatedAt'],
};

/** Read with every selection: the case's key and what `guardField` decides with. */
export const CASE_ROW_KEYS = ['id', 'relation', 'assignedOfficerId'] as const satisfies readonly (keyof CaseRecord)[];

@ObjectType({ description: 'A person on a case: the principal applicant or a family member (IDENTITY).' })
export class Person {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => GqlEnum.PersonRole, { description: 'Their place on the case.' })
  role!: PersonRole;

  @Field(() => String, { description: 'Given name.' })
  givenName!: string;

  @Field(() => String, { description: 'Family name.' })
  familyName!: string;

  @Field(() => String, { nullable: true, description: 'Date of birth (YYYY-MM-DD).' })
  dateOfBirth!: string | null;

  @Field(() => GqlEnum.Sex, { nullable: true, description: 'Sex as on identity documents.' })
  sex!: Sex | null;

  @Field(() => String, { nullable: true, description: 'Nationality (ISO 3166-1 alpha-2).' })
  nationality!: string | null;

  @Field(() => Int, { description: 'Version, for updates with expectedVersion.' })
  version!: number;
}

/**
 * The persons columns each Person field reads (graphql/selection.ts, `selectedColumns`): a page's
 * persons are read with the columns its selection shows. A field missing here reads whole rows.
 */
export const PERSON_FIELD_COLUMNS = {
  id: ['id'],
  role: ['role'],
  givenName: ['givenName'],
  familyName: ['familyName'],
  dateOfBirth: ['dateOfBirth'],
  sex: ['sex'],
  nationality: ['nationality'],
  version: ['version'],
} as const satisfies Record<keyof Person, readonly (keyof typeof persons.$inferSelect)[]>;

/** Read with every selection: the keys the loader groups and the resolvers identify rows by. */
export const PERSON_ROW_KEYS = ['id', 'caseId'] as const;

@ObjectType({ description: "A charge or conviction against a person, with the partner's view of it (CHARGES)." })
export class Charge {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => ID, { description: 'The person charged.' })
  personId!: string;

  @Field(() => String, { description: 'What the charge says.' })
  description!: string;

  @Field(() => String, { description: 'Where it was brought.' })
  jurisdiction!: string;

  @Field(() => String, { nullable: true, description: 'When (YYYY-MM-DD).' })
  date!: string | null;

  @Field(() => GqlEnum.ChargeOutcome, { description: 'Where it stands.' })
  outcome!: ChargeOutcome;

  @Field(() => GqlEnum.PartnerView, {
    description: "The partner's view. JUDICIAL_HARASSMENT must not by itself count against admissibility.",
  })
  partnerView!: PartnerView;

  @Field(() => String, { nullable: true, description: "The partner's note on the charge." })
  partnerNote!: string | null;

  @Field(() => Int, { description: 'Version, for updates with expectedVersion.' })
  version!: number;
}

@ObjectType({ description: "The defender's profile (IDENTITY)." })
export class HrdProfile {
  @Field(() => [GqlEnum.HrdActivity], { description: 'Their human-rights work.' })
  activities!: HrdActivity[];

  @Field(() => String, { nullable: true, description: 'Summary of their work as a defender.' })
  summary!: string | null;

  @Field(() => String, { nullable: true, description: 'Summary of the risk they face.' })
  riskSummary!: string | null;
}

@ObjectType({ description: 'One criterion of the assessment and its answer.' })
export class CriterionAssessment {
  @Field(() => GqlEnum.Criterion, { description: 'The criterion.' })
  criterion!: Criterion;

  @Field(() => GqlEnum.CriterionAnswer, { description: 'The answer.' })
  answer!: CriterionAnswer;

  @Field(() => String, { description: 'Why.' })
  justification!: string;
}

@ObjectType({ description: "The partner's assessment of the referral criteria (ASSESSMENT)." })
export class Assessment {
  @Field(() => [CriterionAssessment], { description: 'One answer per criterion answered so far.' })
  answers!: CriterionAssessment[];

  @Field(() => GqlEnum.SubmissionCategory, { nullable: true, description: 'Primary resettlement submission category.' })
  primaryCategory!: SubmissionCategory | null;

  @Field(() => GqlEnum.SubmissionCategory, { nullable: true, description: 'Secondary submission category.' })
  secondaryCategory!: SubmissionCategory | null;

  @Field(() => String, { nullable: true, description: 'The stated reason for a CONSENT override, if any.' })
  consentOverrideReason!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the case was concluded not eligible, if it was.' })
  notEligibleReason!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the case was withdrawn, if it was.' })
  withdrawalReason!: string | null;

  @Field(() => Date, { description: 'Last change.' })
  updatedAt!: Date;
}

@ObjectType({
  description:
    'One HRD case file. Fields are grouped in classes (ACCESS.md): a field outside your classes is null, with a FORBIDDEN error naming its path.',
})
export class Case {
  @Field(() => ID, { description: 'Stable identifier (META).' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Human-readable reference, e.g. FLD-2026-0042 (REFERENCE: as META, but never to analysts).',
  })
  reference!: string | null;

  @Field(() => GqlEnum.CaseStatus, { description: 'Partner-side status (META).' })
  status!: CaseStatus;

  @Field(() => GqlEnum.Urgency, { description: 'Submission priority (META).' })
  urgency!: Urgency;

  @Field(() => Int, { description: 'Number of persons on the case, which counts against the cap (META).' })
  size!: number;

  @Field(() => Int, { description: 'Version, for updates with expectedVersion (META).' })
  version!: number;

  @Field(() => CaseRelationEnum, { description: "Your organization's relation to the case." })
  viewerRelation!: Relation;

  @Field(() => Organization, { description: 'The organization that holds the case now (META).' })
  custodian!: Organization;

  @Field(() => Organization, { description: 'The organization that first submitted it (META).' })
  origin!: Organization;

  @Field(() => [Transfer], { description: 'Its movements between organizations, oldest first (META).' })
  transfers!: Transfer[];

  @Field(() => [GqlEnum.HrdActivity], { description: "The defender's kinds of work (META)." })
  activities!: HrdActivity[];

  @Field(() => Date, { description: 'Created (META).' })
  createdAt!: Date;

  @Field(() => Date, { description: 'Last changed (META).' })
  updatedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Country of nationality, ISO 3166-1 alpha-2 (QUASI).' })
  countryOfNationality!: string | null;

  @Field(() => String, { nullable: true, description: 'Country of asylum, ISO 3166-1 alpha-2 (QUASI).' })
  countryOfAsylum!: string | null;

  @Field(() => [Person], { nullable: true, description: 'The principal and family members (IDENTITY).' })
  persons!: Person[] | null;

  @Field(() => HrdProfile, { nullable: true, description: "The defender's profile (IDENTITY)." })
  hrdProfile!: HrdProfile | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the defender is in hiding (IDENTITY).' })
  inHiding!: boolean | null;

  @Field(() => [Charge], { nullable: true, description: 'Charges and convictions, with the partner’s view (CHARGES).' })
  charges!: Charge[] | null;

  @Field(() => Assessment, { nullable: true, description: 'The criteria assessment (ASSESSMENT).' })
  assessment!: Assessment | null;

  @Field(() => ImmigrationFile, {
    nullable: true,
    description: "IRCC's processing, once the referral is acknowledged: stage and outcome are META.",
  })
  immigrationFile!: ImmigrationFile | null;
}

@ObjectType({ description: 'One case in a page of cases.' })
export class CaseEdge {
  @Field(() => String, { description: 'Opaque cursor for `after`.' })
  cursor!: string;

  @Field(() => Case, { description: 'The case.' })
  node!: CaseRecord;
}

@ObjectType({ description: 'A page of the cases you have a relation to.' })
export class CaseConnection {
  @Field(() => [CaseEdge], { description: 'The cases of this page.' })
  edges!: CaseEdge[];

  @Field(() => PageInfo, { description: 'Pagination.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many cases match in all (only cases you have a relation to).' })
  totalCount!: number;
}

export enum CaseOrder {
  CREATED_DESC = 'CREATED_DESC',
  CREATED_ASC = 'CREATED_ASC',
  UPDATED_DESC = 'UPDATED_DESC',
  URGENCY = 'URGENCY',
}
registerEnumType(CaseOrder, {
  name: 'CaseOrder',
  description: 'How to sort cases.',
  valuesConfig: {
    CREATED_DESC: { description: 'Newest first (default).' },
    CREATED_ASC: { description: 'Oldest first.' },
    UPDATED_DESC: { description: 'Most recently changed first.' },
    URGENCY: { description: 'EMERGENCY, then URGENT, then NORMAL; oldest first within each.' },
  },
});

@InputType({ description: 'Filters for `cases`. Every filter narrows; none widens what you may see.' })
export class CaseFilter {
  @Field(() => [GqlEnum.CaseStatus], { nullable: true, description: 'Any of these statuses.' })
  status?: CaseStatus[] | null;

  @Field(() => [GqlEnum.Urgency], { nullable: true, description: 'Any of these urgencies.' })
  urgency?: Urgency[] | null;

  @Field(() => [GqlEnum.OrganizationKind], { nullable: true, description: "Custodian's organization kind." })
  custodianKind?: OrganizationKind[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Country of asylum (QUASI): matches only cases whose QUASI fields you may read.',
  })
  countryOfAsylum?: string[] | null;

  @Field(() => [GqlEnum.HrdActivity], { nullable: true, description: 'Any of these activities.' })
  activity?: HrdActivity[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'References starting with this, e.g. "FLD-2026-" (REFERENCE: FORBIDDEN to a role that may not read references).',
  })
  referencePrefix?: string | null;

  @Field(() => Date, { nullable: true, description: 'Created at or after.' })
  createdAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Created before.' })
  createdBefore?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Referred to IRCC at or after.' })
  referredAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Referred to IRCC before.' })
  referredBefore?: Date | null;
}
