/** Information requests with their answers; the custodian's caseworker answers open ones here. */
import { useApolloClient } from '@apollo/client/react';
import { Link } from 'react-router';
import { type FragmentType, getFragmentData } from '../../gql';
import { useI18n } from '../../i18n';
import { useAnswerInformationRequestMutation } from '../cases/mutations';
import { ReasonAction } from '../common/ReasonAction';
import { Badge } from '../common/ui';
import { RequestRowFragment } from './requests';

export function RequestList({
  requests,
  canAnswer,
  showCase = true,
}: {
  requests: ReadonlyArray<FragmentType<typeof RequestRowFragment>>;
  canAnswer: boolean;
  showCase?: boolean;
}) {
  const { t, formatDateTime } = useI18n();
  const [answer] = useAnswerInformationRequestMutation();
  const client = useApolloClient();
  return (
    <ul className="requests">
      {requests.map((ref) => {
        const r = getFragmentData(RequestRowFragment, ref);
        return (
          <li key={r.id} className="request">
            <p className="request__meta">
              <Badge tone={r.status === 'OPEN' ? 'warn' : 'ok'}>
                {r.status === 'OPEN' ? t('requests.open') : t('requests.answered')}
              </Badge>{' '}
              {showCase && <Link to={`/cases/${r.case.id}`}>{r.case.reference}</Link>} ·{' '}
              {t('requests.askedAt', { when: formatDateTime(r.askedAt) })}
            </p>
            <p className="request__question">
              <strong>{t('requests.question')}</strong> {r.question}
            </p>
            {r.answer && (
              <p className="request__answer">
                <strong>{t('requests.answer')}</strong> {r.answer}
                {r.answeredAt && <span className="muted"> · {formatDateTime(r.answeredAt)}</span>}
              </p>
            )}
            {canAnswer && r.status === 'OPEN' && (
              <ReasonAction
                label={t('requests.answerAction')}
                fieldLabel={t('requests.answerLabel', { reference: r.case.reference ?? '—' })}
                onConfirm={(text) => answer({ variables: { id: r.id, answer: text, expectedVersion: r.version } })}
                onReload={() => client.refetchQueries({ include: 'active' })}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}
