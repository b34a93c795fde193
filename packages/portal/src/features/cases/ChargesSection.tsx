/** Charges (CHARGES), with the partner's judicial-harassment flag shown plainly; adding and editing them. */
import { type FormEvent, useState } from 'react';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import type { ChargeOutcome, PartnerView } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { errorCode, fieldErrors } from '../common/errors';
import { Badge, Empty, ErrorMessage, Field, type Meanwhile, NotAvailable, ReloadedNotice } from '../common/ui';
import { useVersionedForm } from '../common/versioned';
import { useAddChargeMutation, useUpdateChargeMutation } from './mutations';

export const CaseChargesFragment = graphql(`
  fragment CaseCharges_case on Case {
    id
    persons {
      id
      givenName
      familyName
    }
    charges {
      id
      version
      personId
      description
      jurisdiction
      date
      outcome
      partnerView
      partnerNote
    }
  }
`);

const OUTCOMES: ChargeOutcome[] = ['PENDING', 'CONVICTED', 'ACQUITTED', 'DROPPED'];
const VIEWS: PartnerView[] = ['UNKNOWN', 'JUDICIAL_HARASSMENT', 'ORDINARY'];

export function JudicialHarassmentFlag() {
  const { t } = useI18n();
  return (
    <Badge tone="danger">
      <span aria-hidden="true">⚑ </span>
      {t('charges.jhFlag')}
    </Badge>
  );
}

