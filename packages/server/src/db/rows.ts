/**
 * Whole rows of one table, mapped to the table's TypeScript names without drizzle's row mapping.
 *
 * Drizzle maps each row column by column, asking for every value what kind of field it came from
 * (three `instanceof`-like checks and a reduce per column, on every row). The per-request loaders
 * read hundreds of rows (a page of 50 cases has about 150 persons and 100 transfers), and that
 * mapping was the largest part of drizzle's time in a request. Here the columns' decoders are
 * looked up once per table; each value still goes through its column's own `mapFromDriverValue`,
 * so a row is exactly what `db.select().from(table)` returns (tests/db/rows.db.test.ts).
 */
import { type Column, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { type Database, queryRows } from './client.js';

export type RowReader<T extends PgTable> = (db: Database, where: SQL, orderBy?: SQL) => Promise<T['$inferSelect'][]>;

/** A reader of `table`'s whole rows: `SELECT <every column> FROM table WHERE … [ORDER BY …]`. */
export function rowReader<T extends PgTable>(table: T): RowReader<T> {
  const columns: [key: string, column: Column][] = Object.entries(getTableColumns(table));
  const list = sql.join(
    columns.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  const names = columns.map(([, column]) => column.name);
  const keys = columns.map(([key]) => key);
  const decoders = columns.map(([, column]) => column);
  return async (db, where, orderBy) => {
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
