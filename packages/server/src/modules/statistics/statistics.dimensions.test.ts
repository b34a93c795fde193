import 'reflect-metadata';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { dimensionSql, eventSql, populationFrom } from './statistics.dimensions.js';
import { ProcessingEvent, StatisticsDimension } from './statistics.types.js';

const dialect = new PgDialect();
const render = (query: SQL) => dialect.sqlToQuery(sql`SELECT 1 FROM ${query}`).sql;
const dimensions = Object.values(StatisticsDimension) as StatisticsDimension[];
const events = Object.values(ProcessingEvent) as ProcessingEvent[];

describe('the statistics population', () => {
  it('joins the immigration files only for a dimension or an event that reads them', () => {
    expect(render(populationFrom([StatisticsDimension.STATUS, StatisticsDimension.URGENCY], []))).not.toContain(
      'immigration_files',
    );
    expect(
      render(populationFrom([StatisticsDimension.STATUS], [ProcessingEvent.CREATED, ProcessingEvent.REFERRED])),
    ).not.toContain('immigration_files');
    expect(render(populationFrom([StatisticsDimension.STAGE], []))).toContain(
      'LEFT JOIN "immigration_files" ON "immigration_files"."case_id" = "cases"."id"',
    );
    expect(render(populationFrom([], [ProcessingEvent.REFERRED, ProcessingEvent.DECIDED]))).toContain(
      'immigration_files',
    );
  });

  it('joins them for every dimension and event whose SQL names them, and for no other', () => {
    const namesFile = (query: SQL) => dialect.sqlToQuery(query).sql.includes('"immigration_files"');
    for (const d of dimensions) {
      expect(render(populationFrom([d], [])).includes('immigration_files'), d).toBe(namesFile(dimensionSql(d)));
    }
    for (const e of events) {
      expect(render(populationFrom([], [e])).includes('immigration_files'), e).toBe(namesFile(eventSql(e)));
    }
  });
});
