/**
 * Verifying the audit chain: every row is read in seq order (keyset batches) and checked for
 * seq contiguity from 1, its link to the previous row and its own hash. The first broken link is
 * named. Deleting the newest rows leaves a valid (shorter) chain, which only a head recorded
 * outside the database (`expectedHead`) reveals.
 */
import { asc, getTableColumns, gt, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../db/client.js';
import { auditEvents } from '../db/schema.js';
import type { AuditBreak, AuditHead, AuditVerification, VerifyAuditChainOptions } from './audit.types.js';
import { GENESIS_HASH, hashAuditRow } from './chain.js';

const DEFAULT_BATCH_SIZE = 5_000;

/** The newest row's seq and hash; seq 0 and `GENESIS_HASH` when the chain is empty. */
export async function readAuditHead(db: Database): Promise<AuditHead> {
  // Through a SECURITY DEFINER function: the application role appends to the chain but may not
  // read its rows.
  const [row] = await queryRows<{ seq: string | number; hash: string }>(
    db,
    sql`SELECT seq, hash FROM hrd_audit_head()`,
  );
  return row ? { seq: Number(row.seq), hash: row.hash } : { seq: 0, hash: GENESIS_HASH };
}

/** Walks the whole chain and reports the first broken link, if any. */
export async function verifyAuditChain(
  db: Database,
  options: VerifyAuditChainOptions = {},
): Promise<AuditVerification> {
  const { expectedHead } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  if (expectedHead && (!Number.isSafeInteger(expectedHead.seq) || expectedHead.seq < 0)) {
    throw new RangeError('expectedHead.seq must be a whole number from 0');
  }

  const columns = {
    ...getTableColumns(auditEvents),
    // Microseconds below the millisecond: always 0 for a row written by appendAuditEvents, and
    // invisible in a JS Date, so an edit there would otherwise go unnoticed.
    subMillisecond: sql<number>`(extract(microseconds from ${auditEvents.at})::bigint % 1000)::int`.mapWith(Number),
  };
  let previous: AuditHead = { seq: 0, hash: GENESIS_HASH };
  let events = 0;
  let broken: AuditBreak | undefined;
  for (;;) {
    const rows = await db
      .select(columns)
      .from(auditEvents)
      .where(gt(auditEvents.seq, previous.seq))
      .orderBy(asc(auditEvents.seq))
      .limit(batchSize);
    for (const row of rows) {
      events += 1;
      if (!broken) {
        const reason =
          linkProblem(previous, row) ??
          (expectedHead && row.seq === expectedHead.seq && row.hash !== expectedHead.hash
            ? 'hash differs from the expected head: row(s) rewritten'
            : undefined);
        if (reason) broken = { seq: row.seq, reason };
      }
      previous = { seq: row.seq, hash: row.hash };
    }
    if (rows.length < batchSize) break;
  }

  if (!broken && expectedHead) {
    if (expectedHead.seq > previous.seq) {
      broken = {
        seq: expectedHead.seq,
        reason: `row(s) deleted at the end: the expected head is missing (the chain ends at seq ${previous.seq})`,
      };
    } else if (expectedHead.seq === 0 && expectedHead.hash !== GENESIS_HASH) {
      broken = { seq: 0, reason: 'the expected head of seq 0 must carry the genesis hash' };
    }
  }
  return broken ? { ok: false, events, head: previous, broken } : { ok: true, events, head: previous };
}

type StoredRow = typeof auditEvents.$inferSelect & { subMillisecond: number };

function linkProblem(previous: AuditHead, row: StoredRow): string | undefined {
  const expected = previous.seq + 1;
  if (row.seq > expected) {
    const missing = row.seq - 1 === expected ? `seq ${expected}` : `seqs ${expected}-${row.seq - 1}`;
    return `seq gap: row(s) deleted before this one (${missing} missing)`;
  }
  if (row.seq < expected) return `seq out of range: the chain starts at seq 1`;
  if (row.prevHash !== previous.hash) return 'prev_hash does not match the previous row';
  if (row.subMillisecond !== 0 || hashAuditRow(row.prevHash, row) !== row.hash) return 'hash mismatch: row edited';
  return undefined;
}
