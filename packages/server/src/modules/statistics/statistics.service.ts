/**
 * Analysts' statistics: counts and processing times over the cases IRCC sees, aggregated in SQL
 * (GROUP BY, percentile_cont) and suppressed here (./suppression.ts, docs/STATISTICS.md).
 * Who may ask is the policy's `statistics:read`; which cases count is the caller's IRCC relation,
 * which row-level security enforces as well. Read from the replica when one is configured.
 */
import { grantFor } from '@hrd/schema';
import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { type Database, queryRows } from '../../db/client.js';
import { cases } from '../../db/schema.js';
import { AppError } from '../../graphql/errors.js';
import { badInput } from '../../graphql/validate.js';
import { hasPermission } from '../../policy/policy.js';
import { relationIn } from '../../policy/relations.js';
import type { Viewer } from '../../policy/viewer.js';
import { readForAnalytics } from '../../request/analytics.js';
import { requireViewer } from '../identity/identity.service.js';
import { dimensionSql, EVENT_ORDER, eventSql, filterValue, NONE, populationFrom } from './statistics.dimensions.js';
import {
  type CaseCountTable,
  type ProcessingEvent,
  type ProcessingTimeTable,
  type StatisticsCondition,
  StatisticsDimension,
} from './statistics.types.js';
import { type Atom, atomId, complement, isSensitive, type SuppressionRules, suppressAtoms } from './suppression.js';

export const MAX_GROUP_BY = 3;
/** groupBy and filter dimensions together: each query weighs every subset of them (at most 15). */
export const MAX_KEY_DIMENSIONS = 4;
const MAX_FILTER_VALUES = 300;

/** Only IRCC analysts and officers; everyone else is refused (and the refusal audited). */
export function requireStatisticsAccess(ctx: AppContext): Viewer {
  const viewer = requireViewer(ctx);
  if (!hasPermission(viewer, 'statistics:read')) {
    ctx.audit.record({ action: 'statistics.read', outcome: 'DENIED', detail: { reason: 'forbidden' } });
    throw new AppError('FORBIDDEN', 'Statistics are for IRCC analysts and officers.');
  }
  return viewer;
}

interface Query {
  /** The key dimensions: groupBy first, then the filter dimensions not grouped by. */
  readonly keys: readonly StatisticsDimension[];
  readonly groupBy: readonly StatisticsDimension[];
  /** Selected values per key index (only filtered dimensions). */
  readonly selected: ReadonlyMap<number, ReadonlySet<string>>;
}

function parseQuery(
  viewer: Viewer,
  groupBy: readonly StatisticsDimension[],
  filter: readonly StatisticsCondition[] | null | undefined,
): Query {
  if (groupBy.length === 0) badInput('Group by at least one dimension.', ['groupBy']);
  if (groupBy.length > MAX_GROUP_BY) badInput(`Group by at most ${MAX_GROUP_BY} dimensions.`, ['groupBy']);
  groupBy.forEach((d, i) => {
    if (groupBy.indexOf(d) !== i) badInput(`${d} is named twice.`, ['groupBy', i]);
  });
  const keys = [...groupBy];
  const selected = new Map<number, Set<string>>();
  (filter ?? []).forEach((condition, i) => {
    const { dimension } = condition;
    if (dimension === StatisticsDimension.ACTIVITY) {
      badInput('ACTIVITY cannot be a filter (a case has several): group by it instead.', ['filter', i, 'dimension']);
    }
    if ((filter ?? []).findIndex((c) => c.dimension === dimension) !== i) {
      badInput(`${dimension} is filtered twice.`, ['filter', i, 'dimension']);
    }
    if (condition.values.length === 0 || condition.values.length > MAX_FILTER_VALUES) {
      badInput(`Give 1 to ${MAX_FILTER_VALUES} values.`, ['filter', i, 'values']);
    }
    const values = new Set<string>();
    condition.values.forEach((raw, j) => {
      const value = filterValue(dimension, raw);
      if (value === null) badInput(`"${raw.slice(0, 24)}" is not a value of ${dimension}.`, ['filter', i, 'values', j]);
      values.add(value);
    });
    let index = keys.indexOf(dimension);
    if (index < 0) {
      index = keys.length;
      keys.push(dimension);
    }
    selected.set(index, values);
  });
  if (keys.length > MAX_KEY_DIMENSIONS) {
    badInput(`groupBy and filter may name at most ${MAX_KEY_DIMENSIONS} dimensions together.`, ['filter']);
  }
  // CATEGORY is an ASSESSMENT field: only for callers who may read assessments of IRCC's cases.
  if (keys.includes(StatisticsDimension.CATEGORY)) {
    const grant = grantFor('IRCC', viewer.roles, 'ASSESSMENT');
    if (grant !== 'read' && grant !== 'write') {
      throw new AppError('FORBIDDEN', 'CATEGORY is an assessment field, which analysts may not see (ACCESS.md).');
    }
  }
  return { keys, groupBy, selected };
}

