/**
 * Master key rotation: re-wraps each case's data key with the current master key. The data keys
 * themselves do not change, so the field ciphertexts are never touched.
 *
 * Runs next to live traffic: small batches, each its own transaction, rows taken `FOR UPDATE SKIP
 * LOCKED` (a case being written right now is skipped and picked up by the next pass or run).
 *
 * Every master key that still wraps a data key must stay in the keyring (MASTER_KEYS) of every
 * server and of this run until rotation has finished (`remaining` is 0): a data key under a
 * removed master key can no longer be unwrapped, and its case's secrets are lost. Order, without
 * downtime: (1) add the new key everywhere, not yet first (`old,new`); (2) make it current
 * everywhere (`new,old`), so every server can read what any other one writes; (3) rotate; (4) when
 * nothing remains, remove the old key.
 */
import { and, asc, count, eq, gt, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { cases } from '../db/schema.js';
import { type Keyring, rewrapDataKey, unwrapDataKey } from './keyring.js';

export interface RotationOptions {
  /** Cases per transaction (default 100). */
  batchSize?: number;
}

export interface RotationResult {
  /** Data keys re-wrapped with `keyring.currentId` by this run. */
  rewrapped: number;
  /** Data keys still under another master key (locked by a writer, or under a key not configured). */
  remaining: number;
}

export async function rotateMasterKeys(
  db: Database,
  keyring: Keyring,
  options: RotationOptions = {},
): Promise<RotationResult> {
  const batchSize = options.batchSize ?? 100;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    throw new Error('batchSize must be a whole number from 1 to 10000');
  }
  const older = [...keyring.keys.keys()].filter((id) => id !== keyring.currentId);
  let rewrapped = 0;
  if (older.length > 0) {
    // Passes over the cases in id order; a later pass picks up the rows a writer held locked.
    for (;;) {
      let pass = 0;
      let after: string | undefined;
      for (;;) {
        const batch = await db.transaction(async (tx) => {
          const rows = await tx
            .select({ id: cases.id, wrapped: cases.dataKeyWrapped, masterKeyId: cases.masterKeyId })
            .from(cases)
            .where(
              and(
                isNotNull(cases.dataKeyWrapped),
                inArray(cases.masterKeyId, older),
                after === undefined ? undefined : gt(cases.id, after),
              ),
            )
            .orderBy(asc(cases.id))
            .limit(batchSize)
            .for('update', { skipLocked: true });
          if (rows.length === 0) return rows;
          const values = rows.map((row) => {
            let next: { wrapped: Buffer };
            try {
              next = rewrapDataKey(keyring, row.id, row.wrapped as Uint8Array, row.masterKeyId as string);
            } catch {
              // Nothing of this batch is written; earlier batches stay re-wrapped.
              throw new Error(`cannot unwrap the data key of case ${row.id} with master key ${row.masterKeyId}`);
            }
            return sql`(${row.id}::uuid, decode(${next.wrapped.toString('hex')}, 'hex'), ${row.masterKeyId})`;
          });
          await tx.execute(sql`
            UPDATE cases AS c
               SET data_key_wrapped = v.wrapped, master_key_id = ${keyring.currentId}
              FROM (VALUES ${sql.join(values, sql`, `)}) AS v(id, wrapped, previous)
             WHERE c.id = v.id AND c.master_key_id = v.previous`);
          return rows;
        });
        pass += batch.length;
        if (batch.length < batchSize) break;
        after = batch[batch.length - 1]?.id;
      }
      rewrapped += pass;
      if (pass === 0) break;
    }
  }
  const [left] = await db
    .select({ n: count() })
    .from(cases)
    .where(
      and(isNotNull(cases.dataKeyWrapped), or(isNull(cases.masterKeyId), ne(cases.masterKeyId, keyring.currentId))),
    );
  return { rewrapped, remaining: left?.n ?? 0 };
}

/** How many cases' data keys each master key wraps (to see when an old key may be removed). */
export async function masterKeyUsage(db: Database): Promise<Array<{ masterKeyId: string | null; cases: number }>> {
  return db
    .select({ masterKeyId: cases.masterKeyId, cases: count() })
    .from(cases)
    .where(isNotNull(cases.dataKeyWrapped))
    .groupBy(cases.masterKeyId)
    .orderBy(asc(cases.masterKeyId));
}

/** The master keys do not open the data keys in the database: the server must not start. */
export class MasterKeyMismatch extends Error {
  override readonly name = 'MasterKeyMismatch';
}

/**
 * Checks, before the server starts, that the keyring opens the data keys in the database: for
 * each master key id that wraps one, the key is configured and opens one of them (the data key
 * is wiped at once). A missing or wrong key would otherwise show only when someone asks for a
 * location or a safe contact, as an error on that field. Messages name key ids and counts, never
 * key material. Reads as the connection's own role (no row-level security: the table's owner).
 */
export async function checkMasterKeys(db: Database, keyring: Keyring): Promise<void> {
  const usage = await masterKeyUsage(db);
  const problems: string[] = [];
  for (const { masterKeyId, cases: n } of usage) {
    const id = masterKeyId ?? '(none)';
    if (masterKeyId === null || !keyring.keys.has(masterKeyId)) {
      problems.push(
        `master key "${id}" wraps the data keys of ${n} case(s) and is not configured: add it to the master keys (keys:rotate then re-wraps them under the current one)`,
      );
      continue;
    }
    const [sample] = await db
      .select({ id: cases.id, wrapped: cases.dataKeyWrapped })
      .from(cases)
      .where(and(isNotNull(cases.dataKeyWrapped), eq(cases.masterKeyId, masterKeyId)))
      .orderBy(asc(cases.id))
      .limit(1);
    if (!sample?.wrapped) continue; // shredded meanwhile
    try {
      unwrapDataKey(keyring, sample.id, sample.wrapped, masterKeyId).fill(0);
    } catch {
      problems.push(
        `master key "${id}" does not open the data keys it is named on (${n} case(s)): it is not the key they were wrapped with`,
      );
    }
  }
  if (problems.length > 0) {
    throw new MasterKeyMismatch(
      `The master keys (MASTER_KEYS, or DATA_DIR/master.keys) do not match the database: ${problems.join('; ')}. Location and safe contact would be unreadable; not starting (START_WITH_UNREADABLE_SECRETS=true starts anyway, for a restore whose keys are lost).`,
    );
  }
}
