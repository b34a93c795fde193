/**
 * Insecure direct object references, over HTTP against the seeded demo data (ACCESS.md, "How a
 * denial looks"): a case the caller has no relation to answers byte-for-byte like one that never
 * existed, whether asked by id, by a malformed id or by a guessed sequential reference; lists and
 * their totals never include or count it, under any filter, order or page.
 *
 * The expected sets come from the owner connection (no RLS): each case's relation to the caller's
 * organization (`relationSql`), and whether the caller's roles see that relation (`caseVisible`).
 */
import { randomUUID } from 'node:crypto';
import {
  CaseStatus,
  grantFor,
  HrdActivity,
  OrganizationKind,
  type Relation,
  type Role,
  schemaShows,
  Urgency,
} from '@hrd/schema';
import {
  caseVisible,
  DEMO_USERS,
  demoOrgId,
  queryRows,
  relationSql,
  seedDemo,
  type Viewer,
  visibleCasesCondition,
} from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { codeOf, type SignedIn, signIn } from '../support/session.js';

/** The users the IDOR probes run as: one of every kind of organization, and every role. */
const PROBED = [
  'caseworker@fld.demo',
  'caseworker@unhcr.demo',
  'intake@pd.demo',
  'admin@pd.demo',
  'referrer@civicshield.demo',
  'officer@ircc.demo',
  'analyst@ircc.demo',
] as const;

const CASE_BY_ID_WITH_REFERENCE = `query CaseById($id: ID!) {
  case(id: $id) { id reference status viewerRelation custodian { kind } transfers { kind status } }
}`;
/** For a role whose schema has no `reference` (issue #7: analysts; org admins see no case). */
const CASE_BY_ID_NO_REFERENCE = CASE_BY_ID_WITH_REFERENCE.replace(' reference ', ' ');
const CASE_BY_ID = CASE_BY_ID_WITH_REFERENCE;
const CASE_BY_REFERENCE = `query CaseByReference($reference: String!) {
  caseByReference(reference: $reference) { id reference status viewerRelation custodian { kind } transfers { kind status } }
}`;
const CASES = `query Cases($filter: CaseFilter, $orderBy: CaseOrder, $first: Int, $after: String) {
  cases(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id } }
  }
}`;

interface CasesAnswer {
  cases: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: { id: string } }>;
  } | null;
}

/** A seeded case as the owner sees it, with its relation to one viewer's organization. */
interface OwnerCase {
  id: string;
  reference: string;
  status: string;
  urgency: string;
  custodianKind: string;
  countryOfAsylum: string | null;
  activities: string[];
  createdAt: Date;
  referredAt: Date | null;
  relation: Relation | null;
}

interface CaseFilterInput {
  status?: string[];
  urgency?: string[];
  custodianKind?: string[];
  countryOfAsylum?: string[];
  activity?: string[];
  referencePrefix?: string;
  createdAfter?: string;
  createdBefore?: string;
  referredAfter?: string;
  referredBefore?: string;
}

function textArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  const text = String(value ?? '').replace(/^\{|\}$/g, '');
  return text ? text.split(',') : [];
}

const sorted = <T>(values: Iterable<T>): T[] => [...values].sort();

/** The filter, applied to the owner's rows in plain code: an oracle independent of the server's SQL. */
function matches(c: OwnerCase, filter: CaseFilterInput, roles: readonly Role[]): boolean {
  if (filter.status && !filter.status.includes(c.status)) return false;
  if (filter.urgency && !filter.urgency.includes(c.urgency)) return false;
  if (filter.custodianKind && !filter.custodianKind.includes(c.custodianKind)) return false;
  if (filter.countryOfAsylum) {
    // QUASI: matches only where the caller may read QUASI per case.
    const grant = grantFor(c.relation, roles, 'QUASI');
    if (grant !== 'read' && grant !== 'write') return false;
    const codes = filter.countryOfAsylum.map((code) => code.trim().toUpperCase());
    if (!c.countryOfAsylum || !codes.includes(c.countryOfAsylum)) return false;
  }
  if (filter.activity && !c.activities.some((a) => filter.activity?.includes(a))) return false;
  if (filter.referencePrefix !== undefined && !c.reference.startsWith(filter.referencePrefix)) return false;
  if (filter.createdAfter && c.createdAt < new Date(filter.createdAfter)) return false;
  if (filter.createdBefore && c.createdAt >= new Date(filter.createdBefore)) return false;
  if (filter.referredAfter && (!c.referredAt || c.referredAt < new Date(filter.referredAfter))) return false;
  if (filter.referredBefore && (!c.referredAt || c.referredAt >= new Date(filter.referredBefore))) return false;
  return true;
}

