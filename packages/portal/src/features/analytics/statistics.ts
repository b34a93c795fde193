/**
 * The statistics operations of the dashboard (`statistics { caseCounts processingTimes }`) and the
 * vocabulary the screens need to show their groups: the order of stages and events, and how a
 * group value reads in the user's language. Suppression: docs/STATISTICS.md.
 */
import { graphql } from '../../gql';
import type { ImmigrationStage, ProcessingEvent, StatisticsCondition, StatisticsDimension } from '../../gql/graphql';
import type { I18n } from '../../i18n';

export const CaseCounts = graphql(`
  query CaseCounts($groupBy: [StatisticsDimension!]!, $filter: [StatisticsCondition!]) {
    statistics {
      threshold
      caseCounts(groupBy: $groupBy, filter: $filter) {
        groupBy
        cells {
          group {
            dimension
            value
          }
          suppressed
          cases
          persons
        }
        total {
          cases
          persons
        }
        suppressedCells
        populationSuppressed
      }
    }
  }
`);

export const ProcessingTimes = graphql(`
  query ProcessingTimes(
    $from: ProcessingEvent!
    $to: ProcessingEvent!
    $groupBy: [StatisticsDimension!]!
    $filter: [StatisticsCondition!]
  ) {
    statistics {
      threshold
      processingTimes(from: $from, to: $to, groupBy: $groupBy, filter: $filter) {
        from
        to
        groupBy
        cells {
          group {
            dimension
            value
          }
          suppressed
          cases
          medianDays
          p90Days
        }
        totalCases
        suppressedCells
        populationSuppressed
      }
    }
  }
`);

/** The value of a group with no value on its dimension (e.g. a referral not acknowledged yet). */
export const NONE = 'NONE';

/** Stages in processing order, NONE (no immigration file yet) first. */
export const STAGE_ORDER: ReadonlyArray<ImmigrationStage | typeof NONE> = [
  NONE,
  'RECEIVED',
  'ELIGIBILITY_REVIEW',
  'INTERVIEW',
  'ADMISSIBILITY',
  'DECISION',
  'APPROVED',
  'TRAVEL',
  'ARRIVED',
  'REFUSED',
];

/** Events in the order they happen: `to` must come after `from`. */
export const EVENTS: readonly ProcessingEvent[] = ['CREATED', 'REFERRED', 'ACKNOWLEDGED', 'DECIDED', 'ARRIVED'];

/** The partner kinds statistics name (a third party is never named). */
export const PARTNERS = ['UNHCR', 'FLD', 'PD', 'THIRD_PARTY'] as const;

/** The stream opened in July 2021. */
export const FIRST_YEAR = 2021;

export function statisticsYears(): number[] {
  const last = new Date().getFullYear();
  return Array.from({ length: last - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
}

/** The dashboard's filters: empty means every value. */
export interface StatisticsFilters {
  year: string;
  partner: string;
}

export function conditions(filters: StatisticsFilters): StatisticsCondition[] | null {
  const out: StatisticsCondition[] = [];
  if (filters.year) out.push({ dimension: 'YEAR', values: [filters.year] });
  if (filters.partner) out.push({ dimension: 'PARTNER', values: [filters.partner] });
  return out.length > 0 ? out : null;
}

/** A group value as the user reads it. */
export function groupLabel(i18n: Pick<I18n, 't' | 'label'>, dimension: StatisticsDimension, value: string): string {
  const { t, label } = i18n;
  if (value === NONE) return dimension === 'STAGE' ? t('stats.stageNone') : t('stats.none');
  switch (dimension) {
    case 'STAGE':
      return label('ImmigrationStage', value);
    case 'PARTNER':
      return value === 'THIRD_PARTY' ? t('stats.thirdParty') : value;
    case 'URGENCY':
      return label('Urgency', value);
    case 'STATUS':
      return label('CaseStatus', value);
    default:
      return value;
  }
}

/** Sorting key of a group value on a dimension: stages in processing order, others as given. */
export function groupOrder(dimension: StatisticsDimension, value: string): string {
  if (dimension === 'STAGE') return String(STAGE_ORDER.indexOf(value as ImmigrationStage)).padStart(2, '0');
  if (dimension === 'URGENCY') return String(['EMERGENCY', 'URGENT', 'NORMAL'].indexOf(value)).padStart(2, '0');
  if (dimension === 'PARTNER') return String(PARTNERS.indexOf(value as (typeof PARTNERS)[number])).padStart(2, '0');
  return value;
}

/** Colours for series, distinguishable and dark enough against white for their legend text. */
export const SERIES_COLORS = ['#0b5cad', '#1b6e3a', '#b35900', '#5b2a86', '#a4262c', '#00707a'];
