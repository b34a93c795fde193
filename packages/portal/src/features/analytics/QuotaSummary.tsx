/** The year's cap at a glance (analysts' home and dashboard), from `statistics { quota(year) }`. */
import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { QuotaQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { blockingError } from '../common/errors';
import { Badge, ErrorMessage, Loading } from '../common/ui';

export const Quota = graphql(`
  query Quota($year: Int!) {
    statistics {
      quota(year: $year) {
        year
        personCap
        referredCases
        referredPersons
        inProcessPersons
        approvedPersons
        arrivedPersons
        refusedPersons
        withdrawnPersons
        remainingPersons
        overCap
        partners {
          organization {
            id
            name
            kind
          }
          personTarget
          referredCases
          referredPersons
          inProcessPersons
          approvedPersons
          arrivedPersons
          refusedPersons
          withdrawnPersons
          overTarget
        }
      }
    }
  }
`);

/** The report out of a `Quota` answer: the only place that knows where `quota` sits in the schema. */
export function quotaOf(data: QuotaQuery | undefined) {
  return data?.statistics?.quota;
}

export type YearQuota = NonNullable<ReturnType<typeof quotaOf>>;

export function QuotaSummary({ year }: { year: number }) {
  const { t, formatNumber } = useI18n();
  const { data, loading, error } = useQuery(Quota, { variables: { year } });
  if (loading && !data) return <Loading />;
  const q = quotaOf(data);
  return (
    <section aria-labelledby="quota-summary-heading" className="panel">
      <h2 id="quota-summary-heading">{t('dashboard.capYear', { year })}</h2>
      <ErrorMessage error={blockingError(error)} />
      {q && (
        <dl className="stats" data-testid="quota-summary">
          <div>
            <dt>{t('dashboard.cap')}</dt>
            <dd>{q.personCap == null ? '—' : formatNumber(q.personCap)}</dd>
          </div>
          <div>
            <dt>{t('dashboard.referred')}</dt>
            <dd>{formatNumber(q.referredPersons)}</dd>
          </div>
          <div>
            <dt>{t('dashboard.inProcess')}</dt>
            <dd>{formatNumber(q.inProcessPersons)}</dd>
          </div>
          <div>
            <dt>{t('dashboard.approved')}</dt>
            <dd>{formatNumber(q.approvedPersons)}</dd>
          </div>
          <div>
            <dt>{t('dashboard.arrived')}</dt>
            <dd>{formatNumber(q.arrivedPersons)}</dd>
          </div>
          <div>
            <dt>{t('dashboard.remaining')}</dt>
            <dd>
              {q.remainingPersons == null ? '—' : formatNumber(q.remainingPersons)}{' '}
              {q.overCap && <Badge tone="danger">{t('dashboard.overCap')}</Badge>}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
