/**
 * PD intake: the inbox of third-party submissions (urgency, age) to accept into triage or decline
 * with a reason, and the cases in triage to distribute, one or many at once.
 */
import { useQuery } from '@apollo/client/react';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { getFragmentData, graphql } from '../../gql';
import type { DistributionTarget } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { CaseRowFragment } from '../cases/CaseTable';
import { blockingError } from '../common/errors';
import { ReasonAction } from '../common/ReasonAction';
import { Empty, ErrorMessage, Loading, Page, UrgencyBadge } from '../common/ui';
import {
  useAcceptTransferMutation,
  useDeclineSubmissionMutation,
  useDistributeCaseMutation,
  useDistributeCasesMutation,
} from '../transfers/mutations';
import { TransferTable } from '../transfers/TransferTable';

export const SubmissionInbox = graphql(`
  query SubmissionInbox($first: Int!) {
    transfers(filter: { direction: INCOMING, kind: [SUBMISSION], status: [PENDING] }, first: $first) {
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

const TriageCases = graphql(`
  query TriageCases {
    cases(filter: { status: [IN_TRIAGE] }, orderBy: URGENCY, first: 100) {
      totalCount
      edges {
        node {
          id
          ...CaseRow_case
        }
      }
    }
  }
`);

export const TARGETS: DistributionTarget[] = ['FLD', 'UNHCR', 'PD'];

export function IntakePage() {
  const { t } = useI18n();
  return (
    <Page title={t('intake.title')}>
      <SubmissionInboxSection />
      <TriageSection />
    </Page>
  );
}

export function SubmissionInboxSection({ limit = 100 }: { limit?: number }) {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(SubmissionInbox, { variables: { first: limit } });
  const [accept] = useAcceptTransferMutation();
  const [decline] = useDeclineSubmissionMutation();
  const [actionError, setActionError] = useState<unknown>(null);
  const edges = data?.transfers.edges ?? [];
  return (
    <section aria-labelledby="inbox-heading" className="panel">
      <h2 id="inbox-heading">
        {t('intake.inbox')} {data && <span className="count">({data.transfers.totalCount})</span>}
      </h2>
      <ErrorMessage error={actionError} onReload={() => void refetch()} />
      {loading && !data && <Loading />}
      <ErrorMessage error={blockingError(error)} />
      {data && edges.length === 0 && <Empty>{t('intake.inboxEmpty')}</Empty>}
      {edges.length > 0 && (
        <TransferTable
          caption={t('intake.inbox')}
          transfers={edges.map((e) => e.node)}
          actions={(tr) => (
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
                {t('intake.acceptTriage')}
              </button>
              <ReasonAction
                label={t('intake.decline')}
                fieldLabel={t('intake.declineReason')}
                tone="danger"
                onConfirm={(reason) => decline({ variables: { transferId: tr.id, reason } })}
              />
            </>
          )}
        />
      )}
    </section>
  );
}

function TriageSection() {
  const { t, formatAge } = useI18n();
  const { data, loading, error, refetch } = useQuery(TriageCases);
  const [distributeOne] = useDistributeCaseMutation();
  const [distributeMany, bulk] = useDistributeCasesMutation();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkTarget, setBulkTarget] = useState<DistributionTarget>('FLD');
  const [actionError, setActionError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const targetId = useId();
  const rows = (data?.cases.edges ?? []).map((e) => getFragmentData(CaseRowFragment, e.node));

  function toggle(id: string) {
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  async function distributeSelected(event: FormEvent) {
    event.preventDefault();
    setActionError(null);
    setDone(null);
    try {
      await distributeMany({ variables: { items: [...selected].map((caseId) => ({ caseId, to: bulkTarget })) } });
      setDone(t('intake.distributedMany', { count: selected.size }));
      setSelected(new Set());
    } catch (e) {
      setActionError(e);
    }
  }

  return (
    <section aria-labelledby="triage-heading" className="panel">
      <h2 id="triage-heading">
        {t('intake.triage')} {data && <span className="count">({data.cases.totalCount})</span>}
      </h2>
      <p className="muted">{t('intake.triageHelp')}</p>
      <ErrorMessage error={actionError} onReload={() => void refetch()} />
      {done && (
        <p role="status" className="state state--ok">
          {done}
        </p>
      )}
      {loading && !data && <Loading />}
      <ErrorMessage error={blockingError(error)} />
      {data && rows.length === 0 && <Empty>{t('intake.triageEmpty')}</Empty>}
      {rows.length > 0 && (
        <>
          <table className="table">
            <caption className="sr-only">{t('intake.triage')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.select')}</th>
                <th scope="col">{t('case.reference')}</th>
                <th scope="col">{t('case.urgency')}</th>
                <th scope="col">{t('case.size')}</th>
                <th scope="col">{t('case.age')}</th>
                <th scope="col">{t('intake.distributeTo')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('common.selectItem', { item: c.reference ?? c.id })}
                      checked={selected.has(c.id)}
                      onChange={() => toggle(c.id)}
                    />
                  </td>
                  <th scope="row">
                    <Link to={`/cases/${c.id}`}>{c.reference}</Link>
                  </th>
                  <td>
                    <UrgencyBadge urgency={c.urgency} />
                  </td>
                  <td>{c.size}</td>
                  <td>{formatAge(c.createdAt)}</td>
                  <td>
                    <DistributeOne
                      reference={c.reference ?? c.id}
                      onDistribute={async (to) => {
                        setActionError(null);
                        setDone(null);
                        try {
                          await distributeOne({ variables: { caseId: c.id, to } });
                          setDone(t('intake.distributedOne', { reference: c.reference ?? c.id }));
                        } catch (e) {
                          setActionError(e);
                        }
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <form className="button-row" onSubmit={distributeSelected}>
            <label htmlFor={targetId}>{t('intake.distributeSelectedTo')}</label>
            <select
              id={targetId}
              value={bulkTarget}
              onChange={(e) => setBulkTarget(e.target.value as DistributionTarget)}
            >
              {TARGETS.map((target) => (
                <option key={target} value={target}>
                  {t(`target.${target}`)}
                </option>
              ))}
            </select>
            <button type="submit" disabled={selected.size === 0 || bulk.loading}>
              {t('intake.distributeSelected', { count: selected.size })}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

export function DistributeOne({
  reference,
  onDistribute,
}: {
  reference: string;
  onDistribute(to: DistributionTarget): Promise<void>;
}) {
  const { t } = useI18n();
  const [to, setTo] = useState<DistributionTarget>('FLD');
  const [busy, setBusy] = useState(false);
  const id = useId();
  return (
    <span className="button-row">
      <label htmlFor={id} className="sr-only">
        {t('intake.distributeCaseTo', { reference })}
      </label>
      <select id={id} value={to} onChange={(e) => setTo(e.target.value as DistributionTarget)}>
        {TARGETS.map((target) => (
          <option key={target} value={target}>
            {t(`target.${target}`)}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          await onDistribute(to);
          setBusy(false);
        }}
      >
        {t('intake.distribute')}
      </button>
    </span>
  );
}
