/**
 * Organization admins: the users of their own organization (`users`), a form to create one
 * (`createUser`, validation messages next to the fields), and deactivation after a confirmation
 * (`deactivateUser`: their sessions and API tokens stop at once). Anyone else who opens the address
 * sees the API's refusal.
 */
import { useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { useMe } from '../../app/session';
import type { Role } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { errorCode, fieldErrors } from '../common/errors';
import { Badge, Empty, ErrorMessage, Field, Loading, Page } from '../common/ui';
import { MIN_PASSWORD_LENGTH, ROLES_BY_KIND, Users, useCreateUser, useDeactivateUser } from './admin';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function UsersPage() {
  const { t, label } = useI18n();
  const me = useMe();
  const { data, loading, error } = useQuery(Users);
  const users = data?.users;
  const [notice, setNotice] = useState<string | null>(null);

  // Refused (not an organization admin): the refusal only, no form.
  if (!users && errorCode(error) === 'FORBIDDEN') {
    return (
      <Page title={t('users.title')}>
        <div data-testid="users-denied">
          <ErrorMessage error={error} />
        </div>
      </Page>
    );
  }
  return (
    <Page title={t('users.title')}>
      <p className="muted">{t('users.intro', { organization: me.organization.name })}</p>
      {notice && (
        <p role="status" className="state state--ok" data-testid="users-notice">
          {notice}
        </p>
      )}
      <section aria-labelledby="users-list-heading" className="panel">
        <h2 id="users-list-heading">{t('users.listHeading')}</h2>
        {loading && !data && <Loading />}
        <ErrorMessage error={error} />
        {users && users.length === 0 && <Empty>{t('users.empty')}</Empty>}
        {users && users.length > 0 && (
          <table className="table" data-testid="users-table">
            <caption className="sr-only">{t('users.listHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.displayName')}</th>
                <th scope="col">{t('users.email')}</th>
                <th scope="col">{t('users.roles')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id} className={user.active ? undefined : 'row--inactive'}>
                  <th scope="row">
                    {user.displayName}
                    {user.id === me.id && <span className="muted"> ({t('users.you')})</span>}
                  </th>
                  <td>{user.email}</td>
                  <td>{user.roles.map((r) => label('Role', r)).join(', ')}</td>
                  <td>
                    {user.active ? <Badge tone="ok">{t('users.active')}</Badge> : <Badge>{t('users.inactive')}</Badge>}
                  </td>
                  <td>
                    {user.active && user.id !== me.id && (
                      <DeactivateAction
                        id={user.id}
                        name={user.displayName}
                        onDone={() => setNotice(t('users.deactivated', { name: user.displayName }))}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {users && <CreateUserForm onCreated={(name) => setNotice(t('users.created', { name }))} />}
    </Page>
  );
}

function DeactivateAction({ id, name, onDone }: { id: string; name: string; onDone(): void }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [deactivate, { loading, error }] = useDeactivateUser();
  if (!confirming) {
    return (
      <button
        type="button"
        className="button--danger"
        aria-label={t('users.deactivateWho', { name })}
        onClick={() => setConfirming(true)}
      >
        {t('users.deactivate')}
      </button>
    );
  }
  return (
    <fieldset className="reason-form">
      <legend className="sr-only">{t('users.deactivateWho', { name })}</legend>
      <p>{t('users.confirmDeactivate', { name })}</p>
      <ErrorMessage error={error} />
      <div className="button-row">
        <button
          type="button"
          className="button--danger"
          disabled={loading}
          onClick={async () => {
            try {
              await deactivate({ variables: { id } });
              setConfirming(false);
              onDone();
            } catch {
              // shown by ErrorMessage
            }
          }}
        >
          {t('users.confirmDeactivateButton', { name })}
        </button>
        <button type="button" className="button--secondary" onClick={() => setConfirming(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </fieldset>
  );
}

interface UserForm {
  displayName: string;
  email: string;
  password: string;
  roles: Role[];
}

const EMPTY: UserForm = { displayName: '', email: '', password: '', roles: [] };

function CreateUserForm({ onCreated }: { onCreated(name: string): void }) {
  const { t, label } = useI18n();
  const me = useMe();
  const [form, setForm] = useState<UserForm>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [create, { loading }] = useCreateUser();
  const roles = ROLES_BY_KIND[me.organization.kind];

  function validate(): Record<string, string> {
    const out: Record<string, string> = {};
    if (!form.displayName.trim()) out.displayName = t('validation.required');
    if (!form.email.trim()) out.email = t('validation.required');
    else if (!EMAIL.test(form.email.trim())) out.email = t('users.emailInvalid');
    if (form.password.length < MIN_PASSWORD_LENGTH) {
      out.password = t('users.passwordShort', { min: MIN_PASSWORD_LENGTH });
    }
    if (form.roles.length === 0) out.roles = t('users.rolesRequired');
    return out;
  }

  function focusFirstInvalid() {
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const invalid = validate();
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) {
      focusFirstInvalid();
      return;
    }
    try {
      const result = await create({
        variables: {
          input: {
            displayName: form.displayName.trim(),
            email: form.email.trim(),
            password: form.password,
            roles: form.roles,
          },
        },
      });
      const name = result.data?.createUser.displayName ?? form.displayName.trim();
      setForm(EMPTY);
      onCreated(name);
    } catch (error) {
      const code = errorCode(error);
      const mapped = fieldErrors(error);
      if (code === 'CONFLICT') {
        setErrors({ email: t('users.emailTaken') });
        focusFirstInvalid();
      } else if (code === 'BAD_USER_INPUT' && Object.keys(mapped).length > 0) {
        setErrors(mapped);
        focusFirstInvalid();
      } else setFailure(error);
    }
  }

  const set = (key: 'displayName' | 'email' | 'password', value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => {
      const { [key]: _removed, ...rest } = e;
      return rest;
    });
  };
  const toggleRole = (role: Role, on: boolean) => {
    setForm((f) => ({ ...f, roles: on ? [...f.roles, role] : f.roles.filter((r) => r !== role) }));
    setErrors(({ roles: _removed, ...rest }) => rest);
  };

  return (
    <section aria-labelledby="create-user-heading" className="panel">
      <h2 id="create-user-heading">{t('users.createHeading')}</h2>
      <form className="form" onSubmit={submit} noValidate data-testid="create-user-form">
        <Field label={t('users.displayName')} error={errors.displayName}>
          {(props) => (
            <input
              {...props}
              type="text"
              autoComplete="off"
              value={form.displayName}
              onChange={(e) => set('displayName', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('users.email')} error={errors.email}>
          {(props) => (
            <input
              {...props}
              type="email"
              autoComplete="off"
              value={form.email}
              onChange={(e) => set('email', e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('users.password')}
          error={errors.password}
          hint={t('users.passwordHint', { min: MIN_PASSWORD_LENGTH })}
        >
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              value={form.password}
              onChange={(e) => set('password', e.target.value)}
            />
          )}
        </Field>
        <fieldset
          className={errors.roles ? 'field--invalid' : undefined}
          aria-describedby={errors.roles ? 'create-user-roles-error' : undefined}
        >
          <legend>{t('users.roles')}</legend>
          {roles.map((role) => (
            <label key={role} className="inline-check">
              <input
                type="checkbox"
                checked={form.roles.includes(role)}
                aria-invalid={Boolean(errors.roles)}
                onChange={(e) => toggleRole(role, e.target.checked)}
              />
              {label('Role', role)}
            </label>
          ))}
          {errors.roles && (
            <span id="create-user-roles-error" className="field__error">
              {errors.roles}
            </span>
          )}
        </fieldset>
        <ErrorMessage error={failure} />
        <div className="button-row">
          <button type="submit" disabled={loading}>
            {t('users.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
