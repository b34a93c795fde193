/**
 * An officer's view of the immigration file: assignment, stage moves, checks, interview date,
 * the decision (with the charges rule on screen and the cap warning) and the arrival.
 */
import { useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { useMe } from '../../app/session';
import { graphql } from '../../gql';
import type { CheckKind, CheckResult, DecisionOutcome, ImmigrationStage } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { JudicialHarassmentFlag } from '../cases/ChargesSection';
import { blockingError } from '../common/errors';
import { Badge, Empty, ErrorMessage, Field, Loading } from '../common/ui';
import {
  useAdvanceStageMutation,
  useAssignOfficerMutation,
  useRecordArrivalMutation,
  useRecordCheckMutation,
  useRecordDecisionMutation,
  useScheduleInterviewMutation,
} from './mutations';

const IrccFile = graphql(`
  query IrccFile($id: ID!) {
    case(id: $id) {
      id
      status
      charges {
        id
        description
        jurisdiction
        outcome
        partnerView
        partnerNote
      }
      immigrationFile {
        fileNumber
        stage
        version
        expedited
        deferred
        approvalWouldPassCap
        assignedOfficer {
          id
          displayName
        }
        checks {
          kind
          result
          note
          recordedAt
        }
        interviewAt
        decisionOutcome
        decisionReasons
        citedChargeIds
        overrideNote
        decidedAt
        arrivedAt
      }
    }
  }
`);

/** The moves `advanceStage` makes (decision and arrival have their own forms). */
const NEXT_STAGE: Partial<Record<ImmigrationStage, ImmigrationStage>> = {
  RECEIVED: 'ELIGIBILITY_REVIEW',
  ELIGIBILITY_REVIEW: 'INTERVIEW',
  INTERVIEW: 'ADMISSIBILITY',
  ADMISSIBILITY: 'DECISION',
  APPROVED: 'TRAVEL',
};
const CHECK_KINDS: CheckKind[] = ['ELIGIBILITY', 'MEDICAL', 'SECURITY', 'CRIMINALITY'];
const CHECK_RESULTS: CheckResult[] = ['PASSED', 'FAILED', 'PENDING'];

export function IrccFilePanel({ caseId }: { caseId: string }) {
  const { t, label, formatDateTime } = useI18n();
  const me = useMe();
  const { data, loading, error, refetch } = useQuery(IrccFile, { variables: { id: caseId } });
  const [assign] = useAssignOfficerMutation();
  const [advance] = useAdvanceStageMutation();
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const file = data?.case?.immigrationFile;

  async function run(action: () => Promise<unknown>, message: string) {
    setFailure(null);
    setDone(null);
    try {
      await action();
      setDone(message);
    } catch (e) {
      setFailure(e);
    }
  }

  if (loading && !data) return <Loading />;
  if (!file) {
    return (
      <section aria-labelledby="file-heading" className="panel">
        <h2 id="file-heading">{t('ircc.fileTitle')}</h2>
        <ErrorMessage error={blockingError(error)} />
        <Empty>{t('ircc.noFile')}</Empty>
      </section>
    );
  }
  const version = file.version ?? null;
  const next = NEXT_STAGE[file.stage];
  const charges = data?.case?.charges ?? [];

  return (
    <section aria-labelledby="file-heading" className="panel panel--ircc">
      <h2 id="file-heading">
        {t('ircc.fileTitle')} {file.fileNumber && <span className="muted">{file.fileNumber}</span>}
      </h2>
      <dl className="facts">
        <dt>{t('case.stage')}</dt>
        <dd data-testid="file-stage">{label('ImmigrationStage', file.stage)}</dd>
        <dt>{t('ircc.expedited')}</dt>
        <dd>{file.expedited ? <Badge tone="danger">{t('common.yes')}</Badge> : t('common.no')}</dd>
        <dt>{t('ircc.deferred')}</dt>
        <dd>{file.deferred ? <Badge tone="warn">{t('ircc.deferredYes')}</Badge> : t('common.no')}</dd>
        <dt>{t('ircc.officer')}</dt>
        <dd>{file.assignedOfficer?.displayName ?? t('ircc.unassigned')}</dd>
        <dt>{t('ircc.interviewAt')}</dt>
        <dd>{file.interviewAt ? formatDateTime(file.interviewAt) : '—'}</dd>
        {file.decisionOutcome && (
          <>
            <dt>{t('ircc.decision')}</dt>
            <dd>
              {label('DecisionOutcome', file.decisionOutcome)} {file.decidedAt && `· ${formatDateTime(file.decidedAt)}`}
              {file.decisionReasons && <div>{file.decisionReasons}</div>}
              {file.overrideNote && (
                <div className="muted">
                  {t('ircc.overrideNote')}: {file.overrideNote}
                </div>
              )}
            </dd>
          </>
        )}
        {file.arrivedAt && (
          <>
            <dt>{t('ircc.arrivedAt')}</dt>
            <dd>{formatDateTime(file.arrivedAt)}</dd>
          </>
        )}
      </dl>
      {file.approvalWouldPassCap && (
        <p className="state state--warn" role="note" data-testid="cap-warning">
          <strong>{t('ircc.capWarningTitle')}</strong> {t('ircc.capWarning')}
        </p>
      )}
      <ErrorMessage error={failure} onReload={() => void refetch()} />
      {done && (
        <p role="status" className="state state--ok" data-testid="ircc-done">
          {done}
        </p>
      )}
      <div className="button-row">
        {file.assignedOfficer?.id !== me.id && (
          <button
            type="button"
            className="button--secondary"
            onClick={() =>
              run(
                () => assign({ variables: { caseId, officerId: me.id, expectedVersion: version } }),
                t('ircc.assigned'),
              )
            }
          >
            {t('ircc.assignMe')}
          </button>
        )}
        {next && (
          <button
            type="button"
            onClick={() =>
              run(
                () => advance({ variables: { caseId, to: next, expectedVersion: version } }),
                t('ircc.moved', { stage: label('ImmigrationStage', next) }),
              )
            }
          >
            {t('ircc.moveTo', { stage: label('ImmigrationStage', next) })}
          </button>
        )}
      </div>

      <h3>{t('ircc.checks')}</h3>
      {file.checks && file.checks.length > 0 ? (
        <table className="table table--compact" data-testid="checks">
          <caption className="sr-only">{t('ircc.checks')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ircc.checkKind')}</th>
              <th scope="col">{t('ircc.checkResult')}</th>
              <th scope="col">{t('ircc.note')}</th>
              <th scope="col">{t('ircc.recordedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {file.checks.map((c) => (
              <tr key={c.kind}>
                <th scope="row">{label('CheckKind', c.kind)}</th>
                <td>
                  <Badge tone={c.result === 'PASSED' ? 'ok' : c.result === 'FAILED' ? 'danger' : 'warn'}>
                    {label('CheckResult', c.result)}
                  </Badge>
                </td>
                <td>{c.note ?? ''}</td>
                <td>{formatDateTime(c.recordedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Empty>{t('ircc.noChecks')}</Empty>
      )}
      {!['APPROVED', 'REFUSED', 'TRAVEL', 'ARRIVED'].includes(file.stage) && (
        <CheckForm caseId={caseId} version={version} onDone={setDone} onError={setFailure} />
      )}
      {['RECEIVED', 'ELIGIBILITY_REVIEW', 'INTERVIEW'].includes(file.stage) && (
        <InterviewForm caseId={caseId} version={version} onDone={setDone} onError={setFailure} />
      )}
      {file.stage === 'DECISION' && (
        <DecisionForm
          caseId={caseId}
          version={version}
          charges={charges}
          notPassed={CHECK_KINDS.filter((k) => file.checks?.find((c) => c.kind === k)?.result !== 'PASSED')}
          onDone={setDone}
          onError={setFailure}
          capWarning={Boolean(file.approvalWouldPassCap)}
        />
      )}
      {file.stage === 'TRAVEL' && (
        <ArrivalForm caseId={caseId} version={version} onDone={setDone} onError={setFailure} />
      )}
    </section>
  );
}

interface FormProps {
  caseId: string;
  version: number | null;
  onDone(message: string): void;
  onError(error: unknown): void;
}

function CheckForm({ caseId, version, onDone, onError }: FormProps) {
  const { t, label } = useI18n();
  const [kind, setKind] = useState<CheckKind>('ELIGIBILITY');
  const [result, setResult] = useState<CheckResult>('PASSED');
  const [note, setNote] = useState('');
  const [record, { loading }] = useRecordCheckMutation();
  async function submit(event: FormEvent) {
    event.preventDefault();
    onError(null);
    try {
      await record({ variables: { caseId, kind, result, note: note.trim() || null, expectedVersion: version } });
      setNote('');
      onDone(t('ircc.checkRecorded', { kind: label('CheckKind', kind) }));
    } catch (e) {
      onError(e);
    }
  }
  return (
    <form className="form form--inline" onSubmit={submit} aria-label={t('ircc.recordCheck')}>
      <Field label={t('ircc.checkKind')}>
        {(props) => (
          <select {...props} name="checkKind" value={kind} onChange={(e) => setKind(e.target.value as CheckKind)}>
            {CHECK_KINDS.map((k) => (
              <option key={k} value={k}>
                {label('CheckKind', k)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('ircc.checkResult')}>
        {(props) => (
          <select
            {...props}
            name="checkResult"
            value={result}
            onChange={(e) => setResult(e.target.value as CheckResult)}
          >
            {CHECK_RESULTS.map((r) => (
              <option key={r} value={r}>
                {label('CheckResult', r)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('ircc.note')}>
        {(props) => <input {...props} name="checkNote" value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <button type="submit" disabled={loading}>
        {t('ircc.recordCheck')}
      </button>
    </form>
  );
}

function InterviewForm({ caseId, version, onDone, onError }: FormProps) {
  const { t } = useI18n();
  const [at, setAt] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [schedule, { loading }] = useScheduleInterviewMutation();
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!at) {
      setInvalid(true);
      return;
    }
    onError(null);
    try {
      await schedule({ variables: { caseId, at: new Date(at).toISOString(), expectedVersion: version } });
      onDone(t('ircc.interviewScheduled'));
    } catch (e) {
      onError(e);
    }
  }
  return (
    <form className="form form--inline" onSubmit={submit} noValidate aria-label={t('ircc.scheduleInterview')}>
      <Field label={t('ircc.interviewAt')} error={invalid ? t('validation.required') : undefined}>
        {(props) => (
          <input
            {...props}
            type="datetime-local"
            value={at}
            onChange={(e) => {
              setAt(e.target.value);
              setInvalid(false);
            }}
          />
        )}
      </Field>
      <button type="submit" disabled={loading}>
        {t('ircc.scheduleInterview')}
      </button>
    </form>
  );
}

function DecisionForm({
  caseId,
  version,
  charges,
  capWarning,
  onDone,
  onError,
  notPassed,
}: FormProps & {
  capWarning: boolean;
  /** The checks not PASSED (an approval needs all four). */
  notPassed: readonly CheckKind[];
  charges: ReadonlyArray<{ id: string; description: string; jurisdiction: string; partnerView: string }>;
}) {
  const { t, label } = useI18n();
  const [outcome, setOutcome] = useState<DecisionOutcome>('APPROVED');
  const [reasons, setReasons] = useState('');
  const [cited, setCited] = useState<ReadonlySet<string>>(new Set());
  const [overrideNote, setOverrideNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [decide, { loading }] = useRecordDecisionMutation();
  const citesFlagged = charges.some((c) => cited.has(c.id) && c.partnerView === 'JUDICIAL_HARASSMENT');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (outcome === 'REFUSED' && !reasons.trim()) found.reasons = t('validation.required');
    if (citesFlagged && !overrideNote.trim()) found.overrideNote = t('ircc.overrideRequired');
    setErrors(found);
    if (Object.keys(found).length) return;
    onError(null);
    try {
      const result = await decide({
        variables: {
          caseId,
          outcome,
          reasons: reasons.trim() || null,
          citedChargeIds: outcome === 'REFUSED' ? [...cited] : null,
          overrideNote: outcome === 'REFUSED' && citesFlagged ? overrideNote.trim() : null,
          expectedVersion: version,
        },
      });
      const warnings = result.data?.recordDecision.warnings ?? [];
      onDone([t('ircc.decided', { outcome: label('DecisionOutcome', outcome) }), ...warnings].join(' '));
    } catch (e) {
      onError(e);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="decision-heading">
      <h3 id="decision-heading">{t('ircc.recordDecision')}</h3>
      <p className="state state--info" data-testid="charges-rule">
        {t('ircc.chargesRule')}
      </p>
      {capWarning && outcome === 'APPROVED' && <p className="state state--warn">{t('ircc.capWarning')}</p>}
      {outcome === 'APPROVED' && notPassed.length > 0 && (
        <p className="state state--warn" data-testid="checks-not-passed">
          {t('ircc.approvalNeedsChecks', { checks: notPassed.map((k) => label('CheckKind', k)).join(', ') })}
        </p>
      )}
      <fieldset className="radio-row">
        <legend>{t('ircc.outcome')}</legend>
        {(['APPROVED', 'REFUSED'] as const).map((o) => (
          <label key={o} className="inline-check">
            <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />{' '}
            {label('DecisionOutcome', o)}
          </label>
        ))}
      </fieldset>
      <Field label={t('ircc.reasons')} error={errors.reasons}>
        {(props) => <textarea {...props} rows={3} value={reasons} onChange={(e) => setReasons(e.target.value)} />}
      </Field>
      {outcome === 'REFUSED' && charges.length > 0 && (
        <fieldset>
          <legend>{t('ircc.citedCharges')}</legend>
          {charges.map((c) => (
            <label key={c.id} className="inline-check charge-choice">
              <input
                type="checkbox"
                checked={cited.has(c.id)}
                onChange={() =>
                  setCited((prev) => {
                    const next = new Set(prev);
                    if (next.has(c.id)) next.delete(c.id);
                    else next.add(c.id);
                    return next;
                  })
                }
              />{' '}
              {c.description} ({c.jurisdiction}) {c.partnerView === 'JUDICIAL_HARASSMENT' && <JudicialHarassmentFlag />}
            </label>
          ))}
        </fieldset>
      )}
      {outcome === 'REFUSED' && citesFlagged && (
        <Field label={t('ircc.overrideNote')} error={errors.overrideNote} hint={t('ircc.overrideHint')}>
          {(props) => (
            <textarea {...props} rows={2} value={overrideNote} onChange={(e) => setOverrideNote(e.target.value)} />
          )}
        </Field>
      )}
      <button type="submit" disabled={loading}>
        {t('ircc.recordDecision')}
      </button>
    </form>
  );
}

/** The arrival in Canada (TRAVEL → ARRIVED): the date, today unless told otherwise, never in the future. */
function ArrivalForm({ caseId, version, onDone, onError }: FormProps) {
  const { t } = useI18n();
  const today = new Date().toISOString().slice(0, 10);
  const [date, setDate] = useState(today);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [arrive, { loading }] = useRecordArrivalMutation();
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      setInvalid(t('validation.date'));
      return;
    }
    if (date > today) {
      setInvalid(t('ircc.arrivalFuture'));
      return;
    }
    onError(null);
    try {
      // Today: the server's "now"; an earlier day: that day (UTC).
      await arrive({
        variables: { caseId, arrivedAt: date === today ? null : `${date}T00:00:00.000Z`, expectedVersion: version },
      });
      onDone(t('ircc.arrivalRecorded'));
    } catch (e) {
      onError(e);
    }
  }
  return (
    <form className="form form--inline" onSubmit={submit} noValidate aria-labelledby="arrival-heading">
      <p id="arrival-heading" className="form__title">
        {t('ircc.recordArrival')}
      </p>
      <Field label={t('ircc.arrivalDate')} error={invalid ?? undefined}>
        {(props) => (
          <input
            {...props}
            type="date"
            max={today}
            value={date}
            onChange={(e) => {
              setDate(e.target.value);
              setInvalid(null);
            }}
          />
        )}
      </Field>
      <button type="submit" disabled={loading}>
        {t('ircc.recordArrival')}
      </button>
    </form>
  );
}
