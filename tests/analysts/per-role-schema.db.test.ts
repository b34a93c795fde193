/**
 * Issue #7, item 4: a signed-in caller's introspection and validation show only what their roles
 * can ever read (the access table and FIELD_CLASSES of @hrd/schema); suggestions never name a
 * hidden field; anonymous callers get no introspection and no suggestions; schema.graphql stays
 * the full schema. Over HTTP against the real server and the seeded demo data.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { type SignedIn, signIn } from '../support/session.js';

/** Names that must appear nowhere in an analyst's schema: identity, secrets, charges, assessment, internals. */
const ANALYST_NEVER_TYPES = [
  'Person',
  'PersonInput',
  'PersonPatch',
  'HrdProfile',
  'Charge',
  'ChargeInput',
  'ChargePatch',
  'Assessment',
  'AssessmentInput',
  'CriterionAssessment',
  'CriterionAnswerInput',
  'CreateCaseInput',
  'UpdateCaseInput',
  'Officer',
  'ImmigrationCheck',
];
const ANALYST_NEVER_FIELDS = [
  'persons',
  'hrdProfile',
  'inHiding',
  'charges',
  'assessment',
  'location',
  'safeContact',
  'reference',
  'caseReference',
  'caseByReference',
  'referencePrefix',
  'countryOfNationality',
  'countryOfAsylum',
  'fileNumber',
  'decisionReasons',
  'assignedOfficer',
  'checks',
  'givenName',
  'familyName',
  'dateOfBirth',
];

interface IntrospectedType {
  name: string;
  kind: string;
  fields: Array<{ name: string; args: Array<{ name: string }> }> | null;
  inputFields: Array<{ name: string }> | null;
}
interface Introspection {
  __schema: { types: IntrospectedType[] };
}

const SCHEMA_FILE = fileURLToPath(new URL('../../packages/schema/schema.graphql', import.meta.url));

