/**
 * One case: what it is, who holds it, its persons, charges, assessment, movements, IRCC's stage and
 * outcome, information requests and audit trail. Each section shows what the viewer's role may
 * read; a field the API denied says so ("not available to your role") instead of looking empty.
 */
import { useQuery } from '@apollo/client/react';
import { useParams } from 'react-router';
import { useMe } from '../../app/session';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n';
import { blockingError, deniedPaths } from '../common/errors';
import { Badge, ErrorMessage, Loading, Page, StatusBadge, UrgencyBadge, Value } from '../common/ui';
import { IrccFilePanel } from '../ircc/IrccFilePanel';
import { CaseRequestsSection } from '../requests/CaseRequestsSection';
import { AssessmentSection } from './AssessmentSection';
import { AuditTrailSection } from './AuditTrailSection';
import { CaseActions } from './CaseActions';
import { CaseTransfersSection } from './CaseTransfersSection';
import { ChargesSection } from './ChargesSection';
import { PersonsSection } from './PersonsSection';
import { SecretSection } from './SecretSection';

const CaseDetail = graphql(`
  query CaseDetail($id: ID!, $identity: Boolean!, $assessment: Boolean!) {
    case(id: $id) {
      id
      reference
      status
      urgency
      size
      version
      viewerRelation
      createdAt
      updatedAt
      activities
      custodian {
        id
        name
        kind
      }
      origin {
        id
        name
      }
      countryOfNationality @include(if: $identity)
      countryOfAsylum @include(if: $identity)
      inHiding @include(if: $identity)
      hrdProfile @include(if: $identity) {
        summary
        riskSummary
      }
      ...CasePersons_case @include(if: $identity)
      ...CaseCharges_case @include(if: $identity)
      ...CaseAssessment_case @include(if: $assessment)
      ...CaseTransfers_case
      immigrationFile {
        stage
        decisionOutcome
        deferred
      }
    }
  }
`);

