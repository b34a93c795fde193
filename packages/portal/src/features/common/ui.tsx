/** Shared pieces of every screen: page titles and focus, loading, empty and error states, denials. */
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { type ErrorCode, errorCode, errorDetail } from './errors';

/** A page: its h1 takes the focus after navigation (for keyboard and screen-reader users). */
export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${t('app.title')}`;
  }, [title, t]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions && <div className="page-head__actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="state state--loading">
      {t('common.loading')}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state--empty">{children}</p>;
}

const ERROR_MESSAGES: Record<ErrorCode, MessageKey> = {
  UNAUTHENTICATED: 'error.UNAUTHENTICATED',
  FORBIDDEN: 'error.FORBIDDEN',
  NOT_FOUND: 'error.NOT_FOUND',
  BAD_USER_INPUT: 'error.BAD_USER_INPUT',
  CONFLICT: 'error.CONFLICT',
  INVALID_TRANSITION: 'error.INVALID_TRANSITION',
  QUERY_TOO_COMPLEX: 'error.INTERNAL_SERVER_ERROR',
  RATE_LIMITED: 'error.RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'error.INTERNAL_SERVER_ERROR',
  NETWORK: 'error.NETWORK',
};

/**
 * An error as a translated summary with the server's detail. CONFLICT offers to reload: `onReload`
 * refetches (a form given `keepsEntries` stays open with what the user entered); without it, the page
 * reloads.
 */
export function ErrorMessage({
  error,
  onReload,
  keepsEntries = false,
}: {
  error: unknown;
  onReload?: () => unknown;
  keepsEntries?: boolean;
}) {
  const { t } = useI18n();
  const [reloading, setReloading] = useState(false);
  const code = errorCode(error);
  if (!code) return null;
  const detail = errorDetail(error);
  async function reload() {
    if (!onReload) {
      window.location.reload();
      return;
    }
    setReloading(true);
    try {
      await onReload();
    } finally {
      setReloading(false);
    }
  }
  return (
    <div role="alert" className="state state--error" data-error-code={code}>
      <p>
        <strong>{t(ERROR_MESSAGES[code])}</strong>
        {detail && code !== 'NETWORK' && <span className="state__detail"> {detail}</span>}
        {code === 'CONFLICT' && keepsEntries && <span className="state__detail"> {t('conflict.keepsEntries')}</span>}
      </p>
      {code === 'CONFLICT' && (
        <button type="button" disabled={reloading} onClick={() => void reload()}>
          {t('error.reload')}
        </button>
      )}
    </div>
  );
}

/** After a CONFLICT's reload that kept the user's entries: what changed meanwhile, and what to do next. */
export function ReloadedNotice({ changed }: { changed: number }) {
  const { t } = useI18n();
  return (
    <p role="status" className="state state--warn" data-testid="reloaded-notice">
      {changed > 0 ? t('conflict.reloadedChanged', { count: changed }) : t('conflict.reloadedSame')}
    </p>
  );
}

/** A field the API denied: never shown as if it were empty. */
export function NotAvailable() {
  const { t } = useI18n();
  return <em className="denied">{t('common.notAvailable')}</em>;
}

/** A value, or "not available to your role" when denied, or "not recorded" when empty. */
export function Value({ denied, children }: { denied?: boolean; children: ReactNode }) {
  const { t } = useI18n();
  if (denied) return <NotAvailable />;
  if (children === null || children === undefined || children === '') {
    return <span className="muted">{t('common.notRecorded')}</span>;
  }
  return <>{children}</>;
}

/**
 * A labelled form control with its validation message beside it (`aria-describedby`); `changed`
 * says that someone else changed the field meanwhile (after a CONFLICT's reload), and to what.
 */
export function Field({
  label,
  error,
  hint,
  changed,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  changed?: Meanwhile | undefined;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const describedBy = [
    error ? `${id}-error` : null,
    changed !== undefined ? `${id}-changed` : null,
    hint ? `${id}-hint` : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`field${error ? ' field--invalid' : ''}${changed !== undefined ? ' field--changed' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="field__hint">
          {hint}
        </span>
      )}
      {children({ id, 'aria-invalid': Boolean(error), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {changed !== undefined && <ChangedMeanwhile id={`${id}-changed`} changed={changed} />}
      {error && (
        <span id={`${id}-error`} className="field__error">
          {error}
        </span>
      )}
    </div>
  );
}

/** A field someone else changed meanwhile, as shown: their value, and whether the user's entry was kept. */
export interface Meanwhile {
  value: string;
  kept: boolean;
}

/** Under a field someone else changed while the user was editing: what it is now, and what was kept. */
export function ChangedMeanwhile({ id, changed }: { id?: string; changed: Meanwhile }) {
  const { t } = useI18n();
  if (!changed.kept) {
    return (
      <span id={id} className="field__changed">
        {t('conflict.taken')}
      </span>
    );
  }
  return (
    <span id={id} className="field__changed">
      {changed.value === '' ? t('conflict.keptTheirsEmpty') : t('conflict.kept', { value: changed.value })}
    </span>
  );
}

export function Badge({ tone, children }: { tone?: 'warn' | 'danger' | 'ok' | 'info'; children: ReactNode }) {
  return <span className={`badge${tone ? ` badge--${tone}` : ''}`}>{children}</span>;
}

export function UrgencyBadge({ urgency }: { urgency: string }) {
  const { label } = useI18n();
  const tone = urgency === 'EMERGENCY' ? 'danger' : urgency === 'URGENT' ? 'warn' : undefined;
  return <Badge tone={tone}>{label('Urgency', urgency)}</Badge>;
}

export function StatusBadge({ status }: { status: string }) {
  const { label } = useI18n();
  return <Badge tone="info">{label('CaseStatus', status)}</Badge>;
}
