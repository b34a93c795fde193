/**
 * Whole rows of one table, mapped to the table's TypeScript names without drizzle's row mapping.
 *
 * Drizzle maps each row column by column, asking for every value what kind of field it came from
 * (three `instanceof`-like checks and a reduce per column, on every row). The per-request loaders
 * read hundreds of rows (a page of 50 cases has about 150 persons and 100 transfers), and that
 * mapping was the largest part of drizzle's time in a request. Here the columns' decoders are
 * looked up once per table; each value still goes through its column's own `mapFromDriverValue`,
 * so a row is exactly what `db.select().from(table)` returns (tests/db/rows.db.test.ts).
 *
 * A reader can also read some of the columns only: a page's persons and transfers are read with
 * the columns the request's selection shows (graphql/selection.ts, `selectedColumns`), not their
 * notes and other text it does not ask for.
 */
import { type Column, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { type Database, queryRows } from './client.js';

export type RowReader<T extends PgTable> = (
  db: Database,
  where: SQL,
  orderBy?: SQL,
  /**
   * Only these columns (TypeScript names): the rows carry these keys and no others. Whole rows
   * when absent.
   */
  only?: readonly string[],
) => Promise<T['$inferSelect'][]>;

interface ColumnList {
  readonly list: SQL;
  readonly names: readonly string[];
  readonly keys: readonly string[];
  readonly decoders: readonly Column[];
}

function columnList(columns: readonly (readonly [key: string, column: Column])[]): ColumnList {
  return {
    list: sql.join(
      columns.map(([, column]) => sql.identifier(column.name)),
      sql`, `,
    ),
    names: columns.map(([, column]) => column.name),
    keys: columns.map(([key]) => key),
    decoders: columns.map(([, column]) => column),
  };
}

/**
 * A reader of `table`'s rows: `SELECT <every column, or the ones asked for> FROM table WHERE …
 * [ORDER BY …]`. A column subset keeps the table's column order; its list is built once.
 */
export function rowReader<T extends PgTable>(table: T): RowReader<T> {
  const all: [key: string, column: Column][] = Object.entries(getTableColumns(table));
  const whole = columnList(all);
  const subsets = new Map<string, ColumnList>();
  const listFor = (only: readonly string[] | undefined): ColumnList => {
    if (!only) return whole;
    const signature = [...only].sort().join(',');
    let found = subsets.get(signature);
    if (!found) {
      const unknown = only.filter((key) => !all.some(([k]) => k === key));
      if (unknown.length) throw new Error(`rowReader: no column ${unknown.join(', ')}`);
      found = columnList(all.filter(([key]) => only.includes(key)));
      subsets.set(signature, found);
    }
    return found;
  };
  return async (db, where, orderBy, only) => {
    const { list, names, keys, decoders } = listFor(only);
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`SELECT ${list} FROM ${table} WHERE ${where}${orderBy ? sql` ORDER BY ${orderBy}` : sql``}`,
    );
    const out = new Array<T['$inferSelect']>(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as Record<string, unknown>;
      const mapped: Record<string, unknown> = {};
      for (let c = 0; c < keys.length; c++) {
        const value = row[names[c] as string];
        mapped[keys[c] as string] =
          value === null || value === undefined ? null : (decoders[c] as Column).mapFromDriverValue(value);
      }
      out[r] = mapped as T['$inferSelect'];
    }
    return out;
  };
}
