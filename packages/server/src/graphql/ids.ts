import { AppError } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is shaped like one of our ids. */
export function isId(value: string): boolean {
  return UUID.test(value);
}

/**
 * An id from the caller, or NOT_FOUND with `message`: a malformed id answers exactly like a
 * well-formed one that does not exist, so probing ids tells nothing.
 */
export function parseId(value: string, message: string): string {
  if (!isId(value)) throw new AppError('NOT_FOUND', message);
  return value.toLowerCase();
}