export function ChargesSection({
  case: ref,
  denied,
  canEdit,
  onReload,
}: {
  case: FragmentType<typeof CaseChargesFragment>;
  denied: boolean;
  canEdit: boolean;
  /** Refetches the case (the reload a CONFLICT offers). */
  onReload: () => Promise<unknown>;
}) {
  const { t, label, formatDate } = useI18n();
  const c = getFragmentData(CaseChargesFragment, ref);
  const [editing, setEditing] = useState<string | null>(null);
  const names = new Map((c.persons ?? []).map((p) => [p.id, `${p.givenName} ${p.familyName}`]));
  const editable = canEdit && !denied;
  const edited = (c.charges ?? []).find((ch) => ch.id === editing);
  return (
    <section aria-labelledby="charges-heading" className="panel">
      <h2 id="charges-heading">{t('charges.title')}</h2>
      {denied ? (
        <NotAvailable />
      ) : !c.charges || c.charges.length === 0 ? (
        <Empty>{t('charges.empty')}</Empty>
      ) : (
        <>
          {c.charges.some((ch) => ch.partnerView === 'JUDICIAL_HARASSMENT') && (
            <p className="state state--warn">{t('charges.jhExplained')}</p>
          )}
          <table className="table">
            <caption className="sr-only">{t('charges.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('charge.description')}</th>
                <th scope="col">{t('charge.person')}</th>
                <th scope="col">{t('charge.jurisdiction')}</th>
                <th scope="col">{t('charge.date')}</th>
                <th scope="col">{t('charge.outcome')}</th>
                <th scope="col">{t('charge.partnerView')}</th>
                {editable && <th scope="col">{t('common.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {c.charges.map((ch) => (
                <tr key={ch.id} className={ch.partnerView === 'JUDICIAL_HARASSMENT' ? 'row--flagged' : undefined}>
                  <th scope="row">
                    {ch.description}
                    {ch.partnerNote && <div className="muted">{ch.partnerNote}</div>}
                  </th>
                  <td>{names.get(ch.personId) ?? '—'}</td>
                  <td>{ch.jurisdiction}</td>
                  <td>{ch.date ? formatDate(ch.date) : '—'}</td>
                  <td>{label('ChargeOutcome', ch.outcome)}</td>
                  <td>
                    {ch.partnerView === 'JUDICIAL_HARASSMENT' ? (
                      <JudicialHarassmentFlag />
                    ) : (
                      label('PartnerView', ch.partnerView)
                    )}
                  </td>
                  {editable && (
                    <td>
                      <button
                        type="button"
                        className="button--secondary"
                        aria-label={t('charges.editOne', { description: ch.description })}
                        aria-expanded={editing === ch.id}
                        onClick={() => setEditing(ch.id)}
                      >
                        {t('charges.edit')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {editable && edited && (
        <EditChargeForm
          key={edited.id}
          charge={edited}
          person={names.get(edited.personId) ?? '—'}
          onReload={onReload}
          onClose={() => setEditing(null)}
        />
      )}
      {editable && c.persons && c.persons.length > 0 && (
        <AddChargeForm caseId={c.id} persons={c.persons.map((p) => ({ id: p.id, name: names.get(p.id) ?? p.id }))} />
      )}
    </section>
  );
}

function AddChargeForm({ caseId, persons }: { caseId: string; persons: Array<{ id: string; name: string }> }) {
  const { t, label } = useI18n();
  const [open, setOpen] = useState(false);
  const [personId, setPersonId] = useState(persons[0]?.id ?? '');
  const [description, setDescription] = useState('');
  const [jurisdiction, setJurisdiction] = useState('');
  const [date, setDate] = useState('');
  const [outcome, setOutcome] = useState<ChargeOutcome>('PENDING');
  const [partnerView, setPartnerView] = useState<PartnerView>('UNKNOWN');
  const [partnerNote, setPartnerNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [addCharge, { loading }] = useAddChargeMutation();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!description.trim()) found.description = t('validation.required');
    if (!jurisdiction.trim()) found.jurisdiction = t('validation.required');
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    try {
      await addCharge({
        variables: {
          caseId,
          input: {
            personId,
            description: description.trim(),
            jurisdiction: jurisdiction.trim(),
            date: date || null,
            outcome,
            partnerView,
            partnerNote: partnerNote.trim() || null,
          },
        },
      });
      setOpen(false);
      setDescription('');
      setJurisdiction('');
      setDate('');
      setPartnerNote('');
    } catch (error) {
      const mapped = fieldErrors(error);
      if (errorCode(error) === 'BAD_USER_INPUT' && Object.keys(mapped).length) setErrors(mapped);
      else setFailure(error);
    }
  }

  if (!open) {
    return (
      <button type="button" className="button--secondary" onClick={() => setOpen(true)}>
        {t('charges.add')}
      </button>
    );
  }
  return (
    <form className="form form--inline" onSubmit={submit} noValidate aria-label={t('charges.add')}>
      <Field label={t('charge.person')} error={errors.personId}>
        {(props) => (
          <select {...props} value={personId} onChange={(e) => setPersonId(e.target.value)}>
            {persons.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('charge.description')} error={errors.description}>
        {(props) => <input {...props} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <Field label={t('charge.jurisdiction')} error={errors.jurisdiction}>
        {(props) => <input {...props} value={jurisdiction} onChange={(e) => setJurisdiction(e.target.value)} />}
      </Field>
      <Field label={t('charge.date')} error={errors.date}>
        {(props) => <input {...props} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
      </Field>
      <Field label={t('charge.outcome')} error={errors.outcome}>
        {(props) => (
          <select {...props} value={outcome} onChange={(e) => setOutcome(e.target.value as ChargeOutcome)}>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {label('ChargeOutcome', o)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('charge.partnerView')} error={errors.partnerView} hint={t('charges.viewHint')}>
        {(props) => (
          <select {...props} value={partnerView} onChange={(e) => setPartnerView(e.target.value as PartnerView)}>
            {VIEWS.map((v) => (
              <option key={v} value={v}>
                {label('PartnerView', v)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('charge.partnerNote')} error={errors.partnerNote}>
        {(props) => (
          <textarea {...props} rows={2} value={partnerNote} onChange={(e) => setPartnerNote(e.target.value)} />
        )}
      </Field>
      <ErrorMessage error={failure} />
      <div className="button-row">
        <button type="submit" disabled={loading}>
          {t('charges.save')}
        </button>
        <button type="button" className="button--secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

interface ChargeRow {
  id: string;
  version: number;
  description: string;
  jurisdiction: string;
  date?: string | null;
  outcome: ChargeOutcome;
  partnerView: PartnerView;
  partnerNote?: string | null;
}

interface ChargeForm {
  description: string;
  jurisdiction: string;
  date: string;
  outcome: ChargeOutcome;
  partnerView: PartnerView;
  partnerNote: string;
}

const chargeForm = (c: ChargeRow): ChargeForm => ({
  description: c.description,
  jurisdiction: c.jurisdiction,
  date: c.date ?? '',
  outcome: c.outcome,
  partnerView: c.partnerView,
  partnerNote: c.partnerNote ?? '',
});

/** Edits one charge at the version on screen; a CONFLICT offers to reload, keeping the entries. */
function EditChargeForm({
  charge,
  person,
  onReload,
  onClose,
}: {
  charge: ChargeRow;
  person: string;
  onReload: () => Promise<unknown>;
  onClose(): void;
}) {
  const { t, label, formatDate } = useI18n();
  const { form, setForm, changed, reloaded, reloadKeepingEntries } = useVersionedForm(
    chargeForm(charge),
    charge.version,
    chargeForm(charge),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [update, { loading }] = useUpdateChargeMutation();
  const title = t('charges.editOne', { description: charge.description });

  function set<K extends keyof ChargeForm>(key: K, value: ChargeForm[K]) {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors(({ [key]: _, ...rest }) => rest);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const found: Record<string, string> = {};
    if (!form.description.trim()) found.description = t('validation.required');
    if (!form.jurisdiction.trim()) found.jurisdiction = t('validation.required');
    if (form.date && !/^\d{4}-\d{2}-\d{2}$/.test(form.date)) found.date = t('validation.date');
    setErrors(found);
    if (Object.keys(found).length) {
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('form[data-form="edit-charge"] [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    try {
      await update({
        variables: {
          id: charge.id,
          expectedVersion: charge.version,
          input: {
            description: form.description.trim(),
            jurisdiction: form.jurisdiction.trim(),
            date: form.date || null,
            outcome: form.outcome,
            partnerView: form.partnerView,
            partnerNote: form.partnerNote.trim() || null,
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
  const now = (key: keyof ChargeForm): Meanwhile | undefined => {
    const found = changed[key];
    if (!found) return undefined;
    const value = found.theirs;
    const shown =
      value === ''
        ? ''
        : key === 'outcome'
          ? label('ChargeOutcome', value)
          : key === 'partnerView'
            ? label('PartnerView', value)
            : key === 'date'
              ? formatDate(value)
              : value;
    return { value: shown, kept: found.kept };
  };

  return (
    <form
      className="form form--inline form--edit"
      data-form="edit-charge"
      onSubmit={submit}
      noValidate
      aria-label={title}
    >
      <p className="form__title">
        {title} <span className="muted">({person})</span>
      </p>
      {reloaded && <ReloadedNotice changed={Object.keys(changed).length} />}
      <Field label={t('charge.description')} error={errors.description} changed={now('description')}>
        {(props) => (
          <input
            {...props}
            value={form.description}
            onChange={(e) => set('description', e.target.value)}
            // biome-ignore lint/a11y/noAutofocus: the form the user just opened
            autoFocus
          />
        )}
      </Field>
      <Field label={t('charge.jurisdiction')} error={errors.jurisdiction} changed={now('jurisdiction')}>
        {(props) => (
          <input {...props} value={form.jurisdiction} onChange={(e) => set('jurisdiction', e.target.value)} />
        )}
      </Field>
      <Field label={t('charge.date')} error={errors.date} changed={now('date')}>
        {(props) => <input {...props} type="date" value={form.date} onChange={(e) => set('date', e.target.value)} />}
      </Field>
      <Field label={t('charge.outcome')} error={errors.outcome} changed={now('outcome')}>
        {(props) => (
          <select {...props} value={form.outcome} onChange={(e) => set('outcome', e.target.value as ChargeOutcome)}>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {label('ChargeOutcome', o)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={t('charge.partnerView')}
        error={errors.partnerView}
        hint={t('charges.viewHint')}
        changed={now('partnerView')}
      >
        {(props) => (
          <select
            {...props}
            value={form.partnerView}
            onChange={(e) => set('partnerView', e.target.value as PartnerView)}
          >
            {VIEWS.map((v) => (
              <option key={v} value={v}>
                {label('PartnerView', v)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('charge.partnerNote')} error={errors.partnerNote} changed={now('partnerNote')}>
        {(props) => (
          <textarea {...props} rows={2} value={form.partnerNote} onChange={(e) => set('partnerNote', e.target.value)} />
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
          {t('charges.saveEdit')}
        </button>
        <button type="button" className="button--secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
