/**
 * The case list: filters (status, urgency, reference), sort, pages with totals, and the CSV export
 * of the same selection (`/export/cases.csv` takes the same filters as query parameters).
 */
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { primaryRole, useMe } from '../../app/session';
import { graphql } from '../../gql';
import type { CaseFilter, CaseOrder, CaseStatus, Urgency } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { blockingError } from '../common/errors';
import { Empty, ErrorMessage, Loading, Page } from '../common/ui';
import { CaseTable } from './CaseTable';

export const CaseList = graphql(`
  query CaseList($filter: CaseFilter, $orderBy: CaseOrder, $first: Int, $after: String) {
    cases(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...CaseRow_case
        }
      }
    }
  }
`);

export const STATUSES: CaseStatus[] = [
  'DRAFT',
  'SUBMITTED',
  'IN_TRIAGE',
  'DISTRIBUTED',
  'DECLINED',
  'IN_ASSESSMENT',
  'READY_TO_REFER',
  'NOT_ELIGIBLE',
  'REFERRED',
  'APPROVED',
  'REFUSED',
  'ARRIVED',
  'WITHDRAWN',
];
export const URGENCIES: Urgency[] = ['EMERGENCY', 'URGENT', 'NORMAL'];
const ORDERS: CaseOrder[] = ['CREATED_DESC', 'CREATED_ASC', 'UPDATED_DESC', 'URGENCY'];
const PAGE_SIZE = 20;

export function CaseListPage() {
  const { t, label, formatNumber } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const urgency = params.get('urgency') ?? '';
  const reference = params.get('reference') ?? '';
  const orderBy = (params.get('orderBy') as CaseOrder | null) ?? 'CREATED_DESC';
  // The cursors of the pages before this one, to go back.
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors[cursors.length - 1] ?? null;

  const filter: CaseFilter = {};
  if (status) filter.status = [status as CaseStatus];
  if (urgency) filter.urgency = [urgency as Urgency];
  if (reference.trim()) filter.referencePrefix = reference.trim().toUpperCase();

  const { data, loading, error, refetch } = useQuery(CaseList, {
    variables: { filter, orderBy, first: PAGE_SIZE, after },
  });

  function setParam(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
    setCursors([null]);
  }

  const exportParams = new URLSearchParams();
  if (status) exportParams.set('status', status);
  if (urgency) exportParams.set('urgency', urgency);
  if (filter.referencePrefix) exportParams.set('referencePrefix', filter.referencePrefix);
  exportParams.set('orderBy', orderBy);

  const edges = data?.cases.edges ?? [];
  const pageIndex = cursors.length - 1;
  const from = pageIndex * PAGE_SIZE + 1;
  const to = pageIndex * PAGE_SIZE + edges.length;
  const canCreate = ['CASEWORKER', 'REFERRER'].includes(primaryRole(me));
  const title = primaryRole(me) === 'REFERRER' ? t('cases.titleReferrer') : t('cases.title');

  return (
    <Page
      title={title}
      actions={
        <>
          {canCreate && (
            <Link className="button" to="/cases/new">
              {t('nav.newCase')}
            </Link>
          )}
          <a className="button button--secondary" href={`/export/cases.csv?${exportParams}`} download>
            {t('cases.export')}
          </a>
        </>
      }
    >
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('cases.filters')}>
        <div className="field">
          <label htmlFor="filter-status">{t('case.status')}</label>
          <select id="filter-status" value={status} onChange={(e) => setParam('status', e.target.value)}>
            <option value="">{t('common.any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {label('CaseStatus', s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-urgency">{t('case.urgency')}</label>
          <select id="filter-urgency" value={urgency} onChange={(e) => setParam('urgency', e.target.value)}>
            <option value="">{t('common.any')}</option>
            {URGENCIES.map((u) => (
              <option key={u} value={u}>
                {label('Urgency', u)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-reference">{t('cases.referenceStarts')}</label>
          <input
            id="filter-reference"
            value={reference}
            placeholder="FLD-2025-"
            onChange={(e) => setParam('reference', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="filter-order">{t('cases.sort')}</label>
          <select id="filter-order" value={orderBy} onChange={(e) => setParam('orderBy', e.target.value)}>
            {ORDERS.map((o) => (
              <option key={o} value={o}>
                {label('CaseOrder', o)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {loading && !data && <Loading />}
      <ErrorMessage error={blockingError(error)} onReload={() => void refetch()} />
      {data && edges.length === 0 && <Empty>{t('cases.empty')}</Empty>}
      {edges.length > 0 && data && (
        <>
          <p role="status" className="muted" data-testid="case-total">
            {t('cases.showing', {
              from: formatNumber(from),
              to: formatNumber(to),
              total: formatNumber(data.cases.totalCount),
            })}
          </p>
          <CaseTable cases={edges.map((e) => e.node)} caption={title} showStage />
          <nav className="pager" aria-label={t('cases.pages')}>
            <button
              type="button"
              className="button--secondary"
              disabled={pageIndex === 0}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              {t('cases.previous')}
            </button>
            <button
              type="button"
              className="button--secondary"
              disabled={!data.cases.pageInfo.hasNextPage}
              onClick={() => setCursors((c) => [...c, data.cases.pageInfo.endCursor ?? null])}
            >
              {t('cases.next')}
            </button>
          </nav>
        </>
      )}
    </Page>
  );
}
