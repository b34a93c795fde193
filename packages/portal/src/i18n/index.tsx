/**
 * English and French: one typed dictionary per locale (en.ts is the source of the keys; fr.ts must
 * have every one of them, which the compiler checks). The choice is remembered in localStorage,
 * and dates and numbers are formatted with `Intl` for the locale (en-CA, fr-CA).
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type Dictionary, en, type MessageKey } from './en';
import { fr } from './fr';

export type Locale = 'en' | 'fr';
export const LOCALES: readonly Locale[] = ['en', 'fr'];
const DICTIONARIES: Record<Locale, Dictionary> = { en, fr };
const INTL_LOCALE: Record<Locale, string> = { en: 'en-CA', fr: 'fr-CA' };
const STORAGE_KEY = 'hrd.locale';

export type Params = Record<string, string | number>;

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  /** The message for `key`, with `{name}` placeholders replaced from `params`. */
  t(key: MessageKey, params?: Params): string;
  /** The label of an enum value, e.g. `label('CaseStatus', 'DRAFT')`; the raw value if none. */
  label(enumName: string, value: string | null | undefined): string;
  formatDate(iso: string | null | undefined): string;
  formatDateTime(iso: string | null | undefined): string;
  formatNumber(value: number | null | undefined): string;
  /** "3 days ago", from an ISO date. */
  formatAge(iso: string): string;
}

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'fr') return stored;
  } catch {
    // storage unavailable (private mode): fall back to the browser's language
  }
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

function interpolate(message: string, params?: Params): string {
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered, but switched
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const dictionary = DICTIONARIES[locale];
    const intl = INTL_LOCALE[locale];
    const dateFormat = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeZone: 'UTC' });
    const dateTimeFormat = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeStyle: 'short' });
    const numberFormat = new Intl.NumberFormat(intl);
    const relative = new Intl.RelativeTimeFormat(intl, { numeric: 'auto' });
    const t = (key: MessageKey, params?: Params) => interpolate(dictionary[key] ?? key, params);
    return {
      locale,
      setLocale,
      t,
      label: (enumName, value) => {
        if (value == null) return '';
        const key = `${enumName}.${value}` as MessageKey;
        return dictionary[key] ?? value;
      },
      formatDate: (iso) => (iso ? dateFormat.format(new Date(iso)) : ''),
      formatDateTime: (iso) => (iso ? dateTimeFormat.format(new Date(iso)) : ''),
      formatNumber: (value) => (value == null ? '' : numberFormat.format(value)),
      formatAge: (iso) => {
        const days = Math.round((new Date(iso).getTime() - Date.now()) / 86_400_000);
        return relative.format(days, 'day');
      },
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export type { MessageKey };
