/**
 * Writing and destroying a case's SECRET fields (location, safeContact) under its own data key.
 * Below the policy: the caller has already checked access (and audits the change). Kept free
 * of GraphQL and policy imports so that maintenance scripts can use it. Values are never logged.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { cases } from '../db/schema.js';
import { encryptField, type Keyring, newDataKey, unwrapDataKey } from './keyring.js';

export type SecretField = 'location' | 'safeContact';

export const SECRET_FIELDS: readonly SecretField[] = ['location', 'safeContact'];

/** For each field: a new value, `null` to clear it, or absent (`undefined`) to leave it as it is. */
export interface CaseSecretValues {
  location?: string | null;
  safeContact?: string | null;
}

const COLUMN = { location: 'locationCiphertext', safeContact: 'safeContactCiphertext' } as const;

/**
 * Writes the given SECRET fields of a case, encrypted under the case's data key (created and
 * wrapped with the current master key if the case has none; reused otherwise). `undefined` leaves
 * a field as it is, `null` clears it. Each ciphertext is bound to its case and field (AAD).
 *
 * The caller owns the access check and the transaction (the request's, as `hrd_app`), and bumps
 * the case's `version` / `updated_at` with its own change if it wants to: this only encrypts and
 * writes, with one UPDATE. The row is read `FOR UPDATE`, so two writers in transactions cannot
 * give one case two data keys, and a concurrent key rotation skips the row until this commits.
 * On the bare database (no transaction) the UPDATE is still guarded by the wrapped key it read,
 * and is retried if that changed in between.
 */
export async function sealCaseSecrets(
  db: Database,
  keyring: Keyring,
  caseId: string,
  values: CaseSecretValues,
): Promise<void> {
  const given = SECRET_FIELDS.filter((field) => values[field] !== undefined);
  if (given.length === 0) return;
  const needsKey = given.some((field) => values[field] !== null);
  for (let attempt = 1; ; attempt++) {
    const [row] = await db
      .select({ wrapped: cases.dataKeyWrapped, masterKeyId: cases.masterKeyId })
      .from(cases)
      .where(eq(cases.id, caseId))
      .for('update');
    if (!row) throw new Error(`case ${caseId} not found`);
    const hasKey = !!row.wrapped && !!row.masterKeyId;
    const set: Partial<typeof cases.$inferInsert> = {};
    let dataKey: Buffer | undefined;
    if (hasKey && needsKey) {
      // Throws if the master key that wrapped it is not configured: never replace a data key that
      // still encrypts the other field.
      dataKey = unwrapDataKey(keyring, caseId, row.wrapped as Uint8Array, row.masterKeyId as string);
    } else if (needsKey) {
      const fresh = newDataKey(keyring, caseId);
      dataKey = fresh.dataKey;
      set.dataKeyWrapped = fresh.wrapped;
      set.masterKeyId = fresh.masterKeyId;
      // A ciphertext left without a data key is unreadable noise, and would fail authentication
      // under the new key: clear whatever is not being written now.
      set.locationCiphertext = null;
      set.safeContactCiphertext = null;
    }
    try {
      for (const field of given) {
        const value = values[field];
        set[COLUMN[field]] = value == null || !dataKey ? null : encryptField(dataKey, caseId, field, value);
      }
    } finally {
      dataKey?.fill(0);
    }
    const unchangedKey = row.wrapped ? eq(cases.dataKeyWrapped, row.wrapped) : isNull(cases.dataKeyWrapped);
    const updated = await db
      .update(cases)
      .set(set)
      .where(and(eq(cases.id, caseId), unchangedKey))
      .returning({ id: cases.id });
    if (updated.length > 0) return;
    if (attempt >= 3) throw new Error(`case ${caseId}: its data key kept changing while writing its secrets`);
  }
}

/**
 * Crypto-shredding: destroys the case's wrapped data key, so its SECRET fields can no longer be
 * decrypted; `decryptSecretField` then answers null. Irreversible. The caller owns the access
 * check and the transaction.
 *
 * The ciphertext columns are cleared too: without the key they are noise, so nothing readable is
 * lost, and the row stays consistent (no ciphertext without a key, which a reader would otherwise
 * have to tell apart from a corrupted one). Keeping them would protect nothing either way.
 *
 * What this does NOT reach: a backup or dump taken BEFORE the shred still holds the wrapped data
 * key next to the ciphertexts, and is readable for as long as the master key that wrapped it
 * exists. Copies become unreadable for good once that master key is retired: rotate to a new
 * master key (`pnpm keys:rotate`), then remove the old one from MASTER_KEYS and from wherever
 * keys are kept (which also retires every other case's secrets in those older backups). The
 * same holds for the database's own files: the old row version, wrapped key included, stays in
 * the table's pages and in the WAL (VACUUM marks it free but does not erase it) until overwritten,
 * so file-level copies (base backups, replicas, a copied PGlite DATA_DIR) keep it too.
 */
export async function shredCaseSecrets(db: Database, caseId: string): Promise<void> {
  const updated = await db
    .update(cases)
    .set({ dataKeyWrapped: null, masterKeyId: null, locationCiphertext: null, safeContactCiphertext: null })
    .where(eq(cases.id, caseId))
    .returning({ id: cases.id });
  if (updated.length === 0) throw new Error(`case ${caseId} not found`);
}
