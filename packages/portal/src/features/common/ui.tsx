/** Shared pieces of every screen: page titles and focus, loading, empty and error states, denials. */
import { type ReactNode, useEffect, useId, useRef } from 'react';
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

/** An error as a translated summary with the server's detail; CONFLICT offers to reload. */
export function ErrorMessage({ error, onReload }: { error: unknown; onReload?: () => void }) {
  const { t } = useI18n();
  const code = errorCode(error);
  if (!code) return null;
  const detail = errorDetail(error);
  return (
    <div role="alert" className="state state--error">
      <p>
        <strong>{t(ERROR_MESSAGES[code])}</strong>
        {detail && code !== 'NETWORK' && <span className="state__detail"> {detail}</span>}
      </p>
      {code === 'CONFLICT' && (
        <button type="button" onClick={onReload ?? (() => window.location.reload())}>
          {t('error.reload')}
        </button>
      )}
    </div>
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

/** A labelled form control with its validation message beside it (`aria-describedby`). */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="field__hint">
          {hint}
        </span>
      )}
      {children({ id, 'aria-invalid': Boolean(error), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {error && (
        <span id={`${id}-error`} className="field__error">
          {error}
        </span>
      )}
    </div>
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