describe(`per-role schemas on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  let analyst: SignedIn;
  let officer: SignedIn;
  let caseworker: SignedIn;

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
    [analyst, officer, caseworker] = await Promise.all([
      signIn(server, 'analyst@ircc.demo'),
      signIn(server, 'officer@ircc.demo'),
      signIn(server, 'caseworker@fld.demo'),
    ]);
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  const introspect = async (who: SignedIn) => {
    const response = await who.graphql<Introspection>(getIntrospectionQuery());
    expect(response.body.errors).toBeUndefined();
    const types = response.body.data?.__schema.types ?? [];
    const byName = new Map(types.map((t) => [t.name, t]));
    const names = (type: string) => [
      ...(byName.get(type)?.fields ?? []).map((f) => f.name),
      ...(byName.get(type)?.inputFields ?? []).map((f) => f.name),
    ];
    const everyName = new Set(
      types.flatMap((t) => [
        t.name,
        ...(t.fields ?? []).flatMap((f) => [f.name, ...f.args.map((a) => a.name)]),
        ...(t.inputFields ?? []).map((f) => f.name),
      ]),
    );
    return { types, byName, names, everyName };
  };

  it("an analyst's introspection lists none of the identity, secret, charge, assessment, reference or country fields", async () => {
    const { types, byName, names, everyName } = await introspect(analyst);
    for (const type of ANALYST_NEVER_TYPES) expect(byName.has(type), `type ${type}`).toBe(false);
    // A field of that name anywhere but the statistics' aggregate cells (whose `persons` is a count).
    const aggregate = /^(CaseCount|ProcessingTime)/;
    const holders = (field: string) =>
      types
        .filter((t) => !aggregate.test(t.name))
        .filter(
          (t) =>
            t.name === field ||
            (t.fields ?? []).some((f) => f.name === field || f.args.some((a) => a.name === field)) ||
            (t.inputFields ?? []).some((f) => f.name === field),
        )
        .map((t) => t.name);
    for (const field of ANALYST_NEVER_FIELDS) expect(holders(field), `field ${field}`).toEqual([]);
    expect(everyName.has('persons')).toBe(true); // the statistics' person counts
    // What an analyst does read is all there: META per case, IRCC's stage and outcome, `me`.
    expect(names('Case').sort()).toEqual(
      [
        'activities',
        'createdAt',
        'custodian',
        'id',
        'immigrationFile',
        'origin',
        'size',
        'status',
        'transfers',
        'updatedAt',
        'urgency',
        'version',
        'viewerRelation',
      ].sort(),
    );
    expect(names('ImmigrationFile').sort()).toEqual(['decisionOutcome', 'deferred', 'stage']);
    expect(names('Query')).toEqual(expect.arrayContaining(['cases', 'case', 'me', 'organizations']));
    expect(names('CaseFilter')).toEqual(expect.arrayContaining(['status', 'urgency', 'createdAfter', 'referredAfter']));
    expect(names('Notification')).not.toContain('caseReference');
  });

  it("an officer's introspection has them (the filter is by role, not a blanket removal)", async () => {
    const { byName, everyName } = await introspect(officer);
    for (const type of ['Person', 'Charge', 'Assessment', 'Officer', 'ImmigrationCheck']) {
      expect(byName.has(type), type).toBe(true);
    }
    for (const field of ['persons', 'location', 'safeContact', 'reference', 'caseByReference', 'countryOfAsylum']) {
      expect(everyName.has(field), field).toBe(true);
    }
  });

  it("a partner caseworker's schema has the case file but none of IRCC's internal fields", async () => {
    const { byName, names } = await introspect(caseworker);
    expect(byName.has('Person')).toBe(true);
    expect(names('Case')).toEqual(expect.arrayContaining(['persons', 'location', 'reference']));
    expect(names('ImmigrationFile').sort()).toEqual(['decisionOutcome', 'deferred', 'stage']);
    expect(byName.has('Officer')).toBe(false);
  });

  it('__type of a hidden type is null for the analyst, and a type for the officer', async () => {
    const query = '{ person: __type(name: "Person") { name } charge: __type(name: "Charge") { name } }';
    const asAnalyst = await analyst.graphql<Record<string, unknown>>(query);
    expect(asAnalyst.body.errors).toBeUndefined();
    expect(asAnalyst.body.data).toEqual({ person: null, charge: null });
    const asOfficer = await officer.graphql<Record<string, unknown>>(query);
    expect(asOfficer.body.data).toEqual({ person: { name: 'Person' }, charge: { name: 'Charge' } });
  });

  it('asking for a hidden field anyway is a validation error that runs nothing, names no hidden field, and is audited', async () => {
    const seq = async () =>
      (await queryRows<{ n: number }>(database.db, sql`SELECT coalesce(max(seq), 0)::int AS n FROM audit_events`))[0]
        ?.n;
    const before = await seq();
    expect(before).toBeTypeOf('number');
    for (const selection of [
      'persons { givenName familyName }',
      'location(purpose: "analysis")',
      'safeContact(purpose: "analysis")',
      'charges { description }',
      'assessment { primaryCategory }',
      'reference',
      'countryOfAsylum',
      'immigrationFile { fileNumber decisionReasons }',
    ]) {
      const response = await analyst.graphql(`{ cases(first: 5) { edges { node { id ${selection} } } } }`);
      expect(response.status, selection).toBe(400);
      expect(response.body.data, selection).toBeUndefined();
      expect(
        response.body.errors?.map((e) => e.extensions?.code),
        selection,
      ).toEqual(expect.arrayContaining(['GRAPHQL_VALIDATION_FAILED']));
      for (const error of response.body.errors ?? []) {
        expect(error.message).toMatch(/^Cannot query field "[A-Za-z]+" on type "(Case|ImmigrationFile)"\./);
        const suggested = (error.message.split('Did you mean')[1] ?? '').match(/"([^"]+)"/g) ?? [];
        for (const name of suggested) {
          expect(ANALYST_NEVER_FIELDS, `${selection}: suggests ${name}`).not.toContain(name.replaceAll('"', ''));
        }
      }
    }
    // Nothing ran, and each attempt is audited as a refusal, without the query's text.
    const events = await queryRows<{ action: string; outcome: string; detail: unknown; case_ids: unknown }>(
      database.db,
      sql`SELECT action, outcome, detail, case_ids FROM audit_events WHERE seq > ${before} ORDER BY seq`,
    );
    expect(events).toHaveLength(8);
    for (const event of events) {
      expect(event).toMatchObject({ action: 'graphql.rejected', outcome: 'DENIED' });
      expect(JSON.stringify(event.detail)).not.toMatch(/persons|location|reference|country/);
    }
  });

  it('a near miss suggests the hidden field to the officer but never to the analyst', async () => {
    const typo = '{ cases(first: 1) { edges { node { id countryOfAsylumm referenc } } } }';
    const asOfficer = await officer.graphql(typo);
    const officerText = JSON.stringify(asOfficer.body.errors);
    // The test can fail: the full schema does suggest these names.
    expect(officerText).toContain('Did you mean \\"countryOfAsylum\\"');
    expect(officerText).toContain('\\"reference\\"');
    const asAnalyst = await analyst.graphql(typo);
    expect(asAnalyst.status).toBe(400);
    const analystText = JSON.stringify(asAnalyst.body.errors);
    expect(analystText).toContain('Cannot query field \\"countryOfAsylumm\\"');
    expect(analystText).not.toContain('countryOfAsylum\\"');
    expect(analystText).not.toContain('\\"reference\\"');
  });

  it('caseByReference is not in the analyst schema; the officer finds a case by it', async () => {
    const officerCases = await officer.graphql<{ cases: { edges: Array<{ node: { reference: string } }> } }>(
      '{ cases(first: 1) { edges { node { reference } } } }',
    );
    const reference = officerCases.body.data?.cases.edges[0]?.node.reference;
    expect(reference).toMatch(/^[A-Z]+-\d{4}-\d{4}$/);
    const query = 'query ($r: String!) { caseByReference(reference: $r) { id status } }';
    const asOfficer = await officer.graphql<{ caseByReference: { id: string } | null }>(query, { r: reference });
    expect(asOfficer.body.data?.caseByReference?.id).toBeTypeOf('string');
    const asAnalyst = await analyst.graphql(query, { r: reference });
    expect(asAnalyst.status).toBe(400);
    expect(asAnalyst.body.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(JSON.stringify(asAnalyst.body)).not.toContain(reference as string);
  });

  it('an analyst API token sees the same analyst schema as the session', async () => {
    const created = await analyst.graphql<{ createApiToken: { token: string } }>(
      'mutation { createApiToken(name: "schema test", expiresInDays: 1) { token } }',
    );
    const token = created.body.data?.createApiToken.token;
    expect(token).toMatch(/^hrd_pat_/);
    const query = '{ __type(name: "Case") { fields { name } } }';
    const viaToken = await server.graphql(query, undefined, { authorization: `Bearer ${token}` });
    const viaSession = await analyst.graphql(query);
    expect(viaToken.body).toEqual(viaSession.body);
    expect(JSON.stringify(viaToken.body)).not.toContain('"persons"');
  });

  describe('anonymous callers', () => {
    it('get no introspection at all', async () => {
      for (const query of [
        getIntrospectionQuery(),
        '{ __schema { types { name } } }',
        '{ __type(name: "Case") { name } }',
      ]) {
        const response = await server.graphql(query);
        expect(response.status).toBe(400);
        expect(response.body.data).toBeUndefined();
        expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(response.body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
      }
    });

    it('get no suggestions', async () => {
      const response = await server.graphql('{ organizations { nam kin } }');
      expect(response.status).toBe(400);
      const text = JSON.stringify(response.body.errors);
      expect(text).toContain('Cannot query field');
      expect(text).not.toContain('Did you mean');
      expect(text).not.toContain('"name"');
      // Signed in, the same typo is helped: the test can fail.
      expect(JSON.stringify((await officer.graphql('{ organizations { nam } }')).body.errors)).toContain(
        'Did you mean',
      );
    });

    it('are still told UNAUTHENTICATED for everything but sign-in and organizations', async () => {
      const response = await server.graphql<{ me: unknown }>('{ me { id } }');
      expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      const organizations = await server.graphql<{ organizations: unknown[] }>('{ organizations { kind } }');
      expect(organizations.body.errors).toBeUndefined();
      expect(organizations.body.data?.organizations.length).toBeGreaterThan(3);
    });
  });

  it('schema.graphql stays the full schema, for code generation', () => {
    const sdl = readFileSync(SCHEMA_FILE, 'utf8');
    for (const needle of [
      'type Person {',
      'location(',
      'safeContact(',
      'caseByReference(',
      'reference: String',
      'type Charge {',
    ]) {
      expect(sdl, needle).toContain(needle);
    }
  });
});
