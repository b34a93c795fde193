/**
 * Load (issue #9, item 5): the built server as a child process on a throwaway PostgreSQL with the
 * demo data, under a bounded mix of reads and writes from several roles at once (autocannon on
 * loopback) for LOAD_TEST_SECONDS (default 120; `pnpm load` runs 600):
 *
 * - FLD caseworkers reading the case list, case detail, their inbox and the portal's persisted
 *   `Me`; updating two shared cases with `expectedVersion` (three connections race for them, so
 *   CONFLICT happens: the next round re-reads the version and tries again); adding and removing
 *   family members on two other cases;
 * - an IRCC officer reading the queue and a file;
 * - an analyst reading the year's cap and case counts.
 *
 * Asserted: no transport error, timeout or non-2xx answer; no GraphQL error but the CONFLICTs of
 * the racing writers (counted apart); every acknowledged write in the database, each with its audit
 * event, and the audit chain verifies, extending the head taken before the load; no memory growth
 * trend: what survives the server's major GCs (its old and large-object heap spaces, read from its
 * /metrics every 250 ms after a warm-up) has a least-squares slope under HEAP_SLOPE_BOUND.
 * The numbers are printed (`[load] …`).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { queryRows, readAuditHead, verifyAuditChain } from '@hrd/server';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseInput, person } from '../casework/casework-support.js';
import { PORTAL_DIST } from '../support/server.js';
import { type SignedIn, signIn } from '../support/session.js';
import {
  httpClient,
  type SeededCluster,
  type ServerProcess,
  seededCluster,
  sleep,
  startServerProcess,
} from './cluster-support.js';

const SECONDS = Number(process.env.LOAD_TEST_SECONDS ?? 120);
/** Memory samples before this are the warm-up (JIT, caches, pool, V8's heap sizing). */
const WARM_UP_SECONDS = Math.min(60, Math.max(10, Math.round(SECONDS / 4)));
/** Often, so that the first sample after a major GC comes soon after it (the old space refills fast). */
const SAMPLE_EVERY_MS = 250;
/**
 * The growth allowed, MB per minute, of what survives major GCs. The slope's own noise, measured
 * over the 90-s windows of a 600-s run, has a standard deviation of 0.65 MB/min (values from −1.8 to
 * +1.6); over 9 minutes it is about twenty times smaller. So 3 MB/min for a run under 5 minutes
 * (a leak of 1 KB per request at 50 requests a second), 1 MB/min for longer ones.
 */
const HEAP_SLOPE_BOUND = SECONDS >= 300 ? 1 : 3;
const METRICS_TOKEN = randomBytes(32).toString('hex');

const record = (what: string, value: unknown) =>
  process.stdout.write(`[load] ${what}: ${typeof value === 'string' ? value : JSON.stringify(value)}\n`);

const CASE_LIST = `query LoadCaseList { cases(first: 20, orderBy: CREATED_DESC) {
  totalCount edges { node { id reference status urgency custodian { name } } } pageInfo { hasNextPage endCursor } } }`;
const CASE_DETAIL = `query LoadCaseDetail($id: ID!) { case(id: $id) {
  id reference status urgency version size countryOfAsylum persons { id role givenName familyName }
  transfers { kind status from { name } to { name } createdAt } } }`;
const INBOX = `query LoadInbox { transfers(filter: { direction: INCOMING }, first: 20) {
  totalCount edges { node { id kind status createdAt } } } }`;
const VERSION = `query LoadVersion($id: ID!) { case(id: $id) { id version urgency } }`;
const UPDATE = `mutation LoadUpdate($id: ID!, $v: Int!, $u: Urgency!) {
  updateCase(id: $id, expectedVersion: $v, input: { urgency: $u }) { id version urgency } }`;
const ADD_PERSON = `mutation LoadAddPerson($caseId: ID!, $input: PersonInput!) { addPerson(caseId: $caseId, input: $input) { id } }`;
const REMOVE_PERSON = `mutation LoadRemovePerson($id: ID!) { removePerson(id: $id) { id size } }`;
const QUEUE = `query LoadQueue { immigrationQueue(first: 20) {
  totalCount edges { node { id reference urgency immigrationFile { stage expedited deferred } } } } }`;
