/**
 * A case's persons and transfers are read with the columns the request's selection shows
 * (graphql/selection.ts `selectedColumns`, db/rows.ts), not whole rows: a page of 50 cases read
 * about 70 KB from the database for a 25 KB answer (docs/BENCHMARKS.md, Round 8).
 *
 * Every field of Person and Transfer in the published schema, asked for alone, answers exactly what
 * it answers among all the others, and has data in this test (so a field whose column were not read
 * would answer null and fail); the statements name the columns asked for and not the others.
 */
import { readFileSync } from 'node:fs';
import { queryRows, schemaForRoles, seedScale } from '@hrd/server';
import { sql } from 'drizzle-orm';
import {
  buildSchema,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isLeafType,
  isObjectType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { type SignedIn, signIn } from '../support/session.js';

const schema = buildSchema(readFileSync(new URL('../../packages/schema/schema.graphql', import.meta.url), 'utf8'));

/** A field as a selection: a leaf as itself, an object with its first leaf field without arguments. */
function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (isLeafType(type)) return field.name;
  if (!isObjectType(type)) throw new Error(`${field.name}: not an object`);
  const leaf = Object.values(type.getFields()).find((f) => isLeafType(getNamedType(f.type)) && f.args.length === 0);
  return `${field.name} { ${leaf?.name} }`;
}

const fieldsOf = (name: 'Person' | 'Transfer') =>
  Object.values((schema.getType(name) as GraphQLObjectType).getFields());

type Row = Record<string, unknown>;
interface Page {
  cases: { edges: { node: { id: string; persons: Row[] | null; transfers: Row[] } }[] };
}

const page = (persons: string, transfers: string) =>
  `{ cases(first: 100) { edges { node { id persons { ${persons} } transfers { ${transfers} } } } } }`;

