/** Input checks with stable BAD_USER_INPUT errors naming the offending input path. */
import countries from 'i18n-iso-countries';
import { AppError } from './errors.js';

type Path = ReadonlyArray<string | number>;

export function badInput(message: string, path: Path): never {
  throw new AppError('BAD_USER_INPUT', message, { paths: [[...path]] });
}

/** An ISO 3166-1 alpha-2 code that exists (checked against i18n-iso-countries' list). */
export function country(value: string, path: Path): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code) || !countries.isValid(code)) {
    badInput(`"${code.slice(0, 8)}" is not an ISO 3166-1 alpha-2 country code.`, path);
  }
  return code;
}

export function text(value: string, path: Path, options: { min?: number; max: number }): string {
  const trimmed = value.trim();
  const min = options.min ?? 0;
  if (trimmed.length < min || trimmed.length > options.max) {
    badInput(min > 0 ? `Give ${min} to ${options.max} characters.` : `At most ${options.max} characters.`, path);
  }
  return trimmed;
}

/** A calendar date YYYY-MM-DD, not in the future. */
export function pastDate(value: string, path: Path): string {
  const trimmed = value.trim();
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? new Date(`${trimmed}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== trimmed) {
    badInput('Give a date as YYYY-MM-DD.', path);
  }
  if (parsed.getTime() > Date.now()) badInput('The date cannot be in the future.', path);
  if (parsed.getUTCFullYear() < 1900) badInput('The date is too far in the past.', path);
  return trimmed;
}

export function version(value: number, path: Path): number {
  if (!Number.isInteger(value) || value < 1)
    badInput('expectedVersion is the version you last read (1 or more).', path);
  return value;
}
