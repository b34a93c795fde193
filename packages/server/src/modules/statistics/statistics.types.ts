/**
 * The analysts' statistics as clients see them. Every count is over the cases IRCC sees (those
 * with a PENDING or ACCEPTED resettlement referral), with small-cell suppression (docs/STATISTICS.md).
 * `Statistics` is one object with a field per kind of table, so another table (e.g. `quota`)
 * is one more `@FieldResolver` in a `@Resolver(() => Statistics)` class.
 */
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum StatisticsDimension {
  PARTNER = 'PARTNER',
  STATUS = 'STATUS',
  STAGE = 'STAGE',
  URGENCY = 'URGENCY',
  COUNTRY_OF_ASYLUM = 'COUNTRY_OF_ASYLUM',
  NATIONALITY = 'NATIONALITY',
  ACTIVITY = 'ACTIVITY',
  YEAR = 'YEAR',
  CATEGORY = 'CATEGORY',
}
registerEnumType(StatisticsDimension, {
  name: 'StatisticsDimension',
  description:
    'What statistics are grouped or filtered by. A missing value is the group "NONE". Group values are strings ' +
    '(the enum value, the ISO 3166-1 alpha-2 code, or the year).',
  valuesConfig: {
    PARTNER: {
      description:
        "The custodian partner's organization kind: UNHCR, FLD or PD (THIRD_PARTY groups any third party; " +
        'third-party organizations are never named here).',
    },
    STATUS: { description: 'The case status (CaseStatus).' },
    STAGE: {
      description: 'The IRCC stage of the immigration file (ImmigrationStage); NONE: referral not acknowledged yet.',
    },
    URGENCY: { description: 'The urgency (Urgency).' },
    COUNTRY_OF_ASYLUM: { description: 'Country of asylum (QUASI: reaches analysts only through these aggregates).' },
    NATIONALITY: { description: 'Country of nationality (QUASI: reaches analysts only through these aggregates).' },
    ACTIVITY: {
      description:
        "The defender's activities (HrdActivity). A case counts once in EACH of its activities, so counts and " +
        'totals grouped by ACTIVITY are case-activity pairs, not cases. Group by it; it cannot be a filter.',
    },
    YEAR: { description: 'The calendar year (UTC) in which the case was referred to IRCC.' },
    CATEGORY: {
      description:
        'The primary resettlement submission category (SubmissionCategory). An ASSESSMENT field: officers only; ' +
        'analysts get FORBIDDEN (ACCESS.md gives them no ASSESSMENT access, not even aggregated).',
    },
  },
});

export enum ProcessingEvent {
  CREATED = 'CREATED',
  REFERRED = 'REFERRED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  DECIDED = 'DECIDED',
  ARRIVED = 'ARRIVED',
}
registerEnumType(ProcessingEvent, {
  name: 'ProcessingEvent',
  description: 'A dated event in the life of a case, in this order; processing times run from one to a later one.',
  valuesConfig: {
    CREATED: { description: 'The case was created by its first partner.' },
    REFERRED: { description: 'The custodian referred it to IRCC (referToIrcc).' },
    ACKNOWLEDGED: { description: 'IRCC acknowledged the referral and opened the immigration file.' },
    DECIDED: { description: 'IRCC recorded its decision (APPROVED or REFUSED).' },
    ARRIVED: { description: 'The family arrived in Canada.' },
  },
});

@InputType({ description: 'Keep only cases whose value on `dimension` is one of `values`.' })
export class StatisticsCondition {
  @Field(() => StatisticsDimension, { description: 'Any dimension but ACTIVITY.' })
  dimension!: StatisticsDimension;

  @Field(() => [String], {
    description:
      'Group values as `StatisticsGroupValue.value` shows them, e.g. ["EMERGENCY", "URGENT"], ["KE"], ["2026"].',
  })
  values!: string[];
}

@ObjectType({ description: "One dimension's value of a group." })
export class StatisticsGroupValue {
  @Field(() => StatisticsDimension)
  dimension!: StatisticsDimension;

