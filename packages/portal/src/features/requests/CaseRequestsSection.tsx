/** The information requests on one case: officers ask; the custodian's caseworkers answer. */
import { useQuery } from '@apollo/client/react';
import { useI18n } from '../../i18n';
import { blockingError } from '../common/errors';
import { ReasonAction } from '../common/ReasonAction';
import { Empty, ErrorMessage, Loading } from '../common/ui';
import { InformationRequests } from './InformationRequestsPage';
import { RequestList } from './RequestList';
import { useRequestInformationMutation } from './requests';

export function CaseRequestsSection({
  caseId,
  canAsk,
  canAnswer,
}: {
  caseId: string;
  canAsk: boolean;
  canAnswer: boolean;
}) {
  const { t } = useI18n();
  const { data, loading, error } = useQuery(InformationRequests, { variables: { caseId, first: 50 } });
  const [ask] = useRequestInformationMutation();
  const edges = data?.informationRequests.edges ?? [];
  return (
    <section aria-labelledby="requests-heading" className="panel">
      <h2 id="requests-heading">{t('requests.title')}</h2>
      {loading && !data && <Loading />}
      <ErrorMessage error={blockingError(error)} />
      {data && edges.length === 0 && <Empty>{t('requests.emptyCase')}</Empty>}
      {edges.length > 0 && <RequestList requests={edges.map((e) => e.node)} canAnswer={canAnswer} showCase={false} />}
      {canAsk && (
        <ReasonAction
          label={t('requests.ask')}
          fieldLabel={t('requests.question')}
          onConfirm={(question) => ask({ variables: { caseId, question } })}
        />
      )}
    </section>
  );
}
