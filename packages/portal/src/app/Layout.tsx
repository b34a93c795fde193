/** The signed-in frame: skip link, header with navigation, language and sign-out, the main region. */
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { LOCALES, type Locale, useI18n } from '../i18n';
import { navFor } from './nav';
import { useMe, useSession } from './session';

export function Layout({ children }: { children: ReactNode }) {
  const me = useMe();
  const { signOut } = useSession();
  const { t, label } = useI18n();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="shell__header">
        <div className="shell__brand">
          <span className="shell__title">{t('app.title')}</span>
          <span className="shell__who" data-testid="who">
            {me.displayName} · {me.organization.name} · {me.roles.map((r) => label('Role', r)).join(', ')}
          </span>
        </div>
        <div className="shell__tools">
          <LanguageSwitch />
          <button type="button" className="button--light" onClick={() => void signOut()}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <nav aria-label={t('nav.label')} className="shell__nav">
        <ul>
          {navFor(me).map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end>
                {t(item.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1} className="shell__main">
        {children}
      </main>
    </div>
  );
}

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <fieldset className="language">
      <legend className="sr-only">{t('app.language')}</legend>
      {LOCALES.map((l: Locale) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="button--light"
          aria-pressed={locale === l}
          onClick={() => setLocale(l)}
        >
          {l === 'en' ? 'English' : 'Français'}
        </button>
      ))}
    </fieldset>
  );
}
