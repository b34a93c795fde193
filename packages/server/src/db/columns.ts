import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { timestamp } from 'drizzle-orm/pg-core';

/** `column IN ('A', 'B', ...)`: the check constraint that keeps an enum column honest. */
export function oneOf(column: SQL | string, values: readonly string[]): SQL {
  const list = values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
  const col = typeof column === 'string' ? sql.identifier(column) : column;
  return sql`${col} IN (${sql.raw(list)})`;
}

/** `column <@ ARRAY['A', ...]::text[]`: every element of an enum array column is allowed. */
export function allOf(column: string, values: readonly string[]): SQL {
  const list = values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
  return sql`${sql.identifier(column)} <@ ARRAY[${sql.raw(list)}]::text[]`;
}

/**
 * `column = ANY($1::uuid[])`, the ids as one array parameter: the same statement text for any
 * number of ids (a prepared statement per loader, not one per page size), unlike `IN ($1, …)`.
 */
export function anyId(column: SQL | AnyColumn, ids: readonly string[]): SQL {
  return sql`${column} = ANY(${sql.param([...ids])}::uuid[])`;
}

export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