interface AggregateRow extends Record<string, unknown> {
  kind: 'A' | 'C' | 'P';
  level: number;
  key: (string | null)[];
  n: number;
  p: number;
  m: number;
  median: number | null;
  p90: number | null;
}

const column = (i: number) => sql.raw(`k${i}`);

/**
 * One statement (one snapshot): the atoms of every level over the whole population (A), the
 * answer's groups with the filter applied (C), and the filtered population's size in cases (P).
 */
async function aggregate(
  db: Database,
  viewer: Viewer,
  query: Query,
  events?: { from: ProcessingEvent; to: ProcessingEvent },
): Promise<AggregateRow[]> {
  const { keys, groupBy, selected } = query;
  const activity = keys.indexOf(StatisticsDimension.ACTIVITY);
  const baseColumns = keys.map((d, i) =>
    i === activity
      ? sql`CASE WHEN cardinality(${cases.activities}) = 0 THEN ARRAY[${NONE}]::text[] ELSE ${cases.activities}::text[] END AS ${column(i)}`
      : sql`${dimensionSql(d)}::text AS ${column(i)}`,
  );
  const days = events
    ? sql`extract(epoch FROM (${eventSql(events.to)} - ${eventSql(events.from)}))::float8 / 86400`
    : sql`NULL::float8`;
  const eventCondition = events
    ? sql` AND ${eventSql(events.from)} IS NOT NULL AND ${eventSql(events.to)} IS NOT NULL`
    : sql``;
  // The population: the cases IRCC sees (row-level security says the same for this role).
  const base = sql`SELECT ${cases.id} AS case_id, ${cases.size} AS size, ${days} AS days, ${sql.join(baseColumns, sql`, `)}
    FROM ${populationFrom(keys, events ? [events.from, events.to] : [])}
    WHERE ${relationIn(viewer, ['IRCC'])}${eventCondition}`;

  /** FROM clause and the value of each key dimension, for a set of dimensions to group by. */
  const source = (dims: readonly number[]) => {
    const unnest = dims.includes(activity);
    return {
      from: unnest
        ? sql`stat_base CROSS JOIN LATERAL unnest(stat_base.${column(activity)}) AS stat_act(value)`
        : sql`stat_base`,
      value: (i: number) => (i === activity ? sql`stat_act.value` : sql`stat_base.${column(i)}`),
    };
  };
  const filterCondition = [...selected.entries()].map(
    ([i, values]) =>
      sql`stat_base.${column(i)} IN (${sql.join(
        [...values].map((v) => sql`${v}`),
        sql`, `,
      )})`,
  );
  const where = filterCondition.length ? sql`WHERE ${sql.join(filterCondition, sql` AND `)}` : sql``;

  const parts: SQL[] = [];
  for (let level = 1; level < 1 << keys.length; level++) {
    const dims = keys.map((_, i) => i).filter((i) => (level >> i) & 1);
    const { from, value } = source(dims);
    const key = keys.map((_, i) => (dims.includes(i) ? value(i) : sql`NULL::text`));
    parts.push(sql`SELECT 'A' AS kind, ${level}::int AS level, ARRAY[${sql.join(key, sql`, `)}]::text[] AS key,
      count(*)::int AS n, coalesce(sum(size), 0)::int AS p, coalesce(max(size), 0)::int AS m,
      NULL::float8 AS median, NULL::float8 AS p90
      FROM ${from} GROUP BY ${sql.join(
        dims.map((i) => value(i)),
        sql`, `,
      )}`);
  }
  const grouped = groupBy.map((_, i) => i);
  const cells = source(grouped);
  parts.push(sql`SELECT 'C', 0, ARRAY[${sql.join(
    grouped.map((i) => cells.value(i)),
    sql`, `,
  )}]::text[], count(*)::int, coalesce(sum(size), 0)::int, coalesce(max(size), 0)::int,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY days), percentile_cont(0.9) WITHIN GROUP (ORDER BY days)
      FROM ${cells.from} ${where} GROUP BY ${sql.join(
        grouped.map((i) => cells.value(i)),
        sql`, `,
      )}`);
  parts.push(sql`SELECT 'P', 0, ARRAY[]::text[], count(*)::int, coalesce(sum(size), 0)::int, 0, NULL::float8, NULL::float8
      FROM stat_base ${where}`);
  return queryRows<AggregateRow>(
    db,
    sql`WITH stat_base AS (${base}) ${sql.join(
      parts.map((p) => sql`(${p})`),
      sql` UNION ALL `,
    )}`,
  );
}

