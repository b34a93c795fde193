/**
 * The audit trail as requests write it: one event per request and kind of access, the stated
 * purpose of SECRET reads, denials, sign-ins, and a chain that still verifies afterwards.
 */
import { queryRows, seedDemo, verifyAuditChain } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { codeOf, signIn } from '../support/session.js';

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

describe(`the audit trail of requests on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  const eventsAfter = async (seq: number) =>
    queryRows<EventRow>(
      database.db,
      sql`SELECT seq::int AS seq, action, outcome, fields, case_ids::text[] AS case_ids, detail, actor_id, request_id
            FROM audit_events WHERE seq > ${seq} ORDER BY seq`,
    );
  const head = async () =>
    Number(
      (await queryRows<{ s: number }>(database.db, sql`SELECT coalesce(max(seq), 0)::int AS s FROM audit_events`))[0]
        ?.s,
    );

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  it('records sign-ins and failed sign-ins, without the password', async () => {
    const before = await head();
    await signIn(server, 'caseworker@unhcr.demo');
    await server.graphql('mutation { login(email: "caseworker@unhcr.demo", password: "wrong-password-x") { token } }');
    const events = await eventsAfter(before);
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      ['auth.login', 'ALLOWED'],
      ['auth.login', 'DENIED'],
    ]);
    expect(JSON.stringify(events)).not.toContain('wrong-password-x');
    expect(JSON.stringify(events)).not.toContain('hrd-demo-2026');
  });

  it('a page of cases with persons costs one audit row listing every case read', async () => {
    const unhcr = await signIn(server, 'caseworker@unhcr.demo');
    const before = await head();
    const response = await unhcr.graphql<{ cases: { edges: Array<{ node: { id: string; persons: unknown[] } }> } }>(
      '{ cases(first: 100) { edges { node { id persons { givenName } hrdProfile { summary } } } } }',
    );
    const readable = (response.body.data?.cases.edges ?? [])
      .filter((e) => e.node.persons !== null)
      .map((e) => e.node.id);
    expect(readable.length).toBeGreaterThan(5);
    const events = await eventsAfter(before);
    const reads = events.filter((e) => e.action === 'case.read' && e.outcome === 'ALLOWED');
    expect(reads).toHaveLength(1);
    expect(reads[0]?.fields).toEqual(['IDENTITY']);
    expect([...(reads[0]?.case_ids ?? [])].sort()).toEqual([...readable].sort());
    expect(reads[0]?.request_id).toBe(response.headers.get('x-request-id'));
    expect(reads[0]?.actor_id).toBe(unhcr.userId);
  });

  it('a SECRET read states its purpose, which the trail records and shows; the value is never logged', async () => {
    const pd = await signIn(server, 'caseworker@pd.demo');
    const list = await pd.graphql<{ cases: { edges: Array<{ node: { id: string; viewerRelation: string } }> } }>(
      '{ cases(first: 100, filter: { status: [DRAFT] }) { edges { node { id viewerRelation } } } }',
    );
    const id = list.body.data?.cases.edges.find((e) => e.node.viewerRelation === 'CUSTODIAN')?.node.id;
    const before = await head();
    const read = await pd.graphql<{ case: { location: string } }>(
      `query($id: ID!) { case(id: $id) { location(purpose: "arranging a safe interview") } }`,
      { id },
    );
    const location = read.body.data?.case.location ?? '';
    expect(location).toMatch(/^Demo safe house \d+/);
    const events = await eventsAfter(before);
    expect(events).toEqual([
      expect.objectContaining({
        action: 'case.read',
        outcome: 'ALLOWED',
        fields: ['SECRET'],
        case_ids: [id],
        detail: { purpose: 'arranging a safe interview' },
      }),
    ]);
    expect(JSON.stringify(events)).not.toContain(location);

    const trail = await pd.graphql<{
      auditTrail: { events: Array<{ action: string; purpose: string | null; fields: string[] }> };
    }>(`query($id: ID!) { auditTrail(caseId: $id) { events { action purpose fields outcome actorName } } }`, { id });
    expect(trail.body.data?.auditTrail.events[0]).toMatchObject({
      action: 'case.read',
      purpose: 'arranging a safe interview',
      fields: ['SECRET'],
    });

    const noPurpose = await pd.graphql(`query($id: ID!) { case(id: $id) { location(purpose: " ") } }`, { id });
    expect(codeOf(noPurpose)).toBe('BAD_USER_INPUT');
  });

  it('a denied field is audited as DENIED with its class', async () => {
    // FLD reading the persons of a case it handed on (FORMER: META only).
    const fld = await signIn(server, 'caseworker@fld.demo');
    const list = await fld.graphql<{ cases: { edges: Array<{ node: { id: string; viewerRelation: string } }> } }>(
      '{ cases(first: 100) { edges { node { id viewerRelation } } } }',
    );
    const id = list.body.data?.cases.edges.find((e) => e.node.viewerRelation === 'FORMER')?.node.id;
    expect(id).toBeTypeOf('string');
    const before = await head();
    const response = await fld.graphql(`query($id: ID!) { case(id: $id) { reference persons { givenName } } }`, {
      id,
    });
    expect(codeOf(response)).toBe('FORBIDDEN');
    const events = await eventsAfter(before);
    expect(events).toEqual([
      expect.objectContaining({ action: 'case.read', outcome: 'DENIED', fields: ['IDENTITY'], case_ids: [id] }),
    ]);
  });

  it('the trail is for the custodian and IRCC officers only; others get FORBIDDEN or NOT_FOUND', async () => {
    const fld = await signIn(server, 'caseworker@fld.demo');
    const list = await fld.graphql<{ cases: { edges: Array<{ node: { id: string; viewerRelation: string } }> } }>(
      '{ cases(first: 100, filter: { status: [REFERRED] }) { edges { node { id viewerRelation } } } }',
    );
    const referred = list.body.data?.cases.edges.find((e) => e.node.viewerRelation === 'CUSTODIAN')?.node.id;
    const query = `query($id: ID!) { auditTrail(caseId: $id) { events { seq } } }`;
    expect((await fld.graphql(query, { id: referred })).body.errors).toBeUndefined();
    const officer = await signIn(server, 'officer@ircc.demo');
    expect((await officer.graphql(query, { id: referred })).body.errors).toBeUndefined();
    const analyst = await signIn(server, 'analyst@ircc.demo');
    expect(codeOf(await analyst.graphql(query, { id: referred }))).toBe('FORBIDDEN');
    const unhcr = await signIn(server, 'caseworker@unhcr.demo');
    expect(codeOf(await unhcr.graphql(query, { id: referred }))).toBe('NOT_FOUND');
  });

  it('the chain verifies after all of the above', async () => {
    const result = await verifyAuditChain(database.db);
    expect(result.ok).toBe(true);
    expect(result.events).toBeGreaterThan(5);
  });
});
