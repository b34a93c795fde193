/**
 * Analysts' dashboard: the cap's burn-down per year and per partner from `quota(year)`, as charts
 * (recharts) with the same figures in tables for screen readers and keyboard users.
 * Below them, the statistics (`statistics { caseCounts processingTimes }`, StatisticsSection.tsx):
 * cases by stage and processing times, where a suppressed cell is shown as such, never as 0.
 */
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useI18n } from '../../i18n';
import { blockingError } from '../common/errors';
import { Badge, Empty, ErrorMessage, Loading, Page } from '../common/ui';
import { Quota, QuotaSummary, quotaOf, type YearQuota } from './QuotaSummary';
import { StatisticsSection } from './StatisticsSection';

/** The stream opened in July 2021. */
const FIRST_YEAR = 2021;
const COLORS = {
  approved: '#1b6e3a',
  inProcess: '#0b5cad',
  refused: '#a4262c',
  withdrawn: '#6b6f76',
  arrived: '#5b2a86',
  cap: '#b35900',
};

function years(): number[] {
  const last = new Date().getFullYear();
  return Array.from({ length: last - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
}

export function DashboardPage() {
  const { t } = useI18n();
  const [year, setYear] = useState(() => new Date().getFullYear());
  return (
    <Page title={t('dashboard.title')}>
      <div className="field field--narrow">
        <label htmlFor="dashboard-year">{t('dashboard.year')}</label>
        <select id="dashboard-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {years().map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <QuotaSummary year={year} />
      <PartnersChart year={year} />
      <BurnDownChart />
      <StatisticsSection />
    </Page>
  );
}

function PartnersChart({ year }: { year: number }) {
  const { t, formatNumber } = useI18n();
  const { data, loading, error } = useQuery(Quota, { variables: { year } });
  const partners = quotaOf(data)?.partners ?? [];
  const rows = partners.map((p) => ({
    name: p.organization.name,
    approved: p.approvedPersons,
    inProcess: p.inProcessPersons,
    refused: p.refusedPersons,
    withdrawn: p.withdrawnPersons,
    target: p.personTarget,
    referred: p.referredPersons,
    overTarget: p.overTarget,
  }));
  return (
    <section aria-labelledby="partners-heading" className="panel">
      <h2 id="partners-heading">{t('dashboard.byPartner', { year })}</h2>
      {loading && !data && <Loading />}
      <ErrorMessage error={blockingError(error)} />
      {data && rows.length === 0 && <Empty>{t('dashboard.noReferrals')}</Empty>}
      {rows.length > 0 && (
        <>
          <figure className="chart" aria-label={t('dashboard.byPartner', { year })}>
            <ResponsiveContainer width="100%" height={280}>
              <BarChart data={rows} margin={{ top: 10, right: 20, bottom: 10, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                <Bar dataKey="approved" stackId="p" name={t('dashboard.approved')} fill={COLORS.approved} />
                <Bar dataKey="inProcess" stackId="p" name={t('dashboard.inProcess')} fill={COLORS.inProcess} />
                <Bar dataKey="refused" stackId="p" name={t('dashboard.refused')} fill={COLORS.refused} />
                <Bar dataKey="withdrawn" stackId="p" name={t('dashboard.withdrawn')} fill={COLORS.withdrawn} />
              </BarChart>
            </ResponsiveContainer>
          </figure>
          <table className="table table--compact">
            <caption>{t('dashboard.byPartnerTable', { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.partner')}</th>
                <th scope="col">{t('dashboard.referred')}</th>
                <th scope="col">{t('dashboard.inProcess')}</th>
                <th scope="col">{t('dashboard.approved')}</th>
                <th scope="col">{t('dashboard.refused')}</th>
                <th scope="col">{t('dashboard.withdrawn')}</th>
                <th scope="col">{t('dashboard.target')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.name}>
                  <th scope="row">{r.name}</th>
                  <td>{formatNumber(r.referred)}</td>
                  <td>{formatNumber(r.inProcess)}</td>
                  <td>{formatNumber(r.approved)}</td>
                  <td>{formatNumber(r.refused)}</td>
                  <td>{formatNumber(r.withdrawn)}</td>
                  <td>
                    {r.target == null ? '—' : formatNumber(r.target)}{' '}
                    {r.overTarget && <Badge tone="warn">{t('dashboard.overTarget')}</Badge>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** Every year since the stream opened: approved and in-process persons against the cap. */
function BurnDownChart() {
  const { t, formatNumber } = useI18n();
  const client = useApolloClient();
  const [state, setState] = useState<{ rows?: YearQuota[]; error?: unknown }>({});
  useEffect(() => {
    let cancelled = false;
    Promise.all(years().map((year) => client.query({ query: Quota, variables: { year } })))
      .then((results) => {
        if (cancelled) return;
        const failed = results.find((r) => r.error);
        if (failed) setState({ error: failed.error });
        else
          setState({
            rows: results.flatMap((r) => {
              const quota = quotaOf(r.data);
              return quota ? [quota] : [];
            }),
          });
      })
      .catch((error: unknown) => !cancelled && setState({ error }));
    return () => {
      cancelled = true;
    };
  }, [client]);
  const rows = (state.rows ?? []).map((q) => ({
    year: String(q.year),
    approved: q.approvedPersons,
    inProcess: q.inProcessPersons,
    cap: q.personCap,
    remaining: q.remainingPersons,
  }));
  return (
    <section aria-labelledby="burndown-heading" className="panel">
      <h2 id="burndown-heading">{t('dashboard.burnDown')}</h2>
      {!state.rows && !state.error && <Loading />}
      <ErrorMessage error={state.error} />
      {rows.length > 0 && (
        <>
          <figure className="chart" aria-label={t('dashboard.burnDown')} data-testid="burndown-chart">
            <ResponsiveContainer width="100%" height={280}>
              <ComposedChart data={rows} margin={{ top: 10, right: 20, bottom: 10, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="year" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                <Bar dataKey="approved" stackId="y" name={t('dashboard.approved')} fill={COLORS.approved} />
                <Bar dataKey="inProcess" stackId="y" name={t('dashboard.inProcess')} fill={COLORS.inProcess} />
                <Line dataKey="cap" name={t('dashboard.cap')} stroke={COLORS.cap} strokeWidth={2} type="linear" />
              </ComposedChart>
            </ResponsiveContainer>
          </figure>
          <table className="table table--compact">
            <caption>{t('dashboard.burnDownTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.year')}</th>
                <th scope="col">{t('dashboard.cap')}</th>
                <th scope="col">{t('dashboard.approved')}</th>
                <th scope="col">{t('dashboard.inProcess')}</th>
                <th scope="col">{t('dashboard.remaining')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.year}>
                  <th scope="row">{r.year}</th>
                  <td>{r.cap == null ? '—' : formatNumber(r.cap)}</td>
                  <td>{formatNumber(r.approved)}</td>
                  <td>{formatNumber(r.inProcess)}</td>
                  <td>{r.remaining == null ? '—' : formatNumber(r.remaining)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
