/** The persons on a case (IDENTITY), and adding a family member. */
import { type FormEvent, useState } from 'react';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import type { PersonRole, Sex } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { errorCode, fieldErrors } from '../common/errors';
import { Empty, ErrorMessage, Field, NotAvailable } from '../common/ui';
import { SEXES } from './CaseFormPage';
import { useAddPersonMutation } from './mutations';

export const CasePersonsFragment = graphql(`
  fragment CasePersons_case on Case {
    id
    persons {
      id
      role
      givenName
      familyName
      dateOfBirth
      sex
      nationality
    }
  }
`);

const FAMILY_ROLES: PersonRole[] = ['SPOUSE', 'CHILD', 'PARENT', 'SIBLING', 'OTHER_DEPENDANT'];

export function PersonsSection({
  case: ref,
  denied,
  canEdit,
}: {
  case: FragmentType<typeof CasePersonsFragment>;
  denied: boolean;
  canEdit: boolean;
}) {
  const { t, label, formatDate } = useI18n();
  const c = getFragmentData(CasePersonsFragment, ref);
  return (
    <section aria-labelledby="persons-heading" className="panel">
      <h2 id="persons-heading">{t('persons.title')}</h2>
      {denied ? (
        <NotAvailable />
      ) : !c.persons || c.persons.length === 0 ? (
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
            </tr>
          </thead>
          <tbody>
            {c.persons.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  {p.givenName} {p.familyName}
                </th>
                <td>{label('PersonRole', p.role)}</td>
                <td>{p.dateOfBirth ? formatDate(p.dateOfBirth) : '—'}</td>
                <td>{p.sex ? label('Sex', p.sex) : '—'}</td>
                <td>{p.nationality ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && !denied && <AddPersonForm caseId={c.id} />}
    </section>
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
