/**
 * SECRET fields (location, safe contact) stay hidden until the user reveals them with a stated
 * purpose, which the API records with the read in the audit trail. Revealed values are not cached.
 */
import { useLazyQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n';
import { deniedPaths } from '../common/errors';
import { ErrorMessage, NotAvailable, Value } from '../common/ui';

const RevealSecrets = graphql(`
  query RevealSecrets($id: ID!, $purpose: String!) {
    case(id: $id) {
      id
      location(purpose: $purpose)
      safeContact(purpose: $purpose)
    }
  }
`);

export function SecretSection({ caseId, allowed }: { caseId: string; allowed: boolean }) {
  const { t } = useI18n();
  const [purpose, setPurpose] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [reveal, { data, error, loading }] = useLazyQuery(RevealSecrets, {
    fetchPolicy: 'no-cache',
    errorPolicy: 'all',
  });
  const [shown, setShown] = useState(false);
  const denied = deniedPaths(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!purpose.trim()) {
      setInvalid(true);
      return;
    }
    await reveal({ variables: { id: caseId, purpose: purpose.trim() } });
    setShown(true);
  }

  return (
    <section aria-labelledby="secret-heading" className="panel panel--secret">
      <h2 id="secret-heading">{t('secret.title')}</h2>
      {!allowed ? (
        <NotAvailable />
      ) : shown && data?.case ? (
        <>
          <dl className="facts" data-testid="secrets">
            <dt>{t('case.location')}</dt>
            <dd>
              <Value denied={denied.has('case.location')}>{data.case.location}</Value>
            </dd>
            <dt>{t('case.safeContact')}</dt>
            <dd>
              <Value denied={denied.has('case.safeContact')}>{data.case.safeContact}</Value>
            </dd>
          </dl>
          <button type="button" className="button--secondary" onClick={() => setShown(false)}>
            {t('secret.hide')}
          </button>
        </>
      ) : (
        <form onSubmit={submit} noValidate className="form form--inline">
          <p className="muted">{t('secret.help')}</p>
          <div className={`field${invalid ? ' field--invalid' : ''}`}>
            <label htmlFor="secret-purpose">{t('secret.purpose')}</label>
            <input
              id="secret-purpose"
              value={purpose}
              aria-invalid={invalid}
              aria-describedby={invalid ? 'secret-purpose-error' : undefined}
              onChange={(e) => {
                setPurpose(e.target.value);
                setInvalid(false);
              }}
            />
            {invalid && (
              <span id="secret-purpose-error" className="field__error">
                {t('secret.purposeRequired')}
              </span>
            )}
          </div>
          <button type="submit" disabled={loading}>
            {t('secret.reveal')}
          </button>
          {error && !data?.case && <ErrorMessage error={error} />}
        </form>
      )}
    </section>
  );
}
