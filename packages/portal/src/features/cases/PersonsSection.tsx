/** The persons on a case (IDENTITY): adding a family member, editing a person, removing a family member. */
import { type FormEvent, useState } from 'react';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import type { PersonRole, Sex } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { errorCode, fieldErrors } from '../common/errors';
import { Empty, ErrorMessage, Field, type Meanwhile, NotAvailable, ReloadedNotice } from '../common/ui';
import { useVersionedForm } from '../common/versioned';
import { SEXES } from './CaseFormPage';
import { useAddPersonMutation, useRemovePersonMutation, useUpdatePersonMutation } from './mutations';

export const CasePersonsFragment = graphql(`
  fragment CasePersons_case on Case {
    id
    persons {
      id
      version
      role
      givenName
      familyName
      dateOfBirth
      sex
      nationality
    }
    charges {
      id
      personId
    }
  }
`);

const FAMILY_ROLES: PersonRole[] = ['SPOUSE', 'CHILD', 'PARENT', 'SIBLING', 'OTHER_DEPENDANT'];
const COUNTRY = /^[A-Za-z]{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface PersonRow {
  id: string;
  version: number;
  role: PersonRole;
  givenName: string;
  familyName: string;
  dateOfBirth?: string | null;
  sex?: Sex | null;
  nationality?: string | null;
}

export function PersonsSection({
  case: ref,
  denied,
  canEdit,
  onReload,
}: {
  case: FragmentType<typeof CasePersonsFragment>;
  denied: boolean;
  canEdit: boolean;
  /** Refetches the case (the reload a CONFLICT offers). */
  onReload: () => Promise<unknown>;
}) {
  const { t, label, formatDate } = useI18n();
  const c = getFragmentData(CasePersonsFragment, ref);
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const persons = c.persons ?? [];
  const edited = persons.find((p) => p.id === editing);
  const removed = persons.find((p) => p.id === removing);
  const editable = canEdit && !denied;
  return (
    <section aria-labelledby="persons-heading" className="panel">
      <h2 id="persons-heading">{t('persons.title')}</h2>
      {denied ? (
        <NotAvailable />
      ) : persons.length === 0 ? (
        <Empty>{t('persons.empty')}</Empty>
      ) : (
        <table className="table" data-testid="persons">
          <caption className="sr-only">{t('persons.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('person.name')}</th>
              <th scope="col">{t('person.role')}</th>
              <th scope="col">{t('person.dateOfBirth')}</th>
              <th scope="col">{t('person.sex')}</th>
              <th scope="col">{t('person.nationality')}</th>
              {editable && <th scope="col">{t('common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {persons.map((p) => {
              const name = `${p.givenName} ${p.familyName}`;
              return (
                <tr key={p.id}>
                  <th scope="row">{name}</th>
                  <td>{label('PersonRole', p.role)}</td>
                  <td>{p.dateOfBirth ? formatDate(p.dateOfBirth) : '—'}</td>
                  <td>{p.sex ? label('Sex', p.sex) : '—'}</td>
                  <td>{p.nationality ?? '—'}</td>
                  {editable && (
                    <td>
                      <div className="row-actions">
                        <button
                          type="button"
                          className="button--secondary"
                          aria-label={t('persons.editOne', { name })}
                          aria-expanded={editing === p.id}
                          onClick={() => {
                            setRemoving(null);
                            setEditing(p.id);
                          }}
                        >
                          {t('persons.edit')}
                        </button>
                        {p.role !== 'PRINCIPAL' && (
                          <button
                            type="button"
                            className="button--secondary"
                            aria-label={t('persons.removeOne', { name })}
                            aria-expanded={removing === p.id}
                            onClick={() => {
                              setEditing(null);
                              setRemoving(p.id);
                            }}
                          >
                            {t('persons.remove')}
                          </button>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {editable && edited && (
        <EditPersonForm key={edited.id} person={edited} onReload={onReload} onClose={() => setEditing(null)} />
      )}
      {editable && removed && (
        <RemovePersonConfirm
          key={removed.id}
          person={removed}
          charges={(c.charges ?? []).filter((ch) => ch.personId === removed.id).length}
          onClose={() => setRemoving(null)}
        />
      )}
      {editable && <AddPersonForm caseId={c.id} />}
    </section>
  );
}

interface PersonForm {
  role: PersonRole;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: Sex | '';
  nationality: string;
}

const personForm = (p: PersonRow): PersonForm => ({
  role: p.role,
  givenName: p.givenName,
  familyName: p.familyName,
  dateOfBirth: p.dateOfBirth ?? '',
  sex: p.sex ?? '',
  nationality: p.nationality ?? '',
});

/** Edits one person at the version on screen; a CONFLICT offers to reload, keeping the entries. */
function EditPersonForm({
  person,
  onReload,
  onClose,
}: {
  person: PersonRow;
  onReload: () => Promise<unknown>;
  onClose(): void;
}) {
  const { t, label, formatDate } = useI18n();
  const { form, setForm, changed, reloaded, reloadKeepingEntries } = useVersionedForm(
    personForm(person),
    person.version,
    personForm(person),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [update, { loading }] = useUpdatePersonMutation();
  const principal = person.role === 'PRINCIPAL';
  const name = `${person.givenName} ${person.familyName}`;

  function set<K extends keyof PersonForm>(key: K, value: PersonForm[K]) {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors(({ [key]: _, ...rest }) => rest);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const found: Record<string, string> = {};
    if (!form.givenName.trim()) found.givenName = t('validation.required');
    if (!form.familyName.trim()) found.familyName = t('validation.required');
    if (form.dateOfBirth && !DATE.test(form.dateOfBirth)) found.dateOfBirth = t('validation.date');
    if (form.nationality.trim() && !COUNTRY.test(form.nationality.trim())) found.nationality = t('validation.country');
    setErrors(found);
    if (Object.keys(found).length) {
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('form[data-form="edit-person"] [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    try {
      await update({
        variables: {
          id: person.id,
          expectedVersion: person.version,
          input: {
            ...(principal ? {} : { role: form.role }),
            givenName: form.givenName.trim(),
            familyName: form.familyName.trim(),
            dateOfBirth: form.dateOfBirth || null,
            sex: form.sex || null,
            nationality: form.nationality.trim() ? form.nationality.trim().toUpperCase() : null,
          },
        },
      });
      onClose();
    } catch (error) {
      const mapped = fieldErrors(error);
      if (errorCode(error) === 'BAD_USER_INPUT' && Object.keys(mapped).length) setErrors(mapped);
      else setFailure(error);
    }
  }

  /** A field someone else changed meanwhile (after a CONFLICT's reload), as shown beside it. */
  const now = (key: keyof PersonForm): Meanwhile | undefined => {
    const found = changed[key];
    if (!found) return undefined;
    const value = found.theirs;
    const shown =
      value === ''
        ? ''
        : key === 'role'
          ? label('PersonRole', value)
          : key === 'sex'
            ? label('Sex', value)
            : key === 'dateOfBirth'
              ? formatDate(value)
              : value;
    return { value: shown, kept: found.kept };
  };

  return (
    <form
      className="form form--inline form--edit"
      data-form="edit-person"
      onSubmit={submit}
      noValidate
      aria-label={t('persons.editOne', { name })}
    >
      <p className="form__title">{t('persons.editOne', { name })}</p>
      {reloaded && <ReloadedNotice changed={Object.keys(changed).length} />}
      {principal ? (
        <p className="muted">{t('persons.principalRole')}</p>
      ) : (
        <Field label={t('person.role')} error={errors.role} changed={now('role')}>
          {(props) => (
            <select {...props} value={form.role} onChange={(e) => set('role', e.target.value as PersonRole)}>
              {FAMILY_ROLES.map((r) => (
                <option key={r} value={r}>
                  {label('PersonRole', r)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label={t('person.givenName')} error={errors.givenName} changed={now('givenName')}>
        {(props) => (
          <input
            {...props}
            value={form.givenName}
            onChange={(e) => set('givenName', e.target.value)}
            // biome-ignore lint/a11y/noAutofocus: the form the user just opened
            autoFocus
          />
        )}
      </Field>
      <Field label={t('person.familyName')} error={errors.familyName} changed={now('familyName')}>
        {(props) => <input {...props} value={form.familyName} onChange={(e) => set('familyName', e.target.value)} />}
      </Field>
      <Field label={t('person.dateOfBirth')} error={errors.dateOfBirth} changed={now('dateOfBirth')}>
        {(props) => (
          <input {...props} type="date" value={form.dateOfBirth} onChange={(e) => set('dateOfBirth', e.target.value)} />
        )}
      </Field>
      <Field label={t('person.sex')} error={errors.sex} changed={now('sex')}>
        {(props) => (
          <select {...props} value={form.sex} onChange={(e) => set('sex', e.target.value as Sex | '')}>
            <option value="">{t('common.notStated')}</option>
            {SEXES.map((s) => (
              <option key={s} value={s}>
                {label('Sex', s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={t('person.nationality')}
        error={errors.nationality}
        hint={t('caseForm.countryHint')}
        changed={now('nationality')}
      >
        {(props) => (
          <input
            {...props}
            value={form.nationality}
            maxLength={2}
            onChange={(e) => set('nationality', e.target.value)}
          />
        )}
      </Field>
      <ErrorMessage
        error={failure}
        keepsEntries
        onReload={async () => {
          await reloadKeepingEntries(onReload);
          setFailure(null);
        }}
      />
      <div className="button-row">
        <button type="submit" disabled={loading}>
          {t('persons.saveEdit')}
        </button>
        <button type="button" className="button--secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Removing a family member (never the principal): the case's size changes, and so its verification. */
function RemovePersonConfirm({ person, charges, onClose }: { person: PersonRow; charges: number; onClose(): void }) {
  const { t } = useI18n();
  const [remove, { loading }] = useRemovePersonMutation();
  const [failure, setFailure] = useState<unknown>(null);
  const name = `${person.givenName} ${person.familyName}`;
  return (
    <fieldset className="confirm">
      <legend>{t('persons.removeQuestion', { name })}</legend>
      <p>{t('persons.removeEffect')}</p>
      {charges > 0 && <p>{t('persons.removeCharges', { count: charges })}</p>}
      <ErrorMessage error={failure} />
      <div className="button-row">
        <button
          type="button"
          className="button--danger"
          disabled={loading}
          // biome-ignore lint/a11y/noAutofocus: the confirmation the user just asked for
          autoFocus
          onClick={async () => {
            setFailure(null);
            try {
              await remove({ variables: { id: person.id } });
              onClose();
            } catch (error) {
              setFailure(error);
            }
          }}
        >
          {t('persons.removeConfirm', { name })}
        </button>
        <button type="button" className="button--secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </fieldset>
  );
}

function AddPersonForm({ caseId }: { caseId: string }) {
  const { t, label } = useI18n();
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<PersonRole>('SPOUSE');
  const [givenName, setGivenName] = useState('');
  const [familyName, setFamilyName] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [sex, setSex] = useState<Sex | ''>('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [addPerson, { loading }] = useAddPersonMutation();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!givenName.trim()) found.givenName = t('validation.required');
    if (!familyName.trim()) found.familyName = t('validation.required');
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    try {
      await addPerson({
        variables: {
          caseId,
          input: {
            role,
            givenName: givenName.trim(),
            familyName: familyName.trim(),
            dateOfBirth: dateOfBirth || null,
            sex: sex || null,
          },
        },
      });
      setOpen(false);
      setGivenName('');
      setFamilyName('');
      setDateOfBirth('');
      setSex('');
    } catch (error) {
      const mapped = fieldErrors(error);
      if (errorCode(error) === 'BAD_USER_INPUT' && Object.keys(mapped).length) setErrors(mapped);
      else setFailure(error);
    }
  }

  if (!open) {
    return (
      <button type="button" className="button--secondary" onClick={() => setOpen(true)}>
        {t('persons.add')}
      </button>
    );
  }
  return (
    <form className="form form--inline" onSubmit={submit} noValidate aria-label={t('persons.add')}>
      <Field label={t('person.role')} error={errors.role}>
        {(props) => (
          <select {...props} value={role} onChange={(e) => setRole(e.target.value as PersonRole)}>
            {FAMILY_ROLES.map((r) => (
              <option key={r} value={r}>
                {label('PersonRole', r)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('person.givenName')} error={errors.givenName}>
        {(props) => <input {...props} value={givenName} onChange={(e) => setGivenName(e.target.value)} />}
      </Field>
      <Field label={t('person.familyName')} error={errors.familyName}>
        {(props) => <input {...props} value={familyName} onChange={(e) => setFamilyName(e.target.value)} />}
      </Field>
      <Field label={t('person.dateOfBirth')} error={errors.dateOfBirth}>
        {(props) => (
          <input {...props} type="date" value={dateOfBirth} onChange={(e) => setDateOfBirth(e.target.value)} />
        )}
      </Field>
      <Field label={t('person.sex')} error={errors.sex}>
        {(props) => (
          <select {...props} value={sex} onChange={(e) => setSex(e.target.value as Sex | '')}>
            <option value="">{t('common.notStated')}</option>
            {SEXES.map((s) => (
              <option key={s} value={s}>
                {label('Sex', s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ErrorMessage error={failure} />
      <div className="button-row">
        <button type="submit" disabled={loading}>
          {t('persons.save')}
        </button>
        <button type="button" className="button--secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
