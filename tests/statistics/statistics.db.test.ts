/**
 * Analysts' statistics over HTTP on the demo data: every dimension's groups match independent
 * plain-SQL counts (as the owner, over the cases with a pending or accepted referral), small
 * groups are suppressed, who may ask, and what bad input looks like.
 */
import { DEMO_USERS, queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { codeOf, type SignedIn, signIn } from '../support/session.js';
import {
  addCases,
  byKey,
  CASE_COUNTS,
  type CountTable,
  counts,
  type Dimension,
  IRCC_CASES,
  keyOf,
  ownerCounts,
  PROCESSING_TIMES,
} from './statistics-support.js';

const T = 5;
let database: TestDatabase;
let server: TestServer;
let analyst: SignedIn;
let officer: SignedIn;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database.db, { keyring: TEST_KEYRING });
  // Cases IRCC must not count: a withdrawn referral and a case never referred, both in Pakistan.
  await addCases(database.db, [
    { asylum: 'PK', referral: 'WITHDRAWN' },
    { asylum: 'PK', notReferred: true },
  ]);
  server = await startTestServer(database);
  analyst = await signIn(server, 'analyst@ircc.demo');
  officer = await signIn(server, 'officer@ircc.demo');
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

/**
 * Checks a table against the owner's counts: the same groups; every shown group exact; every
 * group below the threshold suppressed; suppressed groups never alone and never adding up to
 * less than the threshold; the total is the sum of the shown groups.
 */
function expectMatches(table: CountTable, owner: Map<string, { cases: number; persons: number }>) {
  expect(new Set(table.cells.map(keyOf))).toEqual(new Set(owner.keys()));
  let hiddenCases = 0;
  for (const cell of table.cells) {
    const truth = owner.get(keyOf(cell)) as { cases: number; persons: number };
    if (cell.suppressed) {
      expect(cell.cases).toBeNull();
      expect(cell.persons).toBeNull();
      hiddenCases += truth.cases;
    } else {
      expect({ key: keyOf(cell), cases: cell.cases, persons: cell.persons }).toEqual({ key: keyOf(cell), ...truth });
      expect(truth.cases).toBeGreaterThanOrEqual(T);
    }
  }
  const shown = table.cells.filter((c) => !c.suppressed);
  expect(table.total).toEqual({
    cases: shown.reduce((s, c) => s + (c.cases ?? 0), 0),
    persons: shown.reduce((s, c) => s + (c.persons ?? 0), 0),
  });
  expect(table.suppressedCells).toBe(table.cells.length - shown.length);
  if (table.suppressedCells > 0) {
    expect(table.suppressedCells).toBeGreaterThanOrEqual(2);
    expect(hiddenCases).toBeGreaterThanOrEqual(T);
  }
}

const EXPRESSIONS: Record<Exclude<Dimension, 'ACTIVITY' | 'CATEGORY'>, string> = {
  PARTNER: '(SELECT o.kind FROM organizations o WHERE o.id = c.custodian_id)',
  STATUS: 'c.status',
  STAGE: "coalesce(f.stage, 'NONE')",
  URGENCY: 'c.urgency',
  COUNTRY_OF_ASYLUM: "coalesce(c.country_of_asylum, 'NONE')",
  NATIONALITY: "coalesce(c.country_of_nationality, 'NONE')",
  YEAR: "coalesce(to_char(c.referred_at AT TIME ZONE 'UTC', 'YYYY'), 'NONE')",
};

