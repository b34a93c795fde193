/**
 * Row-level security, the second wall (ACCESS.md, "Defense in depth"), on the seeded demo data.
 *
 * Every statement marked "as the caller" runs in a transaction that enters the caller's scope
 * exactly as a GraphQL request does (`enterCallerScope`: role hrd_app and the caller's settings),
 * with NO application filter at all, and is rolled back afterwards. What it returns is compared
 * with what the application decides, computed on the owner connection (which bypasses RLS): the
 * application's own case filter (`visibleCasesCondition`), its relation (`relationSql`) and the
 * policy module (`can`). If a policy were dropped or loosened, a foreign row would appear here.
 */
import { FieldClass, grantFor, type OrganizationKind, Relation, Role } from '@hrd/schema';
import {
  can,
  type Database,
  DEMO_USERS,
  demoOrgId,
  demoUserId,
  enterCallerScope,
  queryRows,
  relationSql,
  seedDemo,
  type Viewer,
  visibleCasesCondition,
} from '@hrd/server';
import { type SQL, sql, TransactionRollbackError } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { custodianAgreement } from '../support/custodian.js';
import { currentDriver, dbFailure, openTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_KEYRING } from '../support/server.js';

/** A case as the owner sees it, with its relation to one viewer's organization. */
type OwnerCase = {
  id: string;
  reference: string;
  custodian_id: string;
  origin_id: string;
  status: string;
  urgency: string;
  relation: Relation | null;
  officer: string | null;
};

/** The case-scoped tables, the field class each one's rows belong to, and a key per row. */
const CLASS_TABLES: ReadonlyArray<{ table: string; key: string; fieldClass: FieldClass }> = [
  { table: 'persons', key: 'id::text', fieldClass: 'IDENTITY' },
  { table: 'charges', key: 'id::text', fieldClass: 'CHARGES' },
  { table: 'assessments', key: 'case_id::text', fieldClass: 'ASSESSMENT' },
  { table: 'assessment_answers', key: "case_id::text || ':' || criterion", fieldClass: 'ASSESSMENT' },
  { table: 'transfers', key: 'id::text', fieldClass: 'META' },
  { table: 'immigration_files', key: 'case_id::text', fieldClass: 'META' },
  { table: 'immigration_checks', key: 'id::text', fieldClass: 'IRCC_INTERNAL' },
  { table: 'decision_cited_charges', key: "case_id::text || ':' || charge_id::text", fieldClass: 'IRCC_INTERNAL' },
];

const sorted = <T>(values: Iterable<T>): T[] => [...values].sort();

/** A text[] as either driver hands it over. */
function textArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  const text = String(value ?? '').replace(/^\{|\}$/g, '');
  return text ? text.split(',') : [];
}

