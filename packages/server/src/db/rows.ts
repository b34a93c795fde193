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
 *
 * `readSelected` does the same for a select list of columns and SQL expressions (the case lists'
 * columns with the caller's relation), where drizzle's query builder and mapping cost a page of
 * 51 cases about 0.25 ms more CPU, 837 against 590 µs (docs/BENCHMARKS.md, Round 11). Both ask the driver for rows as
 * arrays, as drizzle's own selects do.
 */
import { Column, getTableColumns, is, type SQL, sql } from 'drizzle-orm';
import type { PgDialect, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './client.js';

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
  readonly keys: readonly string[];
  readonly decoders: readonly Column[];
}

function columnList(columns: readonly (readonly [key: string, column: Column])[]): ColumnList {
  return {
    list: sql.join(
      columns.map(([, column]) => sql.identifier(column.name)),
      sql`, `,
    ),
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
    const { list, keys, decoders } = listFor(only);
    return readRows(
      db,
      sql`SELECT ${list} FROM ${table} WHERE ${where}${orderBy ? sql` ORDER BY ${orderBy}` : sql``}`,
      keys,
      decoders,
    );
  };
}

/** A select list: keys mapped to columns or SQL expressions, as `db.select(fields)` takes it. */
export type SelectFields = Readonly<Record<string, Column | SQL>>;

/**
 * `SELECT <fields> <rest>`, its rows mapped as drizzle's `db.select(fields)` maps them (each
 * column through its own `mapFromDriverValue`, an SQL expression through its `mapWith` decoder),
 * without drizzle's query builder and its checks of every field on every row. The rows come from
 * the driver as arrays, as they do for drizzle's own selects. For the case lists
 * (cases.service.ts): a page is up to 101 rows of 18 fields, read on nearly every request.
 * `rest` is the statement after the select list (`FROM … WHERE … ORDER BY … LIMIT …`), `before`
 * what comes before it (`WITH …`).
 */
export async function readSelected<T>(db: Database, fields: SelectFields, rest: SQL, before?: SQL): Promise<T[]> {
  const entries = Object.entries(fields);
  // An SQL expression's decoder (`sql<T>`…`.mapWith()`) is drizzle's, not in its typings.
  const decoders = entries.map(([, field]) =>
    is(field, Column) ? field : (field as unknown as { decoder: Column }).decoder,
  );
  const list = sql.join(
    entries.map(([, field]) => field),
    sql`, `,
  );
  return readRows(
    db,
    before ? sql`${before} SELECT ${list} ${rest}` : sql`SELECT ${list} ${rest}`,
    entries.map(([key]) => key),
    decoders,
  );
}

/** What `readRows` needs of drizzle's session (both drivers' sessions have it). */
interface ArraySession {
  prepareQuery(
    query: { sql: string; params: unknown[] },
    fields: undefined,
    name: undefined,
    isResponseInArrayMode: true,
    customResultMapper: (rows: unknown[][]) => unknown,
  ): { execute(): Promise<unknown> };
}

/**
 * Runs `query` with its rows answered as arrays (as drizzle's own selects ask the driver for them:
 * no object per row from the driver), and maps each to an object of `keys`, each value through
 * its decoder's `mapFromDriverValue` (null stays null, as in drizzle's mapping).
 */
async function readRows<T>(
  db: Database,
  query: SQL,
  keys: readonly string[],
  decoders: readonly Column[],
): Promise<T[]> {
  const mapRows = (rows: unknown[][]): T[] => {
    const out = new Array<T>(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as unknown[];
      const mapped: Record<string, unknown> = {};
      for (let c = 0; c < keys.length; c++) {
        const value = row[c];
        mapped[keys[c] as string] =
          value === null || value === undefined ? null : (decoders[c] as Column).mapFromDriverValue(value);
      }
      out[r] = mapped as T;
    }
    return out;
  };
  const { session, dialect } = db as unknown as { session: ArraySession; dialect: PgDialect };
  return (await session.prepareQuery(dialect.sqlToQuery(query), undefined, undefined, true, mapRows).execute()) as T[];
}
