/**
 * The criteria checklist (ASSESSMENT): one answer and justification per criterion, the submission
 * categories and priority. All six MET makes the case READY_TO_REFER. CONSENT may be overridden
 * (counted MET) with a stated reason, which the audit trail records; with a criterion NOT_MET the
 * assessment can be concluded: the case is NOT_ELIGIBLE. A CONFLICT offers to reload, keeping the
 * user's answers.
 */
import { type FormEvent, useState } from 'react';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import type {
  CaseAssessment_CaseFragment,
  Criterion,
  CriterionAnswer,
  SubmissionCategory,
  Urgency,
} from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { errorCode, fieldErrors } from '../common/errors';
import { ReasonAction } from '../common/ReasonAction';
import { ChangedMeanwhile, ErrorMessage, type Meanwhile, NotAvailable, ReloadedNotice } from '../common/ui';
import { useVersionedForm } from '../common/versioned';
import { URGENCIES } from './CaseListPage';
import { useMarkNotEligibleMutation, useRecordAssessmentMutation } from './mutations';

export const CaseAssessmentFragment = graphql(`
  fragment CaseAssessment_case on Case {
    id
    version
    status
    urgency
    assessment {
      answers {
        criterion
        answer
        justification
      }
      primaryCategory
      secondaryCategory
      consentOverrideReason
      notEligibleReason
      withdrawalReason
      updatedAt
    }
  }
`);

export const CRITERIA: Criterion[] = [
  'HRD_TRACK_RECORD',
  'AT_RISK',
  'REFUGEE_DEFINITION',
  'NO_DURABLE_SOLUTION',
  'CONSENT',
  'FAMILY_VERIFIED',
];
const ANSWERS: CriterionAnswer[] = ['MET', 'NOT_MET', 'UNKNOWN'];
const CATEGORIES: SubmissionCategory[] = [
  'LEGAL_PHYSICAL_PROTECTION',
  'SURVIVOR_OF_VIOLENCE_TORTURE',
  'WOMEN_GIRLS_AT_RISK',
  'CHILDREN_AT_RISK',
  'MEDICAL_NEEDS',
  'FAMILY_REUNIFICATION',
  'NO_ALTERNATIVE_DURABLE_SOLUTION',
];

type Answers = Record<Criterion, { answer: CriterionAnswer; justification: string }>;

/** Each criterion's answer at the top level, so that a reload after CONFLICT tells which changed. */
type AssessmentForm = Answers & {
  primary: SubmissionCategory | '';
  secondary: SubmissionCategory | '';
  priority: Urgency;
  /** The CONSENT override: on, and its stated reason (off with one on record: saving takes it back). */
  override: boolean;
  overrideReason: string;
};

/** The API's minimum for an override's reason. */
const OVERRIDE_MIN = 10;