describe(`row-level security on ${currentDriver()}`, { timeout: 30_000 }, () => {
  let database: TestDatabase;
  const viewers = new Map<string, Viewer>();
  /** Per viewer email: every seeded case with its relation, as the owner computes it. */
  const ownerCases = new Map<string, OwnerCase[]>();

  const owner = <T extends Record<string, unknown>>(query: SQL) => queryRows<T>(database.db, query);

  /**
   * Runs `fn` as the caller (role hrd_app, the caller's settings), then rolls everything back.
   * A database error inside `fn` is thrown as is (for `dbFailure`).
   */
  async function asCaller<T>(viewer: Viewer | null, fn: (tx: Database) => Promise<T>): Promise<T> {
    let result: { value: T } | undefined;
    await database.db
      .transaction(async (tx) => {
        const scoped = tx as unknown as Database;
        await enterCallerScope(scoped, viewer, 10_000);
        result = { value: await fn(scoped) };
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
    if (!result) throw new Error('the caller transaction ended without a result');
    return result.value;
  }

  /** Inside a caller transaction: back to the session's own role, to look at the effect as the owner. */
  async function ownerView<T extends Record<string, unknown>>(tx: Database, query: SQL): Promise<T[]> {
    await tx.execute(sql`RESET ROLE`);
    return queryRows<T>(tx, query);
  }

  const viewerOf = (email: string): Viewer => {
    const viewer = viewers.get(email);
    if (!viewer) throw new Error(`no viewer for ${email}`);
    return viewer;
  };
  const casesOf = (email: string): OwnerCase[] => ownerCases.get(email) ?? [];

  /** The application's own filter, alone (the owner bypasses RLS). */
  async function appVisibleIds(viewer: Viewer): Promise<string[]> {
    const rows = await owner<{ id: string }>(sql`SELECT cases.id FROM cases WHERE ${visibleCasesCondition(viewer)}`);
    return sorted(rows.map((r) => r.id));
  }

  /** One seeded case by reference (owner). */
  async function caseByRef(
    reference: string,
  ): Promise<{ id: string; custodian: string; origin: string; urgency: string }> {
    const [row] = await owner<{ id: string; custodian: string; origin: string; urgency: string }>(
      sql`SELECT id, custodian_id AS custodian, origin_id AS origin, urgency FROM cases WHERE reference = ${reference}`,
    );
    if (!row) throw new Error(`seeded case ${reference} missing`);
    return row;
  }

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    // The viewers, built from the seeded users and organizations (as the context factory would).
    const users = await owner<{
      id: string;
      email: string;
      display_name: string;
      organization_id: string;
      kind: OrganizationKind;
      roles: unknown;
    }>(
      sql`SELECT u.id, u.email, u.display_name, u.organization_id, o.kind, u.roles
            FROM users u JOIN organizations o ON o.id = u.organization_id`,
    );
    for (const demo of DEMO_USERS) {
      const user = users.find((u) => u.email === demo.email);
      if (!user) throw new Error(`demo user ${demo.email} missing`);
      const viewer: Viewer = {
        userId: user.id,
        email: user.email,
        displayName: user.display_name,
        organizationId: user.organization_id,
        organizationKind: user.kind,
        roles: textArray(user.roles) as Role[],
        via: { kind: 'session', sessionId: 'rls-test' },
      };
      viewers.set(demo.email, viewer);
      ownerCases.set(
        demo.email,
        await owner<OwnerCase>(
          sql`SELECT cases.id, cases.reference, cases.custodian_id, cases.origin_id, cases.status, cases.urgency,
                     ${relationSql(viewer)} AS relation,
                     (SELECT f.assigned_officer_id FROM immigration_files f WHERE f.case_id = cases.id) AS officer
                FROM cases ORDER BY cases.reference`,
        ),
      );
    }
  });
  afterAll(async () => {
    await database?.close();
  });

  it('builds each viewer from the seed: the deterministic ids, one role each', () => {
    for (const demo of DEMO_USERS) {
      const viewer = viewerOf(demo.email);
      expect(viewer.userId).toBe(demoUserId(demo.email));
      expect(viewer.organizationId).toBe(demoOrgId(demo.org));
      expect(viewer.roles).toEqual([demo.role]);
    }
    expect(casesOf('caseworker@fld.demo').length).toBeGreaterThan(40);
  });

  describe('the database and the application agree on the rules', () => {
    it('access_grants holds exactly grantFor(relation, [role], class) for every relation × role × class', async () => {
      const rows = await owner<{ relation: string; role: string; field_class: string; grant: string }>(
        sql`SELECT relation, role, field_class, "grant" FROM access_grants`,
      );
      const actual = sorted(rows.map((r) => `${r.relation}|${r.role}|${r.field_class}|${r.grant}`));
      const expected = sorted(
        Relation.flatMap((relation) =>
          Role.values.flatMap((role) =>
            FieldClass.map(
              (fieldClass) => `${relation}|${role}|${fieldClass}|${grantFor(relation, [role], fieldClass)}`,
            ),
          ),
        ),
      );
      expect(actual).toHaveLength(Relation.length * Role.values.length * FieldClass.length);
      expect(actual).toEqual(expected);
      // Not vacuous: the table grants something, and denies something.
      expect(rows.some((r) => r.grant === 'write')).toBe(true);
      expect(rows.some((r) => r.grant === 'none')).toBe(true);
    });

    it('hrd_case_relation() in the caller scope equals relationSql(viewer), for every demo user and seeded case', async () => {
      const seen = new Set<string>();
      for (const demo of DEMO_USERS) {
        const viewer = viewerOf(demo.email);
        const all = casesOf(demo.email);
        // The ids come from the owner: under RLS the caller could not even list the cases it has no relation to.
        const values = sql.join(
          all.map((c) => sql`(${c.id}::uuid, ${c.custodian_id}::uuid, ${c.origin_id}::uuid)`),
          sql`, `,
        );
        const inScope = await asCaller(viewer, (tx) =>
          queryRows<{ id: string; relation: Relation | null; by_id: Relation | null }>(
            tx,
            sql`SELECT v.id::text AS id, hrd_case_relation(v.id, v.custodian, v.origin) AS relation,
                       hrd_case_relation_by_id(v.id) AS by_id
                  FROM (VALUES ${values}) AS v(id, custodian, origin)`,
          ),
        );
        const app = Object.fromEntries(all.map((c) => [c.id, c.relation ?? null]));
        const db = Object.fromEntries(inScope.map((r) => [r.id, r.relation ?? null]));
        const dbById = Object.fromEntries(inScope.map((r) => [r.id, r.by_id ?? null]));
        expect(db, demo.email).toEqual(app);
        expect(dbById, demo.email).toEqual(app);
        for (const relation of Object.values(app)) seen.add(String(relation));
      }
      // Every relation, and no relation, occurs in the seed: the comparison covered each branch.
      expect(sorted(seen)).toEqual(sorted([...Relation, 'null']));
    });

    it('hrd_can_with(…, hrd_caller_grants(class)) answers as hrd_can, for every demo user, case, class and operation', async () => {
      const outcomes = new Set<string>();
      for (const demo of DEMO_USERS) {
        const viewer = viewerOf(demo.email);
        const ids = sql.join(
          casesOf(demo.email).map((c) => sql`${c.id}::uuid`),
          sql`, `,
        );
        const rows = await asCaller(viewer, (tx) =>
          queryRows<{ id: string; class: string; write: boolean; plain: boolean; with_grants: boolean }>(
            tx,
            sql`SELECT v.id::text AS id, k.class, w.write,
                       hrd_can(v.id, k.class, w.write) AS plain,
                       hrd_can_with(v.id, k.class, w.write, hrd_caller_grants(k.class)) AS with_grants
                  FROM unnest(ARRAY[${ids}]) AS v(id),
                       unnest(${sql.param([...FieldClass])}::text[]) AS k(class),
                       unnest(ARRAY[false, true]) AS w(write)`,
          ),
        );
        expect(rows.length, demo.email).toBe(casesOf(demo.email).length * FieldClass.length * 2);
        const differing = rows.filter((r) => r.plain !== r.with_grants);
        expect(differing, demo.email).toEqual([]);
        for (const r of rows) outcomes.add(`${r.write}:${r.plain}`);
      }
      // Both answers occur, for reads and for writes: the comparison was not vacuous.
      expect(sorted(outcomes)).toEqual(['false:false', 'false:true', 'true:false', 'true:true']);
    });

    it('hrd_relation_grants answers as the access matrix, for every demo user, relation, class and operation', async () => {
      const outcomes = new Set<string>();
      for (const demo of DEMO_USERS) {
        const viewer = viewerOf(demo.email);
        const rows = await asCaller(viewer, (tx) =>
          queryRows<{ relation: Relation; class: FieldClass; write: boolean; allowed: boolean }>(
            tx,
            sql`SELECT r.relation, k.class, w.write, hrd_relation_grants(r.relation, k.class, w.write) AS allowed
                  FROM unnest(${sql.param([...Relation])}::text[]) AS r(relation),
                       unnest(${sql.param([...FieldClass])}::text[]) AS k(class),
                       unnest(ARRAY[false, true]) AS w(write)`,
          ),
        );
        expect(rows.length, demo.email).toBe(Relation.length * FieldClass.length * 2);
        for (const r of rows) {
          // A plain grant of one of the caller's roles: 'write', or 'read' for a read.
          const expected = viewer.roles.some((role) => {
            const grant = grantFor(r.relation, [role], r.class);
            return grant === 'write' || (grant === 'read' && !r.write);
          });
          expect(r.allowed, `${demo.email} ${r.relation} ${r.class} write=${r.write}`).toBe(expected);
          outcomes.add(`${r.write}:${r.allowed}`);
        }
      }
      expect(sorted(outcomes)).toEqual(['false:false', 'false:true', 'true:false', 'true:true']);
    });

    it('the update policy of cases, with its custodian fast path, admits exactly what the full check admits, for every demo user and case', async () => {
      const [policy] = await owner<{ qual: string }>(
        sql`SELECT qual FROM pg_policies WHERE schemaname = 'public' AND tablename = 'cases' AND policyname = 'cases_update'`,
      );
      expect(policy?.qual).toMatch(/hrd_relation_grants\('CUSTODIAN'::text, 'IDENTITY'::text, true\)/);
      // The policy as it stood before the fast path (migration access_hardening).
      const full = sql`hrd_relation_allows(c.id, hrd_case_relation(c.id, c.custodian_id, c.origin_id), 'IDENTITY', true)
        OR (hrd_case_relation(c.id, c.custodian_id, c.origin_id) = 'RECEIVER' AND hrd_relation_allows(c.id, 'RECEIVER', 'ASSESSMENT', false))
        OR (hrd_case_relation(c.id, c.custodian_id, c.origin_id) = 'IRCC' AND hrd_relation_allows(c.id, 'IRCC', 'IRCC_INTERNAL', true))`;
      // The catalog's text of the policy, with its columns read from the same row.
      const current = sql.raw(
        (policy?.qual ?? 'false').replace(/\b(id|custodian_id|origin_id)\b(?!\s*\()/g, (column) => `c.${column}`),
      );
      const outcomes = new Set<string>();
      let compared = 0;
      for (const demo of DEMO_USERS) {
        const rows = await asCaller(viewerOf(demo.email), (tx) =>
          ownerView<{ id: string; now: boolean | null; before: boolean | null }>(
            tx,
            sql`SELECT c.id::text AS id, coalesce((${current}), false) AS now, coalesce((${full}), false) AS before FROM cases c`,
          ),
        );
        expect(
          rows.filter((r) => r.now !== r.before),
          demo.email,
        ).toEqual([]);
        for (const r of rows) outcomes.add(String(r.now));
        compared += rows.length;
      }
      expect(compared).toBeGreaterThan(DEMO_USERS.length * 50);
      expect(sorted(outcomes)).toEqual(['false', 'true']);
    });

    it('the grant look-ups run once per statement are PL/pgSQL: planned once per session, not in every statement', async () => {
      // A SECURITY DEFINER SQL function is never inlined, and its body is planned again in every
      // statement that calls it (about 0.1 ms each); PL/pgSQL keeps its plans.
      const functions = await owner<{ proname: string; lanname: string; config: string | null }>(
        sql`SELECT p.proname, l.lanname, array_to_string(p.proconfig, ',') AS config
              FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'public' AND p.proname IN ('hrd_caller_grants', 'hrd_relation_grants')
             ORDER BY p.proname`,
      );
      expect(functions).toEqual([
        { proname: 'hrd_caller_grants', lanname: 'plpgsql', config: 'search_path=pg_catalog, pg_temp' },
        { proname: 'hrd_relation_grants', lanname: 'plpgsql', config: 'search_path=pg_catalog, pg_temp' },
      ]);
    });

    it('a caller who may only read a class passes one check per row on SELECT, not two', async () => {
      const policies = await owner<{ tablename: string; cmd: string }>(
        sql`SELECT tablename, cmd FROM pg_policies WHERE schemaname = 'public'
             AND tablename IN ${sql.raw(`('${CLASS_TABLES.map((t) => t.table).join("','")}')`)}`,
      );
      for (const { table } of CLASS_TABLES) {
        const forSelect = policies.filter((p) => p.tablename === table && (p.cmd === 'SELECT' || p.cmd === 'ALL'));
        expect(
          forSelect.map((p) => p.cmd),
          table,
        ).toEqual(['SELECT']);
      }
    });

    it('hrd_app is not a superuser, cannot bypass RLS and owns no table; every case-scoped table has RLS on', async () => {
      const [role] = await owner<{ rolsuper: boolean; rolbypassrls: boolean }>(
        sql`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'hrd_app'`,
      );
      expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
      const owned = await owner<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'hrd_app'`,
      );
      expect(owned[0]?.n).toBe(0);
      const scoped = await owner<{ table_name: string; rls: boolean }>(
        sql`SELECT c.relname AS table_name, c.relrowsecurity AS rls
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind = 'r'
               AND (c.relname = 'cases' OR EXISTS (SELECT 1 FROM pg_attribute a
                     WHERE a.attrelid = c.oid AND a.attname = 'case_id' AND NOT a.attisdropped))
             ORDER BY 1`,
      );
      expect(scoped.map((t) => t.table_name)).toEqual(
        expect.arrayContaining(['cases', ...CLASS_TABLES.map((t) => t.table), 'information_requests', 'notifications']),
      );
      expect(scoped.filter((t) => !t.rls).map((t) => t.table_name)).toEqual([]);
    });
  });

  describe('reads: no application filter, and still only what the policy allows', () => {
    for (const demo of DEMO_USERS) {
      it(`${demo.email}: SELECT id FROM cases returns exactly the application's visible set`, async () => {
        const viewer = viewerOf(demo.email);
        const rls = await asCaller(viewer, async (tx) => {
          const rows = await queryRows<{ id: string }>(tx, sql`SELECT id FROM cases`);
          const [counted] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM cases`);
          return { ids: sorted(rows.map((r) => r.id)), count: counted?.n };
        });
        const app = await appVisibleIds(viewer);
        expect(rls.ids).toEqual(app);
        expect(rls.count).toBe(app.length);

        const all = casesOf(demo.email);
        const unrelated = all.filter((c) => c.relation === null).map((c) => c.id);
        // Every user has cases it has no relation to; none of them comes through.
        expect(unrelated.length).toBeGreaterThan(0);
        expect(rls.ids.filter((id) => unrelated.includes(id))).toEqual([]);
        if (demo.role === 'ORG_ADMIN') {
          // An ORG_ADMIN manages users, not cases: not one case row, although PD holds many.
          expect(rls.ids).toEqual([]);
          expect(all.some((c) => c.relation === 'CUSTODIAN')).toBe(true);
        } else {
          expect(rls.ids.length).toBeGreaterThan(0);
          expect(rls.ids.length).toBeLessThan(all.length);
        }
      });

      it(`${demo.email}: persons, charges, assessments, answers, transfers, files, checks only where the policy grants the class`, async () => {
        const viewer = viewerOf(demo.email);
        const byCase = new Map(casesOf(demo.email).map((c) => [c.id, c]));
        const allows = (caseId: string, fieldClass: FieldClass) => {
          const c = byCase.get(caseId);
          return !!c && can(viewer, { relation: c.relation, assignedOfficerId: c.officer }, fieldClass, 'read');
        };
        const rls = await asCaller(viewer, async (tx) => {
          const out: Record<string, string[]> = {};
          for (const t of CLASS_TABLES) {
            const rows = await queryRows<{ key: string }>(tx, sql.raw(`SELECT ${t.key} AS key FROM ${t.table}`));
            out[t.table] = sorted(rows.map((r) => r.key));
          }
          return out;
        });
        let denied = 0;
        for (const t of CLASS_TABLES) {
          const rows = await owner<{ key: string; case_id: string }>(
            sql.raw(`SELECT ${t.key} AS key, case_id::text AS case_id FROM ${t.table}`),
          );
          expect(rows.length, `the seed has ${t.table}`).toBeGreaterThan(0);
          const expected = sorted(rows.filter((r) => allows(r.case_id, t.fieldClass)).map((r) => r.key));
          expect(rls[t.table], `${demo.email} reading ${t.table} (${t.fieldClass})`).toEqual(expected);
          denied += rows.length - expected.length;
        }
        // Not vacuous: each user is denied rows somewhere (those of the cases it has no relation to).
        expect(denied).toBeGreaterThan(0);
      });
    }

    it('the analyst sees the referred cases but not one person, charge, assessment or check', async () => {
      const analyst = viewerOf('analyst@ircc.demo');
      const seen = await asCaller(analyst, async (tx) => {
        const count = async (table: string) =>
          (await queryRows<{ n: number }>(tx, sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0]?.n;
        return {
          cases: await count('cases'),
          persons: await count('persons'),
          charges: await count('charges'),
          assessments: await count('assessments'),
          answers: await count('assessment_answers'),
          checks: await count('immigration_checks'),
        };
      });
      expect(seen.cases).toBeGreaterThan(0);
      expect(seen).toMatchObject({ persons: 0, charges: 0, assessments: 0, answers: 0, checks: 0 });
      // ... while the IRCC officer, in the same relation to the same cases, reads all of them.
      const officer = viewerOf('officer@ircc.demo');
      const officerPersons = await asCaller(officer, async (tx) => {
        const [row] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM persons`);
        return row?.n ?? 0;
      });
      expect(officerPersons).toBeGreaterThan(0);
    });

    it('the referrer sees the persons of its own draft, none of a case it submitted and PD accepted (FORMER)', async () => {
      const referrer = viewerOf('referrer@civicshield.demo');
      const cases = casesOf('referrer@civicshield.demo');
      const own = cases.find((c) => c.relation === 'CUSTODIAN');
      const former = cases.find((c) => c.relation === 'FORMER' && c.origin_id === referrer.organizationId);
      expect(own, 'a CSN-held case').toBeDefined();
      expect(former, 'a CSN submission accepted by PD').toBeDefined();
      if (!own || !former) return;
      expect(former.custodian_id).not.toBe(referrer.organizationId);
      const [stored] = await owner<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM persons WHERE case_id = ${former.id}`,
      );
      expect(stored?.n).toBeGreaterThan(0);
      const seen = await asCaller(referrer, async (tx) => {
        const count = async (caseId: string) =>
          (await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM persons WHERE case_id = ${caseId}`))[0]
            ?.n;
        const [caseRow] = await queryRows<{ n: number }>(
          tx,
          sql`SELECT count(*)::int AS n FROM cases WHERE id = ${former.id}`,
        );
        return { own: await count(own.id), former: await count(former.id), formerCase: caseRow?.n };
      });
      expect(seen.own).toBeGreaterThan(0);
      expect(seen.former).toBe(0);
      // The case itself (its META) is still there for the former holder.
      expect(seen.formerCase).toBe(1);
    });

    it('immigration checks are visible to IRCC officers only', async () => {
      const [all] = await owner<{ n: number }>(sql`SELECT count(*)::int AS n FROM immigration_checks`);
      expect(all?.n).toBeGreaterThan(0);
      for (const demo of DEMO_USERS) {
        const n = await asCaller(viewerOf(demo.email), async (tx) => {
          const [row] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM immigration_checks`);
          return row?.n;
        });
        // Every check is on a referred case, so an officer sees them all; anyone else, none.
        expect(n, demo.email).toBe(demo.role === 'OFFICER' ? all?.n : 0);
      }
    });

    it('the ORG_ADMIN sees no case row, nor anything hanging off a case', async () => {
      const admin = viewerOf('admin@pd.demo');
      const counts = await asCaller(admin, async (tx) => {
        const out: Record<string, number | undefined> = {};
        for (const table of ['cases', ...CLASS_TABLES.map((t) => t.table), 'information_requests']) {
          out[table] = (await queryRows<{ n: number }>(tx, sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0]?.n;
        }
        return out;
      });
      expect(Object.values(counts).every((n) => n === 0)).toBe(true);
      // The PD caseworker, same organization, sees PD's cases: the role is what makes the difference.
      const pdCases = await asCaller(viewerOf('caseworker@pd.demo'), async (tx) => {
        const [row] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM cases`);
        return row?.n ?? 0;
      });
      expect(pdCases).toBeGreaterThan(0);
    });

    it('an anonymous scope (no viewer) sees 0 cases, 0 persons, nothing case-scoped', async () => {
      const counts = await asCaller(null, async (tx) => {
        const out: Record<string, number | undefined> = {};
        for (const table of ['cases', ...CLASS_TABLES.map((t) => t.table), 'information_requests', 'notifications']) {
          out[table] = (await queryRows<{ n: number }>(tx, sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0]?.n;
        }
        return out;
      });
      expect(counts.cases).toBe(0);
      expect(counts.persons).toBe(0);
      expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    });

    it('the FLD caseworker does not see UNHCR-2025-0001, a case UNHCR holds and never sent anywhere', async () => {
      const fld = viewerOf('caseworker@fld.demo');
      const unhcrCase = await caseByRef('UNHCR-2025-0001');
      expect(unhcrCase.custodian).toBe(demoOrgId('UNHCR'));
      expect(unhcrCase.origin).toBe(demoOrgId('UNHCR'));
      const [transfers] = await owner<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM transfers WHERE case_id = ${unhcrCase.id}`,
      );
      expect(transfers?.n).toBe(0);
      // Every case UNHCR holds and FLD never touched.
      const unhcrOnly = casesOf('caseworker@fld.demo').filter(
        (c) => c.custodian_id === demoOrgId('UNHCR') && c.relation === null,
      );
      expect(unhcrOnly.map((c) => c.id)).toContain(unhcrCase.id);
      const seen = await asCaller(fld, async (tx) => ({
        byId: await queryRows<{ id: string }>(tx, sql`SELECT id FROM cases WHERE id = ${unhcrCase.id}`),
        byReference: await queryRows<{ id: string }>(tx, sql`SELECT id FROM cases WHERE reference = 'UNHCR-2025-0001'`),
        all: await queryRows<{ id: string }>(tx, sql`SELECT id FROM cases`),
        persons: await queryRows<{ id: string }>(tx, sql`SELECT id FROM persons WHERE case_id = ${unhcrCase.id}`),
      }));
      expect(seen.byId).toEqual([]);
      expect(seen.byReference).toEqual([]);
      expect(seen.persons).toEqual([]);
      const visible = new Set(seen.all.map((r) => r.id));
      expect(unhcrOnly.filter((c) => visible.has(c.id)).map((c) => c.reference)).toEqual([]);
    });
  });

  describe('writes are walled too', () => {
    const FLD = 'caseworker@fld.demo';

    /** A UNHCR-held case FLD has no relation to, not already EMERGENCY. */
    function unhcrHeldCase(): OwnerCase {
      const found = casesOf(FLD).find(
        (c) => c.custodian_id === demoOrgId('UNHCR') && c.relation === null && c.urgency !== 'EMERGENCY',
      );
      if (!found) throw new Error('the seed has no UNHCR-held case unrelated to FLD');
      return found;
    }
    function fldHeldCase(): OwnerCase {
      const found = casesOf(FLD).find((c) => c.relation === 'CUSTODIAN' && c.urgency !== 'EMERGENCY');
      if (!found) throw new Error('the seed has no FLD-held case');
      return found;
    }

    it("FLD cannot UPDATE a UNHCR-held case (0 rows), though the same statement updates FLD's own", async () => {
      const foreign = unhcrHeldCase();
      const own = fldHeldCase();
      const result = await asCaller(viewerOf(FLD), async (tx) => {
        const update = (id: string) =>
          queryRows<{ id: string }>(tx, sql`UPDATE cases SET urgency = 'EMERGENCY' WHERE id = ${id} RETURNING id`);
        const foreignUpdated = await update(foreign.id);
        const ownUpdated = await update(own.id);
        const after = await ownerView<{ id: string; urgency: string }>(
          tx,
          sql`SELECT id, urgency FROM cases WHERE id IN (${foreign.id}, ${own.id})`,
        );
        return { foreignUpdated, ownUpdated, after };
      });
      expect(result.foreignUpdated).toEqual([]);
      expect(result.ownUpdated).toEqual([{ id: own.id }]);
      expect(result.after.find((r) => r.id === foreign.id)?.urgency).toBe(foreign.urgency);
      expect(result.after.find((r) => r.id === own.id)?.urgency).toBe('EMERGENCY');
    });

    it('FLD cannot UPDATE a case it sees only as FORMER (UNHCR accepted its offer)', async () => {
      const former = casesOf(FLD).find(
        (c) => c.relation === 'FORMER' && c.custodian_id === demoOrgId('UNHCR') && c.origin_id === demoOrgId('FLD'),
      );
      expect(former, 'an FLD case UNHCR accepted').toBeDefined();
      if (!former) return;
      const result = await asCaller(viewerOf(FLD), async (tx) => ({
        visible: await queryRows<{ id: string }>(tx, sql`SELECT id FROM cases WHERE id = ${former.id}`),
        updated: await queryRows<{ id: string }>(
          tx,
          sql`UPDATE cases SET urgency = 'EMERGENCY', status = 'WITHDRAWN' WHERE id = ${former.id} RETURNING id`,
        ),
      }));
      // It reads the case's META, and still cannot change it.
      expect(result.visible).toEqual([{ id: former.id }]);
      expect(result.updated).toEqual([]);
    });

    it('FLD cannot INSERT a person into a UNHCR-held case (RLS error), though it can into its own', async () => {
      const foreign = unhcrHeldCase();
      const own = fldHeldCase();
      const insert = (caseId: string) => sql`INSERT INTO persons (case_id, role, given_name, family_name)
        VALUES (${caseId}, 'OTHER_DEPENDANT', 'Injected', 'Person') RETURNING id`;
      const failure = await dbFailure(asCaller(viewerOf(FLD), (tx) => queryRows(tx, insert(foreign.id))));
      expect(failure).toMatch(/new row violates row-level security policy for table "persons"/);
      const inserted = await asCaller(viewerOf(FLD), (tx) => queryRows<{ id: string }>(tx, insert(own.id)));
      expect(inserted).toHaveLength(1);
      const [after] = await owner<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM persons WHERE given_name = 'Injected'`,
      );
      expect(after?.n).toBe(0);
    });

    it('FLD cannot DELETE the persons, nor INSERT a charge, nor create a case in the name of UNHCR', async () => {
      const foreign = unhcrHeldCase();
      const [person] = await owner<{ id: string }>(
        sql`SELECT id FROM persons WHERE case_id = ${foreign.id} AND role = 'PRINCIPAL'`,
      );
      expect(person).toBeDefined();
      const deleted = await asCaller(viewerOf(FLD), async (tx) => ({
        rows: await queryRows<{ id: string }>(tx, sql`DELETE FROM persons WHERE case_id = ${foreign.id} RETURNING id`),
        after: await ownerView<{ n: number }>(
          tx,
          sql`SELECT count(*)::int AS n FROM persons WHERE case_id = ${foreign.id}`,
        ),
      }));
      expect(deleted.rows).toEqual([]);
      expect(deleted.after[0]?.n).toBeGreaterThan(0);

      const charge = await dbFailure(
        asCaller(viewerOf(FLD), (tx) =>
          tx.execute(sql`INSERT INTO charges (case_id, person_id, description, jurisdiction)
                           VALUES (${foreign.id}, ${person?.id}, 'Injected', 'XX')`),
        ),
      );
      expect(charge).toMatch(/new row violates row-level security policy for table "charges"/);

      const newCase = await dbFailure(
        asCaller(viewerOf(FLD), (tx) =>
          tx.execute(sql`INSERT INTO cases (reference, custodian_id, origin_id)
                           VALUES ('UNHCR-2099-0001', ${demoOrgId('UNHCR')}, ${demoOrgId('UNHCR')})`),
        ),
      );
      expect(newCase).toMatch(/new row violates row-level security policy for table "cases"/);
    });

    it('hrd_app cannot UPDATE, DELETE or TRUNCATE audit_events (permission denied, not merely the trigger)', async () => {
      const viewer = viewerOf('officer@ircc.demo');
      for (const statement of [
        sql`UPDATE audit_events SET action = 'tampered'`,
        sql`DELETE FROM audit_events`,
        sql`TRUNCATE audit_events`,
      ]) {
        const failure = await dbFailure(asCaller(viewer, (tx) => tx.execute(statement)));
        expect(failure).toMatch(/permission denied for (table|relation) audit_events/);
      }
    });

    it('hrd_app cannot INSERT, UPDATE or DELETE access_grants', async () => {
      const [before] = await owner<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM access_grants WHERE "grant" = 'write'`,
      );
      for (const demo of [viewerOf('caseworker@fld.demo'), viewerOf('admin@pd.demo'), null]) {
        for (const statement of [
          sql`INSERT INTO access_grants (relation, role, field_class, "grant") VALUES ('FORMER', 'ORG_ADMIN', 'SECRET', 'write')`,
          sql`UPDATE access_grants SET "grant" = 'write'`,
          sql`DELETE FROM access_grants`,
        ]) {
          const failure = await dbFailure(asCaller(demo, (tx) => tx.execute(statement)));
          expect(failure).toMatch(/permission denied for (table|relation) access_grants/);
        }
      }
      const [after] = await owner<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM access_grants WHERE "grant" = 'write'`,
      );
      expect(after?.n).toBe(before?.n);
    });
  });

  /**
   * The `cases` UPDATE policy and the `transfers` UPDATE policy look at the organization's
   * relation only, never at the caller's roles, and check nothing on the new row. The policy
   * module says an ORG_ADMIN has no case at all and an IRCC analyst reads META only (ACCESS.md).
   */
  describe('writes outside the matrix', () => {
    // Regression (fixed in access_hardening.sql): cases_update (row_level_security.sql) was `USING (hrd_case_relation(...) IN ('CUSTODIAN',
    // 'RECEIVER', 'IRCC'))` with no role check. An UPDATE without a WHERE clause needs no SELECT
    // policy, so the PD ORG_ADMIN — who may not even see a case — rewrites every case PD holds
    // and every case with a transfer pending to PD (24 cases in the demo seed).
    it('the guard trigger: a custodian edits but never moves custody, a receiver only takes custody or declines, IRCC records outcomes only, and no one rewrites a reference', async () => {
      const update = (email: string, id: string, set: SQL) =>
        dbFailure(
          asCaller(viewerOf(email), async (tx) => {
            const rows = await queryRows<{ id: string }>(
              tx,
              sql`UPDATE cases SET ${set} WHERE id = ${id} RETURNING id`,
            );
            if (rows.length !== 1) throw new Error(`updated ${rows.length} rows`);
          }),
        );
      const FLD = 'caseworker@fld.demo';
      const held = casesOf(FLD).find((c) => c.relation === 'CUSTODIAN');
      const pending = casesOf('intake@pd.demo').find((c) => c.relation === 'RECEIVER');
      const referred = casesOf('officer@ircc.demo').find((c) => c.relation === 'IRCC');
      if (!held || !pending || !referred) throw new Error('the demo seed lacks a case of each relation');

      expect(await update(FLD, held.id, sql`urgency = 'EMERGENCY', version = version + 1`)).toBe('no error');
      expect(await update(FLD, held.id, sql`custodian_id = ${pending.custodian_id}`)).toMatch(
        /custody moves only when the receiver accepts a transfer/,
      );
      expect(await update(FLD, held.id, sql`reference = 'HRD-REWRITTEN'`)).toMatch(
        /a case's id, origin and reference never change/,
      );
      const intake = viewerOf('intake@pd.demo');
      expect(await update('intake@pd.demo', pending.id, sql`custodian_id = ${intake.organizationId}`)).toBe('no error');
      expect(await update('intake@pd.demo', pending.id, sql`hrd_summary = 'rewritten by the receiver'`)).toMatch(
        /a receiver can only take custody or decline/,
      );
      expect(await update('officer@ircc.demo', referred.id, sql`status = status`)).toBe('no error');
      expect(await update('officer@ircc.demo', referred.id, sql`urgency = 'EMERGENCY'`)).toMatch(
        /IRCC records outcomes only/,
      );
    });

    it('the PD ORG_ADMIN cannot change any case (it has no case at all)', async () => {
      const pdHeld = casesOf('admin@pd.demo').filter((c) => c.relation === 'CUSTODIAN');
      expect(pdHeld.length).toBeGreaterThan(0);
      const changed = await asCaller(viewerOf('admin@pd.demo'), async (tx) => {
        await tx.execute(sql`UPDATE cases SET hrd_summary = 'overwritten by an ORG_ADMIN'`);
        return ownerView<{ reference: string }>(
          tx,
          sql`SELECT reference FROM cases WHERE hrd_summary = 'overwritten by an ORG_ADMIN' ORDER BY reference`,
        );
      });
      expect(changed.map((c) => c.reference)).toEqual([]);
    });

    // Regression (fixed in access_hardening.sql): the same cases_update policy let the IRCC ANALYST (META read only, ACCESS.md) update
    // any referred case: IRCC is in the policy's relation list and roles are never consulted.
    it('the IRCC analyst cannot change a referred case (META is read-only for analysts)', async () => {
      const referred = casesOf('analyst@ircc.demo').find((c) => c.relation === 'IRCC' && c.urgency !== 'EMERGENCY');
      expect(referred).toBeDefined();
      if (!referred) return;
      expect(can(viewerOf('analyst@ircc.demo'), { relation: 'IRCC' }, 'META', 'write')).toBe(false);
      const updated = await asCaller(viewerOf('analyst@ircc.demo'), (tx) =>
        queryRows<{ id: string }>(
          tx,
          sql`UPDATE cases SET urgency = 'EMERGENCY' WHERE id = ${referred.id} RETURNING id`,
        ),
      );
      expect(updated).toEqual([]);
    });

    // Regression (fixed in access_hardening.sql): transfers_update was `USING (from_organization_id = hrd_org() OR to_organization_id =
    // hrd_org()) WITH CHECK (true)`: the sender of a long-accepted transfer may rewrite it. PD,
    // FORMER on a case it distributed to FLD (META only), turns its old distribution into a
    // PENDING transfer to itself, becomes RECEIVER, and reads the defender's persons.
    it('a former holder cannot rewrite an old transfer to make itself RECEIVER and read IDENTITY', async () => {
      const pd = viewerOf('caseworker@pd.demo');
      const [target] = await owner<{ case_id: string; transfer_id: string }>(
        sql`SELECT t.case_id, t.id AS transfer_id FROM transfers t JOIN cases c ON c.id = t.case_id
             WHERE t.kind = 'DISTRIBUTION' AND t.status = 'ACCEPTED' AND t.from_organization_id = ${pd.organizationId}
               AND c.custodian_id = ${demoOrgId('FLD')}
               AND NOT EXISTS (SELECT 1 FROM transfers p WHERE p.case_id = t.case_id AND p.status = 'PENDING')
             ORDER BY c.reference LIMIT 1`,
      );
      expect(target, 'a case PD distributed to FLD').toBeDefined();
      if (!target) return;
      expect(casesOf('caseworker@pd.demo').find((c) => c.id === target.case_id)?.relation).toBe('FORMER');
      const result = await asCaller(pd, async (tx) => {
        const personsBefore = await queryRows<{ id: string }>(
          tx,
          sql`SELECT id FROM persons WHERE case_id = ${target.case_id}`,
        );
        const rewritten = await queryRows<{ id: string }>(
          tx,
          sql`UPDATE transfers SET status = 'PENDING', decided_at = NULL, to_organization_id = ${pd.organizationId}
               WHERE id = ${target.transfer_id} RETURNING id`,
        );
        const personsAfter = await queryRows<{ id: string }>(
          tx,
          sql`SELECT id FROM persons WHERE case_id = ${target.case_id}`,
        );
        return { personsBefore, rewritten, personsAfter };
      });
      expect(result.personsBefore).toEqual([]);
      // Neither the rewrite nor, through it, a single person of the case.
      expect({ rewritten: result.rewritten.length, personsAfter: result.personsAfter.length }).toEqual({
        rewritten: 0,
        personsAfter: 0,
      });
    });
  });

  /**
   * The policy functions run as their owner (SECURITY DEFINER) and, for speed, without a `SET
   * search_path` of their own (migration policy_functions_without_search_path): they name every
   * table and function with its schema. These tests hold the conditions that make that safe: the
   * caller cannot create an object anywhere a name could resolve to, and a caller's search_path
   * with look-alike temporary tables changes nothing the policies admit.
   */
  describe('the policy functions cannot be redirected by the caller', () => {
    /** The SECURITY DEFINER functions in public that take the caller's search_path (the per-row ones). */
    const WITHOUT_SEARCH_PATH = [
      'hrd_can',
      'hrd_can_with',
      'hrd_case_relation',
      'hrd_case_relation_by_id',
      'hrd_relation_allows',
    ];

    it('hrd_app may create nothing in any schema, owns nothing and is no superuser', async () => {
      const creatable = await owner<{ nspname: string }>(
        sql`SELECT nspname FROM pg_namespace
             WHERE nspname NOT LIKE 'pg\_temp\_%' AND nspname NOT LIKE 'pg\_toast\_temp\_%'
               AND has_schema_privilege('hrd_app', oid, 'CREATE')`,
      );
      expect(creatable.map((r) => r.nspname)).toEqual([]);
      const [role] = await owner<{ rolsuper: boolean; rolbypassrls: boolean; owns: number | string }>(
        sql`SELECT r.rolsuper, r.rolbypassrls,
                   (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid)
                 + (SELECT count(*) FROM pg_proc p WHERE p.proowner = r.oid)
                 + (SELECT count(*) FROM pg_namespace n WHERE n.nspowner = r.oid) AS owns
              FROM pg_roles r WHERE r.rolname = 'hrd_app'`,
      );
      expect(role).toMatchObject({ rolsuper: false, rolbypassrls: false });
      expect(Number(role?.owns)).toBe(0);
    });

    it('only the reviewed policy functions run without their own search_path', async () => {
      const definers = await owner<{ proname: string; config: string | null }>(
        sql`SELECT p.proname, array_to_string(p.proconfig, ',') AS config
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'public' AND p.prosecdef ORDER BY p.proname`,
      );
      expect(definers.length).toBeGreaterThan(WITHOUT_SEARCH_PATH.length);
      const unpinned = definers.filter((d) => !d.config?.includes('search_path=')).map((d) => d.proname);
      expect(sorted(unpinned)).toEqual(sorted(WITHOUT_SEARCH_PATH));
      // Each of them names its tables and functions with their schema.
      const bodies = await owner<{ proname: string; body: string }>(
        sql`SELECT p.proname, p.prosrc AS body FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'public' AND p.proname IN ${sql.raw(`('${WITHOUT_SEARCH_PATH.join("','")}')`)}`,
      );
      expect(bodies).toHaveLength(WITHOUT_SEARCH_PATH.length);
      for (const { proname, body } of bodies) {
        const unqualified = [...body.matchAll(/\b(?:from|join)\s+([a-z_][a-z0-9_]*)(?!\.)\b(?!\s*\()/gi)]
          .map((m) => m[1])
          .filter((name) => name && !/^(public|pg_catalog)$/i.test(name));
        expect(unqualified, `${proname}: unqualified names`).toEqual([]);
        expect(body, proname).not.toMatch(/\b(?<!\.)(hrd_[a-z_]+|current_setting|bool_or)\s*\(/);
      }
    });

    it('look-alike temporary tables first on the search_path change nothing the policies admit', async () => {
      for (const email of ['caseworker@fld.demo', 'officer@ircc.demo', 'referrer@civicshield.demo']) {
        const viewer = viewerOf(email);
        const count = (tx: Database) =>
          queryRows<{ cases: string | number; persons: string | number; transfers: string | number }>(
            tx,
            sql`SELECT (SELECT count(*) FROM public.cases) AS cases, (SELECT count(*) FROM public.persons) AS persons,
                       (SELECT count(*) FROM public.transfers) AS transfers`,
          );
        const plain = await asCaller(viewer, count);
        const redirected = await asCaller(viewer, async (tx) => {
          // Tables a function would find first if it resolved names through the caller's path:
          // every grant 'write', and every case transferred to the caller's organization.
          await tx.execute(
            sql`CREATE TEMP TABLE access_grants ON COMMIT DROP AS SELECT * FROM public.access_grants WITH NO DATA`,
          );
          await tx.execute(
            sql`INSERT INTO pg_temp.access_grants (relation, role, field_class, "grant")
                SELECT r, ${viewer.roles[0] ?? ''}, c, 'write'
                  FROM unnest(ARRAY['CUSTODIAN','RECEIVER','IRCC','FORMER']) r,
                       unnest(ARRAY['META','IDENTITY','CHARGES','ASSESSMENT','IRCC_INTERNAL','SECRET']) c`,
          );
          await tx.execute(
            sql`CREATE TEMP TABLE cases ON COMMIT DROP AS SELECT id, ${viewer.organizationId}::uuid AS custodian_id,
                       ${viewer.organizationId}::uuid AS origin_id FROM public.cases WITH NO DATA`,
          );
          await tx.execute(sql`SELECT set_config('search_path', 'pg_temp, public', true)`);
          return count(tx);
        });
        expect(redirected, email).toEqual(plain);
        expect(Number(plain[0]?.cases), email).toBeLessThan(
          Number((await owner<{ n: string }>(sql`SELECT count(*) AS n FROM cases`))[0]?.n),
        );
      }
    });
  });

  /**
   * Persons, charges and transfers carry their case's custodian (migration
   * child_rows_carry_custodian), so that the custodian's read of them is a column comparison. The
   * column is the database's: triggers set it, whatever a statement writes, and a custody move
   * carries it to the case's rows. If it ever disagreed with the case, a former custodian would
   * read rows it may no longer see.
   */
  describe("persons, charges and transfers carry their case's custodian", () => {
    const CARRIERS = [
      { table: 'persons', fieldClass: 'IDENTITY' },
      { table: 'charges', fieldClass: 'CHARGES' },
      { table: 'transfers', fieldClass: 'META' },
    ] as const;

    it('every seeded row agrees with its case', async () => {
      const rows = await custodianAgreement(database.db);
      expect(rows.map((r) => r.table)).toEqual([...CARRIERS.map((c) => c.table), 'information_requests']);
      for (const r of rows) {
        expect(r.total, r.table).toBeGreaterThan(0);
        expect(r.wrong, r.table).toBe(0);
      }
    });

    it('each read policy, with its fast paths, admits exactly what hrd_can_with admits, for every demo user and row', async () => {
      let compared = 0;
      const receiving = new Set<string>();
      for (const { table, fieldClass } of CARRIERS) {
        const [policy] = await owner<{ qual: string }>(
          sql`SELECT qual FROM pg_policies WHERE schemaname = 'public' AND tablename = ${table} AND policyname = ${`${table}_select`}`,
        );
        expect(policy?.qual, table).toMatch(/custodian_id = \( SELECT hrd_org\(\)/);
        if (table === 'transfers') expect(policy?.qual).toMatch(/to_organization_id = \( SELECT hrd_org\(\)/);
        // The catalog's text of the policy, with its columns read from the same row.
        const current = sql.raw(
          (policy?.qual ?? 'false').replace(/\b(case_id|custodian_id)\b(?!\s*\()/g, (column) => `x.${column}`),
        );
        // The policy as it stood before the fast path (migration per_statement_grants).
        const full = sql`hrd_can_with(x.case_id, ${fieldClass}, false, hrd_caller_grants(${fieldClass}))`;
        const outcomes = new Set<string>();
        for (const demo of DEMO_USERS) {
          const rows = await asCaller(viewerOf(demo.email), (tx) =>
            ownerView<{ now: boolean; before: boolean; fast: boolean; receiving: boolean }>(
              tx,
              sql`SELECT coalesce((${current}), false) AS now, coalesce((${full}), false) AS before,
                         coalesce(x.custodian_id = hrd_org(), false) AS fast,
                         ${
                           table === 'transfers'
                             ? sql`coalesce(x.to_organization_id = hrd_org() AND x.status = 'PENDING'
                                 AND x.kind <> 'RESETTLEMENT_REFERRAL' AND x.custodian_id <> hrd_org(), false)`
                             : sql`false`
                         } AS receiving
                    FROM ${sql.identifier(table)} x`,
            ),
          );
          expect(
            rows.filter((r) => r.now !== r.before),
            `${demo.email} ${table}`,
          ).toEqual([]);
          for (const r of rows) outcomes.add(`${r.now}:${r.fast}`);
          for (const r of rows) if (r.receiving) receiving.add(String(r.now));
          compared += rows.length;
        }
        // Admitted by the fast path, admitted otherwise (a receiver, IRCC), refused to the custodian's
        // users whose role does not read the class (an ORG_ADMIN), and refused to everyone else.
        expect(sorted(outcomes), table).toEqual(['false:false', 'false:true', 'true:false', 'true:true']);
      }
      expect(compared).toBeGreaterThan(DEMO_USERS.length * 100);
      // The transfers' receiver fast path (migration transfers_receiver_fast_path) was compared
      // too: pending transfers to the caller's organization, admitted to the roles that read META
      // as RECEIVER and refused to the others.
      expect(sorted(receiving)).toEqual(['false', 'true']);
    });

    it('the read policy of information requests admits exactly what it admitted before its rewrite, for every demo user and row', async () => {
      const [policy] = await owner<{ qual: string }>(
        sql`SELECT qual FROM pg_policies WHERE schemaname = 'public' AND tablename = 'information_requests'
              AND policyname = 'information_requests_select'`,
      );
      expect(policy?.qual).toMatch(/custodian_id = \( SELECT hrd_org\(\)/);
      expect(policy?.qual).toMatch(/case_relations/);
      // The catalog's text of the policy, with the request's own columns read from the same row.
      const current = sql.raw(
        (policy?.qual ?? 'false')
          .replace(/information_requests\.case_id/g, 'x.case_id')
          .replace(/(?<![.\w])(case_id|custodian_id)\b(?!\s*\()/g, (column) => `x.${column}`),
      );
      // The policy as it stood before (migration ircc_processing).
      const before = sql`hrd_can(x.case_id, 'IRCC_INTERNAL', false)
        OR (hrd_case_relation_by_id(x.case_id) = 'CUSTODIAN' AND hrd_can(x.case_id, 'IDENTITY', false))`;
      const outcomes = new Set<string>();
      let compared = 0;
      for (const demo of DEMO_USERS) {
        const rows = await asCaller(viewerOf(demo.email), async (tx) => {
          // One more request on every case (rolled back), so that every relation to a case with a
          // request is compared: the seed asks only about referred cases.
          await tx.execute(sql`RESET ROLE`);
          await tx.execute(sql`INSERT INTO information_requests (case_id, question) SELECT id, 'compared' FROM cases`);
          return ownerView<{ now: boolean; before: boolean }>(
            tx,
            sql`SELECT coalesce((${current}), false) AS now, coalesce((${before}), false) AS before
                  FROM information_requests x`,
          );
        });
        expect(
          rows.filter((r) => r.now !== r.before),
          demo.email,
        ).toEqual([]);
        for (const r of rows) outcomes.add(`${demo.email.split('@')[0]}:${r.now}`);
        compared += rows.length;
      }
      // Admitted to officers and to the custodian's caseworkers, refused to others, both seen.
      expect([...outcomes].some((o) => o.endsWith(':true'))).toBe(true);
      expect([...outcomes].some((o) => o.endsWith(':false'))).toBe(true);
      expect(outcomes.has('officer:true')).toBe(true);
      expect(compared).toBeGreaterThan(DEMO_USERS.length);
    });

    it("the read policy of immigration files, with IRCC's fast path, admits exactly what hrd_can_with admits, for every demo user and file", async () => {
      const [policy] = await owner<{ qual: string }>(
        sql`SELECT qual FROM pg_policies WHERE schemaname = 'public' AND tablename = 'immigration_files'
              AND policyname = 'immigration_files_select'`,
      );
      expect(policy?.qual).toMatch(/case_relations/);
      const current = sql.raw(
        (policy?.qual ?? 'false')
          .replace(/immigration_files\.case_id/g, 'x.case_id')
          .replace(/(?<![.\w])case_id\b(?!\s*\()/g, 'x.case_id'),
      );
      const full = sql`hrd_can_with(x.case_id, 'META', false, hrd_caller_grants('META'))`;
      const outcomes = new Set<string>();
      let compared = 0;
      for (const demo of DEMO_USERS) {
        const rows = await asCaller(viewerOf(demo.email), (tx) =>
          ownerView<{ now: boolean; before: boolean; fast: boolean }>(
            tx,
            sql`SELECT coalesce((${current}), false) AS now, coalesce((${full}), false) AS before,
                       EXISTS (SELECT 1 FROM case_relations r WHERE r.case_id = x.case_id
                                  AND r.organization_id = hrd_org() AND r.relation = 'IRCC') AS fast
                  FROM immigration_files x`,
          ),
        );
        expect(
          rows.filter((r) => r.now !== r.before),
          demo.email,
        ).toEqual([]);
        for (const r of rows) outcomes.add(`${r.now}:${r.fast}`);
        compared += rows.length;
      }
      // Admitted by the fast path (IRCC), admitted otherwise (the partner that referred the case),
      // and refused.
      expect(sorted(outcomes)).toEqual(expect.arrayContaining(['false:false', 'true:false', 'true:true']));
      expect(compared).toBeGreaterThan(DEMO_USERS.length);
    });

    it("a forged custodian never sticks: on insert and update by the caller, or by the owner, the row carries its case's", async () => {
      const fld = viewerOf('caseworker@fld.demo');
      const held = casesOf(fld.email).find((c) => c.relation === 'CUSTODIAN');
      if (!held) throw new Error('the seed has no FLD-held case');
      const elsewhere = demoOrgId('UNHCR');
      const stored = await asCaller(fld, async (tx) => {
        const [person] = await queryRows<{ id: string; custodian_id: string }>(
          tx,
          sql`INSERT INTO persons (case_id, role, given_name, family_name, custodian_id)
              VALUES (${held.id}, 'CHILD', 'Forged', 'Custodian', ${elsewhere}) RETURNING id, custodian_id::text`,
        );
        if (!person) throw new Error('the person was not inserted');
        const [charge] = await queryRows<{ custodian_id: string }>(
          tx,
          sql`INSERT INTO charges (case_id, person_id, description, jurisdiction, custodian_id)
              VALUES (${held.id}, ${person.id}, 'Forged', 'TR', ${elsewhere}) RETURNING custodian_id::text`,
        );
        const [updated] = await queryRows<{ custodian_id: string }>(
          tx,
          sql`UPDATE persons SET custodian_id = ${elsewhere} WHERE id = ${person.id} RETURNING custodian_id::text`,
        );
        // The forged rows are not UNHCR's to read: UNHCR's caseworker sees none of them.
        await enterCallerScope(tx, viewerOf('caseworker@unhcr.demo'), 10_000);
        const [seenByUnhcr] = await queryRows<{ n: string | number }>(
          tx,
          sql`SELECT count(*) AS n FROM persons WHERE case_id = ${held.id}`,
        );
        // And the owner's own forgery of every row is undone as well.
        await tx.execute(sql`RESET ROLE`);
        await tx.execute(sql`UPDATE persons SET custodian_id = ${elsewhere}`);
        await tx.execute(sql`UPDATE charges SET custodian_id = ${elsewhere}`);
        await tx.execute(sql`UPDATE transfers SET custodian_id = ${elsewhere}`);
        await tx.execute(sql`UPDATE information_requests SET custodian_id = ${elsewhere}`);
        return {
          person: person.custodian_id,
          charge: charge?.custodian_id,
          updated: updated?.custodian_id,
          seenByUnhcr: Number(seenByUnhcr?.n),
          afterOwner: (await custodianAgreement(tx)).map((r) => r.wrong),
        };
      });
      expect(stored).toEqual({
        person: fld.organizationId,
        charge: fld.organizationId,
        updated: fld.organizationId,
        seenByUnhcr: 0,
        afterOwner: [0, 0, 0, 0],
      });
    });

    it('a custody move carries the new custodian to the rows: the receiver reads them by the fast path, the former custodian no more', async () => {
      const intake = viewerOf('intake@pd.demo');
      const pending = casesOf(intake.email).find(
        (c) => c.relation === 'RECEIVER' && c.custodian_id !== intake.organizationId,
      );
      if (!pending) throw new Error('the seed has no case pending to PD');
      const [counts] = await owner<{ persons: string | number; transfers: string | number }>(
        sql`SELECT (SELECT count(*) FROM persons WHERE case_id = ${pending.id}) AS persons,
                   (SELECT count(*) FROM transfers WHERE case_id = ${pending.id}) AS transfers`,
      );
      expect(Number(counts?.persons)).toBeGreaterThan(0);
      // A user of the sending organization who reads persons as their custodian.
      const former = DEMO_USERS.map((d) => viewerOf(d.email)).find(
        (v) => v.organizationId === pending.custodian_id && can(v, { relation: 'CUSTODIAN' }, 'IDENTITY', 'read'),
      );
      if (!former) throw new Error('no user of the sending organization reads persons');
      expect(can(former, { relation: 'FORMER' }, 'IDENTITY', 'read')).toBe(false);
      const count = async (tx: Database, table: 'persons' | 'transfers', fastOnly = false) =>
        Number(
          (
            await queryRows<{ n: string | number }>(
              tx,
              sql`SELECT count(*) AS n FROM ${sql.identifier(table)}
                   WHERE case_id = ${pending.id} ${fastOnly ? sql`AND custodian_id = hrd_org()` : sql``}`,
            )
          )[0]?.n,
        );
      const seen = await asCaller(former, async (tx) => {
        const formerBefore = await count(tx, 'persons');
        await enterCallerScope(tx, intake, 10_000);
        const fastBefore = (await count(tx, 'persons', true)) + (await count(tx, 'transfers', true));
        await tx.execute(sql`UPDATE cases SET custodian_id = ${intake.organizationId} WHERE id = ${pending.id}`);
        const all = (await count(tx, 'persons')) + (await count(tx, 'transfers'));
        const fast = (await count(tx, 'persons', true)) + (await count(tx, 'transfers', true));
        await enterCallerScope(tx, former, 10_000);
        const formerAfter = await count(tx, 'persons');
        await tx.execute(sql`RESET ROLE`);
        const wrong = (await custodianAgreement(tx)).map((r) => r.wrong);
        return { formerBefore, fastBefore, all, fast, formerAfter, wrong };
      });
      const rows = Number(counts?.persons) + Number(counts?.transfers);
      expect(seen).toEqual({
        formerBefore: Number(counts?.persons),
        fastBefore: 0,
        all: rows,
        fast: rows,
        formerAfter: 0,
        wrong: [0, 0, 0, 0],
      });
    });
  });
});
