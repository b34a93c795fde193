/**
 * The tamper-evident audit chain on each driver: appends (also concurrent ones) build a contiguous
 * chain that verifies; edits, deletions and reorderings made behind the append-only trigger's back
 * are found and the first broken seq is named; the built `audit:verify` / `audit:head` scripts.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AuditEventInput,
  type AuditHead,
  appendAuditEvents,
  type Database,
  GENESIS_HASH,
  hashAuditRow,
  queryRows,
  readAuditHead,
  tables,
  verifyAuditChain,
} from '@hrd/server';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, dbFailure, openTestDatabase, type TestDatabase } from '../support/database.js';

const DIST = fileURLToPath(new URL('../../packages/server/dist/', import.meta.url));

/** The sizes of the successive append calls that build a 50-event chain. */
const CALLS = [1, 5, 10, 3, 7, 24];
const CHAIN_LENGTH = CALLS.reduce((a, b) => a + b, 0);

interface Actor {
  userId: string;
  organizationId: string;
}

/** A user and an organization for the events' foreign keys. */
async function createActor(db: Database): Promise<Actor> {
  const [org] = await db
    .insert(tables.organizations)
    .values({
      name: `Audit test ${randomUUID()}`,
      kind: 'THIRD_PARTY',
      referencePrefix: `AT${randomUUID()
        .replace(/[^0-9]/g, '')
        .slice(0, 8)}`,
    })
    .returning({ id: tables.organizations.id });
  if (!org) throw new Error('no organization');
  const [user] = await db
    .insert(tables.users)
    .values({ organizationId: org.id, email: `${randomUUID()}@audit.test`, displayName: 'Auditor' })
    .returning({ id: tables.users.id });
  if (!user) throw new Error('no user');
  return { userId: user.id, organizationId: org.id };
}

/** A deterministic case id (hex letters included, so that upper case differs). */
function caseId(n: number, k: number): string {
  return `cafe0000-0000-4000-8000-${(n * 10 + k).toString(16).padStart(12, 'a')}`;
}

/**
 * A varied event: nulls, several case ids (one in upper case), nested detail in unsorted key order,
 * and text that JSON escapes (quotes, backslashes, a line separator, a control character, an emoji).
 */
function event(n: number, actor: Actor, extra: Partial<AuditEventInput> = {}): AuditEventInput {
  const anonymous = n % 7 === 0;
  return {
    action: n % 3 === 0 ? 'auth.login_failed' : n % 3 === 1 ? 'case.read' : 'case.update',
    outcome: n % 5 === 0 ? 'DENIED' : 'ALLOWED',
    actorId: anonymous ? null : actor.userId,
    organizationId: anonymous ? null : actor.organizationId,
    caseIds: n % 4 === 0 ? [] : [caseId(n, 1), caseId(n, 2).toUpperCase()],
    fields: n % 4 === 0 ? [] : ['IDENTITY', 'CASE_FACTS'],
    requestId: n % 2 === 0 ? `req-${n}` : null,
    detail:
      n % 6 === 0
        ? {}
        : n % 5 === 0
          ? { note: 'quote " backslash \\ emoji 🙂 separator \u2028 control \u0001', n }
          : { zeta: n, alpha: { y: [1, 'two', null, { b: true, a: 1.5 }], x: 'é€' }, purpose: 'check' },
    at: new Date(Date.UTC(2026, 10, 26, 12, 0, 0, n * 37)),
    ...extra,
  };
}

/** Appends the 50-event chain in several calls; returns the head after each call. */
async function buildChain(db: Database, actor: Actor): Promise<AuditHead[]> {
  const heads: AuditHead[] = [];
  let n = 0;
  for (const size of CALLS) {
    const events = Array.from({ length: size }, () => event(++n, actor));
    heads.push(await appendAuditEvents(db, events));
  }
  return heads;
}

/** Runs statements with the append-only trigger disabled (as a superuser could), then re-enables it. */
async function tamper(db: Database, ...statements: string[]): Promise<void> {
  await db.execute(sql.raw('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete'));
  try {
    for (const statement of statements) await db.execute(sql.raw(statement));
  } finally {
    await db.execute(sql.raw('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete'));
  }
}

async function seqs(db: Database): Promise<number[]> {
  const rows = await queryRows<{ seq: string | number }>(db, sql`select seq from audit_events order by seq`);
  return rows.map((r) => Number(r.seq));
}

