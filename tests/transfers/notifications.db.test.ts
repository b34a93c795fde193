/**
 * Notifications of moves: who is told what (an event and a case reference, nothing else), marking
 * them read within one's own organization only, and the outbox a mailer drains.
 */
import { queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainOutbox, type OutboxMessage } from '../../packages/server/src/modules/notifications/outbox.js';
import { openAll } from '../secrets/secrets-support.js';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { codeOf, type SignedIn, signIn } from '../support/session.js';
import {
  type Actors,
  accept,
  type CreatedCase,
  caseInTriage,
  declineChecked,
  distribute,
  offer,
  ok,
  signInActors,
  submittedCase,
  uniqueWord,
  WITHDRAW,
} from './transfers-support.js';

const NOTIFICATIONS = `query($unreadOnly: Boolean!) {
  notifications(unreadOnly: $unreadOnly, first: 100) { id event caseId caseReference createdAt readAt }
}`;
const MARK_READ = 'mutation($id: ID!) { markNotificationRead(id: $id) { id event readAt } }';
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

interface Note {
  id: string;
  event: string;
  caseId: string | null;
  caseReference: string | null;
  createdAt: string;
  readAt: string | null;
}

async function notificationsOf(session: SignedIn, unreadOnly = false): Promise<Note[]> {
  return (await ok(session.graphql<{ notifications: Note[] }>(NOTIFICATIONS, { unreadOnly }))).notifications;
}
const pairs = (notes: Note[]) => notes.map((n) => `${n.event} ${n.caseReference}`).sort();

