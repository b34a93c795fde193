/**
 * Create a case (with its principal applicant) or edit one. Messages sit next to their fields:
 * the form's own checks first, then the API's BAD_USER_INPUT `extensions.paths` mapped to fields.
 * Editing, a CONFLICT (someone saved the case meanwhile) offers to reload: the latest version is
 * fetched, the form stays open with the user's entries, and the fields changed meanwhile say so.
 */
import { useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { graphql } from '../../gql';
import type { CaseForEditQuery, HrdActivity, Sex, Urgency } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { blockingError, errorCode, fieldErrors } from '../common/errors';
import { ChangedMeanwhile, ErrorMessage, Field, Loading, type Meanwhile, Page, ReloadedNotice } from '../common/ui';
import { useVersionedForm } from '../common/versioned';
import { URGENCIES } from './CaseListPage';
import { useCreateCaseMutation, useUpdateCaseMutation } from './mutations';

export const ACTIVITIES: HrdActivity[] = [
  'JOURNALISM',
  'LAND_ENVIRONMENT',
  'WOMENS_RIGHTS',
  'LGBTIQ_RIGHTS',
  'INDIGENOUS_RIGHTS',
  'LABOUR_RIGHTS',
  'ANTI_CORRUPTION',
  'LEGAL_DEFENCE',
  'OTHER',
];
export const SEXES: Sex[] = ['F', 'M', 'X'];

const CaseForEdit = graphql(`
  query CaseForEdit($id: ID!) {
    case(id: $id) {
      id
      reference
      version
      urgency
      activities
      countryOfNationality
      countryOfAsylum
      inHiding
      hrdProfile {
        summary
        riskSummary
      }
    }
  }
`);

interface FormState {
  countryOfNationality: string;
  countryOfAsylum: string;
  urgency: Urgency;
  activities: HrdActivity[];
  hrdSummary: string;
  riskSummary: string;
  inHiding: boolean;
  location: string;
  safeContact: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: Sex | '';
  nationality: string;
}

const EMPTY: FormState = {
  countryOfNationality: '',
  countryOfAsylum: '',
  urgency: 'NORMAL',
  activities: [],
  hrdSummary: '',
  riskSummary: '',
  inHiding: false,
  location: '',
  safeContact: '',
  givenName: '',
  familyName: '',
  dateOfBirth: '',
  sex: '',
  nationality: '',
};

const COUNTRY = /^[A-Za-z]{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Loaded = NonNullable<CaseForEditQuery['case']>;

/** The form's entries for a case as recorded (the SECRET fields are never prefilled). */
const formOf = (c: Loaded): FormState => ({
  ...EMPTY,
  countryOfNationality: c.countryOfNationality ?? '',
  countryOfAsylum: c.countryOfAsylum ?? '',
  urgency: c.urgency,
  activities: [...c.activities],
  hrdSummary: c.hrdProfile?.summary ?? '',
  riskSummary: c.hrdProfile?.riskSummary ?? '',
  inHiding: c.inHiding ?? false,
});

export function CaseFormPage() {
  const { id } = useParams();
  const editing = Boolean(id);
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const existing = useQuery(CaseForEdit, { variables: { id: id ?? '' }, skip: !editing, fetchPolicy: 'network-only' });
  const [create, created] = useCreateCaseMutation();
  const [update, updated] = useUpdateCaseMutation();
  const loaded = existing.data?.case;
  const { form, setForm, changed, reloaded, reloadKeepingEntries } = useVersionedForm(
    loaded ? formOf(loaded) : null,
    loaded?.version,
    EMPTY,
  );

  function set<K extends keyof FormState>(key: K, value: FormState[K]) {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => {
      const { [key]: _, ...rest } = e;
      return rest;
    });
  }

  function validate(): Record<string, string> {
    const out: Record<string, string> = {};
    const required = t('validation.required');
    if (!COUNTRY.test(form.countryOfNationality)) out.countryOfNationality = t('validation.country');
    if (!COUNTRY.test(form.countryOfAsylum)) out.countryOfAsylum = t('validation.country');
    if (form.activities.length === 0) out.activities = t('validation.activities');
    if (!editing) {
      if (!form.givenName.trim()) out['principal.givenName'] = required;
      if (!form.familyName.trim()) out['principal.familyName'] = required;
      if (form.dateOfBirth && !DATE.test(form.dateOfBirth)) out['principal.dateOfBirth'] = t('validation.date');
      if (form.nationality && !COUNTRY.test(form.nationality)) out['principal.nationality'] = t('validation.country');
    }
    return out;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // Move to the first field in error, whose message says what to fix.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    try {
      if (editing && loaded) {
        await update({
          variables: {
            id: loaded.id,
            expectedVersion: loaded.version,
            input: {
              countryOfNationality: form.countryOfNationality.toUpperCase(),
              countryOfAsylum: form.countryOfAsylum.toUpperCase(),
              urgency: form.urgency,
              activities: form.activities,
              hrdSummary: form.hrdSummary,
              riskSummary: form.riskSummary,
              inHiding: form.inHiding,
              ...(form.location ? { location: form.location } : {}),
              ...(form.safeContact ? { safeContact: form.safeContact } : {}),
            },
          },
        });
        navigate(`/cases/${loaded.id}`);
      } else {
        const result = await create({
          variables: {
            input: {
              countryOfNationality: form.countryOfNationality.toUpperCase(),
              countryOfAsylum: form.countryOfAsylum.toUpperCase(),
              urgency: form.urgency,
              activities: form.activities,
              hrdSummary: form.hrdSummary || null,
              riskSummary: form.riskSummary || null,
              inHiding: form.inHiding,
              location: form.location || null,
              safeContact: form.safeContact || null,
              principal: {
                role: 'PRINCIPAL',
                givenName: form.givenName.trim(),
                familyName: form.familyName.trim(),
                dateOfBirth: form.dateOfBirth || null,
                sex: form.sex || null,
                nationality: form.nationality ? form.nationality.toUpperCase() : null,
              },
            },
          },
        });
        const newId = result.data?.createCase.id;
        if (newId) navigate(`/cases/${newId}`);
      }
    } catch (error) {
      const mapped = fieldErrors(error);
      if (errorCode(error) === 'BAD_USER_INPUT' && Object.keys(mapped).length > 0) {
        setErrors(mapped);
        requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      } else setFailure(error);
    }
  }

  const title = editing ? t('caseForm.editTitle', { reference: loaded?.reference ?? '' }) : t('caseForm.createTitle');
  if (editing && existing.loading && !loaded) return <Loading />;
  if (editing && !loaded) {
    return (
      <Page title={t('caseForm.editTitle', { reference: '' })}>
        <ErrorMessage error={blockingError(existing.error) ?? existing.error} />
      </Page>
    );
  }
  const busy = created.loading || updated.loading;
  /** A field someone else changed meanwhile (after a CONFLICT's reload), as shown beside it. */
  const now = (key: keyof FormState): Meanwhile | undefined => {
    const found = changed[key];
    if (!found) return undefined;
    const value: unknown = found.theirs;
    const shown =
      key === 'urgency'
        ? label('Urgency', value as string)
        : key === 'activities'
          ? (value as HrdActivity[]).map((a) => label('HrdActivity', a)).join(', ')
          : key === 'inHiding'
            ? value
              ? t('common.yes')
              : t('common.no')
            : String(value ?? '');
    return { value: shown, kept: found.kept };
  };
  const text = (
    key: keyof FormState,
    fieldLabel: string,
    errorKey: string = key,
    extra: Partial<{ hint: string; type: string; autoComplete: string }> = {},
  ) => (
    <Field label={fieldLabel} error={errors[errorKey]} hint={extra.hint} changed={now(key)}>
      {(props) => (
        <input
          {...props}
          name={key}
          type={extra.type ?? 'text'}
          autoComplete={extra.autoComplete ?? 'off'}
          value={form[key] as string}
          onChange={(e) => set(key, e.target.value as never)}
        />
      )}
    </Field>
  );

  return (
    <Page title={title}>
      <form className="form" onSubmit={submit} noValidate>
        {reloaded && <ReloadedNotice changed={Object.keys(changed).length} />}
        {Object.keys(errors).length > 0 && (
          <p role="alert" className="state state--error">
            {t('validation.summary', { count: Object.keys(errors).length })}
          </p>
        )}
        {!editing && (
          <fieldset>
            <legend>{t('caseForm.principal')}</legend>
            {text('givenName', t('person.givenName'), 'principal.givenName')}
            {text('familyName', t('person.familyName'), 'principal.familyName')}
            {text('dateOfBirth', t('person.dateOfBirth'), 'principal.dateOfBirth', { type: 'date' })}
            <Field label={t('person.sex')} error={errors['principal.sex']}>
              {(props) => (
                <select {...props} name="sex" value={form.sex} onChange={(e) => set('sex', e.target.value as Sex | '')}>
                  <option value="">{t('common.notStated')}</option>
                  {SEXES.map((s) => (
                    <option key={s} value={s}>
                      {label('Sex', s)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {text('nationality', t('person.nationality'), 'principal.nationality', { hint: t('caseForm.countryHint') })}
          </fieldset>
        )}
        <fieldset>
          <legend>{t('caseForm.case')}</legend>
          {text('countryOfNationality', t('case.countryOfNationality'), 'countryOfNationality', {
            hint: t('caseForm.countryHint'),
          })}
          {text('countryOfAsylum', t('case.countryOfAsylum'), 'countryOfAsylum', { hint: t('caseForm.countryHint') })}
          <Field label={t('case.urgency')} error={errors.urgency} changed={now('urgency')}>
            {(props) => (
              <select
                {...props}
                name="urgency"
                value={form.urgency}
                onChange={(e) => set('urgency', e.target.value as Urgency)}
              >
                {URGENCIES.map((u) => (
                  <option key={u} value={u}>
                    {label('Urgency', u)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset
            className={`checks${errors.activities ? ' field--invalid' : ''}`}
            aria-describedby={errors.activities ? 'activities-error' : undefined}
          >
            <legend>{t('case.activities')}</legend>
            {ACTIVITIES.map((a, index) => (
              <label key={a} className="inline-check">
                <input
                  type="checkbox"
                  name="activities"
                  value={a}
                  aria-invalid={index === 0 && Boolean(errors.activities)}
                  checked={form.activities.includes(a)}
                  onChange={(e) =>
                    set(
                      'activities',
                      e.target.checked ? [...form.activities, a] : form.activities.filter((x) => x !== a),
                    )
                  }
                />{' '}
                {label('HrdActivity', a)}
              </label>
            ))}
            {now('activities') && <ChangedMeanwhile changed={now('activities') as Meanwhile} />}
            {errors.activities && (
              <span id="activities-error" className="field__error">
                {errors.activities}
              </span>
            )}
          </fieldset>
          <Field label={t('case.hrdSummary')} error={errors.hrdSummary} changed={now('hrdSummary')}>
            {(props) => (
              <textarea
                {...props}
                name="hrdSummary"
                rows={3}
                value={form.hrdSummary}
                onChange={(e) => set('hrdSummary', e.target.value)}
              />
            )}
          </Field>
          <Field label={t('case.riskSummary')} error={errors.riskSummary} changed={now('riskSummary')}>
            {(props) => (
              <textarea
                {...props}
                name="riskSummary"
                rows={3}
                value={form.riskSummary}
                onChange={(e) => set('riskSummary', e.target.value)}
              />
            )}
          </Field>
          <label className="inline-check">
            <input
              type="checkbox"
              name="inHiding"
              checked={form.inHiding}
              onChange={(e) => set('inHiding', e.target.checked)}
            />{' '}
            {t('case.inHiding')}
          </label>
          {now('inHiding') && <ChangedMeanwhile changed={now('inHiding') as Meanwhile} />}
        </fieldset>
        <fieldset>
          <legend>{t('caseForm.secret')}</legend>
          <p className="muted">{editing ? t('caseForm.secretEditHelp') : t('caseForm.secretHelp')}</p>
          {text('location', t('case.location'), 'location')}
          {text('safeContact', t('case.safeContact'), 'safeContact')}
        </fieldset>
        <ErrorMessage
          error={failure}
          keepsEntries={editing}
          onReload={
            editing
              ? async () => {
                  await reloadKeepingEntries(existing.refetch);
                  setFailure(null);
                }
              : undefined
          }
        />
        <div className="button-row">
          <button type="submit" disabled={busy}>
            {editing ? t('common.save') : t('caseForm.create')}
          </button>
          <button type="button" className="button--secondary" onClick={() => navigate(-1)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Page>
  );
}
