/**
 * A form over a versioned record (a case, a person, a charge, an assessment). Its entries follow
 * the record whenever it changes (another save, a refetch), except after the reload
 * that a CONFLICT offers. Then the form stays open and merges, field by field, the version seen
 * when editing began (base), the version just loaded (theirs) and the user's entries (mine):
 * a field only they changed takes their value; a field only the user changed keeps the user's
 * entry; a field both changed keeps the user's entry and shows theirs beside it. The next save
 * expects the version just loaded, so nobody's change is overwritten unseen.
 */
import { useCallback, useState } from 'react';

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A field someone else changed meanwhile: their value, and whether the user's own entry was kept. */
export interface Changed<V> {
  theirs: V;
  kept: boolean;
}

export type ChangedFields<T> = { [K in keyof T]?: Changed<T[K]> };

export interface VersionedForm<T extends object> {
  /** The entries on screen. */
  form: T;
  setForm(update: (form: T) => T): void;
  /** After a reload that kept the user's entries: the fields someone else changed meanwhile. */
  changed: ChangedFields<T>;
  /** True once a reload has kept the user's entries (until a save resets the form). */
  reloaded: boolean;
  /** Refetches the record and merges it with the user's entries (the CONFLICT offer). */
  reloadKeepingEntries(refetch: () => Promise<unknown>): Promise<void>;
  /** Ends the reload's state after a save, for a form that stays open (its entries follow the saved version). */
  reset(): void;
}

export function useVersionedForm<T extends object>(
  record: T | null | undefined,
  version: number | null | undefined,
  empty: T,
): VersionedForm<T> {
  const [form, setFormState] = useState<T>(record ?? empty);
  const [seen, setSeen] = useState<{ values: T | null; version: number | null | undefined }>({
    values: record ?? null,
    version: record ? version : undefined,
  });
  const [keeping, setKeeping] = useState(false);
  const [changed, setChanged] = useState<ChangedFields<T>>({});
  const [reloaded, setReloaded] = useState(false);

  // A new version of the record, or new values: adjust during render (React's pattern for state
  // that follows a prop). Values can change at the same version: a mutation's answer may bring the
  // new version into the cache before the refetch that brings the rest of the record.
  if (record && (version !== seen.version || !same(record, seen.values))) {
    setSeen({ values: record, version });
    if (keeping && seen.values) {
      const base = seen.values;
      const merged = { ...form };
      const found: ChangedFields<T> = {};
      for (const key of Object.keys(record) as Array<keyof T>) {
        if (same(record[key], base[key])) continue;
        if (same(form[key], base[key])) {
          merged[key] = record[key];
          found[key] = { theirs: record[key], kept: false };
        } else if (!same(form[key], record[key])) {
          found[key] = { theirs: record[key], kept: true };
        }
      }
      setFormState(merged);
      setChanged(found);
      setKeeping(false);
    } else {
      setFormState(record);
      setChanged({});
      setReloaded(false);
    }
  }

  const setForm = useCallback((update: (form: T) => T) => setFormState(update), []);
  const reloadKeepingEntries = useCallback(async (refetch: () => Promise<unknown>) => {
    setKeeping(true);
    await refetch();
    // Also when the same version came back: the user sees that the reload happened.
    setReloaded(true);
  }, []);
  const reset = useCallback(() => {
    // The entries themselves follow the saved version when it arrives (the branch above).
    setChanged({});
    setReloaded(false);
    setKeeping(false);
  }, []);

  return { form, setForm, changed, reloaded, reloadKeepingEntries, reset };
}
