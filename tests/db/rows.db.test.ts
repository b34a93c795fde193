/**
 * The loaders read whole rows without drizzle's row mapping (packages/server/src/db/rows.ts).
 * Every table they read, with data of every column kind in it (timestamps, dates, arrays, JSON,
 * encrypted bytes, nulls), answers exactly as drizzle's own `select().from(table)` does, and a
 * read of some columns answers those of drizzle's rows.
 */
import { readSelected, rowReader, seedScale, tables } from '@hrd/server';
import { desc, getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_KEYRING } from '../support/server.js';

const {
  cases,
  assessmentAnswers,
  assessments,
  charges,
  decisionCitedCharges,
  immigrationChecks,
  immigrationFiles,
  organizations,
  persons,
  transfers,
} = tables;

const TABLES: [string, PgTable][] = [
  ['organizations', organizations],
  ['persons', persons],
  ['charges', charges],
  ['transfers', transfers],
  ['assessments', assessments],
  ['assessment_answers', assessmentAnswers],
  ['immigration_files', immigrationFiles],
  ['immigration_checks', immigrationChecks],
  ['decision_cited_charges', decisionCitedCharges],
];

const byContent = <T>(rows: T[]) =>
  [...rows].sort((a, b) =>
    JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0,
  );

describe('rows read without drizzle’s mapping', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedScale(database.db, 40, { keyring: TEST_KEYRING });
  });
  afterAll(async () => {
    await database?.close();
  });

  it.each(TABLES)('%s: the same rows, keys and values as drizzle’s select', async (_name, table) => {
    const drizzled = await database.db.select().from(table);
    const read = await rowReader(table)(database.db, sql`true`);
    expect(drizzled.length).toBeGreaterThan(0);
    expect(byContent(read)).toEqual(byContent(drizzled));
    // Key by key, including the ones whose value is null, in drizzle's order.
    expect(read.map((r) => Object.keys(r))).toEqual(drizzled.map((r) => Object.keys(r)));
  });

  it('filters and orders as asked', async () => {
    const [first] = await database.db
      .select({ id: persons.caseId })
      .from(persons)
      .groupBy(persons.caseId)
      .having(sql`count(*) > 1`)
      .limit(1);
    const read = await rowReader(persons)(
      database.db,
      sql`${persons.caseId} = ${first?.id}`,
      sql`${persons.createdAt} DESC, ${persons.id} DESC`,
    );
    const drizzled = await database.db
      .select()
      .from(persons)
      .where(sql`${persons.caseId} = ${first?.id}`)
      .orderBy(sql`${persons.createdAt} DESC, ${persons.id} DESC`);
    expect(read.length).toBeGreaterThan(1);
    expect(read).toEqual(drizzled);
  });

  it.each(TABLES)('%s: some columns only: those keys and no others, with the same values', async (_name, table) => {
    const drizzled = await database.db.select().from(table);
    const keys = Object.keys(drizzled[0] ?? {});
    // Every other column, from the last: keys that are not first and an order the table does not have.
    const only = keys.filter((_, i) => i % 2 === 1).reverse();
    const read = await rowReader(table)(database.db, sql`true`, undefined, only);
    expect(only.length).toBeGreaterThan(0);
    const picked = (row: Record<string, unknown>) =>
      Object.fromEntries(keys.filter((k) => only.includes(k)).map((k) => [k, row[k]]));
    expect(byContent(read)).toEqual(byContent(drizzled.map(picked)));
    expect(read.map((r) => Object.keys(r))).toEqual(drizzled.map((r) => Object.keys(picked(r))));
  });

  it('refuses a column the table does not have', async () => {
    await expect(rowReader(persons)(database.db, sql`true`, undefined, ['givenName', 'note'])).rejects.toThrow(
      'rowReader: no column note',
    );
  });

  it('a select list of columns and SQL expressions: the same rows, keys and values as drizzle’s select', async () => {
    const fields = {
      ...getTableColumns(cases),
      relation: sql<string>`CASE WHEN ${cases.size} > 2 THEN 'CUSTODIAN' ELSE NULL END`,
      nothing: sql<null>`NULL::uuid`,
      total: sql<number>`count(*) OVER ()`.mapWith(Number),
      createdAgain: sql`${cases.createdAt}`.mapWith(cases.createdAt),
    };
    const drizzled = await database.db
      .select(fields)
      .from(cases)
      .where(sql`${cases.size} > 0`)
      .orderBy(desc(cases.createdAt), desc(cases.id))
      .limit(25)
      .offset(3);
    const read = await readSelected<Record<string, unknown>>(
      database.db,
      fields,
      sql`FROM ${cases} WHERE ${cases.size} > 0 ORDER BY ${cases.createdAt} DESC, ${cases.id} DESC LIMIT ${25} OFFSET ${3}`,
    );
    expect(drizzled.length).toBe(25);
    expect(read).toEqual(drizzled);
    expect(read.map((r) => Object.keys(r))).toEqual(drizzled.map((r) => Object.keys(r)));
    // The decoders ran: numbers and dates, not the driver's strings.
    expect(typeof read[0]?.total).toBe('number');
    expect(read[0]?.createdAgain).toBeInstanceOf(Date);
    expect(read.some((r) => r.relation === null) && read.some((r) => r.relation === 'CUSTODIAN')).toBe(true);
  });
});