interface DecidedCell {
  key: string[];
  n: number;
  p: number;
  median: number | null;
  p90: number | null;
  suppressed: boolean;
}

/**
 * The answer's groups, each shown only when every atom it is made of is shown (atoms of the full
 * level whose grouped values match and whose filtered values are selected).
 */
function decide(rows: readonly AggregateRow[], query: Query, rules: SuppressionRules) {
  const width = query.keys.length;
  const full = (1 << width) - 1;
  const atoms: Atom[] = rows
    .filter((r) => r.kind === 'A')
    .map((r) => {
      const level = Number(r.level);
      // The dimensions outside the level are null, whatever a driver makes of NULL in a text[].
      const key = query.keys.map((_, i) => ((level >> i) & 1 ? String(r.key[i]) : null));
      return { level, key, n: Number(r.n), p: Number(r.p), m: Number(r.m) };
    });
  const suppressedAtoms = suppressAtoms(width, atoms, rules);
  const parts = new Map<string, { n: number; hidden: boolean }>();
  for (const atom of atoms) {
    if (atom.level !== full) continue;
    const inSelection = [...query.selected.entries()].every(([i, values]) => values.has(atom.key[i] as string));
    if (!inSelection) continue;
    const id = JSON.stringify(atom.key.slice(0, query.groupBy.length));
    const part = parts.get(id) ?? { n: 0, hidden: false };
    part.n += atom.n;
    part.hidden ||= suppressedAtoms.has(atomId(atom.level, atom.key));
    parts.set(id, part);
  }
  const cells: DecidedCell[] = rows
    .filter((r) => r.kind === 'C')
    .map((r) => {
      const key = r.key.map(String);
      const part = parts.get(JSON.stringify(key));
      // One snapshot: the groups are exactly sums of atoms. Anything else is a bug, never an answer.
      if (!part || part.n !== Number(r.n)) throw new Error('statistics: groups and atoms disagree');
      return {
        key,
        n: Number(r.n),
        p: Number(r.p),
        median: r.median === null ? null : Number(r.median),
        p90: r.p90 === null ? null : Number(r.p90),
        suppressed: part.hidden || isSensitive({ n: Number(r.n), p: Number(r.p), m: Number(r.m) }, rules),
      };
    });
  const population = Number(rows.find((r) => r.kind === 'P')?.n ?? 0);
  const populationSuppressed = population > 0 && population < rules.threshold;
  const hidden = cells.map((c) => c.suppressed || populationSuppressed);
  // Once more on the answer itself: no row or column of it shows all but one hidden group.
  complement(
    cells,
    query.groupBy.map((_, i) => i),
    hidden,
    rules.threshold,
  );
  cells.forEach((c, i) => {
    c.suppressed = hidden[i] as boolean;
  });
  // Shown groups largest first; hidden ones after, by key only (their order must not hint at their size).
  cells.sort((a, b) =>
    a.suppressed !== b.suppressed
      ? Number(a.suppressed) - Number(b.suppressed)
      : (a.suppressed ? 0 : b.n - a.n) || a.key.join('\u0000').localeCompare(b.key.join('\u0000')),
  );
  return { cells, populationSuppressed };
}