  @Field(() => String, { description: 'The value, or "NONE" when the case has none.' })
  value!: string;
}

@ObjectType({ description: 'One group of `caseCounts`.' })
export class CaseCountCell {
  @Field(() => [StatisticsGroupValue], { description: 'The group, one value per `groupBy` dimension, in that order.' })
  group!: StatisticsGroupValue[];

  @Field(() => Boolean, {
    description:
      'True when the group is too small to show (or hidden so that another small group cannot be recovered by ' +
      'subtraction): `cases` and `persons` are then null.',
  })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true, description: 'Cases in the group (null when suppressed).' })
  cases!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Persons in the group: the sum of its cases’ sizes, families included (null when suppressed).',
  })
  persons!: number | null;
}

@ObjectType({ description: 'Sums over the groups shown; suppressed groups are left out.' })
export class CaseCountTotal {
  @Field(() => Int, { description: 'The sum of `cases` over the groups shown (not every case: see suppressedCells).' })
  cases!: number;

  @Field(() => Int, { description: 'The sum of `persons` over the groups shown.' })
  persons!: number;
}

@ObjectType({ description: 'Case and person counts by group, with small groups suppressed.' })
export class CaseCountTable {
  @Field(() => [StatisticsDimension])
  groupBy!: StatisticsDimension[];

  @Field(() => [CaseCountCell], { description: 'Every non-empty group, largest first; suppressed groups included.' })
  cells!: CaseCountCell[];

  @Field(() => CaseCountTotal, {
    description:
      'Totals over the groups SHOWN only, so that no suppressed count can be found by subtracting from a total.',
  })
  total!: CaseCountTotal;

  @Field(() => Int, { description: 'How many groups are suppressed.' })
  suppressedCells!: number;

  @Field(() => Boolean, {
    description: 'True when the filter leaves fewer cases than the threshold: then every group is suppressed.',
  })
  populationSuppressed!: boolean;
}

@ObjectType({ description: 'One group of `processingTimes`.' })
export class ProcessingTimeCell {
  @Field(() => [StatisticsGroupValue], { description: 'The group, one value per `groupBy` dimension, in that order.' })
  group!: StatisticsGroupValue[];

  @Field(() => Boolean, { description: 'True when the group is suppressed: every number is then null.' })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true, description: 'Cases measured: those with both events.' })
  cases!: number | null;

  @Field(() => Number, { nullable: true, description: 'Median days from `from` to `to` (percentile_cont 0.5).' })
  medianDays!: number | null;

  @Field(() => Number, { nullable: true, description: '90th percentile of the days (percentile_cont 0.9).' })
  p90Days!: number | null;
}

@ObjectType({
  description: 'Days between two events of the cases that have both, by group, with small groups suppressed.',
})
export class ProcessingTimeTable {
  @Field(() => ProcessingEvent)
  from!: ProcessingEvent;

  @Field(() => ProcessingEvent)
  to!: ProcessingEvent;

  @Field(() => [StatisticsDimension])
  groupBy!: StatisticsDimension[];

  @Field(() => [ProcessingTimeCell], {
    description: 'Every non-empty group, largest first; suppressed groups included.',
  })
  cells!: ProcessingTimeCell[];

  @Field(() => Int, { description: 'The sum of `cases` over the groups shown.' })
  totalCases!: number;

  @Field(() => Int, { description: 'How many groups are suppressed.' })
  suppressedCells!: number;

  @Field(() => Boolean, { description: 'True when the filter leaves fewer cases than the threshold.' })
  populationSuppressed!: boolean;
}

@ObjectType({
  description:
    'Aggregates over the cases IRCC sees (a PENDING or ACCEPTED resettlement referral), for IRCC analysts and ' +
    'officers. Any group of fewer cases than `threshold` is suppressed, with complementary suppression so that it ' +
    'cannot be recovered by subtraction; totals cover the groups shown. Method and limits: docs/STATISTICS.md.',
})
export class Statistics {
  @Field(() => Int, { description: 'The suppression threshold in force (cases).' })
  threshold!: number;
}
