/** A table of transfers with the actions the receiver may take, and its colocated fragment. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import type { TransferRow_TransferFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { Badge, UrgencyBadge } from '../common/ui';

export const TransferRowFragment = graphql(`
  fragment TransferRow_transfer on Transfer {
    id
    kind
    status
    createdAt
    decidedAt
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
    case {
      id
      reference
      urgency
      status
      size
    }
  }
`);

export type TransferRow = TransferRow_TransferFragment;

export function TransferTable({
  transfers,
  caption,
  actions,
  select,
}: {
  transfers: ReadonlyArray<FragmentType<typeof TransferRowFragment>>;
  caption: string;
  actions?: (transfer: TransferRow) => ReactNode;
  select?: { selected: ReadonlySet<string>; toggle(id: string): void };
}) {
  const { t, label, formatAge, formatDate } = useI18n();
  return (
    <table className="table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {select && <th scope="col">{t('common.select')}</th>}
          <th scope="col">{t('case.reference')}</th>
          <th scope="col">{t('transfer.kind')}</th>
          <th scope="col">{t('case.urgency')}</th>
          <th scope="col">{t('transfer.from')}</th>
          <th scope="col">{t('transfer.to')}</th>
          <th scope="col">{t('transfer.sent')}</th>
          <th scope="col">{t('transfer.status')}</th>
          {actions && <th scope="col">{t('common.actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {transfers.map((ref) => {
          const tr = getFragmentData(TransferRowFragment, ref);
          return (
            <tr key={tr.id}>
              {select && (
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('common.selectItem', { item: tr.case?.reference ?? tr.id })}
                    checked={select.selected.has(tr.id)}
                    onChange={() => select.toggle(tr.id)}
                  />
                </td>
              )}
              <th scope="row">{tr.case ? <Link to={`/cases/${tr.case.id}`}>{tr.case.reference}</Link> : '—'}</th>
              <td>{label('TransferKind', tr.kind)}</td>
              <td>{tr.case && <UrgencyBadge urgency={tr.case.urgency} />}</td>
              <td>{tr.from.name}</td>
              <td>{tr.to.name}</td>
              <td>
                <time dateTime={tr.createdAt} title={formatDate(tr.createdAt)}>
                  {formatAge(tr.createdAt)}
                </time>
              </td>
              <td>
                <Badge tone={tr.status === 'PENDING' ? 'warn' : tr.status === 'ACCEPTED' ? 'ok' : undefined}>
                  {label('TransferStatus', tr.status)}
                </Badge>
              </td>
              {actions && <td className="actions">{actions(tr)}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
