/** Officers' work list: expedited files first, then the oldest; filters for mine, unassigned, deferred. */
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useMe } from '../../app/session';
import { graphql } from '../../gql';
import type { ImmigrationQueueFilter } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { CaseTable } from '../cases/CaseTable';
import { blockingError } from '../common/errors';
import { Empty, ErrorMessage, Loading, Page } from '../common/ui';

export const ImmigrationQueue = graphql(`
  query ImmigrationQueue($filter: ImmigrationQueueFilter, $first: Int!, $after: String) {
    immigrationQueue(filter: $filter, first: $first, after: $after) {
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

type Scope = 'all' | 'mine' | 'unassigned' | 'deferred';

export function QueuePage() {
  const { t, formatNumber } = useI18n();
  const me = useMe();
  const [scope, setScope] = useState<Scope>('all');
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const filter: ImmigrationQueueFilter =
    scope === 'mine'
      ? { assignedOfficerId: me.id }
      : scope === 'unassigned'
        ? { unassigned: true }
        : scope === 'deferred'
          ? { deferred: true }
          : {};
  const { data, loading, error, refetch } = useQuery(ImmigrationQueue, {
    variables: { filter, first: 20, after: cursors[cursors.length - 1] ?? null },
  });
  const edges = data?.immigrationQueue.edges ?? [];
  return (
    <Page title={t('queue.title')}>
      <p>{t('queue.intro')}</p>
      <div className="field field--narrow">
        <label htmlFor="queue-scope">{t('queue.show')}</label>
        <select
          id="queue-scope"
          value={scope}
          onChange={(e) => {
            setScope(e.target.value as Scope);
            setCursors([null]);
          }}
        >
          <option value="all">{t('queue.all')}</option>
          <option value="mine">{t('queue.mine')}</option>
          <option value="unassigned">{t('queue.unassigned')}</option>
          <option value="deferred">{t('queue.deferred')}</option>
        </select>
      </div>
      {loading && !data && <Loading />}
      <ErrorMessage error={blockingError(error)} onReload={() => void refetch()} />
      {data && edges.length === 0 && <Empty>{t('queue.empty')}</Empty>}
      {data && edges.length > 0 && (
        <>
          <p className="muted" role="status">
            {t('queue.total', { total: formatNumber(data.immigrationQueue.totalCount) })}
          </p>
          <CaseTable cases={edges.map((e) => e.node)} caption={t('queue.title')} showStage />
          <nav className="pager" aria-label={t('cases.pages')}>
            <button
              type="button"
              className="button--secondary"
              disabled={cursors.length === 1}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              {t('cases.previous')}
            </button>
            <button
              type="button"
              className="button--secondary"
              disabled={!data.immigrationQueue.pageInfo.hasNextPage}
              onClick={() => setCursors((c) => [...c, data.immigrationQueue.pageInfo.endCursor ?? null])}
            >
              {t('cases.next')}
            </button>
          </nav>
        </>
      )}
    </Page>
  );
}
