/** Caseworkers: transfers offered to their organization (offers, distributions), to accept or decline. */
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n';
import { blockingError } from '../common/errors';
import { ReasonAction } from '../common/ReasonAction';
import { Empty, ErrorMessage, Loading, Page } from '../common/ui';
import { useAcceptTransferMutation, useDeclineTransferMutation } from './mutations';
import { TransferTable } from './TransferTable';

export const IncomingTransfers = graphql(`
  query IncomingTransfers($status: [TransferStatus!], $first: Int!) {
    transfers(filter: { direction: INCOMING, status: $status }, first: $first) {
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

export function IncomingTransfersPage() {
  const { t } = useI18n();
  const [showAll, setShowAll] = useState(false);
  const { data, loading, error, refetch } = useQuery(IncomingTransfers, {
    variables: { status: showAll ? null : ['PENDING'], first: 50 },
  });
  const [accept] = useAcceptTransferMutation();
  const [decline] = useDeclineTransferMutation();
  const [actionError, setActionError] = useState<unknown>(null);
  const edges = data?.transfers.edges ?? [];
  return (
    <Page title={t('transfers.title')}>
      <p>{t('transfers.intro')}</p>
      <label className="inline-check">
        <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />{' '}
        {t('transfers.showDecided')}
      </label>
      <ErrorMessage error={actionError} onReload={() => void refetch()} />
      {loading && !data && <Loading />}
      <ErrorMessage error={blockingError(error)} onReload={() => void refetch()} />
      {data && edges.length === 0 && <Empty>{t('transfers.empty')}</Empty>}
      {edges.length > 0 && (
        <TransferTable
          caption={t('transfers.title')}
          transfers={edges.map((e) => e.node)}
          actions={(tr) =>
            tr.status === 'PENDING' ? (
              <>
                <button
                  type="button"
                  onClick={async () => {
                    setActionError(null);
                    try {
                      await accept({ variables: { transferId: tr.id } });
                    } catch (e) {
                      setActionError(e);
                    }
                  }}
                >
                  {t('transfers.accept')}
                </button>
                <ReasonAction
                  label={t('transfers.decline')}
                  fieldLabel={t('transfers.declineReason')}
                  tone="danger"
                  onConfirm={(reason) => decline({ variables: { transferId: tr.id, reason } })}
                />
              </>
            ) : null
          }
        />
      )}
    </Page>
  );
}