describe(`a page's persons and transfers read the columns asked for, on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  let caseworker: SignedIn;
  const statements: string[] = [];
  let all: Page;

  beforeAll(async () => {
    database = await openTestDatabase({ onQuery: (text) => statements.push(text) });
    await seedScale(database.db, 150, { keyring: TEST_KEYRING });
    // The seed records no decider and few reasons: give every decided transfer both, so that
    // `decidedBy` and `reason` have data.
    await queryRows(
      database.db,
      sql`UPDATE transfers SET decided_by = (SELECT id FROM users WHERE email = 'caseworker@fld.demo'),
            decision_reason = coalesce(decision_reason, 'A reason for ' || kind)
            WHERE decided_at IS NOT NULL`,
    );
    server = await startTestServer(database);
    caseworker = await signIn(server, 'caseworker@fld.demo');
    all = await ask(fieldsOf('Person').map(selectionOf).join(' '), fieldsOf('Transfer').map(selectionOf).join(' '));
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  async function ask(persons: string, transfers: string): Promise<Page> {
    const response = await caseworker.graphql<Page>(page(persons, transfers));
    // Persons are FORBIDDEN on the cases the caller no longer holds; nothing else may fail.
    expect((response.body.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN')).toEqual([]);
    return response.body.data as Page;
  }

  /** Each case's list, each row cut down to one field. */
  const column = (answer: Page, list: 'persons' | 'transfers', field: string) =>
    answer.cases.edges.map(({ node }) => node[list]?.map((row) => ({ [field]: row[field] })) ?? null);

  it('the page has persons and transfers to show', () => {
    const nodes = all.cases.edges.map((e) => e.node);
    expect(nodes.length).toBeGreaterThan(50);
    expect(nodes.filter((n) => n.persons?.length).length).toBeGreaterThan(40);
    expect(nodes.filter((n) => n.transfers.length).length).toBeGreaterThan(40);
  });

  for (const [list, type] of [
    ['persons', 'Person'],
    ['transfers', 'Transfer'],
  ] as const) {
    it(`every ${type} field asked for alone answers as among all of them, with data`, async () => {
      const fields = fieldsOf(type);
      expect(fields.length).toBeGreaterThan(7);
      for (const field of fields) {
        const selection = selectionOf(field);
        const alone = await ask(list === 'persons' ? selection : 'id', list === 'transfers' ? selection : 'id');
        const answered = column(alone, list, field.name);
        expect(answered, `${type}.${field.name}`).toEqual(column(all, list, field.name));
        const values = answered.flatMap((rows) => rows ?? []).map((row) => row[field.name]);
        expect(
          values.filter((v) => v !== null && v !== undefined).length,
          `${type}.${field.name} has data`,
        ).toBeGreaterThan(0);
      }
    });
  }

  it('names the columns asked for in its statements, and not the others', async () => {
    statements.length = 0;
    await ask('givenName', 'kind createdAt');
    const personsSql = statements.filter((s) => /FROM "persons"/.test(s));
    const transfersSql = statements.filter((s) => /FROM "transfers"/.test(s));
    expect(personsSql).toHaveLength(1);
    expect(transfersSql).toHaveLength(1);
    expect(personsSql[0]).toMatch(/^SELECT "id", "case_id", "given_name" FROM "persons"/);
    // The parties' organizations are read whatever is asked: the note's guard compares them.
    expect(transfersSql[0]).toMatch(
      /^SELECT "id", "case_id", "kind", "from_organization_id", "to_organization_id", "created_at" FROM "transfers"/,
    );
  });

  it('a page looks each case’s relation up, its count hashes them (policy/relations.ts, probe)', async () => {
    statements.length = 0;
    const response = await caseworker.graphql<{ cases: { totalCount: number; edges: unknown[] } }>(
      '{ cases(first: 5) { totalCount edges { node { id } } } }',
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.cases.edges).toHaveLength(5);
    const page = statements.filter((s) => /FROM "cases" WHERE/.test(s) && /LIMIT/.test(s));
    const count = statements.filter((s) => /^select count\(\*\)/i.test(s));
    expect(page).toHaveLength(1);
    expect(count).toHaveLength(1);
    // OFFSET 0 keeps the EXISTS over case_relations from becoming a hashed sub-plan.
    expect(page[0]).toMatch(/r\.relation IN \([^)]*\) OFFSET 0\)\)/);
    expect(count[0]).toContain('EXISTS');
    expect(count[0]).not.toContain('OFFSET 0');
  });

  it('reads each column set once when a request asks two, and answers each as asked', async () => {
    statements.length = 0;
    const response = await caseworker.graphql<{ cases: { edges: { node: Row }[] } }>(
      `{ cases(first: 20) { edges { node { a: persons { givenName } b: persons { sex } } } } }`,
    );
    expect((response.body.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN')).toEqual([]);
    const personsSql = statements.filter((s) => /FROM "persons"/.test(s));
    expect(personsSql).toHaveLength(2);
    const nodes = response.body.data?.cases.edges.map((e) => e.node) ?? [];
    const held = nodes.filter((n) => Array.isArray(n.a) && (n.a as Row[]).length > 0);
    expect(held.length).toBeGreaterThan(0);
    for (const node of held) {
      for (const row of node.a as Row[]) expect(Object.keys(row)).toEqual(['givenName']);
      for (const row of node.b as Row[]) expect(typeof row.sex).toBe('string');
    }
  });

  describe('a page of cases reads the columns its selection shows', () => {
    /**
     * A Case field as a selection in the role's schema, with the purpose the secrets ask for; an
     * object with every leaf field of it that the role's schema has and that takes no argument.
     */
    const caseSelection = (roleSchema: GraphQLSchema, field: GraphQLField<unknown, unknown>) => {
      if (field.args.some((a) => a.name === 'purpose')) return `${field.name}(purpose: "selected-columns test")`;
      const type = getNamedType(field.type);
      if (!isObjectType(type)) return field.name;
      const inRole = roleSchema.getType(type.name) as GraphQLObjectType;
      const leaves = Object.values(inRole.getFields())
        .filter((f) => isLeafType(getNamedType(f.type)) && f.args.length === 0)
        .map((f) => f.name);
      return `${field.name} { ${leaves.join(' ')} }`;
    };
    const caseFieldsOf = (roleSchema: GraphQLSchema) =>
      Object.values((roleSchema.getType('Case') as GraphQLObjectType).getFields());
    type CasePage = { cases: { edges: { node: Row }[] } };
    const casePage = (selection: string) => `{ cases(first: 40) { edges { node { id ${selection} } } } }`;
    /** The answer's nodes, and its denials as `field@case index`. */
    async function askCases(who: SignedIn, selection: string) {
      const response = await who.graphql<CasePage>(casePage(selection));
      const errors = response.body.errors ?? [];
      expect(errors.filter((e) => e.extensions?.code !== 'FORBIDDEN')).toEqual([]);
      const denials = errors.map((e) => `${String(e.path?.[4])}@${String(e.path?.[2])}`).sort();
      return { nodes: response.body.data?.cases.edges.map((e) => e.node) ?? [], denials };
    }

    for (const email of ['caseworker@fld.demo', 'officer@ircc.demo']) {
      it(`${email}: every Case field asked for alone answers, and is denied, as among all of them`, async () => {
        const who = email === 'caseworker@fld.demo' ? caseworker : await signIn(server, email);
        const roleSchema = schemaForRoles(schema, [email === 'caseworker@fld.demo' ? 'CASEWORKER' : 'OFFICER']);
        const caseFields = caseFieldsOf(roleSchema);
        const all = await askCases(who, caseFields.map((f) => caseSelection(roleSchema, f)).join(' '));
        expect(all.nodes).toHaveLength(40);
        expect(caseFields.length).toBeGreaterThan(20);
        for (const field of caseFields) {
          const alone = await askCases(who, caseSelection(roleSchema, field));
          expect(
            alone.nodes.map((n) => n[field.name]),
            `Case.${field.name}`,
          ).toEqual(all.nodes.map((n) => n[field.name]));
          expect(alone.denials, `Case.${field.name} denials`).toEqual(
            all.denials.filter((d) => d.startsWith(`${field.name}@`)),
          );
        }
      });
    }

    it('names the columns asked for in the page statement, and whole rows for a field without a map', async () => {
      statements.length = 0;
      const narrow = await caseworker.graphql<CasePage>(casePage('reference status'));
      expect(narrow.body.errors).toBeUndefined();
      statements.length = 0;
      await caseworker.graphql<CasePage>(casePage('reference status'));
      const page = statements.filter((t) => /FROM "cases" WHERE/.test(t) && /LIMIT/.test(t));
      expect(page).toHaveLength(1);
      const selectList = (page[0] as string).slice(0, (page[0] as string).indexOf(' FROM "cases" WHERE'));
      expect(selectList).toMatch(/"cases"\."reference"/);
      expect(selectList).toMatch(/"cases"\."status"/);
      expect(selectList).not.toMatch(/hrd_summary|risk_summary|"activities"|"in_hiding"|"urgency"/);
      statements.length = 0;
      await caseworker.graphql<CasePage>(casePage('immigrationFile { stage }'));
      const whole = statements.filter((t) => /FROM "cases" WHERE/.test(t) && /LIMIT/.test(t));
      expect(whole[0]).toMatch(/"cases"\."hrd_summary"/);
    });
  });
});
