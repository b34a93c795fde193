/** Unread notifications (a reference and what happened, nothing identifying), to mark read. */
import { useMutation, useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n';
import { blockingError } from '../common/errors';
import { Empty, ErrorMessage, Loading } from '../common/ui';

const UnreadNotifications = graphql(`
  query UnreadNotifications {
    notifications(unreadOnly: true, first: 10) {
      id
      event
      caseId
      caseReference
      createdAt
    }
  }
`);

const MarkNotificationRead = graphql(`
  mutation MarkNotificationRead($id: ID!) {
    markNotificationRead(id: $id) {
      id
      readAt
    }
  }
`);

export const useMarkNotificationReadMutation = () =>
  useMutation(MarkNotificationRead, { refetchQueries: [UnreadNotifications], awaitRefetchQueries: true });

export function NotificationsSection() {
  const { t, label, formatDateTime } = useI18n();
  const { data, loading, error } = useQuery(UnreadNotifications);
  const [markRead] = useMarkNotificationReadMutation();
  const items = data?.notifications ?? [];
  return (
    <section aria-labelledby="notifications-heading" className="panel">
      <h2 id="notifications-heading">
        {t('notifications.title')} {data && <span className="count">({items.length})</span>}
      </h2>
      {loading && !data && <Loading />}
      <ErrorMessage error={blockingError(error)} />
      {data && items.length === 0 && <Empty>{t('notifications.empty')}</Empty>}
      {items.length > 0 && (
        <ul className="requests">
          {items.map((n) => (
            <li key={n.id} className="request button-row">
              <span>
                {n.caseId && n.caseReference ? (
                  <Link to={`/cases/${n.caseId}`}>{n.caseReference}</Link>
                ) : (
                  n.caseReference
                )}{' '}
                {label('NotificationEvent', n.event)} <span className="muted">· {formatDateTime(n.createdAt)}</span>
              </span>
              <button
                type="button"
                className="button--secondary"
                onClick={() => void markRead({ variables: { id: n.id } })}
                aria-label={t('notifications.markReadItem', { reference: n.caseReference ?? '' })}
              >
                {t('notifications.markRead')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
