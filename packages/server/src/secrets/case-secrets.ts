/**
 * SECRET fields of a case (location, safeContact): reading one under the policy. Writing and
 * shredding them live in `case-keys.ts` (no GraphQL or policy imports, so scripts can use them)
 * and are re-exported here. Values are never logged.
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { cases } from '../db/schema.js';
import { AppError } from '../graphql/errors.js';
import { guardField } from '../modules/cases/cases.service.js';
import type { CaseRecord } from '../modules/cases/cases.types.js';
import type { SecretField } from './case-keys.js';
import { decryptField, unwrapDataKey } from './keyring.js';

export {
  type CaseSecretValues,
  SECRET_FIELDS,
  type SecretField,
  sealCaseSecrets,
  shredCaseSecrets,
} from './case-keys.js';

/**
 * Reads a SECRET field: the caller must hold SECRET for the case and state a purpose, which is
 * recorded with the read in the audit trail. The value itself is never logged.
 */
export async function decryptSecretField(
  ctx: AppContext,
  record: CaseRecord,
  field: SecretField,
  purpose: string,
): Promise<string | null> {
  const stated = purpose.trim();
  if (stated.length < 3 || stated.length > 500) {
    throw new AppError('BAD_USER_INPUT', 'State why you need this field (3 to 500 characters).', {
      paths: [[field, 'purpose']],
    });
  }
  guardField(ctx, record, 'SECRET', { purpose: stated });
  const tx = await ctx.scope.tx();
  const [row] = await tx
    .select({
      location: cases.locationCiphertext,
      safeContact: cases.safeContactCiphertext,
      wrapped: cases.dataKeyWrapped,
      masterKeyId: cases.masterKeyId,
    })
    .from(cases)
    .where(eq(cases.id, record.id));
  const sealed = row?.[field];
  if (!row || !sealed || !row.wrapped || !row.masterKeyId) return null;
  const dataKey = unwrapDataKey(ctx.keyring, record.id, row.wrapped, row.masterKeyId);
  return decryptField(dataKey, record.id, field, sealed);
}
