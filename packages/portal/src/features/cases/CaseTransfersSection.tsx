/** A case's movements between organizations (META), oldest first. */
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { useI18n } from '../../i18n';
import { Badge, Empty } from '../common/ui';

export const CaseTransfersFragment = graphql(`
  fragment CaseTransfers_case on Case {
    transfers {
      id
      kind
      status
      createdAt
      decidedAt
      decidedBy
      note
      reason
      from {
        id
        name
      }
      to {
        id
        name
      }
    }
  }
`);

export function CaseTransfersSection({ case: ref }: { case: FragmentType<typeof CaseTransfersFragment> }) {
  const { t, label, formatDateTime } = useI18n();
  const { transfers } = getFragmentData(CaseTransfersFragment, ref);
  return (
    <section aria-labelledby="transfers-heading" className="panel">
      <h2 id="transfers-heading">{t('caseTransfers.title')}</h2>
      {transfers.length === 0 ? (
        <Empty>{t('caseTransfers.empty')}</Empty>
      ) : (
        <table className="table">
          <caption className="sr-only">{t('caseTransfers.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('transfer.kind')}</th>
              <th scope="col">{t('transfer.from')}</th>
              <th scope="col">{t('transfer.to')}</th>
              <th scope="col">{t('transfer.sent')}</th>
              <th scope="col">{t('transfer.status')}</th>
              <th scope="col">{t('transfer.decided')}</th>
              <th scope="col">{t('transfer.noteOrReason')}</th>
            </tr>
          </thead>
          <tbody>
            {transfers.map((tr) => (
              <tr key={tr.id}>
                <th scope="row">{label('TransferKind', tr.kind)}</th>
                <td>{tr.from.name}</td>
                <td>{tr.to.name}</td>
                <td>{formatDateTime(tr.createdAt)}</td>
                <td>
                  <Badge tone={tr.status === 'PENDING' ? 'warn' : tr.status === 'ACCEPTED' ? 'ok' : undefined}>
                    {label('TransferStatus', tr.status)}
                  </Badge>
                </td>
                <td>
                  {tr.decidedAt ? formatDateTime(tr.decidedAt) : '—'}
                  {tr.decidedBy && <div className="muted">{tr.decidedBy}</div>}
                </td>
                <td>{[tr.note, tr.reason].filter(Boolean).join(' · ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