describe(`statistics on the demo data (${currentDriver()})`, () => {
  it('counts the cases IRCC sees: 33 demo referrals, not the withdrawn or unreferred cases', async () => {
    const [row] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM ${IRCC_CASES} c`);
    const table = await counts(analyst, ['PARTNER']);
    expect(Number(row?.n)).toBe(33);
    // Every partner group is large enough to show here, so the total is every case.
    expect(table.total.cases).toBe(33);
    expect(table.cells.map(keyOf).sort()).toEqual(['FLD', 'PD', 'UNHCR']);
    const countries = await counts(analyst, ['COUNTRY_OF_ASYLUM']);
    expect(countries.cells.map(keyOf)).not.toContain('PK');
  });

  for (const dimension of Object.keys(EXPRESSIONS) as Array<keyof typeof EXPRESSIONS>) {
    it(`groups by ${dimension} exactly as plain SQL counts, small groups suppressed`, async () => {
      const table = await counts(analyst, [dimension]);
      expect(table.groupBy).toEqual([dimension]);
      expectMatches(table, await ownerCounts(database.db, EXPRESSIONS[dimension]));
    });
  }

  it('shows the statuses with at least 5 cases and hides ARRIVED (3) with the next smallest, REFUSED (5)', async () => {
    const table = await counts(analyst, ['STATUS']);
    const owner = await ownerCounts(database.db, EXPRESSIONS.STATUS);
    expect(owner.get('ARRIVED')?.cases).toBe(3);
    expect(owner.get('REFUSED')?.cases).toBe(5);
    expect(byKey(table)).toEqual(
      new Map([
        ['REFERRED', owner.get('REFERRED')?.cases],
        ['APPROVED', owner.get('APPROVED')?.cases],
        ['ARRIVED', null],
        ['REFUSED', null],
      ]),
    );
  });

  it('groups by two dimensions (PARTNER × STATUS) as plain SQL counts', async () => {
    const table = await counts(analyst, ['PARTNER', 'STATUS']);
    expectMatches(table, await ownerCounts(database.db, `${EXPRESSIONS.PARTNER} || '|' || c.status`));
  });

  it('counts a case once in each of its activities', async () => {
    const rows = await queryRows<{ k: string; n: number; p: number }>(
      database.db,
      sql`SELECT a AS k, count(*)::int AS n, sum(c.size)::int AS p FROM ${IRCC_CASES} c, unnest(c.activities) a GROUP BY a`,
    );
    const owner = new Map(rows.map((r) => [r.k, { cases: Number(r.n), persons: Number(r.p) }]));
    const table = await counts(analyst, ['ACTIVITY']);
    expectMatches(table, owner);
    // More case-activity pairs than cases: a case with two activities counts in both.
    const [pairs] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT sum(cardinality(c.activities))::int AS n FROM ${IRCC_CASES} c`,
    );
    expect(Number(pairs?.n)).toBeGreaterThan(33);
  });

  it('filters, treating the filter as a narrower population', async () => {
    const table = await counts(analyst, ['PARTNER'], [{ dimension: 'URGENCY', values: ['NORMAL'] }]);
    expectMatches(table, await ownerCounts(database.db, EXPRESSIONS.PARTNER, "c.urgency = 'NORMAL'"));
  });

  it('suppresses everything when the filter leaves fewer cases than the threshold', async () => {
    const owner = await ownerCounts(database.db, EXPRESSIONS.STATUS, "c.status = 'ARRIVED'");
    expect(owner.get('ARRIVED')?.cases).toBe(3);
    const table = await counts(analyst, ['PARTNER'], [{ dimension: 'STATUS', values: ['ARRIVED'] }]);
    expect(table.populationSuppressed).toBe(true);
    expect(table.cells.length).toBeGreaterThan(0);
    expect(table.cells.every((c) => c.suppressed && c.cases === null)).toBe(true);
    expect(table.total).toEqual({ cases: 0, persons: 0 });
  });

  it('gives officers CATEGORY (an assessment field) and refuses it to analysts', async () => {
    const rows = await queryRows<{ k: string; n: number; p: number }>(
      database.db,
      sql`SELECT coalesce(a.primary_category, 'NONE') AS k, count(*)::int AS n, sum(c.size)::int AS p
          FROM ${IRCC_CASES} c LEFT JOIN assessments a ON a.case_id = c.id GROUP BY 1`,
    );
    const table = await counts(officer, ['CATEGORY']);
    expectMatches(table, new Map(rows.map((r) => [r.k, { cases: Number(r.n), persons: Number(r.p) }])));
    expect(table.total.cases).toBe(33);
    const refused = await analyst.graphql(CASE_COUNTS, { groupBy: ['CATEGORY'] });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    const filtered = await analyst.graphql(CASE_COUNTS, {
      groupBy: ['PARTNER'],
      filter: [{ dimension: 'CATEGORY', values: ['MEDICAL_NEEDS'] }],
    });
    expect(codeOf(filtered)).toBe('FORBIDDEN');
  });

  it('computes processing times (median, p90, count) as percentile_cont over the same cases', async () => {
    const events = {
      CREATED: 'c.created_at',
      REFERRED: 'c.referred_at',
      ACKNOWLEDGED: 'f.created_at',
      DECIDED: 'f.decided_at',
      ARRIVED: 'f.arrived_at',
    } as const;
    for (const [from, to] of [
      ['CREATED', 'REFERRED'],
      ['REFERRED', 'ACKNOWLEDGED'],
      ['ACKNOWLEDGED', 'DECIDED'],
      ['CREATED', 'ARRIVED'],
    ] as const) {
      const days = `extract(epoch FROM (${events[to]} - ${events[from]})) / 86400`;
      const rows = await queryRows<{ k: string; n: number; median: number; p90: number }>(
        database.db,
        sql.raw(`SELECT (SELECT o.kind FROM organizations o WHERE o.id = c.custodian_id) AS k, count(*)::int AS n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days}) AS median,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY ${days}) AS p90
          FROM (SELECT c.* FROM cases c WHERE EXISTS (SELECT 1 FROM transfers t WHERE t.case_id = c.id
            AND t.kind = 'RESETTLEMENT_REFERRAL' AND t.status IN ('PENDING', 'ACCEPTED'))) c
          LEFT JOIN immigration_files f ON f.case_id = c.id
          WHERE ${events[from]} IS NOT NULL AND ${events[to]} IS NOT NULL GROUP BY 1`),
      );
      const owner = new Map(rows.map((r) => [r.k, r]));
      const response = await analyst.graphql<{
        statistics: {
          processingTimes: {
            cells: Array<{
              group: Array<{ value: string }>;
              suppressed: boolean;
              cases: number | null;
              medianDays: number | null;
              p90Days: number | null;
            }>;
            totalCases: number;
            suppressedCells: number;
            populationSuppressed: boolean;
          };
        };
      }>(PROCESSING_TIMES, { from, to, groupBy: ['PARTNER'] });
      const table = response.body.data?.statistics.processingTimes;
      expect(response.body.errors).toBeUndefined();
      expect(new Set(table?.cells.map(keyOf))).toEqual(new Set(owner.keys()));
      const population = rows.reduce((s, r) => s + Number(r.n), 0);
      expect(table?.populationSuppressed).toBe(population < T);
      for (const cell of table?.cells ?? []) {
        const truth = owner.get(keyOf(cell));
        if (cell.suppressed) {
          expect([cell.cases, cell.medianDays, cell.p90Days]).toEqual([null, null, null]);
          continue;
        }
        expect(Number(truth?.n)).toBeGreaterThanOrEqual(T);
        expect(cell.cases).toBe(Number(truth?.n));
        expect(cell.medianDays).toBeCloseTo(Number(truth?.median), 1);
        expect(cell.p90Days).toBeCloseTo(Number(truth?.p90), 1);
      }
      if (from === 'CREATED' && to === 'ARRIVED') {
        // Three arrivals in the demo: fewer than the threshold, so nothing is shown.
        expect(population).toBe(3);
        expect(table?.cells.every((c) => c.suppressed)).toBe(true);
      }
      if (from === 'REFERRED' && to === 'ACKNOWLEDGED') {
        expect(table?.cells.some((c) => !c.suppressed)).toBe(true);
      }
    }
  });
});