describe(`the audit chain on ${currentDriver()}`, () => {
  /** A fresh database holding the 50-event chain; each tampering test gets its own. */
  async function chainDatabase(): Promise<{ database: TestDatabase; db: Database; head: AuditHead }> {
    const database = await openTestDatabase();
    opened.push(database);
    const actor = await createActor(database.db);
    const heads = await buildChain(database.db, actor);
    const head = heads.at(-1);
    if (!head) throw new Error('no head');
    return { database, db: database.db, head };
  }
  const opened: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of opened) await database.close();
  });

  describe('an intact chain', () => {
    let db: Database;
    let heads: AuditHead[];
    let actor: Actor;
    beforeAll(async () => {
      const database = await openTestDatabase();
      opened.push(database);
      db = database.db;
      actor = await createActor(db);
      expect(await verifyAuditChain(db)).toEqual({ ok: true, events: 0, head: { seq: 0, hash: GENESIS_HASH } });
      expect(await appendAuditEvents(db, [])).toEqual({ seq: 0, hash: GENESIS_HASH });
      heads = await buildChain(db, actor);
    });

    it('verifies, with contiguous seqs from 1 and the head that readAuditHead gives', async () => {
      const head = await readAuditHead(db);
      expect(head.seq).toBe(CHAIN_LENGTH);
      expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(heads.map((h) => h.seq)).toEqual([1, 6, 16, 19, 26, 50]);
      expect(heads.at(-1)).toEqual(head);
      expect(await seqs(db)).toEqual(Array.from({ length: CHAIN_LENGTH }, (_, i) => i + 1));

      const result = await verifyAuditChain(db);
      expect(result).toEqual({ ok: true, events: CHAIN_LENGTH, head });
      // Small keyset batches walk the same chain.
      expect(await verifyAuditChain(db, { batchSize: 7 })).toEqual(result);
      // Against the current head, or any earlier one recorded outside the database.
      for (const expectedHead of heads) expect(await verifyAuditChain(db, { expectedHead })).toEqual(result);
      // An empty append changes nothing.
      expect(await appendAuditEvents(db, [])).toEqual(head);
    });

    it('links each row to the previous one and stores what was given (lower-case ids, jsonb detail)', async () => {
      const rows = await db.select().from(tables.auditEvents).orderBy(asc(tables.auditEvents.seq));
      expect(rows[0]?.prevHash).toBe(GENESIS_HASH);
      for (let i = 1; i < rows.length; i++) expect(rows[i]?.prevHash).toBe(rows[i - 1]?.hash);
      for (const row of rows) expect(hashAuditRow(row.prevHash, row)).toBe(row.hash);

      const second = rows[1];
      const given = event(2, actor);
      expect(second).toMatchObject({
        seq: 2,
        action: given.action,
        outcome: given.outcome,
        actorId: actor.userId,
        organizationId: actor.organizationId,
        caseIds: given.caseIds?.map((id) => id.toLowerCase()),
        fields: given.fields,
        requestId: given.requestId,
        detail: given.detail,
        at: given.at,
      });
      expect(rows.filter((r) => r.actorId === null)).toHaveLength(7);
    });

    it('appends inside the caller transaction, and a rolled-back one leaves no trace', async () => {
      const before = await readAuditHead(db);
      const failure = await dbFailure(
        db.transaction(async (tx) => {
          await appendAuditEvents(tx, [event(100, actor), event(101, actor)]);
          throw new Error('the request failed');
        }),
      );
      expect(failure).toBe('the request failed');
      expect(await readAuditHead(db)).toEqual(before);

      const head = await db.transaction((tx) => appendAuditEvents(tx, [event(102, actor)]));
      expect(head.seq).toBe(before.seq + 1);
      expect(await verifyAuditChain(db)).toEqual({ ok: true, events: head.seq, head });
    });

    it('rejects ids that are not UUIDs before writing anything', async () => {
      const before = await readAuditHead(db);
      await expect(appendAuditEvents(db, [event(200, actor), event(201, actor, { caseIds: ['x'] })])).rejects.toThrow(
        /caseIds/,
      );
      expect(await readAuditHead(db)).toEqual(before);
    });
  });

  it('detects an edited row and names it (the first one, when several are edited)', async () => {
    const { db } = await chainDatabase();
    await tamper(db, `UPDATE audit_events SET detail = jsonb_set(detail, '{purpose}', '"other"') WHERE seq = 29`);
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      events: CHAIN_LENGTH,
      broken: { seq: 29, reason: 'hash mismatch: row edited' },
    });
    await tamper(db, `UPDATE audit_events SET action = 'case.list' WHERE seq = 17`);
    expect((await verifyAuditChain(db)).broken).toEqual({ seq: 17, reason: 'hash mismatch: row edited' });
  });

  it('detects an edit even below the millisecond, and an edit whose hash was recomputed', async () => {
    const { db } = await chainDatabase();
    await tamper(db, `UPDATE audit_events SET at = at + interval '1 microsecond' WHERE seq = 8`);
    expect((await verifyAuditChain(db)).broken).toEqual({ seq: 8, reason: 'hash mismatch: row edited' });

    // Rewrite seq 40 consistently (its own hash recomputed): the next row's link breaks.
    const other = await chainDatabase();
    await tamper(other.db, `UPDATE audit_events SET outcome = 'ALLOWED', fields = '{}' WHERE seq = 40`);
    const [row] = await other.db.select().from(tables.auditEvents).where(eq(tables.auditEvents.seq, 40));
    if (!row) throw new Error('no row 40');
    await tamper(other.db, `UPDATE audit_events SET hash = '${hashAuditRow(row.prevHash, row)}' WHERE seq = 40`);
    expect((await verifyAuditChain(other.db)).broken).toEqual({
      seq: 41,
      reason: 'prev_hash does not match the previous row',
    });
  });

  it('detects a deleted middle row, naming the row after the gap', async () => {
    const { db, head } = await chainDatabase();
    await tamper(db, 'DELETE FROM audit_events WHERE seq = 25');
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ ok: false, events: CHAIN_LENGTH - 1, head });
    expect(result.broken?.seq).toBe(26);
    expect(result.broken?.reason).toBe('seq gap: row(s) deleted before this one (seq 25 missing)');

    await tamper(db, 'DELETE FROM audit_events WHERE seq BETWEEN 3 AND 5');
    expect((await verifyAuditChain(db)).broken).toEqual({
      seq: 6,
      reason: 'seq gap: row(s) deleted before this one (seqs 3-5 missing)',
    });
  });

  it('detects deleting the newest row only against a head kept outside the database', async () => {
    const { db, head } = await chainDatabase();
    await tamper(db, `DELETE FROM audit_events WHERE seq = ${CHAIN_LENGTH}`);
    const shorter = await readAuditHead(db);
    expect(shorter.seq).toBe(CHAIN_LENGTH - 1);
    // Without the recorded head the shorter chain is internally consistent...
    expect(await verifyAuditChain(db)).toEqual({ ok: true, events: CHAIN_LENGTH - 1, head: shorter });
    // ...with it, the deletion shows.
    expect(await verifyAuditChain(db, { expectedHead: head })).toMatchObject({
      ok: false,
      events: CHAIN_LENGTH - 1,
      broken: { seq: CHAIN_LENGTH, reason: expect.stringMatching(/^row\(s\) deleted at the end/) },
    });

    // Covering it up by appending again reuses the seq, with another hash.
    const actor = await createActor(db);
    await appendAuditEvents(db, [event(1, actor), event(2, actor)]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
    expect((await verifyAuditChain(db, { expectedHead: head })).broken).toEqual({
      seq: CHAIN_LENGTH,
      reason: 'hash differs from the expected head: row(s) rewritten',
    });
  });

  it('detects two rows swapped, naming the first of them', async () => {
    const { db } = await chainDatabase();
    const swap = (a: number, b: number) => [
      `UPDATE audit_events SET seq = -1 WHERE seq = ${a}`,
      `UPDATE audit_events SET seq = ${a} WHERE seq = ${b}`,
      `UPDATE audit_events SET seq = ${b} WHERE seq = -1`,
    ];
    await tamper(db, ...swap(33, 34));
    expect(await seqs(db)).toEqual(Array.from({ length: CHAIN_LENGTH }, (_, i) => i + 1));
    expect((await verifyAuditChain(db)).broken).toEqual({
      seq: 33,
      reason: 'prev_hash does not match the previous row',
    });

    await tamper(db, ...swap(5, 45));
    expect((await verifyAuditChain(db)).broken).toEqual({
      seq: 5,
      reason: 'prev_hash does not match the previous row',
    });
  });

  it('keeps one contiguous, valid chain under concurrent appends', async () => {
    const database = await openTestDatabase();
    opened.push(database);
    const { db } = database;
    const actor = await createActor(db);
    const requests = Array.from({ length: 20 }, (_, r) => r);
    const heads = await Promise.all(
      requests.map((r) =>
        db.transaction((tx) =>
          appendAuditEvents(
            tx,
            [0, 1, 2].map((k) => event(r * 3 + k + 1, actor, { requestId: `concurrent-${r}`, at: undefined })),
          ),
        ),
      ),
    );
    const total = requests.length * 3;
    const head = await readAuditHead(db);
    expect(head.seq).toBe(total);
    expect(new Set(heads.map((h) => h.seq)).size).toBe(requests.length);
    expect(await seqs(db)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(await verifyAuditChain(db)).toEqual({ ok: true, events: total, head });

    // Every request's events are all there, consecutive (one append holds the lock throughout).
    const rows = await queryRows<{ request_id: string; seqs: Array<string | number> }>(
      db,
      sql`select request_id, array_agg(seq order by seq) as seqs from audit_events group by request_id`,
    );
    expect(rows.map((r) => r.request_id).sort()).toEqual(requests.map((r) => `concurrent-${r}`).sort());
    for (const row of rows) {
      const [a, b, c] = row.seqs.map(Number);
      expect([b, c]).toEqual([Number(a) + 1, Number(a) + 2]);
      expect(heads).toContainEqual(expect.objectContaining({ seq: c }));
    }
  });

  it('still refuses UPDATE, DELETE and TRUNCATE while the trigger is enabled', async () => {
    const { db } = await chainDatabase();
    // The trigger was disabled and enabled again by tamper(); it is back in force.
    await tamper(db, 'SELECT 1');
    expect(await dbFailure(db.execute(sql`UPDATE audit_events SET action = 'x' WHERE seq = 1`))).toContain(
      'audit_events is append-only: UPDATE',
    );
    expect(await dbFailure(db.execute(sql`DELETE FROM audit_events WHERE seq = 50`))).toContain(
      'audit_events is append-only: DELETE',
    );
    expect(await dbFailure(db.execute(sql`TRUNCATE audit_events`))).toContain('audit_events is append-only: TRUNCATE');
    expect((await verifyAuditChain(db)).ok).toBe(true);
    expect(await seqs(db)).toHaveLength(CHAIN_LENGTH);
  });

  it('the built audit:verify and audit:head scripts report the chain (on postgres; in process on pglite)', async () => {
    const { database, db, head } = await chainDatabase();
    const okLine = `Audit chain OK: ${CHAIN_LENGTH} events, head seq ${CHAIN_LENGTH} hash ${head.hash}`;
    if (currentDriver() !== 'postgres' || !database.url) {
      // The scripts need a PostgreSQL URL (PGlite would need its own DATA_DIR): check what they print.
      const result = await verifyAuditChain(db);
      expect(`Audit chain OK: ${result.events} events, head seq ${result.head.seq} hash ${result.head.hash}`).toBe(
        okLine,
      );
      expect(JSON.stringify(await readAuditHead(db))).toBe(JSON.stringify({ seq: CHAIN_LENGTH, hash: head.hash }));
      return;
    }

    // loadConfig asks for a session secret whenever DATABASE_URL is set.
    const env = {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: database.url,
      SESSION_SECRET: 'audit-test-secret-'.repeat(3),
    };
    const dir = mkdtempSync(join(tmpdir(), 'hrd-audit-'));
    try {
      const run = (script: string, ...args: string[]) => {
        const result = spawnSync(process.execPath, [join(DIST, 'scripts', script), ...args], { env, cwd: dir });
        return { status: result.status, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
      };

      const printed = run('audit-head.js');
      expect(printed).toMatchObject({ status: 0, stderr: '' });
      expect(printed.stdout).toBe(`${JSON.stringify({ seq: CHAIN_LENGTH, hash: head.hash })}\n`);
      const headFile = join(dir, 'head.json');
      writeFileSync(headFile, printed.stdout);

      expect(run('audit-verify.js')).toEqual({ status: 0, stdout: `${okLine}\n`, stderr: '' });
      expect(run('audit-verify.js', '--head', printed.stdout.trim())).toEqual({
        status: 0,
        stdout: `${okLine}\n`,
        stderr: '',
      });
      expect(run('audit-verify.js', '--head-file', headFile).status).toBe(0);

      const bad = run('audit-verify.js', '--head', '{"seq":1}');
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/^--head must be \{"seq":N,"hash":"<64 hex digits>"\}/);

      // The newest row deleted: only the recorded head reveals it.
      await tamper(db, `DELETE FROM audit_events WHERE seq = ${CHAIN_LENGTH}`);
      expect(run('audit-verify.js').status).toBe(0);
      const missing = run('audit-verify.js', '--head-file', headFile);
      expect(missing.status).toBe(1);
      expect(missing.stdout).toMatch(
        new RegExp(`^Audit chain BROKEN at seq ${CHAIN_LENGTH}: row\\(s\\) deleted at the end`),
      );

      // An edited row is named with or without a head.
      await tamper(db, `UPDATE audit_events SET fields = '{}' WHERE seq = 13`);
      expect(run('audit-verify.js')).toEqual({
        status: 1,
        stdout: 'Audit chain BROKEN at seq 13: hash mismatch: row edited\n',
        stderr: '',
      });
      expect(run('audit-head.js').stdout).toBe(`${JSON.stringify(await readAuditHead(db))}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