export function AssessmentSection({
  case: ref,
  denied,
  canEdit,
  onReload,
}: {
  case: FragmentType<typeof CaseAssessmentFragment>;
  denied: boolean;
  canEdit: boolean;
  /** Refetches the case (the reload a CONFLICT offers). */
  onReload: () => Promise<unknown>;
}) {
  const { t, label, formatDateTime } = useI18n();
  const c = getFragmentData(CaseAssessmentFragment, ref);
  const recorded = c.assessment?.consentOverrideReason ?? null;
  const { form, setForm, changed, reloaded, reloadKeepingEntries, reset } = useVersionedForm<AssessmentForm>(
    denied ? null : formOf(c),
    c.version,
    formOf(c),
  );
  const [missing, setMissing] = useState<ReadonlySet<Criterion>>(new Set());
  const [overrideError, setOverrideError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [record, { loading }] = useRecordAssessmentMutation();
  const [markNotEligible] = useMarkNotEligibleMutation();

  if (denied) {
    return (
      <section aria-labelledby="assessment-heading" className="panel">
        <h2 id="assessment-heading">{t('assessment.title')}</h2>
        <NotAvailable />
      </section>
    );
  }
  const editable = canEdit && ['DRAFT', 'IN_ASSESSMENT', 'READY_TO_REFER', 'IN_TRIAGE'].includes(c.status);
  const overridden = form.override && form.overrideReason.trim().length > 0;
  const metCount = CRITERIA.filter((k) => form[k].answer === 'MET' || (k === 'CONSENT' && overridden)).length;
  const savedNotMet = (c.assessment?.answers ?? []).some((a) => a.answer === 'NOT_MET');
  const formNotMet = CRITERIA.some((k) => form[k].answer === 'NOT_MET');
  const canConclude = canEdit && c.status === 'IN_ASSESSMENT' && savedNotMet;

  function setAnswer(criterion: Criterion, change: Partial<Answers[Criterion]>) {
    setForm((f) => ({ ...f, [criterion]: { ...f[criterion], ...change } }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    setFailure(null);
    const lacking = new Set(CRITERIA.filter((k) => form[k].answer !== 'UNKNOWN' && !form[k].justification.trim()));
    setMissing(lacking);
    const reason = form.overrideReason.trim();
    const badOverride = form.override && reason.length < OVERRIDE_MIN;
    setOverrideError(badOverride ? t('consent.overrideTooShort', { min: OVERRIDE_MIN }) : null);
    if (lacking.size > 0 || badOverride) {
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('form.assessment [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    try {
      await record({
        variables: {
          caseId: c.id,
          expectedVersion: c.version,
          input: {
            answers: CRITERIA.map((criterion) => ({
              criterion,
              answer: form[criterion].answer,
              justification: form[criterion].justification.trim() || null,
            })),
            primaryCategory: form.primary || null,
            secondaryCategory: form.secondary || null,
            priority: form.priority,
            // Sent only when new or reworded: each one is a new audited override.
            ...(form.override && reason !== recorded ? { consentOverrideReason: reason } : {}),
            // Unticked with one on record: taken back (audited too).
            ...(!form.override && recorded ? { clearConsentOverride: true } : {}),
          },
        },
      });
      reset();
      setSaved(true);
    } catch (error) {
      const mapped = fieldErrors(error);
      if (errorCode(error) === 'BAD_USER_INPUT' && mapped.consentOverrideReason) {
        setOverrideError(mapped.consentOverrideReason);
      } else setFailure(error);
    }
  }

  /** A criterion someone else changed meanwhile (after a CONFLICT's reload), as shown under it. */
  const changedAnswer = (criterion: Criterion): Meanwhile | undefined => {
    const found = changed[criterion];
    if (!found) return undefined;
    const { answer, justification } = found.theirs;
    return {
      value: `${label('CriterionAnswer', answer)}${justification ? ` — ${justification}` : ''}`,
      kept: found.kept,
    };
  };

  return (
    <section aria-labelledby="assessment-heading" className="panel">
      <h2 id="assessment-heading">{t('assessment.title')}</h2>
      <p className="muted">
        {t('assessment.progress', { met: metCount, total: CRITERIA.length })}
        {c.assessment && <> · {t('common.updated', { when: formatDateTime(c.assessment.updatedAt) })}</>}
      </p>
      {c.status === 'NOT_ELIGIBLE' && (
        <p className="state state--warn" data-testid="not-eligible">
          <strong>{t('notEligible.concluded')}</strong>
          {c.assessment?.notEligibleReason && <> {c.assessment.notEligibleReason}</>}
        </p>
      )}
      {c.status === 'WITHDRAWN' && (
        <p className="state state--warn" data-testid="withdrawn">
          <strong>{t('withdrawal.concluded')}</strong>
          {c.assessment?.withdrawalReason && <> {c.assessment.withdrawalReason}</>}
        </p>
      )}
      {reloaded && <ReloadedNotice changed={Object.keys(changed).length} />}
      <form onSubmit={submit} noValidate className="assessment">
        {CRITERIA.map((criterion) => {
          const value = form[criterion];
          const name = `criterion-${criterion}`;
          const invalid = missing.has(criterion);
          const meanwhile = changedAnswer(criterion);
          return (
            <fieldset
              key={criterion}
              className={`criterion${invalid ? ' field--invalid' : ''}`}
              data-criterion={criterion}
            >
              <legend>{label('Criterion', criterion)}</legend>
              <p className="muted criterion__help">{t(`criterionHelp.${criterion}`)}</p>
              <div className="radio-row">
                {ANSWERS.map((answer) => (
                  <label key={answer} className="inline-check">
                    <input
                      type="radio"
                      name={name}
                      value={answer}
                      disabled={!editable}
                      checked={value.answer === answer}
                      onChange={() => setAnswer(criterion, { answer })}
                    />{' '}
                    {label('CriterionAnswer', answer)}
                  </label>
                ))}
              </div>
              <label htmlFor={`${name}-why`}>{t('assessment.justification')}</label>
              <textarea
                id={`${name}-why`}
                rows={2}
                readOnly={!editable}
                aria-invalid={invalid}
                aria-describedby={invalid ? `${name}-error` : undefined}
                value={value.justification}
                onChange={(e) => setAnswer(criterion, { justification: e.target.value })}
              />
              {meanwhile && <ChangedMeanwhile changed={meanwhile} />}
              {invalid && (
                <span id={`${name}-error`} className="field__error">
                  {t('assessment.justificationRequired')}
                </span>
              )}
              {criterion === 'CONSENT' && (
                <ConsentOverride
                  recorded={recorded}
                  editable={editable}
                  on={form.override}
                  reason={form.overrideReason}
                  error={overrideError}
                  onToggle={(on) => {
                    setForm((f) => ({ ...f, override: on }));
                    setOverrideError(null);
                  }}
                  onReason={(text) => {
                    setForm((f) => ({ ...f, overrideReason: text }));
                    setOverrideError(null);
                  }}
                />
              )}
            </fieldset>
          );
        })}
        <div className="form--inline">
          <div className="field">
            <label htmlFor="primary-category">{t('assessment.primaryCategory')}</label>
            <select
              id="primary-category"
              disabled={!editable}
              value={form.primary}
              onChange={(e) => setForm((f) => ({ ...f, primary: e.target.value as SubmissionCategory | '' }))}
            >
              <option value="">{t('common.notStated')}</option>
              {CATEGORIES.map((k) => (
                <option key={k} value={k}>
                  {label('SubmissionCategory', k)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="secondary-category">{t('assessment.secondaryCategory')}</label>
            <select
              id="secondary-category"
              disabled={!editable}
              value={form.secondary}
              onChange={(e) => setForm((f) => ({ ...f, secondary: e.target.value as SubmissionCategory | '' }))}
            >
              <option value="">{t('common.notStated')}</option>
              {CATEGORIES.map((k) => (
                <option key={k} value={k}>
                  {label('SubmissionCategory', k)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="priority">{t('assessment.priority')}</label>
            <select
              id="priority"
              disabled={!editable}
              value={form.priority}
              onChange={(e) => setForm((f) => ({ ...f, priority: e.target.value as Urgency }))}
            >
              {URGENCIES.map((u) => (
                <option key={u} value={u}>
                  {label('Urgency', u)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {(missing.size > 0 || overrideError) && (
          <p role="alert" className="state state--error">
            {t('validation.summary', { count: missing.size + (overrideError ? 1 : 0) })}
          </p>
        )}
        <ErrorMessage
          error={failure}
          keepsEntries
          onReload={async () => {
            await reloadKeepingEntries(onReload);
            setFailure(null);
          }}
        />
        {saved && errorCode(failure) === undefined && (
          <p role="status" className="state state--ok">
            {t('assessment.saved')}
          </p>
        )}
        {editable && (
          <button type="submit" disabled={loading}>
            {t('assessment.save')}
          </button>
        )}
      </form>
      {editable && c.status === 'IN_ASSESSMENT' && formNotMet && !savedNotMet && (
        <p className="muted">{t('notEligible.saveFirst')}</p>
      )}
      {canConclude && (
        <div className="conclude" data-testid="conclude-not-eligible">
          <p>{t('notEligible.explain')}</p>
          <ReasonAction
            tone="danger"
            label={t('notEligible.action')}
            fieldLabel={t('notEligible.reason')}
            onConfirm={(reason) => markNotEligible({ variables: { caseId: c.id, expectedVersion: c.version, reason } })}
            onReload={onReload}
          />
        </div>
      )}
    </section>
  );
}

/**
 * The CONSENT override: when consent cannot be recorded the usual way, CONSENT counts as MET with a
 * stated reason. Said plainly on screen: the override is recorded in the audit trail.
 */
function ConsentOverride({
  recorded,
  editable,
  on,
  reason,
  error,
  onToggle,
  onReason,
}: {
  recorded: string | null;
  editable: boolean;
  on: boolean;
  reason: string;
  error: string | null;
  onToggle(on: boolean): void;
  onReason(text: string): void;
}) {
  const { t } = useI18n();
  // Nothing to show a reader who cannot edit, unless an override is on record.
  if (!editable && !recorded) return null;
  // With one on record, the box keeps it (ticked) or takes it back (unticked) on save.
  const help = !recorded
    ? `${t('consent.overrideHelp')} ${t('consent.audited')}`
    : on
      ? t('consent.keepHelp')
      : t('consent.takeBackHelp');
  return (
    <div className="override" data-testid="consent-override">
      {recorded && (
        <p className="state state--warn">
          <strong>{t('consent.overridden')}</strong> {t('consent.audited')}
        </p>
      )}
      {editable && (
        <label className="inline-check">
          <input
            type="checkbox"
            name="consent-override"
            checked={on}
            aria-describedby="consent-override-help"
            onChange={(e) => onToggle(e.target.checked)}
          />{' '}
          {recorded ? t('consent.keep') : t('consent.override')}
        </label>
      )}
      {editable && (
        <p id="consent-override-help" className="field__hint">
          {help}
        </p>
      )}
      {on && (
        <div className={`field${error ? ' field--invalid' : ''}`}>
          <label htmlFor="consent-override-reason">{t('consent.reason')}</label>
          <textarea
            id="consent-override-reason"
            rows={2}
            readOnly={!editable}
            value={reason}
            aria-invalid={Boolean(error)}
            aria-describedby={error ? 'consent-override-error' : undefined}
            onChange={(e) => onReason(e.target.value)}
          />
          {error && (
            <span id="consent-override-error" className="field__error">
              {error}
            </span>
          )}
        </div>
      )}
    </div>
  );
}

function formOf(c: CaseAssessment_CaseFragment): AssessmentForm {
  return {
    ...initialAnswers(c.assessment?.answers),
    primary: c.assessment?.primaryCategory ?? '',
    secondary: c.assessment?.secondaryCategory ?? '',
    priority: c.urgency,
    override: Boolean(c.assessment?.consentOverrideReason),
    overrideReason: c.assessment?.consentOverrideReason ?? '',
  };
}

function initialAnswers(
  given: ReadonlyArray<{ criterion: Criterion; answer: CriterionAnswer; justification: string }> | undefined,
): Answers {
  const out = {} as Answers;
  for (const criterion of CRITERIA) {
    const found = given?.find((a) => a.criterion === criterion);
    out[criterion] = { answer: found?.answer ?? 'UNKNOWN', justification: found?.justification ?? '' };
  }
  return out;
}
