/** Sign-in: email and password; a message when the session expired or the user signed out. */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { LanguageSwitch } from '../../app/Layout';
import { type SignedOutReason, useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { errorCode } from '../common/errors';
import { Field } from '../common/ui';

export function SignInPage({ reason }: { reason: SignedOutReason }) {
  const { signIn } = useSession();
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${t('signIn.title')} · ${t('app.title')}`;
  }, [t]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await signIn(email.trim(), password);
    } catch (error) {
      const code = errorCode(error);
      setFailure(
        code === 'RATE_LIMITED'
          ? t('error.RATE_LIMITED')
          : code === 'UNAUTHENTICATED' || code === 'BAD_USER_INPUT'
            ? t('signIn.failed')
            : t('error.NETWORK'),
      );
      setBusy(false);
    }
  }

  return (
    <div className="signin">
      <header className="shell__header">
        <span className="shell__title">{t('app.title')}</span>
        <LanguageSwitch />
      </header>
      <main id="main" className="signin__main">
        <h1 ref={heading}>{t('signIn.title')}</h1>
        <p>{t('signIn.intro')}</p>
        {reason === 'expired' && (
          <p role="alert" className="state state--warn" data-testid="session-expired">
            {t('signIn.expired')}
          </p>
        )}
        {reason === 'signedOut' && (
          <p role="status" className="state">
            {t('signIn.signedOut')}
          </p>
        )}
        <form onSubmit={submit} className="form signin__form" noValidate>
          <Field label={t('signIn.email')}>
            {(props) => (
              <input
                {...props}
                type="email"
                name="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('signIn.password')}>
            {(props) => (
              <input
                {...props}
                type="password"
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          {failure && (
            <p role="alert" className="state state--error">
              {failure}
            </p>
          )}
          <button type="submit" disabled={busy}>
            {busy ? t('signIn.busy') : t('signIn.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
