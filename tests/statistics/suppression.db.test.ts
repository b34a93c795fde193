/**
 * Attacks on small-cell suppression, as an analyst would make them over HTTP, on the demo data
 * plus referred cases written here to make small groups next to large ones:
 *   (a) a known total minus the groups shown;
 *   (b) two filters whose difference is one case ([EMERGENCY, URGENT] vs [URGENT]);
 *   (c) groupBy A vs groupBy [A, B];
 *   (d) every linear combination of everything a battery of queries publishes (exact recovery
 *       of a small group is possible exactly when its indicator lies in their span);
 * and the dominance rule: a family's size must not give a case away.
 */
import { queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { type SignedIn, signIn } from '../support/session.js';
import {
  addCases,
  byKey,
  type Condition,
  type CountTable,
  counts,
  type Dimension,
  type ExtraCase,
  IRCC_CASES,
  keyOf,
} from './statistics-support.js';

const T = 5;
const URGENCIES = ['EMERGENCY', 'URGENT', 'NORMAL'] as const;
type Urgency = (typeof URGENCIES)[number];

const many = (n: number, spec: ExtraCase): ExtraCase[] => Array.from({ length: n }, () => ({ ...spec }));
/** Pakistan: ONE emergency case beside 6 urgent and 7 normal ones: the case an attacker wants. */
const EXTRA: ExtraCase[] = [
  { asylum: 'PK', urgency: 'EMERGENCY', size: 2, partner: 'PD' },
  ...many(6, { asylum: 'PK', urgency: 'URGENT', size: 3 }),
  ...many(7, { asylum: 'PK', urgency: 'NORMAL', size: 2, partner: 'UNHCR' }),
  ...many(8, { asylum: 'NP', urgency: 'URGENT', size: 2 }),
  ...many(9, { asylum: 'NP', urgency: 'NORMAL', size: 3, partner: 'PD' }),
  ...many(6, { asylum: 'BD', urgency: 'URGENT', size: 1, partner: 'UNHCR' }),
  ...many(12, { asylum: 'BD', urgency: 'NORMAL', size: 2 }),
  ...many(2, { asylum: 'ZA', urgency: 'EMERGENCY', size: 1 }),
  ...many(5, { asylum: 'ZA', urgency: 'URGENT', size: 2, partner: 'PD' }),
  ...many(6, { asylum: 'ZA', urgency: 'NORMAL', size: 2 }),
  // Sri Lanka: five cases, but one family of nine among four people alone.
  { asylum: 'LK', urgency: 'NORMAL', size: 9 },
  ...many(4, { asylum: 'LK', urgency: 'NORMAL', size: 1 }),
];

let database: TestDatabase;
let server: TestServer;
let analyst: SignedIn;
/** The true number of cases per country and urgency, in plain SQL as the owner. */
let truth: Map<string, number>;
const cell = (country: string, urgency: string) => truth.get(`${country}|${urgency}`) ?? 0;
let countries: string[];

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database.db, { keyring: TEST_KEYRING });
  await addCases(database.db, EXTRA);
  server = await startTestServer(database);
  analyst = await signIn(server, 'analyst@ircc.demo');
  const rows = await queryRows<{ k: string; n: number }>(
    database.db,
    sql`SELECT c.country_of_asylum || '|' || c.urgency AS k, count(*)::int AS n FROM ${IRCC_CASES} c GROUP BY 1`,
  );
  truth = new Map(rows.map((r) => [r.k, Number(r.n)]));
  countries = [...new Set(rows.map((r) => r.k.split('|')[0] as string))].sort();
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

/** What the analyst knows without statistics: META counts of the cases they may list. */
async function knownTotal(urgency: Urgency[]): Promise<number> {
  const response = await analyst.graphql<{ cases: { totalCount: number } }>(
    'query Known($urgency: [Urgency!]) { cases(filter: { urgency: $urgency }, first: 0) { totalCount } }',
    { urgency },
  );
  const total = response.body.data?.cases.totalCount;
  if (total === undefined) throw new Error(JSON.stringify(response.body.errors));
  return total;
}

