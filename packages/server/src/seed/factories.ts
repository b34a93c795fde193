/**
 * Small deterministic factories for synthetic data. Every identifier is derived from a name, so
 * running a seed twice writes the same rows (and the second run writes none).
 */
import { createHash } from 'node:crypto';

/** A stable UUID (RFC 9562 version 8, name-based) for a seed object's name. */
export function seedUuid(name: string): string {
  const h = createHash('sha256').update(`hrd-seed:${name}`).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x80; // version 8
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80; // variant 10
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** mulberry32: a tiny seeded PRNG for picking synthetic values (never for secrets or ids). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function pickSome<T>(random: () => number, items: readonly T[], min: number, max: number): T[] {
  const count = min + Math.floor(random() * (max - min + 1));
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) {
    out.push(pool.splice(Math.floor(random() * pool.length), 1)[0] as T);
  }
  return out;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** Clearly fictitious names: invented words, never real people. */
export const GIVEN_NAMES = [
  'Aderyn',
  'Bexley',
  'Calloway',
  'Dariel',
  'Elowen',
  'Faris',
  'Galen',
  'Halima',
  'Idris',
  'Jovana',
  'Kaveh',
  'Liora',
  'Marek',
  'Nadia',
  'Oren',
  'Priya',
  'Quinlan',
  'Rasa',
  'Soren',
  'Talia',
] as const;
export const FAMILY_NAMES = [
  'Testova',
  'Samplewright',
  'Placeholm',
  'Fictivo',
  'Demoran',
  'Mockley',
  'Specimar',
  'Exemplon',
] as const;
export const ASYLUM_COUNTRIES = ['TR', 'KE', 'TH', 'MX', 'CO', 'JO', 'LB', 'UG', 'MY', 'GE'] as const;
export const NATIONALITIES = ['SY', 'AF', 'IR', 'ER', 'NI', 'MM', 'SD', 'VE', 'RU', 'BY'] as const;
