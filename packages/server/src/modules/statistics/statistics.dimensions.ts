/**
 * The dimensions statistics group and filter by: how each is computed in SQL (as text, "NONE"
 * for a missing value) and which values a filter may name.
 */
import { CaseStatus, HrdActivity, ImmigrationStage, SubmissionCategory, Urgency } from '@hrd/schema';
import { type SQL, sql } from 'drizzle-orm';
import countries from 'i18n-iso-countries';
import { assessments, cases, immigrationFiles, organizations } from '../../db/schema.js';
import { ProcessingEvent, StatisticsDimension } from './statistics.types.js';

export const NONE = 'NONE';

/** Partners as analysts see them: the four named kinds never include a third party's name. */
const PARTNERS = ['UNHCR', 'FLD', 'PD', 'THIRD_PARTY'] as const;

/** The value of a dimension for the row of `cases` (joined with its immigration file) in scope. */
export function dimensionSql(dimension: StatisticsDimension): SQL {
  switch (dimension) {
    case StatisticsDimension.PARTNER:
      // The kind only: a third party is THIRD_PARTY, never its name.
      return sql`(SELECT o.kind FROM ${organizations} o WHERE o.id = ${cases.custodianId})`;
    case StatisticsDimension.STATUS:
      return sql`${cases.status}`;
    case StatisticsDimension.STAGE:
      return sql`coalesce(${immigrationFiles.stage}, ${NONE})`;
    case StatisticsDimension.URGENCY:
      return sql`${cases.urgency}`;
    case StatisticsDimension.COUNTRY_OF_ASYLUM:
      return sql`coalesce(${cases.countryOfAsylum}::text, ${NONE})`;
    case StatisticsDimension.NATIONALITY:
      return sql`coalesce(${cases.countryOfNationality}::text, ${NONE})`;
    case StatisticsDimension.ACTIVITY:
      // One row per activity (the statement unnests `activities`); none recorded: NONE.
      return sql`stat_activity.value`;
    case StatisticsDimension.YEAR:
      return sql`coalesce(to_char(${cases.referredAt} AT TIME ZONE 'UTC', 'YYYY'), ${NONE})`;
    case StatisticsDimension.CATEGORY:
      return sql`coalesce((SELECT a.primary_category FROM ${assessments} a WHERE a.case_id = ${cases.id}), ${NONE})`;
  }
}

/** The unnesting of a case's activities, one row per activity (NONE when it has none). */
export const ACTIVITY_UNNEST = sql`CROSS JOIN LATERAL unnest(CASE WHEN cardinality(${cases.activities}) = 0
  THEN ARRAY[${NONE}]::text[] ELSE ${cases.activities} END) AS stat_activity(value)`;

/** Whether a filter value names a group of the dimension (the value normalised, or null). */
export function filterValue(dimension: StatisticsDimension, raw: string): string | null {
  const value = raw.trim().toUpperCase();
  const oneOf = (values: readonly string[], withNone: boolean) =>
    values.includes(value) || (withNone && value === NONE) ? value : null;
  switch (dimension) {
    case StatisticsDimension.PARTNER:
      return oneOf(PARTNERS, false);
    case StatisticsDimension.STATUS:
      return oneOf(CaseStatus.values, false);
    case StatisticsDimension.STAGE:
      return oneOf(ImmigrationStage.values, true);
    case StatisticsDimension.URGENCY:
      return oneOf(Urgency.values, false);
    case StatisticsDimension.COUNTRY_OF_ASYLUM:
    case StatisticsDimension.NATIONALITY:
      return value === NONE || (/^[A-Z]{2}$/.test(value) && countries.isValid(value)) ? value : null;
    case StatisticsDimension.ACTIVITY:
      return oneOf(HrdActivity.values, true);
    case StatisticsDimension.YEAR:
      return /^\d{4}$/.test(value) || value === NONE ? value : null;
    case StatisticsDimension.CATEGORY:
      return oneOf(SubmissionCategory.values, true);
  }
}

/** When each event happened, for the row of `cases` joined with its immigration file. */
export function eventSql(event: ProcessingEvent): SQL {
  switch (event) {
    case ProcessingEvent.CREATED:
      return sql`${cases.createdAt}`;
    case ProcessingEvent.REFERRED:
      return sql`${cases.referredAt}`;
    case ProcessingEvent.ACKNOWLEDGED:
      return sql`${immigrationFiles.createdAt}`;
    case ProcessingEvent.DECIDED:
      return sql`${immigrationFiles.decidedAt}`;
    case ProcessingEvent.ARRIVED:
      return sql`${immigrationFiles.arrivedAt}`;
  }
}

/** The dimensions and events whose SQL above reads the case's immigration file. */
const FILE_DIMENSIONS: ReadonlySet<StatisticsDimension> = new Set([StatisticsDimension.STAGE]);
const FILE_EVENTS: ReadonlySet<ProcessingEvent> = new Set([
  ProcessingEvent.ACKNOWLEDGED,
  ProcessingEvent.DECIDED,
  ProcessingEvent.ARRIVED,
]);

/**
 * The cases a statistics statement reads: `cases`, joined with their immigration files only when a
 * dimension or an event needs them. The join is one file per case at most (its key is the case),
 * so it never changes the rows; without it, a count by status at 100,000 cases no longer reads
 * 47,000 files through their read policy.
 */
export function populationFrom(dimensions: readonly StatisticsDimension[], events: readonly ProcessingEvent[]): SQL {
  const file = dimensions.some((d) => FILE_DIMENSIONS.has(d)) || events.some((e) => FILE_EVENTS.has(e));
  return file ? sql`${cases} LEFT JOIN ${immigrationFiles} ON ${immigrationFiles.caseId} = ${cases.id}` : sql`${cases}`;
}

/** The events in the order they happen to a case. */
export const EVENT_ORDER: readonly ProcessingEvent[] = [
  ProcessingEvent.CREATED,
  ProcessingEvent.REFERRED,
  ProcessingEvent.ACKNOWLEDGED,
  ProcessingEvent.DECIDED,
  ProcessingEvent.ARRIVED,
];