const FILE = `query LoadFile($id: ID!) { case(id: $id) { id reference status size
  immigrationFile { stage expedited deferred fileNumber interviewAt } transfers { kind status } } }`;
const QUOTA = `query LoadQuota { statistics { quota(year: 2026) {
  year personCap referredPersons inProcessPersons approvedPersons partners { organization { name } personTarget referredPersons } } } }`;
const COUNTS = `query LoadCounts { statistics { threshold caseCounts(groupBy: [PARTNER, URGENCY]) {
  cells { group { dimension value } suppressed cases persons } total { cases persons } } } }`;

interface GraphqlAnswer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** What one scenario's answers said, beyond HTTP. */
interface Tally {
  answers: number;
  conflicts: number;
  committed: { updates: number; added: number; removed: number };
  unexpected: Map<string, number>;
  examples: string[];
}

/** Least-squares slope of y over x. */
function slope(points: ReadonlyArray<readonly [number, number]>): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/** One sample's value from Prometheus text: the first series of that name whose labels include `labels`. */
const metric = (text: string, name: string, labels = '') =>
  Number(new RegExp(`^${name}(?:\\{[^}]*${labels}[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);

describe(`a bounded load test (${SECONDS} s) on a real PostgreSQL server`, () => {
  let sc: SeededCluster;
  let server: ServerProcess;

  beforeAll(async () => {
    sc = await seededCluster();
    server = await startServerProcess(sc.url, { METRICS_TOKEN, DB_POOL_MAX: '10' });
  });
  afterAll(async () => {
    server?.kill();
    await server?.exited;
    await sc?.close();
  });

  it(
    'serves a mix of reads and writes by several roles with no error, no lost write and no memory growth',
    async () => {
      const client = httpClient(server.url);
      const caseworker = await signIn(client, 'caseworker@fld.demo');
      const officer = await signIn(client, 'officer@ircc.demo');
      const analyst = await signIn(client, 'analyst@ircc.demo');
      const must = async <T>(user: SignedIn, query: string, variables?: Record<string, unknown>) => {
        const r = await user.graphql<T>(query, variables);
        if (r.body.errors?.length || !r.body.data)
          throw new Error(`${query.slice(0, 40)}: ${JSON.stringify(r.body.errors)}`);
        return r.body.data;
      };

      // The cases the writers work on: new drafts of FLD's, two raced for by versioned updates,
      // two for family members (each with its principal).
      const drafts: Array<{ id: string; version: number }> = [];
      for (let i = 0; i < 4; i++) {
        const created = await must<{ createCase: { id: string; version: number } }>(
          caseworker,
          'mutation($input: CreateCaseInput!) { createCase(input: $input) { id version } }',
          { input: newCaseInput({ urgency: 'NORMAL' }, `load${i}`) },
        );
        drafts.push(created.createCase);
      }
      const raced = drafts.slice(0, 2);
      const families = drafts.slice(2).map((d) => d.id);
      // What the readers open: FLD's own cases, and files in the IRCC queue.
      const held = await must<{ cases: { edges: Array<{ node: { id: string } }> } }>(
        caseworker,
        '{ cases(first: 50, filter: { custodianKind: [FLD] }) { edges { node { id } } } }',
      );
      const heldIds = held.cases.edges.map((e) => e.node.id);
      const queue = await must<{ immigrationQueue: { edges: Array<{ node: { id: string } }> } }>(officer, QUEUE);
      const fileIds = queue.immigrationQueue.edges.map((e) => e.node.id);
      expect(heldIds.length).toBeGreaterThan(5);
      expect(fileIds.length).toBeGreaterThan(3);
      const manifestPath = join(PORTAL_DIST, 'persisted-documents.json');
      const meId = existsSync(manifestPath)
        ? Object.entries(JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, string>).find(([, text]) =>
            /^\s*query Me\b/.test(text),
          )?.[0]
        : undefined;
      expect(meId, 'the portal is built (its persisted documents)').toBeDefined();

      const [initialPersons] = await queryRows<{ n: number }>(
        sc.owner.db,
        sql`SELECT count(*)::int AS n FROM persons WHERE case_id = ANY(${`{${families.join(',')}}`}::uuid[])`,
      );
      const headBefore = await readAuditHead(sc.owner.db);

      // ── the scenarios ──────────────────────────────────────────────────────────────────────
      type Request = {
        setupRequest?: (
          req: Record<string, unknown>,
          context: Record<string, unknown>,
        ) => Record<string, unknown> | null;
        onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
        body?: string;
      };
      interface Scenario {
        name: string;
        user: SignedIn;
        connections: number;
        requests: Request[];
      }
      const tallies = new Map<string, Tally>();
      const tally = (name: string): Tally => {
        let t = tallies.get(name);
        if (!t) {
          t = {
            answers: 0,
            conflicts: 0,
            committed: { updates: 0, added: 0, removed: 0 },
            unexpected: new Map(),
            examples: [],
          };
          tallies.set(name, t);
        }
        return t;
      };
      /** Reads an answer; anything but `allowed` codes is unexpected. Returns the data when there was no error. */
      const read = (scenario: string, body: string, allowed: string[] = []): GraphqlAnswer['data'] | undefined => {
        const t = tally(scenario);
        t.answers++;
        let answer: GraphqlAnswer;
        try {
          answer = JSON.parse(body) as GraphqlAnswer;
        } catch {
          t.unexpected.set('UNPARSABLE', (t.unexpected.get('UNPARSABLE') ?? 0) + 1);
          return undefined;
        }
        for (const error of answer.errors ?? []) {
          const code = error.extensions?.code ?? 'NO_CODE';
          if (code === 'CONFLICT' && allowed.includes(code)) {
            t.conflicts++;
            continue;
          }
          if (allowed.includes(code)) continue;
          t.unexpected.set(code, (t.unexpected.get(code) ?? 0) + 1);
          if (t.examples.length < 5) t.examples.push(`${code}: ${error.message}`);
        }
        return answer.errors?.length ? undefined : (answer.data ?? undefined);
      };
      const gql = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });
      let turn = 0;
      const next = <T>(list: readonly T[]) => list[turn++ % list.length] as T;

      const scenarios: Scenario[] = [
        {
          name: 'caseworker reads',
          user: caseworker,
          connections: 3,
          requests: [
            { body: gql(CASE_LIST), onResponse: (_s, body) => void read('caseworker reads', body) },
            {
              setupRequest: (req) => ({ ...req, body: gql(CASE_DETAIL, { id: next(heldIds) }) }),
              onResponse: (_s, body) => void read('caseworker reads', body),
            },
            { body: gql(INBOX), onResponse: (_s, body) => void read('caseworker reads', body) },
            {
              body: JSON.stringify({ documentId: meId }),
              onResponse: (_s, body) => void read('caseworker reads', body),
            },
          ],
        },
        {
          name: 'caseworker updates (versioned, raced)',
          user: caseworker,
          connections: 3,
          requests: [
            {
              // Each round re-reads the version (after a CONFLICT, too) of one of the two raced cases.
              setupRequest: (req, context) => {
                context.id = next(raced).id;
                return { ...req, body: gql(VERSION, { id: context.id }) };
              },
              onResponse: (_s, body, context) => {
                const data = read('caseworker updates (versioned, raced)', body) as
                  | { case?: { version: number; urgency: string } }
                  | undefined;
                context.version = data?.case?.version;
                context.urgency = data?.case?.urgency;
              },
            },
            {
              setupRequest: (req, context) =>
                typeof context.version === 'number'
                  ? {
                      ...req,
                      body: gql(UPDATE, {
                        id: context.id,
                        v: context.version,
                        u: context.urgency === 'URGENT' ? 'NORMAL' : 'URGENT',
                      }),
                    }
                  : null,
              onResponse: (_s, body) => {
                const data = read('caseworker updates (versioned, raced)', body, ['CONFLICT']) as
                  | { updateCase?: unknown }
                  | undefined;
                if (data?.updateCase) tally('caseworker updates (versioned, raced)').committed.updates++;
              },
            },
          ],
        },
        {
          name: 'caseworker family members',
          user: caseworker,
          connections: 2,
          requests: [
            {
              setupRequest: (req, context) => {
                context.caseId = next(families);
                return {
                  ...req,
                  body: gql(ADD_PERSON, { caseId: context.caseId, input: person('SIBLING', `Load${turn % 1000}`) }),
                };
              },
              onResponse: (_s, body, context) => {
                const data = read('caseworker family members', body) as { addPerson?: { id: string } } | undefined;
                context.personId = data?.addPerson?.id;
                if (context.personId) tally('caseworker family members').committed.added++;
              },
            },
            {
              setupRequest: (req, context) =>
                typeof context.personId === 'string'
                  ? { ...req, body: gql(REMOVE_PERSON, { id: context.personId }) }
                  : null,
              onResponse: (_s, body) => {
                const data = read('caseworker family members', body) as { removePerson?: unknown } | undefined;
                if (data?.removePerson) tally('caseworker family members').committed.removed++;
              },
            },
          ],
        },
        {
          name: 'officer',
          user: officer,
          connections: 1,
          requests: [
            { body: gql(QUEUE), onResponse: (_s, body) => void read('officer', body) },
            {
              setupRequest: (req) => ({ ...req, body: gql(FILE, { id: next(fileIds) }) }),
              onResponse: (_s, body) => void read('officer', body),
            },
          ],
        },
        {
          name: 'analyst',
          user: analyst,
          connections: 1,
          requests: [
            { body: gql(QUOTA), onResponse: (_s, body) => void read('analyst', body) },
            { body: gql(COUNTS), onResponse: (_s, body) => void read('analyst', body) },
          ],
        },
      ];
      // Every read answers cleanly once before the load (a wrong query fails here, not as noise).
      await must(caseworker, CASE_LIST);
      await must(caseworker, CASE_DETAIL, { id: heldIds[0] });
      await must(caseworker, INBOX);
      await must(caseworker, VERSION, { id: raced[0]?.id });
      await must(officer, FILE, { id: fileIds[0] });
      await must(analyst, QUOTA);
      await must(analyst, COUNTS);

      // ── memory samples from the server's own /metrics ─────────────────────────────────────
      interface Sample {
        t: number;
        heap: number;
        /** Old and large-object spaces: what survives young-generation GCs. */
        old: number;
        rss: number;
        majorGcs: number;
        lagP99: number;
        transactions: number;
      }
      const samples: Sample[] = [];
      let sampling = true;
      const startedAt = Date.now();
      const sampler = (async () => {
        while (sampling) {
          const response = await fetch(`${server.url}/metrics`, {
            headers: { authorization: `Bearer ${METRICS_TOKEN}` },
          });
          const text = await response.text();
          samples.push({
            t: (Date.now() - startedAt) / 1000,
            heap: metric(text, 'nodejs_heap_size_used_bytes'),
            old:
              metric(text, 'nodejs_heap_space_size_used_bytes', 'space="old"') +
              metric(text, 'nodejs_heap_space_size_used_bytes', 'space="large_object"'),
            rss: metric(text, 'process_resident_memory_bytes'),
            majorGcs: metric(text, 'nodejs_gc_duration_seconds_count', 'kind="major"') || 0,
            lagP99: metric(text, 'nodejs_eventloop_lag_p99_seconds'),
            transactions: metric(text, 'hrd_db_transactions_open'),
          });
          await sleep(SAMPLE_EVERY_MS);
        }
      })();

      // ── the load ──────────────────────────────────────────────────────────────────────────
      const latencies: number[] = [];
      const runs = await Promise.all(
        scenarios.map(
          (s) =>
            new Promise<{ name: string; result: autocannon.Result }>((resolve, reject) => {
              const instance = autocannon(
                {
                  url: `${server.url}/graphql`,
                  connections: s.connections,
                  duration: SECONDS,
                  method: 'POST',
                  headers: { 'content-type': 'application/json', authorization: `Bearer ${s.user.token}` },
                  requests: s.requests as autocannon.Request[],
                } as autocannon.Options,
                (error, result) => (error ? reject(error) : resolve({ name: s.name, result })),
              );
              instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
            }),
        ),
      );
      sampling = false;
      await sampler;

      // ── afterwards ────────────────────────────────────────────────────────────────────────
      const health = await fetch(`${server.url}/healthz`);
      const raceTally = tally('caseworker updates (versioned, raced)');
      const familyTally = tally('caseworker family members');
      const versions = await queryRows<{ id: string; version: number }>(
        sc.owner.db,
        sql`SELECT id, version FROM cases WHERE id = ANY(${`{${raced.map((r) => r.id).join(',')}}`}::uuid[])`,
      );
      const committedUpdates = versions.reduce(
        (sum, row) => sum + Number(row.version) - (raced.find((r) => r.id === row.id)?.version ?? 0),
        0,
      );
      const [auditedUpdates] = await queryRows<{ n: number }>(
        sc.owner.db,
        sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.update' AND outcome = 'ALLOWED'
             AND case_ids && ${`{${raced.map((r) => r.id).join(',')}}`}::uuid[]`,
      );
      const [finalPersons] = await queryRows<{ n: number }>(
        sc.owner.db,
        sql`SELECT count(*)::int AS n FROM persons WHERE case_id = ANY(${`{${families.join(',')}}`}::uuid[])`,
      );
      const chain = await verifyAuditChain(sc.owner.db, { expectedHead: headBefore });
      // The server's own count of what it answered (its /metrics), beside the clients'.
      const finalMetrics = await (
        await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
      ).text();
      const serverOperations = finalMetrics
        .split('\n')
        .filter((line) => line.startsWith('hrd_graphql_operations_total{'))
        .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
      const serverConflicts =
        metric(finalMetrics, 'hrd_graphql_errors_total', 'code="CONFLICT",operation="updateCase"') || 0;

      // Memory, after the warm-up. The heap is a sawtooth (it grows until a major GC, then drops
      // back), so a slope over every sample mostly says where in the tooth the run ended. What a
      // leak raises is what survives major GCs: the old and large-object spaces in the first
      // sample after each major GC (at most SAMPLE_EVERY_MS after it: what was promoted since is
      // the noise left, about ±1 MB).
      const steady = samples.filter((s) => s.t >= WARM_UP_SECONDS);
      const afterGc = samples.filter(
        (s, i) => s.t >= WARM_UP_SECONDS && i > 0 && s.majorGcs > (samples[i - 1]?.majorGcs ?? 0),
      );
      const MB = 1024 * 1024;
      const perMinute = (points: Array<readonly [number, number]>) => (slope(points) * 60) / MB;
      const heapSlope = perMinute(afterGc.map((s) => [s.t, s.old] as const));
      const rawHeapSlope = perMinute(steady.map((s) => [s.t, s.heap] as const));
      const rssSlope = perMinute(steady.map((s) => [s.t, s.rss] as const));

      latencies.sort((a, b) => a - b);
      const total = runs.reduce((sum, r) => sum + r.result.requests.total, 0);
      const transport = runs.reduce((sum, r) => sum + r.result.errors + r.result.timeouts, 0);
      const non2xx = runs.reduce((sum, r) => sum + r.result.non2xx, 0);
      const unexpected = [...tallies.entries()].flatMap(([name, t]) =>
        [...t.unexpected.entries()].map(([code, n]) => `${name}: ${code} ×${n} (${t.examples.join(' | ')})`),
      );
      record('duration (s)', { load: SECONDS, warmUp: WARM_UP_SECONDS });
      record('requests', {
        total,
        perSecond: Math.round(total / SECONDS),
        p50ms: percentile(latencies, 0.5),
        p99ms: percentile(latencies, 0.99),
        maxMs: latencies.at(-1),
        transportErrors: transport,
        non2xx,
      });
      for (const r of runs) {
        const t = tally(r.name);
        record(`scenario ${r.name}`, {
          connections: r.result.connections,
          requests: r.result.requests.total,
          perSecond: Math.round(r.result.requests.total / SECONDS),
          p50ms: r.result.latency.p50,
          p99ms: r.result.latency.p99,
          conflicts: t.conflicts,
          committed: t.committed,
          unexpected: Object.fromEntries(t.unexpected),
        });
      }
      record('writes committed', {
        acknowledgedUpdates: raceTally.committed.updates,
        conflictsHandled: raceTally.conflicts,
        updatesInDatabase: committedUpdates,
        auditedUpdates: auditedUpdates?.n,
        personsAdded: familyTally.committed.added,
        personsRemoved: familyTally.committed.removed,
        personsBefore: initialPersons?.n,
        personsAfter: finalPersons?.n,
      });
      record('server metrics', { operations: serverOperations, conflicts: serverConflicts });
      record('audit chain', {
        ok: chain.ok,
        events: chain.events,
        headBefore: headBefore.seq,
        headAfter: chain.head.seq,
      });
      record(
        'memory every 5 s (t s, heap used MB, old+large-object MB, rss MB, major GCs)',
        samples
          .filter((s, i) => Math.floor(s.t / 5) !== Math.floor((samples[i - 1]?.t ?? -5) / 5))
          .map((s) => [
            Math.round(s.t),
            +(s.heap / MB).toFixed(1),
            +(s.old / MB).toFixed(1),
            +(s.rss / MB).toFixed(1),
            s.majorGcs,
          ]),
      );
      record(
        'after each major GC (t s, old+large-object MB)',
        afterGc.map((s) => [+s.t.toFixed(1), +(s.old / MB).toFixed(2)]),
      );
      record('heap slope (MB/min)', {
        afterMajorGcs: +heapSlope.toFixed(3),
        allSamples: +rawHeapSlope.toFixed(3),
        rss: +rssSlope.toFixed(3),
        bound: HEAP_SLOPE_BOUND,
        majorGcs: afterGc.length,
      });
      record('server', {
        maxEventLoopLagP99ms: Math.round(Math.max(...samples.map((s) => s.lagP99)) * 1000),
        maxTransactionsOpen: Math.max(...samples.map((s) => s.transactions)),
      });

      // No transport error, no timeout, only 2xx, and no GraphQL error but the raced CONFLICTs.
      expect(total).toBeGreaterThan(SECONDS * 20);
      expect(transport).toBe(0);
      expect(non2xx).toBe(0);
      expect(unexpected).toEqual([]);
      for (const s of scenarios) expect(tally(s.name).answers, s.name).toBeGreaterThan(0);
      expect(raceTally.conflicts).toBeGreaterThan(0);
      // /metrics counted every answer the clients got (and the few they did not wait for).
      expect(serverOperations).toBeGreaterThanOrEqual(total);
      expect(serverConflicts).toBeGreaterThanOrEqual(raceTally.conflicts);
      expect(serverConflicts).toBeLessThanOrEqual(raceTally.conflicts + 3);
      expect(health.status).toBe(200);
      // Every acknowledged write is in the database, each update with its audit event. Requests
      // still in flight when the load stopped may have committed unacknowledged: at most one per connection.
      expect(committedUpdates).toBeGreaterThanOrEqual(raceTally.committed.updates);
      expect(committedUpdates).toBeLessThanOrEqual(raceTally.committed.updates + 3);
      expect(auditedUpdates?.n).toBe(committedUpdates);
      expect(familyTally.committed.added).toBeGreaterThan(0);
      const netPersons = (finalPersons?.n ?? 0) - (initialPersons?.n ?? 0);
      const ackedNet = familyTally.committed.added - familyTally.committed.removed;
      expect(netPersons).toBeGreaterThanOrEqual(ackedNet - 2);
      expect(netPersons).toBeLessThanOrEqual(ackedNet + 2);
      // The chain holds and extends the head taken before the load.
      expect(chain.ok, JSON.stringify(chain.broken)).toBe(true);
      expect(chain.head.seq).toBeGreaterThan(headBefore.seq);
      // No memory growth trend.
      expect(
        afterGc.length,
        'major GCs after the warm-up (LOAD_TEST_SECONDS of 90 or more gives enough)',
      ).toBeGreaterThanOrEqual(3);
      expect(heapSlope).toBeLessThan(HEAP_SLOPE_BOUND);
      // Nothing went wrong inside the server either (errors are logged at level 50).
      const errorLines = server
        .output()
        .split('\n')
        .filter((line) => line.includes('"level":50'));
      expect(errorLines.slice(0, 3)).toEqual([]);
    },
    (SECONDS + 240) * 1000,
  );
});
