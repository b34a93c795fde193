/**
 * The criteria checklist (ASSESSMENT): one answer and justification per criterion, the submission
 * categories and priority. All six MET makes the case READY_TO_REFER.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import type { Criterion, CriterionAnswer, SubmissionCategory, Urgency } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { errorCode } from '../common/errors';
import { ErrorMessage, NotAvailable } from '../common/ui';
import { URGENCIES } from './CaseListPage';
import { useRecordAssessmentMutation } from './mutations';

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

export function AssessmentSection({
  case: ref,
  denied,
  canEdit,
}: {
  case: FragmentType<typeof CaseAssessmentFragment>;
  denied: boolean;
  canEdit: boolean;
}) {
  const { t, label, formatDateTime } = useI18n();
  const c = getFragmentData(CaseAssessmentFragment, ref);
  const [answers, setAnswers] = useState<Answers>(() => initialAnswers(c.assessment?.answers));
  const [primary, setPrimary] = useState<SubmissionCategory | ''>(c.assessment?.primaryCategory ?? '');
  const [secondary, setSecondary] = useState<SubmissionCategory | ''>(c.assessment?.secondaryCategory ?? '');
  const [priority, setPriority] = useState<Urgency>(c.urgency);
  const [missing, setMissing] = useState<ReadonlySet<Criterion>>(new Set());
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [record, { loading }] = useRecordAssessmentMutation();

  // Another save (or a reload after CONFLICT) brings new answers.
  useEffect(() => {
    setAnswers(initialAnswers(c.assessment?.answers));
  }, [c.assessment]);

  if (denied) {
    return (
      <section aria-labelledby="assessment-heading" className="panel">
        <h2 id="assessment-heading">{t('assessment.title')}</h2>
        <NotAvailable />
      </section>
    );
  }
  const editable = canEdit && ['DRAFT', 'IN_ASSESSMENT', 'READY_TO_REFER', 'IN_TRIAGE'].includes(c.status);
  const metCount = CRITERIA.filter((k) => answers[k].answer === 'MET').length;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    setFailure(null);
    const lacking = new Set(
      CRITERIA.filter((k) => answers[k].answer !== 'UNKNOWN' && !answers[k].justification.trim()),
    );
    setMissing(lacking);
    if (lacking.size > 0) return;
    try {
      await record({
        variables: {
          caseId: c.id,
          expectedVersion: c.version,
          input: {
            answers: CRITERIA.map((criterion) => ({
              criterion,
              answer: answers[criterion].answer,
              justification: answers[criterion].justification.trim() || null,
            })),
            primaryCategory: primary || null,
            secondaryCategory: secondary || null,
            priority,
          },
        },
      });
      setSaved(true);
    } catch (error) {
      setFailure(error);
    }
  }

  return (
    <section aria-labelledby="assessment-heading" className="panel">
      <h2 id="assessment-heading">{t('assessment.title')}</h2>
      <p className="muted">
        {t('assessment.progress', { met: metCount, total: CRITERIA.length })}
        {c.assessment && <> · {t('common.updated', { when: formatDateTime(c.assessment.updatedAt) })}</>}
      </p>
      <form onSubmit={submit} noValidate className="assessment">
        {CRITERIA.map((criterion) => {
          const value = answers[criterion];
          const name = `criterion-${criterion}`;
          const invalid = missing.has(criterion);
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
                      onChange={() => setAnswers((a) => ({ ...a, [criterion]: { ...a[criterion], answer } }))}
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
                onChange={(e) =>
                  setAnswers((a) => ({ ...a, [criterion]: { ...a[criterion], justification: e.target.value } }))
                }
              />
              {invalid && (
                <span id={`${name}-error`} className="field__error">
                  {t('assessment.justificationRequired')}
                </span>
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
              value={primary}
              onChange={(e) => setPrimary(e.target.value as SubmissionCategory | '')}
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
              value={secondary}
              onChange={(e) => setSecondary(e.target.value as SubmissionCategory | '')}
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
              value={priority}
              onChange={(e) => setPriority(e.target.value as Urgency)}
            >
              {URGENCIES.map((u) => (
                <option key={u} value={u}>
                  {label('Urgency', u)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {missing.size > 0 && (
          <p role="alert" className="state state--error">
            {t('validation.summary', { count: missing.size })}
          </p>
        )}
        <ErrorMessage error={failure} />
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
    </section>
  );
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
