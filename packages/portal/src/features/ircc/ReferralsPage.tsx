/** Officers: resettlement referrals not yet acknowledged; acknowledging opens the immigration file. */
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n';
import { blockingError } from '../common/errors';
import { Empty, ErrorMessage, Loading, Page } from '../common/ui';
import { TransferTable } from '../transfers/TransferTable';
import { useAcknowledgeReferralMutation } from './mutations';

export const PendingReferrals = graphql(`
  query PendingReferrals($first: Int!) {
    transfers(filter: { direction: INCOMING, kind: [RESETTLEMENT_REFERRAL], status: [PENDING] }, first: $first) {
      totalCount
      edges {
        node {
          id
          ...TransferRow_transfer
        }
      }
    }
  }
`);

export function PendingReferralsList({ limit = 50 }: { limit?: number }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { data, loading, error, refetch } = useQuery(PendingReferrals, { variables: { first: limit } });
  const [acknowledge] = useAcknowledgeReferralMutation();
  const [failure, setFailure] = useState<unknown>(null);
  const edges = data?.transfers.edges ?? [];
  return (
    <>
      {loading && !data && <Loading />}
      <ErrorMessage error={blockingError(error)} onReload={() => void refetch()} />
      <ErrorMessage error={failure} onReload={() => void refetch()} />
      {data && edges.length === 0 && <Empty>{t('referrals.empty')}</Empty>}
      {edges.length > 0 && (
        <TransferTable
          caption={t('referrals.title')}
          transfers={edges.map((e) => e.node)}
          actions={(tr) => (
            <button
              type="button"
              onClick={async () => {
                setFailure(null);
                try {
                  const result = await acknowledge({ variables: { transferId: tr.id } });
                  const id = result.data?.acknowledgeReferral.id;
                  if (id) navigate(`/cases/${id}`);
                } catch (e) {
                  setFailure(e);
                }
              }}
            >
              {t('referrals.acknowledge')}
            </button>
          )}
        />
      )}
    </>
  );
}

export function ReferralsPage() {
  const { t } = useI18n();
  return (
    <Page title={t('referrals.title')}>
      <p>{t('referrals.intro')}</p>
      <PendingReferralsList />
    </Page>
  );
}
