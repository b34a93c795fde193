/**
 * The hash chain: each audit row's hash covers every one of its columns and the previous row's
 * hash, so an edit, a deletion or a reordering breaks a link that `verifyAuditChain` finds.
 *
 * The serialisation is canonical: a JSON array in a fixed column order, the timestamp as an ISO
 * string with milliseconds, and `detail` with its object keys sorted recursively (jsonb reorders
 * them, so what is read back hashes the same as what was written).
 */
import { createHash } from 'node:crypto';
import type { AuditChainRow } from './audit.types.js';

/** The `prev_hash` of the first row (and the hash of an empty chain's head). */
export const GENESIS_HASH = '0'.repeat(64);

/** Tags the serialisation, so that a future format can be told apart. */
export const AUDIT_FORMAT = 'hrd-audit-v1';

/**
 * sha256 (hex) of the row's canonical serialisation, chained to `prevHash`: the JSON array
 * [format, seq, at, actor, organization, action, case ids, fields, outcome, request id, detail,
 * prev hash]. seq is an integer and the format and hash are plain strings, so writing them around
 * `chainMiddle` is the canonical JSON of the whole array (and what hrd_audit_append writes).
 */
export function hashAuditRow(prevHash: string, row: AuditChainRow): string {
  const { seq, ...rest } = row;
  const payload = `[${JSON.stringify(AUDIT_FORMAT)},${JSON.stringify(seq)},${chainMiddle(rest)},${JSON.stringify(prevHash)}]`;
  return createHash('sha256').update(payload, 'utf8').digest('hex');
}

/**
 * The part of a row's serialisation that does not depend on its place in the chain: the elements
 * from `at` to `detail`, without the brackets. The database's append (hrd_audit_append) puts
 * `[format, seq,` before it and `, prevHash]` after it, as `hashAuditRow` does.
 */
export function chainMiddle(row: Omit<AuditChainRow, 'seq'>): string {
  return canonicalJson([
    row.at.toISOString(),
    row.actorId,
    row.organizationId,
    row.action,
    row.caseIds,
    row.fields,
    row.outcome,
    row.requestId,
    row.detail,
  ]).slice(1, -1);
}

/**
 * JSON with object keys sorted at every depth: the same text for any two values that are equal
 * once stored as jsonb and read back. `undefined` members are dropped as JSON.stringify drops them.
 */
export function canonicalJson(value: unknown): string {
  const json = JSON.stringify(value);
  return json === undefined ? 'null' : serialise(JSON.parse(json) as unknown);
}

function serialise(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(serialise).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${serialise(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}