describe('who may ask for statistics', () => {
  const QUERY = '{ statistics { threshold caseCounts(groupBy: [URGENCY]) { total { cases } } } }';

  for (const user of DEMO_USERS) {
    const allowed = user.org === 'IRCC' && (user.role === 'ANALYST' || user.role === 'OFFICER');
    it(`${user.email} (${user.role}): ${allowed ? 'allowed' : 'FORBIDDEN'}`, async () => {
      const session = await signIn(server, user.email);
      const response = await session.graphql<{ statistics: { threshold: number } | null }>(QUERY);
      if (allowed) {
        expect(response.body.errors).toBeUndefined();
        expect(response.body.data?.statistics?.threshold).toBe(T);
      } else {
        expect(codeOf(response)).toBe('FORBIDDEN');
        expect(response.body.errors?.[0]?.path).toEqual(['statistics']);
        expect(response.body.data?.statistics).toBeNull();
      }
    });
  }

  it('anonymous callers: UNAUTHENTICATED', async () => {
    const response = await server.graphql(QUERY);
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
  });

  it('audits every statistics read and every refusal, with the dimensions and never a value', async () => {
    const caseworker = await signIn(server, 'caseworker@fld.demo');
    await caseworker.graphql(QUERY);
    await counts(analyst, ['COUNTRY_OF_ASYLUM'], [{ dimension: 'URGENCY', values: ['URGENT'] }]);
    const rows = await queryRows<{ actor_id: string; outcome: string; fields: string[]; detail: unknown }>(
      database.db,
      sql`SELECT actor_id, outcome, fields, detail FROM audit_events WHERE action = 'statistics.read' ORDER BY seq`,
    );
    expect(rows).toContainEqual(
      expect.objectContaining({ actor_id: caseworker.userId, outcome: 'DENIED', detail: { reason: 'forbidden' } }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({
        actor_id: analyst.userId,
        outcome: 'ALLOWED',
        fields: ['COUNTRY_OF_ASYLUM', 'URGENCY'],
        detail: { table: 'caseCounts' },
      }),
    );
  });
});

describe('bad input: BAD_USER_INPUT with the offending path', () => {
  const cases: Array<[string, Record<string, unknown>, unknown[]]> = [
    ['no dimension', { groupBy: [] }, ['groupBy']],
    ['four dimensions', { groupBy: ['PARTNER', 'STATUS', 'URGENCY', 'YEAR'] }, ['groupBy']],
    ['a dimension twice', { groupBy: ['PARTNER', 'PARTNER'] }, ['groupBy', 1]],
    [
      'a value that is not of the dimension',
      { groupBy: ['PARTNER'], filter: [{ dimension: 'COUNTRY_OF_ASYLUM', values: ['KE', 'XX'] }] },
      ['filter', 0, 'values', 1],
    ],
    [
      'a third party by name',
      { groupBy: ['STATUS'], filter: [{ dimension: 'PARTNER', values: ['Civic Shield Network'] }] },
      ['filter', 0, 'values', 0],
    ],
    ['no values', { groupBy: ['PARTNER'], filter: [{ dimension: 'URGENCY', values: [] }] }, ['filter', 0, 'values']],
    [
      'ACTIVITY as a filter',
      { groupBy: ['PARTNER'], filter: [{ dimension: 'ACTIVITY', values: ['JOURNALISM'] }] },
      ['filter', 0, 'dimension'],
    ],
    [
      'a dimension filtered twice',
      {
        groupBy: ['PARTNER'],
        filter: [
          { dimension: 'URGENCY', values: ['URGENT'] },
          { dimension: 'URGENCY', values: ['NORMAL'] },
        ],
      },
      ['filter', 1, 'dimension'],
    ],
    [
      'five dimensions with the filter',
      {
        groupBy: ['PARTNER', 'STATUS', 'STAGE'],
        filter: [
          { dimension: 'URGENCY', values: ['URGENT'] },
          { dimension: 'YEAR', values: ['2026'] },
        ],
      },
      ['filter'],
    ],
  ];
  for (const [what, variables, path] of cases) {
    it(`caseCounts: ${what}`, async () => {
      const response = await analyst.graphql<{ statistics: unknown }>(CASE_COUNTS, variables);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.body.errors?.[0]?.extensions?.paths).toEqual([path]);
      expect(response.body.data?.statistics).toEqual({ threshold: T, caseCounts: null });
    });
  }

  for (const [what, from, to] of [
    ['from = to', 'REFERRED', 'REFERRED'],
    ['to before from', 'DECIDED', 'REFERRED'],
  ] as const) {
    it(`processingTimes: ${what}`, async () => {
      const response = await analyst.graphql(PROCESSING_TIMES, { from, to, groupBy: ['PARTNER'] });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.body.errors?.[0]?.extensions?.paths).toEqual([['to']]);
    });
  }

  it('processingTimes: no dimension', async () => {
    const response = await analyst.graphql(PROCESSING_TIMES, { from: 'CREATED', to: 'REFERRED', groupBy: [] });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0]?.extensions?.paths).toEqual([['groupBy']]);
  });
});