export function CaseDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t, label, formatDateTime, formatNumber } = useI18n();
  // Analysts read META only: their screens do not ask for what the policy will certainly deny.
  const analyst = me.roles.every((r) => r === 'ANALYST');
  const { data, loading, error, refetch } = useQuery(CaseDetail, {
    variables: { id, identity: !analyst, assessment: !analyst && !me.roles.every((r) => r === 'REFERRER') },
  });
  const c = data?.case;
  if (loading && !c) return <Loading />;
  if (!c) {
    return (
      <Page title={t('case.notFoundTitle')}>
        <ErrorMessage error={blockingError(error) ?? error} onReload={() => void refetch()} />
      </Page>
    );
  }
  const denied = deniedPaths(error);
  const isDenied = (field: string) => analyst || denied.has(`case.${field}`);
  const custodian = c.viewerRelation === 'CUSTODIAN';
  const caseworker = me.roles.includes('CASEWORKER');
  const intake = me.roles.includes('INTAKE_COORDINATOR');
  const referrer = me.roles.includes('REFERRER');
  const officer = me.roles.includes('OFFICER');
  const canEdit =
    custodian &&
    (caseworker || intake || referrer) &&
    ['DRAFT', 'IN_ASSESSMENT', 'READY_TO_REFER', 'IN_TRIAGE'].includes(c.status);
  const reload = () => refetch();
  const secretsAllowed = (custodian && (caseworker || intake || referrer)) || (c.viewerRelation === 'IRCC' && officer);

  return (
    <Page title={t('case.title', { reference: c.reference ?? '—' })}>
      <ErrorMessage error={blockingError(error)} onReload={() => void refetch()} />
      <section aria-labelledby="summary-heading" className="panel">
        <h2 id="summary-heading" className="sr-only">
          {t('case.summary')}
        </h2>
        <dl className="facts facts--wide" data-testid="case-facts">
          <dt>{t('case.status')}</dt>
          <dd data-testid="case-status">
            <StatusBadge status={c.status} />
          </dd>
          <dt>{t('case.urgency')}</dt>
          <dd>
            <UrgencyBadge urgency={c.urgency} />
          </dd>
          <dt>{t('case.size')}</dt>
          <dd>{formatNumber(c.size)}</dd>
          <dt>{t('case.custodian')}</dt>
          <dd>{c.custodian.name}</dd>
          <dt>{t('case.origin')}</dt>
          <dd>{c.origin.name}</dd>
          <dt>{t('case.relation')}</dt>
          <dd>{label('CaseRelation', c.viewerRelation)}</dd>
          <dt>{t('case.activities')}</dt>
          <dd>{c.activities.map((a) => label('HrdActivity', a)).join(', ')}</dd>
          <dt>{t('case.countryOfNationality')}</dt>
          <dd>
            <Value denied={isDenied('countryOfNationality')}>{c.countryOfNationality}</Value>
          </dd>
          <dt>{t('case.countryOfAsylum')}</dt>
          <dd>
            <Value denied={isDenied('countryOfAsylum')}>{c.countryOfAsylum}</Value>
          </dd>
          <dt>{t('case.inHiding')}</dt>
          <dd>
            <Value denied={isDenied('inHiding')}>
              {c.inHiding == null ? null : c.inHiding ? t('common.yes') : t('common.no')}
            </Value>
          </dd>
          <dt>{t('case.createdAt')}</dt>
          <dd>{formatDateTime(c.createdAt)}</dd>
          <dt>{t('case.updatedAt')}</dt>
          <dd>{formatDateTime(c.updatedAt)}</dd>
          <dt>{t('case.stage')}</dt>
          <dd>
            {c.immigrationFile ? (
              <>
                {label('ImmigrationStage', c.immigrationFile.stage)}
                {c.immigrationFile.decisionOutcome && (
                  <> · {label('DecisionOutcome', c.immigrationFile.decisionOutcome)}</>
                )}
                {c.immigrationFile.deferred && (
                  <>
                    {' '}
                    <Badge tone="warn">{t('ircc.deferredYes')}</Badge>
                  </>
                )}
              </>
            ) : c.status === 'REFERRED' ? (
              t('case.awaitingAcknowledgement')
            ) : (
              t('case.notReferred')
            )}
          </dd>
        </dl>
        <CaseActions
          caseId={c.id}
          reference={c.reference ?? '—'}
          version={c.version}
          status={c.status}
          relation={c.viewerRelation}
          roles={me.roles}
          orgKind={me.organization.kind}
          onReload={reload}
        />
      </section>
      {officer && c.viewerRelation === 'IRCC' && <IrccFilePanel caseId={c.id} />}
      <section aria-labelledby="profile-heading" className="panel">
        <h2 id="profile-heading">{t('case.profile')}</h2>
        <dl className="facts">
          <dt>{t('case.hrdSummary')}</dt>
          <dd>
            <Value denied={isDenied('hrdProfile')}>{c.hrdProfile?.summary}</Value>
          </dd>
          <dt>{t('case.riskSummary')}</dt>
          <dd>
            <Value denied={isDenied('hrdProfile')}>{c.hrdProfile?.riskSummary}</Value>
          </dd>
        </dl>
      </section>
      <SecretSection caseId={c.id} allowed={secretsAllowed} />
      <PersonsSection
        key={`persons:${c.id}`}
        case={c}
        denied={isDenied('persons')}
        canEdit={canEdit}
        onReload={reload}
      />
      <ChargesSection
        key={`charges:${c.id}`}
        case={c}
        denied={isDenied('charges')}
        canEdit={canEdit}
        onReload={reload}
      />
      <AssessmentSection
        key={`assessment:${c.id}`}
        case={c}
        denied={isDenied('assessment') || (referrer && !caseworker && !intake)}
        canEdit={custodian && (caseworker || intake)}
        onReload={reload}
      />
      <CaseTransfersSection case={c} />
      {((custodian && caseworker) || (officer && c.viewerRelation === 'IRCC')) && (
        <CaseRequestsSection
          caseId={c.id}
          canAsk={officer && Boolean(c.immigrationFile)}
          canAnswer={custodian && caseworker}
        />
      )}
      {((custodian && !referrer) || (officer && c.viewerRelation === 'IRCC')) && <AuditTrailSection caseId={c.id} />}
    </Page>
  );
}
