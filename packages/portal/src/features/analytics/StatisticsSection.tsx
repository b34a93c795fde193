/**
 * The analysts' statistics on the dashboard: cases by stage (optionally split by partner or year)
 * and processing times (median and 90th percentile), each as a chart and a table, filtered by
 * year and partner. Suppressed cells read "Suppressed" in the table and are hatched in the chart,
 * never 0; totals cover the groups shown only (docs/STATISTICS.md).
 */
import { useQuery } from '@apollo/client/react';
import { type ReactNode, useId, useState } from 'react';
import type { ProcessingEvent, StatisticsDimension } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { Empty, ErrorMessage, Loading } from '../common/ui';
import { type ChartRow, type ChartSeries, StatisticsChart, SuppressedSwatch } from './StatisticsChart';
import {
  CaseCounts,
  conditions,
  EVENTS,
  groupLabel,
  groupOrder,
  PARTNERS,
  ProcessingTimes,
  SERIES_COLORS,
  type StatisticsFilters,
  statisticsYears,
} from './statistics';

export function StatisticsSection() {
  const { t } = useI18n();
  const [filters, setFilters] = useState<StatisticsFilters>({ year: '', partner: '' });
  return (
    <section aria-labelledby="statistics-heading" className="panel" data-testid="statistics">
      <h2 id="statistics-heading">{t('dashboard.statistics')}</h2>
      <p className="muted">{t('stats.intro')}</p>
      <FiltersForm filters={filters} onChange={setFilters} />
      <CaseCountsPanel filters={filters} />
      <ProcessingTimesPanel filters={filters} />
      <p>
        <a href="/graphiql">{t('dashboard.graphiql')}</a>
      </p>
    </section>
  );
}

