/** Who did and saw what on the case (its custodian and IRCC officers), newest first, page by page. */
import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n';
import { blockingError } from '../common/errors';
import { Badge, Empty, ErrorMessage, Loading } from '../common/ui';

const AuditTrail = graphql(`
  query AuditTrail($caseId: ID!, $after: String) {
    auditTrail(caseId: $caseId, first: 25, after: $after) {
      nextCursor
      events {
        seq
        at
        action
        actorName
        organizationName
        fields
        outcome
        purpose
      }
    }
  }
`);

export function AuditTrailSection({ caseId }: { caseId: string }) {
  const { t, formatDateTime } = useI18n();
  const { data, loading, error, fetchMore } = useQuery(AuditTrail, {
    variables: { caseId },
    fetchPolicy: 'network-only',
  });
  const page = data?.auditTrail;
  return (
    <section aria-labelledby="audit-heading" className="panel">
      <h2 id="audit-heading">{t('audit.title')}</h2>
      {loading && !data && <Loading />}
      <ErrorMessage error={blockingError(error)} />
      {page && page.events.length === 0 && <Empty>{t('audit.empty')}</Empty>}
      {page && page.events.length > 0 && (
        <table className="table table--compact">
          <caption className="sr-only">{t('audit.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.who')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.fields')}</th>
              <th scope="col">{t('audit.outcome')}</th>
              <th scope="col">{t('audit.purpose')}</th>
            </tr>
          </thead>
          <tbody>
            {page.events.map((e) => (
              <tr key={e.seq}>
                <td>{formatDateTime(e.at)}</td>
                <td>
                  {e.actorName ?? '—'}
                  {e.organizationName && <div className="muted">{e.organizationName}</div>}
                </td>
                <th scope="row">
                  <code>{e.action}</code>
                </th>
                <td>{e.fields.join(', ')}</td>
                <td>
                  <Badge tone={e.outcome === 'DENIED' ? 'danger' : undefined}>
                    {e.outcome === 'DENIED' ? t('audit.denied') : t('audit.allowed')}
                  </Badge>
                </td>
                <td>{e.purpose ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page?.nextCursor && (
        <button
          type="button"
          className="button--secondary"
          onClick={() =>
            void fetchMore({
              variables: { after: page.nextCursor },
              updateQuery: (prev, { fetchMoreResult }) => ({
                ...fetchMoreResult,
                auditTrail: {
                  ...fetchMoreResult.auditTrail,
                  events: [...prev.auditTrail.events, ...fetchMoreResult.auditTrail.events],
                },
              }),
            })
          }
        >
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}
