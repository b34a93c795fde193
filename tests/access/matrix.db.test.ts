/**
 * The access matrix, cell by cell, over HTTP against the seeded demo data. Generated from the
 * access table: every relation × role × field class × read/write. A read cell signs in as a demo
 * user holding the role, picks a seeded case where its organization has the relation, reads a
 * field of the class and checks the exact answer: the value, or null with one FORBIDDEN error at
 * that field's path. A write cell performs a real mutation and checks it lands (version + 1; for
 * IRCC_INTERNAL the immigration file's version) or is FORBIDDEN and changes nothing. A relation ×
 * role pair that no organization can ever be in is asserted impossible rather than skipped.
 */
import {
  ACCESS_MATRIX,
  type CaseStatus,
  EDITABLE_STATUSES,
  FieldClass,
  type Grant,
  grantFor,
  type OrganizationKind,
  Relation,
  ROLE_ORGANIZATION_KINDS,
  Role,
  schemaShows,
} from '@hrd/schema';
import {
  buildAppSchema,
  DEMO_USERS,
  queryRows,
  relationSql,
  schemaForRoles,
  seedDemo,
  tables,
  type Viewer,
} from '@hrd/server';
import { eq, sql } from 'drizzle-orm';
import { GraphQLInputObjectType, type GraphQLSchema, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { type SignedIn, signIn } from '../support/session.js';

/** The organization kinds that can stand in each relation to a case (DOMAIN.md). */
const RELATION_KINDS: Record<Relation, readonly OrganizationKind[]> = {
  CUSTODIAN: ['UNHCR', 'FLD', 'PD', 'THIRD_PARTY'],
  RECEIVER: ['UNHCR', 'FLD', 'PD'],
  IRCC: ['IRCC'],
  FORMER: ['UNHCR', 'FLD', 'PD', 'THIRD_PARTY'],
};

/** One field per class, and the path its denial names. */
const PROBES: Record<FieldClass, { selection: string; path: string[] }> = {
  META: { selection: 'status size custodian { kind } transfers { kind }', path: ['case', 'status'] },
  REFERENCE: { selection: 'reference', path: ['case', 'reference'] },
  QUASI: { selection: 'countryOfAsylum', path: ['case', 'countryOfAsylum'] },
  IDENTITY: { selection: 'persons { givenName familyName }', path: ['case', 'persons'] },
  CHARGES: { selection: 'charges { description partnerView }', path: ['case', 'charges'] },
  ASSESSMENT: { selection: 'assessment { primaryCategory answers { criterion } }', path: ['case', 'assessment'] },
  SECRET: { selection: 'location(purpose: "access matrix test")', path: ['case', 'location'] },
  IRCC_INTERNAL: { selection: 'immigrationFile { stage fileNumber }', path: ['case', 'immigrationFile', 'fileNumber'] },
};

/**
 * The classes in a role's schema (issue #7): META, and every class the role can ever read on some
 * case. A class outside it is not even in the role's schema: asking for it is a validation error.
 */
const inSchemaOf = (role: Role, fieldClass: FieldClass) => schemaShows([role], fieldClass);
const probeQuery = (classes: readonly FieldClass[]) =>
  `query Probe($id: ID!) { case(id: $id) { id ${classes.map((c) => PROBES[c].selection).join(' ')} } }`;
const queryFor = (role: Role) => probeQuery(FieldClass.filter((c) => inSchemaOf(role, c)));

/**
 * One write per class. META and QUASI fields (urgency, countries) have no write path of their
 * own: they are edited as part of the case file, which takes IDENTITY write (ARCHITECTURE.md).
 * IRCC_INTERNAL is written by IRCC's processing (#6): a check's result and note on the file.
 * REFERENCE has no write at all: references are assigned when a case is created.
 */
const WRITES: Record<Exclude<FieldClass, 'IRCC_INTERNAL' | 'REFERENCE'>, { mutation: string; needs: FieldClass }> = {
  META: {
    mutation:
      'mutation W($id: ID!, $v: Int!) { updateCase(id: $id, expectedVersion: $v, input: { urgency: URGENT }) { version } }',
    needs: 'IDENTITY',
  },
  QUASI: {
    mutation:
      'mutation W($id: ID!, $v: Int!) { updateCase(id: $id, expectedVersion: $v, input: { countryOfAsylum: "KE" }) { version } }',
    needs: 'IDENTITY',
  },
  IDENTITY: {
    mutation:
      'mutation W($id: ID!, $v: Int!) { updateCase(id: $id, expectedVersion: $v, input: { riskSummary: "matrix write" }) { version } }',
    needs: 'IDENTITY',
  },
  SECRET: {
    mutation:
      'mutation W($id: ID!, $v: Int!) { updateCase(id: $id, expectedVersion: $v, input: { location: "matrix write place" }) { version } }',
    needs: 'SECRET',
  },
  CHARGES: {
    mutation:
      'mutation W($id: ID!, $p: ID!) { addCharge(caseId: $id, input: { personId: $p, description: "matrix", jurisdiction: "KE" }) { id } }',
    needs: 'CHARGES',
  },
  ASSESSMENT: {
    mutation:
      'mutation W($id: ID!, $v: Int!) { recordAssessment(caseId: $id, expectedVersion: $v, input: { answers: [{ criterion: HRD_TRACK_RECORD, answer: MET, justification: "matrix" }] }) { version } }',
    needs: 'ASSESSMENT',
  },
};
const EDITABLE: readonly string[] = EDITABLE_STATUSES;
let fullSchema: Promise<GraphQLSchema> | undefined;

/** The IRCC_INTERNAL write: a check's result and its IRCC-internal note on the case's file. */
const IRCC_WRITE =
  'mutation W($id: ID!) { recordCheck(caseId: $id, kind: MEDICAL, result: PASSED, note: "matrix write") { id } }';
/** Stages at which a referred file's checks may still be recorded (up to the decision). */
const CHECKABLE_STAGES: readonly string[] = [
  'RECEIVED',
  'ELIGIBILITY_REVIEW',
  'INTERVIEW',
  'ADMISSIBILITY',
  'DECISION',
];

interface Fixture {
  email: string;
  viewer: Viewer;
  caseId: string;
  assignedOfficerId: string | null;
  hasFile: boolean;
  stage: string | null;
  hasAssessment: boolean;
  status: CaseStatus;
  principalId: string | null;
}

/** An IRCC organization admin (API.md's demo sign-ins have a PD admin only). */
const IRCC_ADMIN = 'admin@ircc.matrix-test';

const possible = (relation: Relation, role: Role) =>
  ROLE_ORGANIZATION_KINDS[role].some((kind) => RELATION_KINDS[relation].includes(kind));

describe(`the access matrix over HTTP on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  const sessions = new Map<string, SignedIn>();
  const responses = new Map<
    string,
    Promise<{
      data?: { case: Record<string, unknown> | null };
      errors?: Array<{ path?: (string | number)[]; extensions?: Record<string, unknown> }>;
    }>
  >();
  /** (relation, role) → fixtures: every demo user with the role and a case in that relation. */
  const fixtures = new Map<string, Fixture[]>();

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
    await database.db.execute(sql`
      INSERT INTO users (organization_id, email, display_name, roles, password_hash)
      SELECT o.id, ${IRCC_ADMIN}, 'IRCC admin (test)', ARRAY['ORG_ADMIN'],
             (SELECT password_hash FROM users WHERE email = 'admin@pd.demo')
        FROM organizations o WHERE o.kind = 'IRCC'`);
    const people = [...DEMO_USERS, { email: IRCC_ADMIN, role: 'ORG_ADMIN' as Role }];
    for (const demo of people) {
      const [user] = await database.db
        .select({ id: tables.users.id, organizationId: tables.users.organizationId, kind: tables.organizations.kind })
        .from(tables.users)
        .innerJoin(tables.organizations, eq(tables.organizations.id, tables.users.organizationId))
        .where(eq(tables.users.email, demo.email));
      if (!user) throw new Error(`demo user ${demo.email} missing`);
      const viewer: Viewer = {
        userId: user.id,
        email: demo.email,
        displayName: demo.email,
        organizationId: user.organizationId,
        organizationKind: user.kind,
        roles: [demo.role],
        via: { kind: 'session', sessionId: 'fixture' },
      };
      // The owner connection (no RLS) computes each case's relation to the user's organization.
      const rows = await queryRows<{
        id: string;
        relation: Relation | null;
        officer: string | null;
        has_file: boolean;
        stage: string | null;
        has_assessment: boolean;
        status: string;
        principal: string | null;
        n: number;
      }>(
        database.db,
        sql`SELECT cases.id, ${relationSql(viewer)} AS relation, f.assigned_officer_id AS officer,
                   f.case_id IS NOT NULL AS has_file, f.stage,
                   EXISTS (SELECT 1 FROM assessments a WHERE a.case_id = cases.id) AS has_assessment,
                   cases.status,
                   (SELECT p.id FROM persons p WHERE p.case_id = cases.id AND p.role = 'PRINCIPAL') AS principal,
                   (SELECT count(*) FROM charges ch WHERE ch.case_id = cases.id)::int AS n
              FROM ${tables.cases} LEFT JOIN immigration_files f ON f.case_id = cases.id
             ORDER BY f.case_id IS NULL, n DESC, cases.reference`,
      );
      for (const row of rows) {
        if (!row.relation) continue;
        const key = `${row.relation}|${demo.role}`;
        const list = fixtures.get(key) ?? [];
        list.push({
          email: demo.email,
          viewer,
          caseId: row.id,
          assignedOfficerId: row.officer,
          hasFile: row.has_file,
          stage: row.stage,
          hasAssessment: row.has_assessment,
          status: row.status as CaseStatus,
          principalId: row.principal,
        });
        fixtures.set(key, list);
      }
    }
  });
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  async function probe(fixture: Fixture) {
    const key = `${fixture.email}|${fixture.caseId}`;
    let response = responses.get(key);
    if (!response) {
      response = (async () => {
        let session = sessions.get(fixture.email);
        if (!session) {
          session = await signIn(server, fixture.email);
          sessions.set(fixture.email, session);
        }
        const role = fixture.viewer.roles[0] as Role;
        return (await session.graphql<{ case: Record<string, unknown> | null }>(queryFor(role), { id: fixture.caseId }))
          .body;
      })();
      responses.set(key, response);
    }
    return response;
  }

  function expectCell(body: Awaited<ReturnType<typeof probe>>, fieldClass: FieldClass, allowed: boolean): void {
    const path = PROBES[fieldClass].path;
    const errorsHere = (body.errors ?? []).filter((e) => JSON.stringify(e.path) === JSON.stringify(path));
    // The rest of the answer is intact whatever happens to this field.
    expect(body.data?.case?.id).toBeTypeOf('string');
    let value: unknown = body.data;
    for (const segment of path) value = (value as Record<string, unknown> | null)?.[segment];
    if (allowed) {
      expect(errorsHere, `unexpected denial at ${path.join('.')}`).toEqual([]);
      expect(value, `no value at ${path.join('.')}`).not.toBeNull();
      expect(value).not.toBeUndefined();
    } else {
      expect(value, `a value leaked at ${path.join('.')}`).toBeNull();
      expect(errorsHere).toHaveLength(1);
      expect(errorsHere[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  }

  for (const relation of Relation) {
    for (const role of Role.values) {
      const rowExists = ACCESS_MATRIX.some((r) => r.relation === relation && r.roles.includes(role));
      describe(`${relation} × ${role}`, () => {
        if (!possible(relation, role)) {
          it('cannot occur: no organization holding this role can stand in this relation', () => {
            expect(ROLE_ORGANIZATION_KINDS[role].filter((k) => RELATION_KINDS[relation].includes(k))).toEqual([]);
            expect(fixtures.get(`${relation}|${role}`) ?? []).toEqual([]);
          });
          return;
        }

        if (!rowExists) {
          // A role with no row for this relation (ORG_ADMIN) sees no case at all.
          it('sees no case at all: case(id) is NOT_FOUND', async () => {
            const list = fixtures.get(`${relation}|${role}`) ?? [];
            expect(list.length, `the seed has no ${relation} case for a ${role}`).toBeGreaterThan(0);
            const body = await probe(list[0] as Fixture);
            expect(body.data?.case).toBeNull();
            expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
          });
          return;
        }

        for (const fieldClass of FieldClass) {
          const grant: Grant = grantFor(relation, [role], fieldClass);
          if (!inSchemaOf(role, fieldClass)) {
            it(`read ${fieldClass}: not in a ${role}'s schema at all (validation error, suggesting no hidden name)`, async () => {
              expect(grant === 'none' || grant === 'aggregate', `${role} is granted ${grant}`).toBe(true);
              const list = fixtures.get(`${relation}|${role}`) ?? [];
              expect(list.length).toBeGreaterThan(0);
              const fixture = list[0] as Fixture;
              let session = sessions.get(fixture.email);
              if (!session) {
                session = await signIn(server, fixture.email);
                sessions.set(fixture.email, session);
              }
              const response = await session.graphql(probeQuery([fieldClass]), { id: fixture.caseId });
              expect(response.status).toBe(400);
              expect(response.body.data).toBeUndefined();
              const codes = new Set(response.body.errors?.map((e) => e.extensions?.code));
              expect([...codes]).toEqual(['GRAPHQL_VALIDATION_FAILED']);
              // A suggestion may name only what the role's schema has: never a hidden field.
              fullSchema ??= buildAppSchema();
              const roleSchema = schemaForRoles(await fullSchema, [role]);
              const visible = new Set(
                Object.values(roleSchema.getTypeMap()).flatMap((t) =>
                  'getFields' in t ? Object.keys(t.getFields()) : [],
                ),
              );
              for (const error of response.body.errors ?? []) {
                const suggested = [...(error.message.split('Did you mean')[1] ?? '').matchAll(/"([^"]+)"/g)].map(
                  (m) => m[1] as string,
                );
                for (const name of suggested) expect(visible.has(name), `suggests ${name}`).toBe(true);
              }
            });
          } else
            it(`read ${fieldClass}: ${grant === 'write' ? 'read' : grant === 'none' ? 'denied' : grant}`, async () => {
              const list = fixtures.get(`${relation}|${role}`) ?? [];
              expect(list.length, `the seed has no ${relation} case for a ${role}`).toBeGreaterThan(0);
              // IRCC_INTERNAL lives on the immigration file, ASSESSMENT on an assessment: use a case
              // that has one, when one can.
              const has = (f: Fixture) =>
                fieldClass === 'IRCC_INTERNAL' ? f.hasFile : fieldClass === 'ASSESSMENT' ? f.hasAssessment : true;
              const pool = list.some(has) ? list.filter(has) : list;
              if (grant === 'assigned') {
                const assigned = pool.find((f) => f.assignedOfficerId === f.viewer.userId);
                const unassigned = pool.find((f) => f.assignedOfficerId !== f.viewer.userId);
                expect(assigned && unassigned, 'the seed needs an assigned and an unassigned case').toBeTruthy();
                expectCell(await probe(assigned as Fixture), fieldClass, true);
                expectCell(await probe(unassigned as Fixture), fieldClass, false);
                return;
              }
              const fixture = pool[0] as Fixture;
              const body = await probe(fixture);
              if (fieldClass === 'IRCC_INTERNAL' && !fixture.hasFile) {
                // No case in this relation can have a file (e.g. a third party's own case): nothing leaks.
                expect(body.data?.case?.immigrationFile).toBeNull();
                expect(grant).toBe('none');
                return;
              }
              if (fieldClass === 'ASSESSMENT' && !fixture.hasAssessment) {
                // No assessment exists yet in this relation (a pending third-party submission):
                // allowed means no denial; denied means FORBIDDEN all the same.
                const denied = (body.errors ?? []).filter((e) => e.path?.join('.') === 'case.assessment');
                expect(denied.map((e) => e.extensions?.code)).toEqual(grant === 'none' ? ['FORBIDDEN'] : []);
                expect(body.data?.case?.assessment).toBeNull();
                return;
              }
              expectCell(body, fieldClass, grant === 'read' || grant === 'write');
            });

          if (fieldClass === 'IRCC_INTERNAL') {
            const mayWrite = grant === 'write';
            it(`write IRCC_INTERNAL: ${mayWrite ? 'allowed' : 'denied'}`, async () => {
              const list = fixtures.get(`${relation}|${role}`) ?? [];
              expect(list.length).toBeGreaterThan(0);
              // An allowed write needs a referred file whose checks are still open (up to DECISION);
              // a denial is shown on a case with a file when the relation has one.
              const checkable = (f: Fixture) =>
                f.hasFile && f.status === 'REFERRED' && CHECKABLE_STAGES.includes(f.stage ?? '');
              const fixture = (
                mayWrite ? list.find(checkable) : (list.find(checkable) ?? list.find((f) => f.hasFile) ?? list[0])
              ) as Fixture;
              expect(fixture, `no referred file at a stage up to DECISION for ${relation} × ${role}`).toBeDefined();
              const versions = async () => {
                const [row] = await queryRows<{ file: number | null; case: number }>(
                  database.db,
                  sql`SELECT (SELECT f.version FROM immigration_files f WHERE f.case_id = c.id) AS file,
                             c.version AS case FROM cases c WHERE c.id = ${fixture.caseId}`,
                );
                return row;
              };
              const before = await versions();
              const session = sessions.get(fixture.email) ?? (await signIn(server, fixture.email));
              sessions.set(fixture.email, session);
              const response = await session.graphql(IRCC_WRITE, { id: fixture.caseId });
              if (mayWrite) {
                expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
                expect((await versions())?.file).toBe((before?.file ?? 0) + 1);
              } else {
                expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
                expect(await versions()).toEqual(before);
              }
            });
            continue;
          }
          if (fieldClass === 'REFERENCE') {
            it('write REFERENCE: no mutation takes a reference (it is assigned at creation)', async () => {
              fullSchema ??= buildAppSchema();
              const schema = await fullSchema;
              const inputsWithReference = Object.values(schema.getTypeMap())
                .filter((t): t is GraphQLInputObjectType => t instanceof GraphQLInputObjectType)
                .flatMap((t) =>
                  Object.keys(t.getFields())
                    .filter((f) => /^reference$/i.test(f))
                    .map((f) => `${t.name}.${f}`),
                );
              const mutationArgs = Object.values(schema.getMutationType()?.getFields() ?? {}).flatMap((f) =>
                f.args.filter((a) => /^reference$/i.test(a.name)).map((a) => `${f.name}(${a.name})`),
              );
              expect([...inputsWithReference, ...mutationArgs]).toEqual([]);
            });
            continue;
          }
          const write = WRITES[fieldClass];
          const mayWrite = grantFor(relation, [role], write.needs) === 'write';
          it(`write ${fieldClass}: ${mayWrite ? 'allowed' : 'denied'}`, async () => {
            const list = fixtures.get(`${relation}|${role}`) ?? [];
            expect(list.length).toBeGreaterThan(0);
            // An allowed write needs a case whose status allows edits; a denial shows on any case.
            const fixture = (mayWrite ? list.find((f) => EDITABLE.includes(f.status)) : list[0]) as Fixture;
            expect(fixture, `no editable ${relation} case for a ${role}`).toBeDefined();
            const versionOf = async () =>
              (
                await database.db
                  .select({ v: tables.cases.version })
                  .from(tables.cases)
                  .where(eq(tables.cases.id, fixture.caseId))
              )[0]?.v;
            const before = await versionOf();
            let session = sessions.get(fixture.email);
            if (!session) {
              session = await signIn(server, fixture.email);
              sessions.set(fixture.email, session);
            }
            const response = await session.graphql(write.mutation, {
              id: fixture.caseId,
              v: before,
              p: fixture.principalId ?? '00000000-0000-4000-8000-000000000000',
            });
            if (mayWrite) {
              expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
              expect(await versionOf()).toBe((before ?? 0) + 1);
            } else {
              // Denied by the policy, or, where the mutation's types are not in the role's schema
              // at all (an analyst's updateCase), refused before it runs.
              fullSchema ??= buildAppSchema();
              const inSchema = validate(schemaForRoles(await fullSchema, [role]), parse(write.mutation)).length === 0;
              expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual([
                inSchema ? 'FORBIDDEN' : 'GRAPHQL_VALIDATION_FAILED',
              ]);
              expect(await versionOf()).toBe(before);
            }
          });
        }
      });
    }
  }

  describe('no relation', () => {
    it("a case the caller's organization has no relation to does not exist for it", async () => {
      const fld = await signIn(server, 'caseworker@fld.demo');
      const [unhcrOnly] = await queryRows<{ id: string }>(
        database.db,
        sql`SELECT c.id FROM cases c JOIN organizations o ON o.id = c.custodian_id
             WHERE o.kind = 'UNHCR' AND c.origin_id = o.id
               AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.case_id = c.id AND t.kind <> 'RESETTLEMENT_REFERRAL')
             LIMIT 1`,
      );
      const theirs = await fld.graphql(queryFor('CASEWORKER'), { id: unhcrOnly?.id });
      const never = await fld.graphql(queryFor('CASEWORKER'), { id: '00000000-0000-4000-8000-000000000000' });
      expect(theirs.body).toEqual(never.body);
      expect(theirs.body.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    });
  });
});