function FiltersForm({ filters, onChange }: { filters: StatisticsFilters; onChange(next: StatisticsFilters): void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <fieldset className="filters">
      <legend>{t('stats.filters')}</legend>
      <div className="field">
        <label htmlFor={`${id}-year`}>{t('stats.referralYear')}</label>
        <select id={`${id}-year`} value={filters.year} onChange={(e) => onChange({ ...filters, year: e.target.value })}>
          <option value="">{t('stats.allYears')}</option>
          {statisticsYears().map((y) => (
            <option key={y} value={String(y)}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-partner`}>{t('dashboard.partner')}</label>
        <select
          id={`${id}-partner`}
          value={filters.partner}
          onChange={(e) => onChange({ ...filters, partner: e.target.value })}
        >
          <option value="">{t('stats.allPartners')}</option>
          {PARTNERS.map((p) => (
            <option key={p} value={p}>
              {p === 'THIRD_PARTY' ? t('stats.thirdParty') : p}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}

/** "Suppressed", with the reason for screen readers and on hover. */
function SuppressedValue({ threshold }: { threshold: number }) {
  const { t } = useI18n();
  return (
    <span className="suppressed" title={t('stats.suppressedWhy', { threshold })}>
      <SuppressedSwatch /> {t('stats.suppressed')}
      <span className="sr-only"> ({t('stats.suppressedShort', { threshold })})</span>
    </span>
  );
}

function NoCase() {
  const { t } = useI18n();
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="sr-only">{t('stats.noCase')}</span>
    </>
  );
}

/** What a chart shows, how many of its cells are suppressed, and the legend of the hatching. */
function SuppressionNote({
  threshold,
  suppressedCells,
  populationSuppressed,
}: {
  threshold: number;
  suppressedCells: number;
  populationSuppressed: boolean;
}) {
  const { t, formatNumber } = useI18n();
  return (
    <>
      {populationSuppressed && (
        <p className="state state--warn" data-testid="population-suppressed">
          {t('stats.populationSuppressed', { threshold })}
        </p>
      )}
      <p>
        <SuppressedSwatch /> {t('stats.suppressedLegend', { threshold })}{' '}
        <strong data-testid="suppressed-count">
          {t('stats.suppressedCount', { count: formatNumber(suppressedCells) })}
        </strong>
      </p>
    </>
  );
}

type Split = '' | 'PARTNER' | 'YEAR' | 'URGENCY';
const SPLITS: ReadonlyArray<{ value: Split; label: MessageKey }> = [
  { value: '', label: 'stats.splitNone' },
  { value: 'PARTNER', label: 'dashboard.partner' },
  { value: 'YEAR', label: 'stats.referralYear' },
  { value: 'URGENCY', label: 'case.urgency' },
];

function CaseCountsPanel({ filters }: { filters: StatisticsFilters }) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const id = useId();
  const [split, setSplit] = useState<Split>('');
  const groupBy: StatisticsDimension[] = split ? ['STAGE', split] : ['STAGE'];
  const { data, loading, error } = useQuery(CaseCounts, {
    variables: { groupBy, filter: conditions(filters) },
  });
  const threshold = data?.statistics?.threshold ?? 0;
  const table = data?.statistics?.caseCounts;

  // Rows: stages in processing order; columns: the split's values (or one column, "Cases").
  const cells = table?.cells ?? [];
  const stageOf = (cell: (typeof cells)[number]) => cell.group[0]?.value ?? '';
  const columnOf = (cell: (typeof cells)[number]) => (split ? (cell.group[1]?.value ?? '') : 'cases');
  const stages = [...new Set(cells.map(stageOf))].sort((a, b) =>
    groupOrder('STAGE', a).localeCompare(groupOrder('STAGE', b)),
  );
  const columns = split
    ? [...new Set(cells.map(columnOf))].sort((a, b) => groupOrder(split, a).localeCompare(groupOrder(split, b)))
    : ['cases'];
  const find = (stage: string, column: string) => cells.find((c) => stageOf(c) === stage && columnOf(c) === column);
  const columnName = (column: string) => (split ? groupLabel(i18n, split, column) : t('stats.cases'));
  const series: ChartSeries[] = columns.map((column, i) => ({
    key: column,
    name: columnName(column),
    color: SERIES_COLORS[i % SERIES_COLORS.length] ?? '#0b5cad',
  }));
  const rows: ChartRow[] = stages.map((stage) => {
    const values: ChartRow['values'] = {};
    const suppressed: ChartRow['suppressed'] = {};
    for (const column of columns) {
      const cell = find(stage, column);
      values[column] = cell?.cases;
      suppressed[column] = cell?.suppressed ?? false;
    }
    return { name: groupLabel(i18n, 'STAGE', stage), values, suppressed };
  });
  const title = split
    ? t('stats.byStageSplit', {
        split: t(SPLITS.find((s) => s.value === split)?.label ?? 'stats.splitNone').toLocaleLowerCase(),
      })
    : t('stats.byStage');

  return (
    <section aria-labelledby={`${id}-heading`} className="subpanel" data-testid="case-counts">
      <h3 id={`${id}-heading`}>{t('stats.byStageHeading')}</h3>
      <div className="filters">
        <div className="field">
          <label htmlFor={`${id}-split`}>{t('stats.splitBy')}</label>
          <select id={`${id}-split`} value={split} onChange={(e) => setSplit(e.target.value as Split)}>
            {SPLITS.map((s) => (
              <option key={s.value} value={s.value}>
                {t(s.label)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {table && cells.length === 0 && <Empty>{t('stats.empty')}</Empty>}
      {table && cells.length > 0 && (
        <>
          <StatisticsChart
            title={title}
            rows={rows}
            series={series}
            testId="case-counts-chart"
            descriptionId={`${id}-note`}
          >
            <SuppressionNote
              threshold={threshold}
              suppressedCells={table.suppressedCells}
              populationSuppressed={table.populationSuppressed}
            />
          </StatisticsChart>
          <table className="table table--compact" data-testid="case-counts-table">
            <caption>{t('stats.tableOf', { title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('stats.stage')}</th>
                {split ? (
                  columns.map((column) => (
                    <th key={column} scope="col">
                      {columnName(column)}
                    </th>
                  ))
                ) : (
                  <>
                    <th scope="col">{t('stats.cases')}</th>
                    <th scope="col">{t('stats.persons')}</th>
                  </>
                )}
              </tr>
            </thead>
            <tbody>
              {stages.map((stage) => (
                <tr key={stage}>
                  <th scope="row">{groupLabel(i18n, 'STAGE', stage)}</th>
                  {columns.map((column) => {
                    const cell = find(stage, column);
                    const content = (value: number | null | undefined) =>
                      !cell ? (
                        <NoCase />
                      ) : cell.suppressed ? (
                        <SuppressedValue threshold={threshold} />
                      ) : (
                        formatNumber(value)
                      );
                    return split ? (
                      <td key={column}>{content(cell?.cases)}</td>
                    ) : (
                      <CountCells key={column} cases={content(cell?.cases)} persons={content(cell?.persons)} />
                    );
                  })}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('stats.shownTotal')}</th>
                <td colSpan={split ? columns.length : 1}>{formatNumber(table.total.cases)}</td>
                {!split && <td>{formatNumber(table.total.persons)}</td>}
              </tr>
            </tfoot>
          </table>
          <p className="muted">{t('stats.totalNote')}</p>
        </>
      )}
    </section>
  );
}

function CountCells({ cases, persons }: { cases: ReactNode; persons: ReactNode }) {
  return (
    <>
      <td>{cases}</td>
      <td>{persons}</td>
    </>
  );
}

type TimeGroup = 'PARTNER' | 'YEAR' | 'URGENCY';
const TIME_GROUPS: ReadonlyArray<{ value: TimeGroup; label: MessageKey }> = [
  { value: 'PARTNER', label: 'dashboard.partner' },
  { value: 'YEAR', label: 'stats.referralYear' },
  { value: 'URGENCY', label: 'case.urgency' },
];

function ProcessingTimesPanel({ filters }: { filters: StatisticsFilters }) {
  const i18n = useI18n();
  const { t, label, formatNumber } = i18n;
  const id = useId();
  const [from, setFrom] = useState<ProcessingEvent>('REFERRED');
  const [to, setTo] = useState<ProcessingEvent>('DECIDED');
  const [groupBy, setGroupBy] = useState<TimeGroup>('PARTNER');
  const { data, loading, error } = useQuery(ProcessingTimes, {
    variables: { from, to, groupBy: [groupBy], filter: conditions(filters) },
  });
  const threshold = data?.statistics?.threshold ?? 0;
  const table = data?.statistics?.processingTimes;
  const cells = [...(table?.cells ?? [])].sort((a, b) =>
    groupOrder(groupBy, a.group[0]?.value ?? '').localeCompare(groupOrder(groupBy, b.group[0]?.value ?? '')),
  );
  const eventName = (event: ProcessingEvent) => label('ProcessingEvent', event);
  const title = t('stats.timesTitle', {
    from: eventName(from),
    to: eventName(to),
    group: t(TIME_GROUPS.find((g) => g.value === groupBy)?.label ?? 'dashboard.partner').toLocaleLowerCase(),
  });
  const series: ChartSeries[] = [
    { key: 'median', name: t('stats.median'), color: '#0b5cad' },
    { key: 'p90', name: t('stats.p90'), color: '#b35900' },
  ];
  const rows: ChartRow[] = cells.map((cell) => ({
    name: groupLabel(i18n, groupBy, cell.group[0]?.value ?? ''),
    values: { median: cell.medianDays, p90: cell.p90Days },
    suppressed: { median: cell.suppressed, p90: cell.suppressed },
  }));

  function changeFrom(next: ProcessingEvent) {
    setFrom(next);
    // `to` must come after `from`: move it to the next event when it no longer does.
    if (EVENTS.indexOf(to) <= EVENTS.indexOf(next)) setTo(EVENTS[EVENTS.indexOf(next) + 1] ?? 'ARRIVED');
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="subpanel" data-testid="processing-times">
      <h3 id={`${id}-heading`}>{t('stats.timesHeading')}</h3>
      <div className="filters">
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('stats.from')}</label>
          <select id={`${id}-from`} value={from} onChange={(e) => changeFrom(e.target.value as ProcessingEvent)}>
            {EVENTS.slice(0, -1).map((event) => (
              <option key={event} value={event}>
                {eventName(event)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('stats.to')}</label>
          <select id={`${id}-to`} value={to} onChange={(e) => setTo(e.target.value as ProcessingEvent)}>
            {EVENTS.slice(EVENTS.indexOf(from) + 1).map((event) => (
              <option key={event} value={event}>
                {eventName(event)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-group`}>{t('stats.groupBy')}</label>
          <select id={`${id}-group`} value={groupBy} onChange={(e) => setGroupBy(e.target.value as TimeGroup)}>
            {TIME_GROUPS.map((g) => (
              <option key={g.value} value={g.value}>
                {t(g.label)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {table && cells.length === 0 && <Empty>{t('stats.timesEmpty')}</Empty>}
      {table && cells.length > 0 && (
        <>
          <StatisticsChart
            title={title}
            rows={rows}
            series={series}
            testId="processing-times-chart"
            descriptionId={`${id}-note`}
            integer={false}
          >
            <SuppressionNote
              threshold={threshold}
              suppressedCells={table.suppressedCells}
              populationSuppressed={table.populationSuppressed}
            />
          </StatisticsChart>
          <table className="table table--compact" data-testid="processing-times-table">
            <caption>{t('stats.tableOf', { title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(TIME_GROUPS.find((g) => g.value === groupBy)?.label ?? 'dashboard.partner')}</th>
                <th scope="col">{t('stats.measured')}</th>
                <th scope="col">{t('stats.medianDays')}</th>
                <th scope="col">{t('stats.p90Days')}</th>
              </tr>
            </thead>
            <tbody>
              {cells.map((cell) => {
                const value = cell.group[0]?.value ?? '';
                const show = (n: number | null | undefined) =>
                  cell.suppressed ? <SuppressedValue threshold={threshold} /> : formatNumber(n);
                return (
                  <tr key={value}>
                    <th scope="row">{groupLabel(i18n, groupBy, value)}</th>
                    <td>{show(cell.cases)}</td>
                    <td>{show(cell.medianDays)}</td>
                    <td>{show(cell.p90Days)}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('stats.shownTotal')}</th>
                <td colSpan={3}>{formatNumber(table.totalCases)}</td>
              </tr>
            </tfoot>
          </table>
        </>
      )}
    </section>
  );
}