const byUrgency = (urgency: readonly Urgency[]): Condition[] => [{ dimension: 'URGENCY', values: [...urgency] }];

/**
 * The small groups (1 to 4 cases) whose exact count follows from the published equations: those
 * whose indicator lies in the equations' span (Gaussian elimination on the rows).
 */
function recoverableSmallGroups(
  columns: readonly string[],
  equations: ReadonlyArray<{ row: number[] }>,
  count: (column: string) => number,
): string[] {
  const rank = (rows: number[][]) => {
    const m = rows.map((r) => [...r]);
    let r = 0;
    for (let col = 0; col < columns.length && r < m.length; col++) {
      let pivot = r;
      while (pivot < m.length && Math.abs((m[pivot] as number[])[col] as number) < 1e-9) pivot++;
      if (pivot === m.length) continue;
      [m[r], m[pivot]] = [m[pivot] as number[], m[r] as number[]];
      const p = m[r] as number[];
      for (let i = 0; i < m.length; i++) {
        if (i === r) continue;
        const row = m[i] as number[];
        const f = (row[col] as number) / (p[col] as number);
        if (f !== 0) for (let j = col; j < columns.length; j++) row[j] = (row[j] as number) - f * (p[j] as number);
      }
      r++;
    }
    return r;
  };
  const rows = equations.map((e) => e.row);
  const base = rank(rows);
  const small = columns.filter((c) => count(c) > 0 && count(c) < T);
  expect(small.length).toBeGreaterThan(0);
  return small.filter((c) => rank([...rows, columns.map((k) => (k === c ? 1 : 0))]) === base);
}
describe(`differencing attacks on the suppressed statistics (${currentDriver()})`, () => {
  it('the data holds the trap: PK has exactly one EMERGENCY case, and naive per-query suppression would leak it', () => {
    expect(cell('PK', 'EMERGENCY')).toBe(1);
    // Both naive groups are at or above the threshold, so hiding only small groups would show
    // both, and their difference would be the one case.
    expect(cell('PK', 'EMERGENCY') + cell('PK', 'URGENT')).toBeGreaterThanOrEqual(T);
    expect(cell('PK', 'URGENT')).toBeGreaterThanOrEqual(T);
  });

  it('(b) filter [EMERGENCY, URGENT] minus filter [URGENT] never isolates fewer than 5 cases', async () => {
    const wide = byKey(await counts(analyst, ['COUNTRY_OF_ASYLUM'], byUrgency(['EMERGENCY', 'URGENT'])));
    const narrow = byKey(await counts(analyst, ['COUNTRY_OF_ASYLUM'], byUrgency(['URGENT'])));
    let compared = 0;
    for (const country of countries) {
      const a = wide.get(country);
      const b = narrow.get(country);
      if (typeof a === 'number') expect(a).toBe(cell(country, 'EMERGENCY') + cell(country, 'URGENT'));
      if (typeof b === 'number') expect(b).toBe(cell(country, 'URGENT'));
      if (typeof a === 'number' && typeof b === 'number') {
        compared++;
        const difference = a - b;
        expect(difference === 0 || difference >= T, `${country}: ${a} - ${b}`).toBe(true);
      }
    }
    // Some countries are shown in both (the attack is possible in form), PK is not.
    expect(compared).toBeGreaterThan(0);
    expect(typeof wide.get('PK') === 'number' && typeof narrow.get('PK') === 'number').toBe(false);
  });

  it('(a) a known total minus the groups shown leaves at least 5 cases over at least 2 hidden groups', async () => {
    for (const urgency of [['URGENT'], ['EMERGENCY', 'URGENT'], ['NORMAL'], [...URGENCIES]] as Urgency[][]) {
      const known = await knownTotal(urgency);
      const table = await counts(analyst, ['COUNTRY_OF_ASYLUM'], byUrgency(urgency));
      const hidden = known - table.total.cases;
      const hiddenCells = table.cells.filter((c) => c.suppressed);
      expect(hidden).toBe(hiddenCells.reduce((s, c) => s + urgency.reduce((n, u) => n + cell(keyOf(c), u), 0), 0));
      if (hidden > 0) {
        expect(hidden).toBeGreaterThanOrEqual(T);
        expect(hiddenCells.length).toBeGreaterThanOrEqual(2);
        // The hidden mass is never one hidden group's count.
        for (const c of hiddenCells) {
          expect(urgency.reduce((n, u) => n + cell(keyOf(c), u), 0)).toBeLessThan(hidden);
        }
      }
    }
  });

  it('(c) groupBy [COUNTRY] minus groupBy [COUNTRY, URGENCY] never isolates fewer than 5 cases', async () => {
    const one = byKey(await counts(analyst, ['COUNTRY_OF_ASYLUM']));
    const two = await counts(analyst, ['COUNTRY_OF_ASYLUM', 'URGENCY']);
    let shownCountries = 0;
    for (const country of countries) {
      const total = one.get(country);
      if (typeof total !== 'number') continue;
      shownCountries++;
      const row = two.cells.filter((c) => c.group[0]?.value === country);
      const shown = row.filter((c) => !c.suppressed).reduce((s, c) => s + (c.cases ?? 0), 0);
      const hidden = row.filter((c) => c.suppressed);
      expect(total - shown === 0 || total - shown >= T, `${country}: ${total} - ${shown}`).toBe(true);
      expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
    }
    expect(shownCountries).toBeGreaterThanOrEqual(4);
    // PK is shown as a country, and its EMERGENCY group is hidden together with another one.
    expect(one.get('PK')).toBe(14);
    const pk = two.cells.filter((c) => c.group[0]?.value === 'PK');
    expect(pk.find((c) => c.group[1]?.value === 'EMERGENCY')?.suppressed).toBe(true);
    expect(pk.filter((c) => c.suppressed).length).toBeGreaterThanOrEqual(2);
  });

  it('(d) no small group lies in the span of everything a battery of queries publishes, with the known totals', async () => {
    // Unknowns: one per country and urgency. Each published number is an equation over them.
    const columns = countries.flatMap((country) => URGENCIES.map((u) => `${country}|${u}`));
    const index = new Map(columns.map((c, i) => [c, i]));
    const equations: Array<{ row: number[]; value: number }> = [];
    const publish = (cells: Array<[string, Urgency]>, value: number) => {
      const row = new Array<number>(columns.length).fill(0);
      for (const [country, u] of cells) row[index.get(`${country}|${u}`) as number] = 1;
      equations.push({ row, value });
    };
    const subsets = [1, 2, 3, 4, 5, 6, 7].map((mask) => URGENCIES.filter((_, i) => (mask >> i) & 1));
    const queries: Array<{ groupBy: Dimension[]; filter?: Condition[] }> = [
      { groupBy: ['COUNTRY_OF_ASYLUM'] },
      { groupBy: ['COUNTRY_OF_ASYLUM', 'URGENCY'] },
      { groupBy: ['URGENCY', 'COUNTRY_OF_ASYLUM'] },
      ...subsets.map((s) => ({ groupBy: ['COUNTRY_OF_ASYLUM'] as Dimension[], filter: byUrgency(s) })),
      ...subsets.map((s) => ({ groupBy: ['COUNTRY_OF_ASYLUM', 'URGENCY'] as Dimension[], filter: byUrgency(s) })),
      ...countries.map((c) => ({
        groupBy: ['URGENCY'] as Dimension[],
        filter: [{ dimension: 'COUNTRY_OF_ASYLUM', values: [c] }] as Condition[],
      })),
      ...['PK', 'ZA'].flatMap((c) =>
        subsets.map((s) => ({
          groupBy: ['URGENCY'] as Dimension[],
          filter: [{ dimension: 'COUNTRY_OF_ASYLUM', values: [c] }, ...byUrgency(s)] as Condition[],
        })),
      ),
    ];
    let published = 0;
    for (const query of queries) {
      const table: CountTable = await counts(analyst, query.groupBy, query.filter);
      const selected = (query.filter?.find((f) => f.dimension === 'URGENCY')?.values ?? URGENCIES) as Urgency[];
      const countryFilter = query.filter?.find((f) => f.dimension === 'COUNTRY_OF_ASYLUM')?.values;
      for (const c of table.cells) {
        if (c.suppressed || c.cases === null) continue;
        published++;
        const country = c.group.find((g) => g.dimension === 'COUNTRY_OF_ASYLUM')?.value;
        const urgency = c.group.find((g) => g.dimension === 'URGENCY')?.value as Urgency | undefined;
        const inCountries = country ? [country] : (countryFilter as string[]);
        const inUrgencies = urgency ? [urgency] : selected;
        // Sanity: what is published is true.
        expect(c.cases).toBe(inCountries.reduce((s, k) => s + inUrgencies.reduce((n, u) => n + cell(k, u), 0), 0));
        publish(
          inCountries.flatMap((k) => inUrgencies.map((u) => [k, u] as [string, Urgency])),
          c.cases,
        );
      }
      // A group that is not listed at all is known to be empty.
      if (query.groupBy.length === 2 && !query.filter) {
        const listed = new Set(table.cells.map((c) => c.group.map((g) => g.value).join('|')));
        for (const country of countries) {
          for (const u of URGENCIES) {
            const key = query.groupBy[0] === 'URGENCY' ? `${u}|${country}` : `${country}|${u}`;
            if (!listed.has(key)) publish([[country, u]], 0);
          }
        }
      }
    }
    // What the analyst knows from the case list (META): totals per urgency, over every country.
    for (const u of URGENCIES) {
      publish(
        countries.map((k) => [k, u] as [string, Urgency]),
        await knownTotal([u]),
      );
    }
    expect(published).toBeGreaterThan(20);

    expect(recoverableSmallGroups(columns, equations, (c) => cell(...(c.split('|') as [string, string])))).toEqual([]);
    expect(columns).toContain('PK|EMERGENCY');
  });

  it('a family size does not give a case away: one family of 9 among 13 persons hides the group', async () => {
    const [lk] = await queryRows<{ n: number; p: number; m: number }>(
      database.db,
      sql`SELECT count(*)::int AS n, sum(size)::int AS p, max(size)::int AS m FROM ${IRCC_CASES} c
          WHERE c.country_of_asylum = 'LK'`,
    );
    expect([Number(lk?.n), Number(lk?.p), Number(lk?.m)]).toEqual([5, 13, 9]);
    const table = await counts(analyst, ['COUNTRY_OF_ASYLUM']);
    expect(table.cells.find((c) => keyOf(c) === 'LK')).toMatchObject({ suppressed: true, cases: null, persons: null });
    // The large groups are shown, with their persons.
    expect(table.cells.find((c) => keyOf(c) === 'BD')).toMatchObject({ suppressed: false, cases: 18, persons: 30 });
  });

  it('a filter narrowing to fewer than 5 cases suppresses the whole answer', async () => {
    const table = await counts(
      analyst,
      ['PARTNER'],
      [{ dimension: 'COUNTRY_OF_ASYLUM', values: ['PK'] }, ...byUrgency(['EMERGENCY'])],
    );
    expect(table.populationSuppressed).toBe(true);
    expect(table.cells.map((c) => [keyOf(c), c.suppressed, c.cases])).toEqual([['PD', true, null]]);
    expect(table.total).toEqual({ cases: 0, persons: 0 });
  });

  it('a hidden group stays hidden whichever filter selects around it', async () => {
    // ZA's two EMERGENCY cases: the same atoms are hidden however the question is put.
    for (const filter of [
      undefined,
      byUrgency(['EMERGENCY']),
      byUrgency(['EMERGENCY', 'NORMAL']),
      [{ dimension: 'COUNTRY_OF_ASYLUM' as const, values: ['ZA', 'PK'] }],
    ]) {
      const table = await counts(analyst, ['COUNTRY_OF_ASYLUM', 'URGENCY'], filter);
      const za = table.cells.find((c) => keyOf(c) === 'ZA|EMERGENCY');
      if (za) expect(za.suppressed).toBe(true);
    }
  });
});