const groupOf = (query: Query, key: readonly string[]) =>
  query.groupBy.map((dimension, i) => ({ dimension, value: key[i] as string }));

function recordRead(ctx: AppContext, table: string, query: Query): void {
  ctx.audit.record({ action: 'statistics.read', outcome: 'ALLOWED', fields: [...query.keys], detail: { table } });
}

export async function caseCounts(
  ctx: AppContext,
  groupBy: readonly StatisticsDimension[],
  filter: readonly StatisticsCondition[] | null | undefined,
): Promise<CaseCountTable> {
  const viewer = requireStatisticsAccess(ctx);
  const query = parseQuery(viewer, groupBy, filter);
  const rows = await readForAnalytics(ctx, (db) => aggregate(db, viewer, query));
  const rules = { threshold: ctx.config.statisticsSuppressionThreshold, dominance: true };
  const { cells, populationSuppressed } = decide(rows, query, rules);
  recordRead(ctx, 'caseCounts', query);
  const shown = cells.filter((c) => !c.suppressed);
  return {
    groupBy: [...query.groupBy],
    cells: cells.map((c) => ({
      group: groupOf(query, c.key),
      suppressed: c.suppressed,
      cases: c.suppressed ? null : c.n,
      persons: c.suppressed ? null : c.p,
    })),
    total: { cases: shown.reduce((s, c) => s + c.n, 0), persons: shown.reduce((s, c) => s + c.p, 0) },
    suppressedCells: cells.length - shown.length,
    populationSuppressed,
  };
}

export async function processingTimes(
  ctx: AppContext,
  from: ProcessingEvent,
  to: ProcessingEvent,
  groupBy: readonly StatisticsDimension[],
  filter: readonly StatisticsCondition[] | null | undefined,
): Promise<ProcessingTimeTable> {
  const viewer = requireStatisticsAccess(ctx);
  if (from === to) badInput('from and to must be different events.', ['to']);
  if (EVENT_ORDER.indexOf(to) < EVENT_ORDER.indexOf(from)) {
    badInput(`${to} happens before ${from}: give the earlier event as from.`, ['to']);
  }
  const query = parseQuery(viewer, groupBy, filter);
  const rows = await readForAnalytics(ctx, (db) => aggregate(db, viewer, query, { from, to }));
  // Persons are not published here, so the dominance rule on persons does not apply.
  const rules = { threshold: ctx.config.statisticsSuppressionThreshold, dominance: false };
  const { cells, populationSuppressed } = decide(rows, query, rules);
  recordRead(ctx, 'processingTimes', query);
  const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  const shown = cells.filter((c) => !c.suppressed);
  return {
    from,
    to,
    groupBy: [...query.groupBy],
    cells: cells.map((c) => ({
      group: groupOf(query, c.key),
      suppressed: c.suppressed,
      cases: c.suppressed ? null : c.n,
      medianDays: c.suppressed ? null : round(c.median),
      p90Days: c.suppressed ? null : round(c.p90),
    })),
    totalCases: shown.reduce((s, c) => s + c.n, 0),
    suppressedCells: cells.length - shown.length,
    populationSuppressed,
  };
}