describe(`notifications of moves on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  let a: Actors;
  let ircc: SignedIn;
  // A: submitted, accepted, distributed to FLD (declined), again (accepted), offered to UNHCR (withdrawn).
  let caseA: CreatedCase;
  // B: submitted and declined by PD. C: submitted and withdrawn by the referrer.
  let caseB: CreatedCase;
  let caseC: CreatedCase;
  // D: distributed to PD itself (no one else to tell).
  let caseD: CreatedCase;
  /** Free text written into notes and reasons on the way, to be looked for in the notifications. */
  const freeText: string[] = [];
  const said = (prefix: string) => {
    const text = `${uniqueWord(prefix)} (test free text)`;
    freeText.push(text);
    return text;
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
    a = await signInActors(server);
    ircc = await signIn(server, 'officer@ircc.demo');

    const a1 = await submittedCase(a);
    caseA = a1;
    await accept(a.intake, a1.submissionId);
    const d1 = await distribute(a.intake, a1.id, 'FLD', said('Distnote'));
    await declineChecked(database.db, a.fld, d1.id, said('Declinereason'));
    const d2 = await distribute(a.intake, a1.id, 'FLD', said('Distnote'));
    await accept(a.fld, d2.id);
    const o = await offer(a.fld, a1.id, said('Offernote'));
    await ok(a.fld.graphql(WITHDRAW, { id: o.id }));

    const b = await submittedCase(a);
    caseB = b;
    await declineChecked(database.db, a.intake, b.submissionId, said('Submissiondecline'), 'declineSubmission');

    const c = await submittedCase(a);
    caseC = c;
    await ok(a.referrer.graphql(WITHDRAW, { id: c.submissionId }));

    caseD = await caseInTriage(a);
    await distribute(a.intake, caseD.id, 'PD', said('Selfnote'));
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it('PD is told of submissions, of the decline and acceptance of its distributions, and of withdrawals', async () => {
    const expected = [
      `transfer.submitted ${caseA.reference}`,
      `transfer.submitted ${caseB.reference}`,
      `transfer.submitted ${caseC.reference}`,
      `transfer.submitted ${caseD.reference}`,
      `transfer.declined ${caseA.reference}`,
      `transfer.accepted ${caseA.reference}`,
      `transfer.withdrawn ${caseC.reference}`,
    ].sort();
    // Addressed to the organization: every PD user sees the same list.
    for (const session of [a.intake, a.pdCaseworker, a.pdAdmin]) {
      const notes = await notificationsOf(session);
      expect(pairs(notes)).toEqual(expected);
      for (const n of notes) expect(n.readAt).toBeNull();
    }
  });

  it('the third party is told of the acceptance and of the decline of its submissions', async () => {
    const notes = await notificationsOf(a.referrer);
    expect(pairs(notes)).toEqual(
      [
        `transfer.accepted ${caseA.reference}`,
        `transfer.declined ${caseB.reference}`,
        `transfer.accepted ${caseD.reference}`,
      ].sort(),
    );
    expect(notes.find((n) => n.caseReference === caseB.reference)?.caseId).toBe(caseB.id);
  });

  it('FLD is told of each distribution, UNHCR of the offer and its withdrawal, IRCC of nothing', async () => {
    expect(pairs(await notificationsOf(a.fld))).toEqual([
      `transfer.distributed ${caseA.reference}`,
      `transfer.distributed ${caseA.reference}`,
    ]);
    expect(pairs(await notificationsOf(a.unhcr))).toEqual(
      [`transfer.offered ${caseA.reference}`, `transfer.withdrawn ${caseA.reference}`].sort(),
    );
    expect(await notificationsOf(ircc)).toEqual([]);
  });

  it('lists newest first', async () => {
    const notes = await notificationsOf(a.intake);
    const times = notes.map((n) => Date.parse(n.createdAt));
    expect(times).toEqual([...times].sort((x, y) => y - x));
  });

  it("markNotificationRead works on one's own organization's notifications only; others are NOT_FOUND", async () => {
    const [mine] = await notificationsOf(a.referrer);
    if (!mine) throw new Error('the referrer has no notification');
    const marked = await ok(
      a.referrer.graphql<{ markNotificationRead: { id: string; readAt: string | null } }>(MARK_READ, { id: mine.id }),
    );
    expect(marked.markNotificationRead.readAt).not.toBeNull();
    expect((await notificationsOf(a.referrer, true)).map((n) => n.id)).not.toContain(mine.id);

    const [pdNote] = await notificationsOf(a.intake, true);
    if (!pdNote) throw new Error('PD has no unread notification');
    const missing = await a.fld.graphql(MARK_READ, { id: MISSING_ID });
    expect(codeOf(missing)).toBe('NOT_FOUND');
    for (const [who, session, id] of [
      ['FLD marking PD’s', a.fld, pdNote.id],
      ['the referrer marking PD’s', a.referrer, pdNote.id],
      ['PD marking the referrer’s', a.intake, mine.id],
      ['malformed id', a.fld, 'not-an-id'],
    ] as const) {
      const response = await session.graphql(MARK_READ, { id });
      expect(codeOf(response), who).toBe('NOT_FOUND');
      expect(response.body.errors?.[0]?.message, who).toBe(missing.body.errors?.[0]?.message);
    }
    const [row] = await queryRows<{ read_at: unknown }>(
      database.db,
      sql`SELECT read_at FROM notifications WHERE id = ${pdNote.id}`,
    );
    expect(row?.read_at).toBeNull();
    // Read state belongs to the organization: one PD user marking it marks it for all of PD.
    await ok(a.intake.graphql(MARK_READ, { id: pdNote.id }));
    expect((await notificationsOf(a.pdCaseworker, true)).map((n) => n.id)).not.toContain(pdNote.id);
  });

  it('no notification row carries a name, a location, a safe contact, a narrative, a note or a reason', async () => {
    const columns = await queryRows<{ column_name: string }>(
      database.db,
      sql`SELECT column_name FROM information_schema.columns
           WHERE table_schema = 'public' AND table_name = 'notifications' ORDER BY column_name`,
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      'case_id',
      'case_reference',
      'created_at',
      'event',
      'id',
      'mail_attempts',
      'mailed_at',
      'organization_id',
      'read_at',
      'user_id',
    ]);

    const sensitive = new Set<string>(freeText);
    const collect = async (query: ReturnType<typeof sql>) => {
      for (const row of await queryRows<{ v: string | null }>(database.db, query)) if (row.v) sensitive.add(row.v);
    };
    await collect(sql`SELECT given_name AS v FROM persons UNION SELECT family_name FROM persons`);
    await collect(sql`SELECT hrd_summary AS v FROM cases UNION SELECT risk_summary FROM cases`);
    await collect(sql`SELECT note AS v FROM transfers UNION SELECT decision_reason FROM transfers`);
    await collect(sql`SELECT description AS v FROM charges UNION SELECT partner_note FROM charges`);
    await collect(sql`SELECT justification AS v FROM assessment_answers`);
    await collect(sql`SELECT question AS v FROM information_requests UNION SELECT answer FROM information_requests`);
    for (const plain of (await openAll(database.db, TEST_KEYRING)).values()) {
      if (plain.location) sensitive.add(plain.location);
      if (plain.safeContact) sensitive.add(plain.safeContact);
    }
    const values = [...sensitive].map((v) => v.trim()).filter((v) => v.length >= 3);
    // The secrets of the cases made here were decrypted too (they are in the list).
    expect(values.some((v) => v.startsWith('Safe flat '))).toBe(true);
    expect(values.some((v) => v.startsWith('Demo safe house '))).toBe(true);
    expect(values.filter((v) => freeText.includes(v))).toHaveLength(freeText.length);

    const rows = await queryRows<{ row: string; event: string; case_reference: string | null; ref: string | null }>(
      database.db,
      sql`SELECT to_jsonb(n)::text AS row, n.event, n.case_reference, c.reference AS ref
            FROM notifications n LEFT JOIN cases c ON c.id = n.case_id`,
    );
    // PD 7, the third party 3, FLD 2, UNHCR 2 (see the tests above).
    expect(rows).toHaveLength(14);
    for (const row of rows) {
      expect(row.event).toMatch(/^(transfer|case)\.[a-z]+$/);
      expect(row.case_reference).toBe(row.ref);
      const leaked = values.filter((v) => row.row.includes(v));
      expect(leaked, row.row).toEqual([]);
    }
  });

  it('drainOutbox hands each notification to the mail hook once and marks it mailed', async () => {
    const all = await queryRows<{ id: string; event: string; case_reference: string | null }>(
      database.db,
      sql`SELECT id::text, event, case_reference FROM notifications WHERE mailed_at IS NULL ORDER BY created_at`,
    );
    expect(all.length).toBeGreaterThan(3);
    const mailed: OutboxMessage[] = [];
    const hook = async (message: OutboxMessage) => {
      mailed.push(message);
    };
    // A small batch first, then the rest, then nothing is left.
    expect(await drainOutbox(database, hook, 3)).toBe(3);
    expect(await drainOutbox(database, hook, 1_000)).toBe(all.length - 3);
    expect(await drainOutbox(database, hook, 1_000)).toBe(0);

    expect(mailed).toHaveLength(all.length);
    expect(new Set(mailed.map((m) => m.id)).size).toBe(all.length);
    expect(mailed.map((m) => m.id).sort()).toEqual(all.map((n) => n.id).sort());
    for (const message of mailed) {
      expect(Object.keys(message).sort()).toEqual(['case_reference', 'event', 'id', 'organization_id']);
      expect(all.find((n) => n.id === message.id)).toMatchObject({
        event: message.event,
        case_reference: message.case_reference,
      });
    }
    const states = await queryRows<{ mailed: boolean; attempts: number }>(
      database.db,
      sql`SELECT mailed_at IS NOT NULL AS mailed, mail_attempts AS attempts FROM notifications`,
    );
    for (const state of states) expect(state).toEqual({ mailed: true, attempts: 1 });
  });

  it('a hook that fails leaves that message unmailed, counts the attempt, and a later pass sends it', async () => {
    const c = await submittedCase(a);
    const failing = async () => {
      throw new Error('mail transport down (test)');
    };
    expect(await drainOutbox(database, failing)).toBe(0);
    const [row] = await queryRows<{ mailed: boolean; attempts: number }>(
      database.db,
      sql`SELECT mailed_at IS NOT NULL AS mailed, mail_attempts AS attempts FROM notifications
           WHERE case_id = ${c.id}`,
    );
    expect(row).toEqual({ mailed: false, attempts: 1 });
    const mailed: string[] = [];
    expect(await drainOutbox(database, async (m) => void mailed.push(m.id))).toBe(1);
    expect(mailed).toHaveLength(1);
  });
});
