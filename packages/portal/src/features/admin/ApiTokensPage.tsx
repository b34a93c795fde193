/**
 * Your own API tokens (`apiTokens`), for scripts and tools such as an analyst's notebook: create one
 * (`createApiToken`; its secret is shown once, with a copy button), and revoke one after a
 * confirmation (`revokeApiToken`). The API lets every signed-in user manage their own tokens; the
 * navigation offers this screen to analysts and organization admins (nav.ts).
 */
import { useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n';
import { errorCode, fieldErrors } from '../common/errors';
import { Badge, Empty, ErrorMessage, Field, Loading, Page } from '../common/ui';
import { ApiTokens, MAX_TOKEN_DAYS, useCreateApiToken, useRevokeApiToken } from './admin';

export function ApiTokensPage() {
  const { t, formatDate, formatDateTime } = useI18n();
  const { data, loading, error } = useQuery(ApiTokens);
  const tokens = data?.apiTokens;
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const now = Date.now();
  return (
    <Page title={t('tokens.title')}>
      <p className="muted">{t('tokens.intro')}</p>
      {created && <NewToken name={created.name} token={created.token} onDismiss={() => setCreated(null)} />}
      <section aria-labelledby="tokens-list-heading" className="panel">
        <h2 id="tokens-list-heading">{t('tokens.listHeading')}</h2>
        {loading && !data && <Loading />}
        <ErrorMessage error={error} />
        {tokens && tokens.length === 0 && <Empty>{t('tokens.empty')}</Empty>}
        {tokens && tokens.length > 0 && (
          <table className="table" data-testid="tokens-table">
            <caption className="sr-only">{t('tokens.listHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tokens.name')}</th>
                <th scope="col">{t('tokens.created')}</th>
                <th scope="col">{t('tokens.expires')}</th>
                <th scope="col">{t('tokens.lastUsed')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => {
                const expired = new Date(token.expiresAt).getTime() <= now;
                const usable = !token.revokedAt && !expired;
                return (
                  <tr key={token.id} className={usable ? undefined : 'row--inactive'}>
                    <th scope="row">{token.name}</th>
                    <td>{formatDate(token.createdAt)}</td>
                    <td>{formatDate(token.expiresAt)}</td>
                    <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('tokens.neverUsed')}</td>
                    <td>
                      {token.revokedAt ? (
                        <Badge>{t('tokens.revoked')}</Badge>
                      ) : expired ? (
                        <Badge>{t('tokens.expired')}</Badge>
                      ) : (
                        <Badge tone="ok">{t('users.active')}</Badge>
                      )}
                    </td>
                    <td>{usable && <RevokeAction id={token.id} name={token.name} />}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      {tokens && <CreateTokenForm onCreated={setCreated} />}
    </Page>
  );
}

/** The new token's secret, shown this once, with a copy button. */
function NewToken({ name, token, onDismiss }: { name: string; token: string; onDismiss(): void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <section aria-labelledby="new-token-heading" className="panel panel--secret" data-testid="new-token">
      <h2 id="new-token-heading">{t('tokens.newHeading', { name })}</h2>
      <p>
        <strong>{t('tokens.onceWarning')}</strong> {t('tokens.howToUse')}
      </p>
      <div className="field">
        <label htmlFor="new-token-value">{t('tokens.secret')}</label>
        <input
          id="new-token-value"
          className="secret-once"
          readOnly
          value={token}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      <div className="button-row">
        <button
          type="button"
          onClick={() =>
            navigator.clipboard.writeText(token).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {t('tokens.copy')}
        </button>
        <button type="button" className="button--secondary" onClick={onDismiss}>
          {t('tokens.dismiss')}
        </button>
      </div>
      {copied !== null && (
        <p role="status" className={copied ? 'state state--ok' : 'state state--warn'}>
          {copied ? t('tokens.copied') : t('tokens.copyFailed')}
        </p>
      )}
    </section>
  );
}

function RevokeAction({ id, name }: { id: string; name: string }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [revoke, { loading, error }] = useRevokeApiToken();
  if (!confirming) {
    return (
      <button
        type="button"
        className="button--danger"
        aria-label={t('tokens.revokeWhich', { name })}
        onClick={() => setConfirming(true)}
      >
        {t('tokens.revoke')}
      </button>
    );
  }
  return (
    <fieldset className="reason-form">
      <legend className="sr-only">{t('tokens.revokeWhich', { name })}</legend>
      <p>{t('tokens.confirmRevoke', { name })}</p>
      <ErrorMessage error={error} />
      <div className="button-row">
        <button
          type="button"
          className="button--danger"
          disabled={loading}
          onClick={async () => {
            try {
              await revoke({ variables: { id } });
              setConfirming(false);
            } catch {
              // shown by ErrorMessage
            }
          }}
        >
          {t('tokens.confirmRevokeButton', { name })}
        </button>
        <button type="button" className="button--secondary" onClick={() => setConfirming(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </fieldset>
  );
}

function CreateTokenForm({ onCreated }: { onCreated(created: { name: string; token: string }): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [create, { loading }] = useCreateApiToken();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const invalid: Record<string, string> = {};
    if (!name.trim()) invalid.name = t('validation.required');
    const lifetime = Number(days);
    if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > MAX_TOKEN_DAYS) {
      invalid.expiresInDays = t('tokens.daysRange', { max: MAX_TOKEN_DAYS });
    }
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    try {
      const result = await create({ variables: { name: name.trim(), expiresInDays: lifetime } });
      const answer = result.data?.createApiToken;
      if (answer) onCreated({ name: answer.apiToken.name, token: answer.token });
      setName('');
    } catch (error) {
      const mapped = fieldErrors(error, []);
      if (errorCode(error) === 'BAD_USER_INPUT' && Object.keys(mapped).length > 0) setErrors(mapped);
      else setFailure(error);
    }
  }

  return (
    <section aria-labelledby="create-token-heading" className="panel">
      <h2 id="create-token-heading">{t('tokens.createHeading')}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('tokens.name')} error={errors.name} hint={t('tokens.nameHint')}>
          {(props) => (
            <input
              {...props}
              type="text"
              autoComplete="off"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setErrors(({ name: _removed, ...rest }) => rest);
              }}
            />
          )}
        </Field>
        <Field label={t('tokens.lifetime')} error={errors.expiresInDays}>
          {(props) => (
            <input
              {...props}
              type="number"
              min={1}
              max={MAX_TOKEN_DAYS}
              value={days}
              onChange={(e) => {
                setDays(e.target.value);
                setErrors(({ expiresInDays: _removed, ...rest }) => rest);
              }}
            />
          )}
        </Field>
        <ErrorMessage error={failure} />
        <div className="button-row">
          <button type="submit" disabled={loading}>
            {t('tokens.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
