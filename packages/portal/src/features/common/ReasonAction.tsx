/** A button that opens a small form asking for a reason or note, then runs an action with it. */
import { type FormEvent, useId, useState } from 'react';
import { useI18n } from '../../i18n';
import { ErrorMessage } from './ui';

export function ReasonAction({
  label,
  fieldLabel,
  required = true,
  onConfirm,
  onReload,
  tone,
}: {
  label: string;
  fieldLabel: string;
  required?: boolean;
  onConfirm(text: string): Promise<unknown>;
  /** Refetches what the action works on: a CONFLICT then keeps the form open with its text. */
  onReload?: () => Promise<unknown>;
  tone?: 'danger';
}) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (required && !text.trim()) {
      setInvalid(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onConfirm(text.trim());
      setOpen(false);
      setText('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <button
        type="button"
        className={tone === 'danger' ? 'button--danger' : 'button--secondary'}
        onClick={() => setOpen(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <form className="reason-form" onSubmit={submit} noValidate>
      <label htmlFor={id}>{fieldLabel}</label>
      <textarea
        id={id}
        value={text}
        rows={2}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setInvalid(false);
        }}
        // biome-ignore lint/a11y/noAutofocus: the field the user just asked for
        autoFocus
      />
      {invalid && (
        <span id={`${id}-error`} className="field__error">
          {t('validation.required')}
        </span>
      )}
      <ErrorMessage
        error={error}
        keepsEntries={Boolean(onReload)}
        onReload={
          onReload
            ? async () => {
                await onReload();
                setError(null);
              }
            : undefined
        }
      />
      <div className="button-row">
        <button type="submit" disabled={busy} className={tone === 'danger' ? 'button--danger' : undefined}>
          {t('common.confirm')} — {label}
        </button>
        <button type="button" className="button--secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