// Hundreds of requests per test on a shared runner: a larger budget than vitest's default 5 s.
describe(`IDOR and list leaks over HTTP on ${currentDriver()}`, { timeout: 30_000 }, () => {
  let database: TestDatabase;
  let server: TestServer;
  const viewers = new Map<string, Viewer>();
  const ownerCases = new Map<string, OwnerCase[]>();
  const sessions = new Map<string, SignedIn>();
  let countries: string[] = [];

  const viewerOf = (email: string): Viewer => {
    const viewer = viewers.get(email);
    if (!viewer) throw new Error(`no viewer for ${email}`);
    return viewer;
  };
  const casesOf = (email: string): OwnerCase[] => ownerCases.get(email) ?? [];
  const visibleOf = (email: string): OwnerCase[] =>
    casesOf(email).filter((c) => c.relation !== null && caseVisible(viewerOf(email), c.relation));
  const invisibleOf = (email: string): OwnerCase[] => {
    const visible = new Set(visibleOf(email).map((c) => c.id));
    return casesOf(email).filter((c) => !visible.has(c.id));
  };
  /** Whether the caller's schema has references (issue #7: not analysts). */
  const readsReferences = (email: string) => schemaShows(viewerOf(email).roles, 'REFERENCE');
  const readsQuasi = (email: string) => schemaShows(viewerOf(email).roles, 'QUASI');
  const session = (email: string): SignedIn => {
    const s = sessions.get(email);
    if (!s) throw new Error(`no session for ${email}`);
    return s;
  };

  /** The raw HTTP answer: status and the exact bytes of the body. */
  async function raw(email: string, query: string, variables: Record<string, unknown>) {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session(email).token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, text: await response.text() };
  }

  const listCases = (email: string, variables: Record<string, unknown>) =>
    session(email).graphql<CasesAnswer>(CASES, variables);

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
    const users = await queryRows<{ id: string; email: string; organization_id: string; kind: string; roles: unknown }>(
      database.db,
      sql`SELECT u.id, u.email, u.organization_id, o.kind, u.roles FROM users u JOIN organizations o ON o.id = u.organization_id`,
    );
    for (const demo of DEMO_USERS) {
      const user = users.find((u) => u.email === demo.email);
      if (!user) throw new Error(`demo user ${demo.email} missing`);
      const viewer: Viewer = {
        userId: user.id,
        email: user.email,
        displayName: user.email,
        organizationId: user.organization_id,
        organizationKind: user.kind as Viewer['organizationKind'],
        roles: textArray(user.roles) as Role[],
        via: { kind: 'session', sessionId: 'idor-test' },
      };
      viewers.set(demo.email, viewer);
      const rows = await queryRows<{
        id: string;
        reference: string;
        status: string;
        urgency: string;
        custodian_kind: string;
        country_of_asylum: string | null;
        activities: unknown;
        created_at: Date | string;
        referred_at: Date | string | null;
        relation: Relation | null;
        app_visible: boolean;
      }>(
        database.db,
        sql`SELECT cases.id, cases.reference, cases.status, cases.urgency, o.kind AS custodian_kind,
                   cases.country_of_asylum, cases.activities, cases.created_at, cases.referred_at,
                   ${relationSql(viewer)} AS relation, coalesce(${visibleCasesCondition(viewer)}, false) AS app_visible
              FROM cases JOIN organizations o ON o.id = cases.custodian_id
             ORDER BY cases.reference`,
      );
      const list = rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        status: r.status,
        urgency: r.urgency,
        custodianKind: r.custodian_kind,
        countryOfAsylum: r.country_of_asylum,
        activities: textArray(r.activities),
        createdAt: new Date(r.created_at),
        referredAt: r.referred_at === null ? null : new Date(r.referred_at),
        relation: r.relation ?? null,
      }));
      // The application's SQL filter and the policy module agree on who sees what.
      const visibleBySql = sorted(rows.filter((r) => r.app_visible).map((r) => r.id));
      const visibleByPolicy = sorted(
        list.filter((c) => c.relation !== null && caseVisible(viewer, c.relation)).map((c) => c.id),
      );
      if (JSON.stringify(visibleBySql) !== JSON.stringify(visibleByPolicy)) {
        throw new Error(`visibleCasesCondition and caseVisible disagree for ${demo.email}`);
      }
      ownerCases.set(demo.email, list);
    }
    countries = sorted(
      new Set(casesOf('caseworker@fld.demo').flatMap((c) => (c.countryOfAsylum ? [c.countryOfAsylum] : []))),
    );
    for (const email of PROBED) sessions.set(email, await signIn(server, email));
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  describe('case(id:) and caseByReference: a foreign case answers exactly like a missing one', () => {
    for (const email of PROBED) {
      it(`${email}: every foreign id, random UUIDs and malformed ids give the same bytes`, async () => {
        const CASE_BY_ID = readsReferences(email) ? CASE_BY_ID_WITH_REFERENCE : CASE_BY_ID_NO_REFERENCE;
        const foreign = invisibleOf(email);
        expect(foreign.length, 'cases of other organizations exist').toBeGreaterThan(0);
        const baseline = await raw(email, CASE_BY_ID, { id: randomUUID() });
        const body = JSON.parse(baseline.text);
        expect(body).toEqual({
          data: { case: null },
          errors: [
            {
              message: expect.any(String),
              locations: expect.any(Array),
              path: ['case'],
              extensions: { code: 'NOT_FOUND' },
            },
          ],
        });
        const probes: unknown[] = [
          ...foreign.map((c) => c.id),
          ...foreign.slice(0, 3).map((c) => c.id.toUpperCase()),
          randomUUID(),
          '00000000-0000-0000-0000-000000000000',
          '1 OR 1=1',
          "' OR '1'='1",
          '../../etc/passwd',
          `${foreign[0]?.id}' OR 'a'='a`,
          ` ${foreign[0]?.id} `,
          '',
          'null',
          'x'.repeat(5000),
          42,
        ];
        for (const id of probes) {
          const answer = await raw(email, CASE_BY_ID, { id });
          expect({ status: answer.status, text: answer.text }, `case(id: ${String(id).slice(0, 60)})`).toEqual({
            status: baseline.status,
            text: baseline.text,
          });
        }
        // Not vacuous: the same query returns a case the caller does see (an ORG_ADMIN sees none).
        const own = visibleOf(email)[0];
        if (email === 'admin@pd.demo') {
          expect(own).toBeUndefined();
        } else {
          expect(own).toBeDefined();
          const found = await session(email).graphql<{ case: { id: string } | null }>(CASE_BY_ID, {
            id: own?.id.toUpperCase(),
          });
          expect(found.body.errors).toBeUndefined();
          expect(found.body.data?.case?.id).toBe(own?.id);
        }
      });

      it(`${email}: foreign references and nonexistent ones give the same bytes`, async () => {
        const foreign = invisibleOf(email);
        const baseline = await raw(email, CASE_BY_REFERENCE, { reference: 'UNHCR-2025-9999' });
        if (!readsReferences(email)) {
          // Not in the role's schema (issue #7): refused before it runs, own references alike.
          expect(baseline.status).toBe(400);
          expect(
            JSON.parse(baseline.text).errors.map((e: { extensions: { code: string } }) => e.extensions.code),
          ).toEqual(['GRAPHQL_VALIDATION_FAILED']);
          for (const c of [...foreign, ...visibleOf(email)]) {
            expect(await raw(email, CASE_BY_REFERENCE, { reference: c.reference })).toEqual(baseline);
          }
          return;
        }
        expect(JSON.parse(baseline.text)).toEqual({
          data: { caseByReference: null },
          errors: [
            {
              message: expect.any(String),
              locations: expect.any(Array),
              path: ['caseByReference'],
              extensions: { code: 'NOT_FOUND' },
            },
          ],
        });
        const probes = [
          ...foreign.map((c) => c.reference),
          ...foreign.slice(0, 3).map((c) => ` ${c.reference.toLowerCase()} `),
          'FLD-1999-0001',
          'PD-2026-9999',
          "UNHCR-2025-0001' OR '1'='1",
          '%',
          'UNHCR-2025-000_',
          '',
          'X'.repeat(65),
        ];
        for (const reference of probes) {
          const answer = await raw(email, CASE_BY_REFERENCE, { reference });
          expect({ status: answer.status, text: answer.text }, `caseByReference(${reference.slice(0, 60)})`).toEqual({
            status: baseline.status,
            text: baseline.text,
          });
        }
        const own = visibleOf(email)[0];
        if (own) {
          const found = await session(email).graphql<{ caseByReference: { id: string } | null }>(CASE_BY_REFERENCE, {
            reference: ` ${own.reference.toLowerCase()} `,
          });
          expect(found.body.data?.caseByReference?.id).toBe(own.id);
        }
      });
    }

    it('FLD guessing UNHCR-2025-0001..0005 (real UNHCR cases) learns nothing', async () => {
      const email = 'caseworker@fld.demo';
      const guesses = ['0001', '0002', '0003', '0004', '0005'].map((n) => `UNHCR-2025-${n}`);
      const all = casesOf(email);
      for (const reference of guesses) {
        const c = all.find((x) => x.reference === reference);
        expect(c, `${reference} is seeded`).toBeDefined();
        expect(c?.custodianKind).toBe('UNHCR');
        expect(c?.relation).toBeNull();
      }
      const missing = await raw(email, CASE_BY_REFERENCE, { reference: 'UNHCR-2025-0999' });
      for (const reference of guesses) {
        expect(await raw(email, CASE_BY_REFERENCE, { reference })).toEqual(missing);
      }
      const byId = await raw(email, CASE_BY_ID, { id: randomUUID() });
      for (const reference of guesses) {
        const id = all.find((x) => x.reference === reference)?.id;
        expect(await raw(email, CASE_BY_ID, { id })).toEqual(byId);
      }
      // The UNHCR caseworker, for contrast, finds each of them.
      for (const reference of guesses) {
        const found = await session('caseworker@unhcr.demo').graphql<{ caseByReference: { reference: string } }>(
          CASE_BY_REFERENCE,
          { reference },
        );
        expect(found.body.data?.caseByReference?.reference).toBe(reference);
      }
    });
  });

  it('auditTrail(caseId:) of a foreign case answers like a missing or malformed id', async () => {
    const AUDIT = 'query Trail($caseId: ID!) { auditTrail(caseId: $caseId) { events { seq action } nextCursor } }';
    for (const email of ['caseworker@fld.demo', 'referrer@civicshield.demo', 'officer@ircc.demo']) {
      const missing = await raw(email, AUDIT, { caseId: randomUUID() });
      expect(JSON.parse(missing.text).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      for (const caseId of [...invisibleOf(email).map((c) => c.id), '1 OR 1=1']) {
        expect(await raw(email, AUDIT, { caseId }), `${email} ${caseId}`).toEqual(missing);
      }
    }
  });

  describe('cases: lists and totals never include nor count a foreign case', () => {
    const FILTERS: ReadonlyArray<[string, () => CaseFilterInput]> = [
      ['no filter', () => ({})],
      ['every status', () => ({ status: [...CaseStatus.values] })],
      ['DRAFT', () => ({ status: ['DRAFT'] })],
      ['referred statuses', () => ({ status: ['REFERRED', 'APPROVED', 'REFUSED', 'ARRIVED'] })],
      ['EMERGENCY or URGENT', () => ({ urgency: ['EMERGENCY', 'URGENT'] })],
      ['every urgency', () => ({ urgency: [...Urgency.values] })],
      ['held by UNHCR', () => ({ custodianKind: ['UNHCR'] })],
      ['held by anyone', () => ({ custodianKind: [...OrganizationKind.values] })],
      ['UNHCR references', () => ({ referencePrefix: 'UNHCR-' })],
      ['FLD references', () => ({ referencePrefix: 'FLD-' })],
      ['a LIKE wildcard as prefix', () => ({ referencePrefix: '%' })],
      ['an underscore prefix', () => ({ referencePrefix: '_' })],
      ['every activity', () => ({ activity: [...HrdActivity.values] })],
      ['created since 2000', () => ({ createdAfter: '2000-01-01T00:00:00.000Z' })],
      [
        'created in 2025',
        () => ({ createdAfter: '2025-01-01T00:00:00.000Z', createdBefore: '2026-01-01T00:00:00.000Z' }),
      ],
      ['referred since 2000', () => ({ referredAfter: '2000-01-01T00:00:00.000Z' })],
      ['referred before 2026', () => ({ referredBefore: '2026-01-01T00:00:00.000Z' })],
      ['every country of asylum', () => ({ countryOfAsylum: countries })],
      [
        'UNHCR- or PD-held, every status, FLD references',
        () => ({ custodianKind: ['UNHCR', 'PD'], status: [...CaseStatus.values], referencePrefix: 'FLD-' }),
      ],
      [
        'every country, held by UNHCR, every urgency',
        () => ({ countryOfAsylum: countries, custodianKind: ['UNHCR'], urgency: [...Urgency.values] }),
      ],
      [
        'lowercase country, referred',
        () => ({ countryOfAsylum: countries.map((c) => c.toLowerCase()), referredAfter: '2000-01-01T00:00:00.000Z' }),
      ],
    ];

    for (const email of PROBED) {
      it(`${email}: under every filter, exactly the visible matching cases, and totalCount says how many`, async () => {
        const viewer = viewerOf(email);
        const visible = visibleOf(email);
        const invisible = new Set(invisibleOf(email).map((c) => c.id));
        expect(visible.length).toBeLessThan(100);
        let nonEmpty = 0;
        for (const [label, make] of FILTERS) {
          const filter = make();
          const response = await listCases(email, { filter, first: 100 });
          if (
            (filter.referencePrefix !== undefined && !readsReferences(email)) ||
            (filter.countryOfAsylum !== undefined && !readsQuasi(email))
          ) {
            // A filter on a class the role never reads per case is not in its schema (issue #7):
            // the variable does not coerce, and nothing runs.
            expect(response.status, label).toBe(400);
            expect(response.body.data, label).toBeUndefined();
            expect(
              response.body.errors?.map((e) => e.extensions?.code),
              label,
            ).toEqual(['BAD_USER_INPUT']);
            continue;
          }
          expect(response.body.errors, label).toBeUndefined();
          const connection = response.body.data?.cases;
          const ids = (connection?.edges ?? []).map((e) => e.node.id);
          const expected = sorted(visible.filter((c) => matches(c, filter, viewer.roles)).map((c) => c.id));
          expect(
            ids.filter((id) => invisible.has(id)),
            `${label}: foreign cases listed`,
          ).toEqual([]);
          expect(sorted(ids), label).toEqual(expected);
          expect(connection?.totalCount, `${label}: totalCount`).toBe(expected.length);
          expect(new Set(ids).size, `${label}: duplicates`).toBe(ids.length);
          if (ids.length) nonEmpty += 1;
        }
        if (email === 'admin@pd.demo') {
          expect(nonEmpty).toBe(0);
        } else {
          expect(nonEmpty).toBeGreaterThan(5);
        }
      });
    }

    it('FLD filtering by UNHCR references or custody finds only the UNHCR cases FLD has a relation to', async () => {
      const email = 'caseworker@fld.demo';
      const unhcrRefs = casesOf(email).filter((c) => c.reference.startsWith('UNHCR-'));
      expect(unhcrRefs.length).toBeGreaterThanOrEqual(15);
      const byPrefix = await listCases(email, { filter: { referencePrefix: 'UNHCR-' }, first: 100 });
      expect(byPrefix.body.data?.cases?.totalCount).toBe(0);
      expect(byPrefix.body.data?.cases?.edges).toEqual([]);
      // Held by UNHCR: only the ones FLD offered and UNHCR accepted (FLD is FORMER), never UNHCR's own.
      const held = await listCases(email, { filter: { custodianKind: ['UNHCR'] }, first: 100 });
      const ids = new Set((held.body.data?.cases?.edges ?? []).map((e) => e.node.id));
      const heldCases = casesOf(email).filter((c) => ids.has(c.id));
      expect(heldCases.length).toBeGreaterThan(0);
      expect(heldCases.every((c) => c.relation === 'FORMER' && c.reference.startsWith('FLD-'))).toBe(true);
      expect(held.body.data?.cases?.totalCount).toBe(heldCases.length);
    });

    for (const email of PROBED) {
      it(`${email}: paging with \`after\` returns every visible case exactly once, in every order`, async () => {
        const visible = sorted(visibleOf(email).map((c) => c.id));
        for (const orderBy of ['CREATED_DESC', 'CREATED_ASC', 'UPDATED_DESC', 'URGENCY']) {
          const seen: string[] = [];
          let after: string | null = null;
          for (let page = 0; page < 50; page += 1) {
            const response = await listCases(email, { orderBy, first: 7, after });
            expect(response.body.errors, `${orderBy} page ${page}`).toBeUndefined();
            const connection = response.body.data?.cases;
            if (!connection) throw new Error('no connection');
            expect(connection.totalCount).toBe(visible.length);
            seen.push(...connection.edges.map((e) => e.node.id));
            if (!connection.pageInfo.hasNextPage) break;
            after = connection.pageInfo.endCursor;
            expect(after).toBeTruthy();
          }
          expect(seen.length, `${orderBy}: each case once`).toBe(new Set(seen).size);
          expect(sorted(seen), orderBy).toEqual(visible);
        }
      });
    }

    it('a cursor past the end, or forged, leaks nothing', async () => {
      const email = 'caseworker@fld.demo';
      const far = Buffer.from('o:100000').toString('base64url');
      const past = await listCases(email, { first: 100, after: far });
      expect(past.body.data?.cases?.edges).toEqual([]);
      expect(past.body.data?.cases?.totalCount).toBe(visibleOf(email).length);
      for (const after of [
        'not-a-cursor',
        Buffer.from("o:1' OR '1'='1").toString('base64url'),
        Buffer.from('o:-1').toString('base64url'),
      ]) {
        const bad = await listCases(email, { first: 10, after });
        expect(codeOf(bad), after).toBe('BAD_USER_INPUT');
        expect(bad.body.data ?? null).toBeNull();
      }
    });

    it('first: 101 (and a negative first) is BAD_USER_INPUT, and lists nothing', async () => {
      for (const first of [101, 1000, -1]) {
        const response = await listCases('caseworker@fld.demo', { first });
        expect(codeOf(response), String(first)).toBe('BAD_USER_INPUT');
        expect(response.body.errors?.[0]?.extensions?.paths).toEqual([['first']]);
        expect(response.body.data ?? null).toBeNull();
      }
      const hundred = await listCases('caseworker@fld.demo', { first: 100 });
      expect(hundred.body.errors).toBeUndefined();
    });
  });

  describe('the analyst', () => {
    const ANALYST = 'analyst@ircc.demo';

    it('lists only the referred cases (referral pending or accepted), whatever their partner status', async () => {
      const referred = await queryRows<{ id: string; status: string }>(
        database.db,
        sql`SELECT c.id, c.status FROM cases c
             WHERE EXISTS (SELECT 1 FROM transfers t WHERE t.case_id = c.id
                             AND t.kind = 'RESETTLEMENT_REFERRAL' AND t.status IN ('PENDING', 'ACCEPTED'))`,
      );
      expect(referred.length).toBeGreaterThan(20);
      expect(sorted(new Set(referred.map((r) => r.status)))).toEqual(
        sorted(['REFERRED', 'APPROVED', 'REFUSED', 'ARRIVED']),
      );
      const response = await listCases(ANALYST, { first: 100 });
      expect(response.body.errors).toBeUndefined();
      const ids = (response.body.data?.cases?.edges ?? []).map((e) => e.node.id);
      expect(sorted(ids)).toEqual(sorted(referred.map((r) => r.id)));
      expect(response.body.data?.cases?.totalCount).toBe(referred.length);
      // Every other case exists and is hidden: drafts, assessments, transfers between partners.
      const [all] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM cases`);
      expect(all?.n).toBeGreaterThan(referred.length);
    });

    it("filtering by countryOfAsylum is not in the analyst's schema (QUASI is aggregate-only); the officer finds them", async () => {
      const referredCountries = sorted(
        new Set(
          casesOf(ANALYST)
            .filter((c) => c.relation === 'IRCC' && c.countryOfAsylum)
            .map((c) => c.countryOfAsylum as string),
        ),
      );
      expect(referredCountries.length).toBeGreaterThan(0);
      // The same refusal, whatever the country: nothing runs, nothing to learn by trying them.
      for (const country of [...referredCountries, 'ZZ']) {
        const answer = await listCases(ANALYST, { filter: { countryOfAsylum: [country] }, first: 100 });
        expect(answer.status, country).toBe(400);
        expect(answer.body.data, country).toBeUndefined();
        expect(
          answer.body.errors?.map((e) => e.extensions?.code),
          country,
        ).toEqual(['BAD_USER_INPUT']);
      }
      const inline = await session(ANALYST).graphql(
        `{ cases(filter: { countryOfAsylum: ["${referredCountries[0]}"] }) { totalCount } }`,
      );
      expect(inline.status).toBe(400);
      expect(inline.body.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      const officer = await listCases('officer@ircc.demo', {
        filter: { countryOfAsylum: referredCountries },
        first: 100,
      });
      expect(officer.body.data?.cases?.totalCount).toBe(
        casesOf('officer@ircc.demo').filter((c) => c.relation === 'IRCC' && c.countryOfAsylum).length,
      );
      expect(officer.body.data?.cases?.totalCount).toBeGreaterThan(0);
    });

    it('asking for countryOfAsylum or reference on a listed case is refused before it runs (not in the schema)', async () => {
      for (const field of ['countryOfAsylum', 'reference']) {
        const response = await session(ANALYST).graphql(`{ cases(first: 3) { edges { node { id ${field} } } } }`);
        expect(response.status, field).toBe(400);
        expect(response.body.data, field).toBeUndefined();
        expect(
          response.body.errors?.map((e) => e.extensions?.code),
          field,
        ).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      }
      // The same META row without them answers.
      const ok = await session(ANALYST).graphql<{ cases: { edges: unknown[] } }>(
        '{ cases(first: 3) { edges { node { id status urgency size } } } }',
      );
      expect(ok.body.errors).toBeUndefined();
      expect(ok.body.data?.cases.edges).toHaveLength(3);
    });
  });

  it('the FLD organization exists under its deterministic id (sanity for the fixtures)', () => {
    expect(viewerOf('caseworker@fld.demo').organizationId).toBe(demoOrgId('FLD'));
  });
});
