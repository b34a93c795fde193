/** What the viewer may do with the case now: refer to IRCC, offer to UNHCR, submit to PD, distribute, withdraw. */
import { useState } from 'react';
import { Link } from 'react-router';
import type { Role } from '../../app/session';
import type { CaseRelation, CaseStatus, OrganizationKind } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { ReasonAction } from '../common/ReasonAction';
import { ErrorMessage } from '../common/ui';
import { DistributeOne } from '../intake/IntakePage';
import { useDistributeCaseMutation, useOfferToUnhcrMutation, useSubmitToPdMutation } from '../transfers/mutations';
import { useReferToIrccMutation, useWithdrawCaseMutation } from './mutations';

interface Props {
  caseId: string;
  reference: string;
  version: number;
  status: CaseStatus;
  relation: CaseRelation;
  roles: readonly Role[];
  orgKind: OrganizationKind;
  /** Refetches the case (the reload a CONFLICT offers). */
  onReload: () => Promise<unknown>;
}

type Quota = {
  year: number;
  personCap?: number | null;
  referredPersons: number;
  partnerReferredPersons: number;
  partnerTarget?: number | null;
  overCap: boolean;
  overPartnerTarget: boolean;
};

export function CaseActions({ caseId, reference, version, status, relation, roles, orgKind, onReload }: Props) {
  const { t, formatNumber } = useI18n();
  const [refer, referring] = useReferToIrccMutation();
  const [offer] = useOfferToUnhcrMutation();
  const [submit] = useSubmitToPdMutation();
  const [distribute] = useDistributeCaseMutation();
  const [withdraw] = useWithdrawCaseMutation();
  const [failure, setFailure] = useState<unknown>(null);
  const [quota, setQuota] = useState<Quota | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const custodian = relation === 'CUSTODIAN';
  const caseworker = roles.includes('CASEWORKER');
  const intake = roles.includes('INTAKE_COORDINATOR');
  const referrer = roles.includes('REFERRER');
  const editable =
    custodian &&
    (caseworker || intake || referrer) &&
    ['DRAFT', 'IN_ASSESSMENT', 'READY_TO_REFER', 'IN_TRIAGE'].includes(status);

  async function run(action: () => Promise<unknown>, message: string) {
    setFailure(null);
    setDone(null);
    try {
      await action();
      setDone(message);
    } catch (error) {
      setFailure(error);
    }
  }

  const buttons = [];
  if (editable) {
    buttons.push(
      <Link key="edit" className="button button--secondary" to={`/cases/${caseId}/edit`}>
        {t('caseActions.edit')}
      </Link>,
    );
  }
  if (custodian && caseworker && status === 'READY_TO_REFER') {
    buttons.push(
      <button
        key="refer"
        type="button"
        disabled={referring.loading}
        onClick={() =>
          run(
            async () => {
              const result = await refer({ variables: { caseId, expectedVersion: version } });
              if (result.data) setQuota(result.data.referToIrcc.quota);
            },
            t('caseActions.referred', { reference }),
          )
        }
      >
        {t('caseActions.refer')}
      </button>,
    );
  }
  if (
    custodian &&
    caseworker &&
    (orgKind === 'FLD' || orgKind === 'PD') &&
    ['DRAFT', 'IN_ASSESSMENT', 'READY_TO_REFER'].includes(status)
  ) {
    buttons.push(
      <ReasonAction
        key="offer"
        label={t('caseActions.offer')}
        fieldLabel={t('caseActions.note')}
        required={false}
        onConfirm={(note) =>
          run(() => offer({ variables: { caseId, note: note || null } }), t('caseActions.offered', { reference }))
        }
      />,
    );
  }
  if (custodian && referrer && status === 'DRAFT') {
    buttons.push(
      <ReasonAction
        key="submit"
        label={t('caseActions.submit')}
        fieldLabel={t('caseActions.note')}
        required={false}
        onConfirm={(note) =>
          run(() => submit({ variables: { caseId, note: note || null } }), t('caseActions.submitted', { reference }))
        }
      />,
    );
  }
  if (custodian && intake && status === 'IN_TRIAGE') {
    buttons.push(
      <DistributeOne
        key="distribute"
        reference={reference}
        onDistribute={(to) =>
          run(() => distribute({ variables: { caseId, to } }), t('intake.distributedOne', { reference }))
        }
      />,
    );
  }
  if (custodian && caseworker && ['READY_TO_REFER', 'REFERRED'].includes(status)) {
    buttons.push(
      <ReasonAction
        key="withdraw"
        tone="danger"
        label={t('caseActions.withdraw')}
        fieldLabel={t('caseActions.withdrawReason')}
        onConfirm={(reason) => run(() => withdraw({ variables: { caseId, reason } }), t('caseActions.withdrawn'))}
      />,
    );
  }

  return (
    <div className="case-actions">
      {buttons.length > 0 && <div className="button-row">{buttons}</div>}
      <ErrorMessage
        error={failure}
        onReload={async () => {
          await onReload();
          setFailure(null);
        }}
      />
      {done && (
        <div role="status" className="state state--ok" data-testid="action-done">
          <p>{done}</p>
          {quota && (
            <p data-testid="quota-answer">
              {t('caseActions.quota', {
                year: quota.year,
                referred: formatNumber(quota.referredPersons),
                cap: quota.personCap == null ? '—' : formatNumber(quota.personCap),
                partner: formatNumber(quota.partnerReferredPersons),
              })}
              {quota.partnerTarget != null && (
                <> {t('caseActions.quotaTarget', { target: formatNumber(quota.partnerTarget) })}</>
              )}
              {quota.overCap && <strong> {t('caseActions.overCap')}</strong>}
              {quota.overPartnerTarget && <strong> {t('caseActions.overTarget')}</strong>}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