describe(`a hidden group stays hidden in finer tables (${currentDriver()})`, () => {
  // Only these cases are IRCC's here (the demo referrals are withdrawn). By country: PK 2 (small),
  // BD 11 (the smallest shown, so hidden with PK), NP 12, LK 14. By country and urgency every
  // group but PK's has 5 or more cases, and the complementary picks there fall on NP and LK: were
  // BD's suppression not carried into the finer table, BD's two groups would be shown there,
  // their sum would be BD, and the known total minus BD, NP and LK would be PK's two cases.
  const POPULATION: ExtraCase[] = [
    ...many(2, { asylum: 'PK', urgency: 'NORMAL' }),
    ...many(6, { asylum: 'BD', urgency: 'URGENT', size: 2 }),
    ...many(5, { asylum: 'BD', urgency: 'NORMAL', size: 2 }),
    ...many(7, { asylum: 'NP', urgency: 'URGENT' }),
    ...many(5, { asylum: 'NP', urgency: 'NORMAL' }),
    ...many(5, { asylum: 'LK', urgency: 'URGENT' }),
    ...many(9, { asylum: 'LK', urgency: 'NORMAL' }),
  ];
  const COUNTRIES = ['BD', 'LK', 'NP', 'PK'];
  let db: TestDatabase;
  let api: TestServer;
  let session: SignedIn;
  const size = (country: string, urgency: string) =>
    POPULATION.filter((c) => c.asylum === country && c.urgency === urgency).length;

  beforeAll(async () => {
    db = await openTestDatabase();
    await seedDemo(db.db, { keyring: TEST_KEYRING });
    await db.db.execute(sql`UPDATE transfers SET status = 'WITHDRAWN', decided_at = coalesce(decided_at, now())
      WHERE kind = 'RESETTLEMENT_REFERRAL' AND status <> 'WITHDRAWN'`);
    await addCases(db.db, POPULATION);
    api = await startTestServer(db);
    session = await signIn(api, 'analyst@ircc.demo');
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  it('groupBy [COUNTRY], [COUNTRY, URGENCY] and the known totals do not give PK away', async () => {
    const columns = COUNTRIES.flatMap((country) => URGENCIES.map((u) => `${country}|${u}`));
    const equations: Array<{ row: number[] }> = [];
    const publish = (cells: string[]) => equations.push({ row: columns.map((k) => (cells.includes(k) ? 1 : 0)) });
    const one = await counts(session, ['COUNTRY_OF_ASYLUM']);
    expect(byKey(one)).toEqual(
      new Map([
        ['LK', 14],
        ['NP', 12],
        ['BD', null],
        ['PK', null],
      ]),
    );
    for (const c of one.cells) if (!c.suppressed) publish(URGENCIES.map((u) => `${keyOf(c)}|${u}`));
    const two = await counts(session, ['COUNTRY_OF_ASYLUM', 'URGENCY']);
    for (const c of two.cells) if (!c.suppressed) publish([keyOf(c)]);
    const listed = new Set(two.cells.map(keyOf));
    for (const k of columns) if (!listed.has(k)) publish([k]);
    for (const u of URGENCIES) publish(COUNTRIES.map((k) => `${k}|${u}`));
    publish(columns);
    // BD is hidden in the finer table too.
    expect(two.cells.filter((c) => c.group[0]?.value === 'BD').every((c) => c.suppressed)).toBe(true);
    expect(recoverableSmallGroups(columns, equations, (k) => size(...(k.split('|') as [string, string])))).toEqual([]);
  });
});
