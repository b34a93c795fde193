/**
 * Appending to the audit chain. Writers are serialised by a transaction-level advisory lock, so
 * two requests can never read the same head and fork the chain; the lock is held until the
 * caller's transaction ends, which is also when the new rows become visible to the next writer.
 */
import { sql } from 'drizzle-orm';
import { type Database, queryRows, sendNow } from '../db/client.js';
import type { AuditChainRow, AuditEventInput, AuditHead } from './audit.types.js';
import { AUDIT_FORMAT, canonicalJson, chainMiddle } from './chain.js';
import { readAuditHead } from './verify.js';

/** The advisory lock key of the audit chain: the bytes of 'HRDAUDIT' as a bigint. */
export const AUDIT_CHAIN_LOCK_KEY = 5211302766215186772n;

/** Rows per append call (one jsonb parameter). */
const APPEND_CHUNK = 1_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Appends `events` to the chain with consecutive seq numbers and returns the new head; with no
 * events, returns the current head and writes nothing.
 *
 * `db` may be a transaction (the caller's: the events then commit or roll back with its work) or
 * the database itself (the events are written in a transaction of their own). Call it in a READ
 * COMMITTED transaction: under REPEATABLE READ or SERIALIZABLE the head read after the lock may be
 * stale, and the insert then fails on the seq primary key (it never forks the chain).
 */
export async function appendAuditEvents(
  db: Database,
  events: readonly AuditEventInput[],
  options: { inCallerTransaction?: boolean } = {},
): Promise<AuditHead> {
  if (events.length === 0) return readAuditHead(db);
  const now = new Date();
  const contents = events.map((event) => normalise(event, now));
  const append = async (tx: Database) => {
    // One round trip per chunk: hrd_audit_append takes the chain's lock, reads the head after it,
    // and inserts the rows, hashing each from `chainMiddle` and its place in the chain.
    let head: AuditHead | undefined;
    for (let i = 0; i < contents.length; i += APPEND_CHUNK) {
      head = headOf(await queryRows(tx, appendStatement(contents.slice(i, i + APPEND_CHUNK))));
    }
    return head as AuditHead;
  };
  // `inCallerTransaction`: the caller rolls everything back if this fails (the request scope),
  // so no savepoint is needed. Otherwise a savepoint inside the caller's transaction, or a
  // transaction of its own on the bare database.
  if (options.inCallerTransaction) return append(db);
  return db.transaction(async (tx) => append(tx as unknown as Database));
}

/**
 * Sends the append of `events` on the caller's transaction `tx` at once, so that its COMMIT, asked
 * for right after, follows it to the server in the same round trip (`sendNow`). The caller must
 * not report the transaction committed unless this resolves: if the append fails, the
 * transaction is aborted, and PostgreSQL answers its COMMIT with a ROLLBACK. Undefined where
 * it cannot be sent ahead (PGlite; more events than one statement takes): `appendAuditEvents`.
 */
export function sendAuditAppend(tx: Database, events: readonly AuditEventInput[]): Promise<AuditHead> | undefined {
  if (events.length === 0 || events.length > APPEND_CHUNK) return undefined;
  const now = new Date();
  return sendNow<AppendedRow>(tx, appendStatement(events.map((event) => normalise(event, now))))?.then(headOf);
}

type AppendedRow = { seq: string | number; hash: string };

/** The statement appending `contents` (at most APPEND_CHUNK) to the chain. */
function appendStatement(contents: readonly Omit<AuditChainRow, 'seq'>[]) {
  const rows = contents.map((content) => ({
    at: content.at.toISOString(),
    actor_id: content.actorId,
    organization_id: content.organizationId,
    action: content.action,
    case_ids: content.caseIds,
    fields: content.fields,
    outcome: content.outcome,
    request_id: content.requestId,
    detail: content.detail,
    middle: chainMiddle(content),
  }));
  return sql`SELECT seq, hash FROM hrd_audit_append(${sql.raw(AUDIT_CHAIN_LOCK_KEY.toString())}, ${AUDIT_FORMAT}, ${JSON.stringify(rows)}::jsonb)`;
}

function headOf(rows: AppendedRow[]): AuditHead {
  const [appended] = rows;
  if (!appended) throw new Error('audit append returned no head');
  return { seq: Number(appended.seq), hash: appended.hash };
}

/**
 * The row as the database will give it back: lower-case UUIDs, a millisecond timestamp, and
 * `detail` as JSON (what jsonb keeps), so that the hash computed now is the one verified later.
 */
function normalise(event: AuditEventInput, now: Date): Omit<AuditChainRow, 'seq'> {
  const at = new Date((event.at ?? now).getTime());
  if (Number.isNaN(at.getTime())) throw new TypeError('audit event: `at` is not a valid date');
  const detail = JSON.parse(canonicalJson(event.detail ?? {})) as unknown;
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) {
    throw new TypeError('audit event: `detail` must be a JSON object');
  }
  return {
    at,
    actorId: event.actorId === null ? null : uuid(event.actorId, 'actorId'),
    organizationId: event.organizationId === null ? null : uuid(event.organizationId, 'organizationId'),
    action: event.action,
    caseIds: (event.caseIds ?? []).map((id) => uuid(id, 'caseIds')),
    fields: [...(event.fields ?? [])],
    outcome: event.outcome,
    requestId: event.requestId ?? null,
    detail: detail as Record<string, unknown>,
  };
}

function uuid(value: string, what: string): string {
  // The value is not echoed: an audit call site should never be a way to leak input.
  if (!UUID.test(value)) throw new TypeError(`audit event: \`${what}\` must hold UUIDs`);
  return value.toLowerCase();
}
