/** IRCC's questions: officers follow theirs; caseworkers answer those on cases their organization holds. */
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useMe } from '../../app/session';
import { graphql } from '../../gql';
import type { InformationRequestStatus } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { blockingError } from '../common/errors';
import { Empty, ErrorMessage, Loading, Page } from '../common/ui';
import { RequestList } from './RequestList';

export const InformationRequests = graphql(`
  query InformationRequests($status: [InformationRequestStatus!], $caseId: ID, $first: Int!) {
    informationRequests(filter: { status: $status, caseId: $caseId }, first: $first) {
      totalCount
      edges {
        node {
          id
          ...RequestRow_request
        }
      }
    }
  }
`);

export function InformationRequestsPage() {
  const { t } = useI18n();
  const me = useMe();
  const [status, setStatus] = useState<InformationRequestStatus | ''>('OPEN');
  const { data, loading, error, refetch } = useQuery(InformationRequests, {
    variables: { status: status ? [status] : null, first: 50 },
  });
  const edges = data?.informationRequests.edges ?? [];
  return (
    <Page title={t('requests.title')}>
      <div className="field field--narrow">
        <label htmlFor="request-status">{t('requests.show')}</label>
        <select
          id="request-status"
          value={status}
          onChange={(e) => setStatus(e.target.value as InformationRequestStatus | '')}
        >
          <option value="OPEN">{t('requests.open')}</option>
          <option value="ANSWERED">{t('requests.answered')}</option>
          <option value="">{t('common.any')}</option>
        </select>
      </div>
      {loading && !data && <Loading />}
      <ErrorMessage error={blockingError(error)} onReload={() => void refetch()} />
      {data && edges.length === 0 && <Empty>{t('requests.empty')}</Empty>}
      {edges.length > 0 && (
        <RequestList requests={edges.map((e) => e.node)} canAnswer={me.roles.includes('CASEWORKER')} />
      )}
    </Page>
  );
}
