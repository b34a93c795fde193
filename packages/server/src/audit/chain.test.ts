import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditChainRow } from './audit.types.js';
import { AUDIT_FORMAT, chainMiddle, GENESIS_HASH, hashAuditRow } from './chain.js';

/** hrd_audit_append's payload, as the migration builds it around the server's `middle`. */
const databasePayload = (prev: string, seq: number, middle: string) =>
  `[${JSON.stringify(AUDIT_FORMAT)},${seq},${middle},${JSON.stringify(prev)}]`;

const rows: AuditChainRow[] = [
  {
    seq: 1,
    at: new Date(Date.UTC(2026, 10, 27, 8, 0, 0, 5)),
    actorId: null,
    organizationId: null,
    action: 'auth.login_failed',
    caseIds: [],
    fields: [],
    outcome: 'DENIED',
    requestId: null,
    detail: {},
  },
  {
    seq: 123_456_789,
    at: new Date(Date.UTC(2026, 0, 1)),
    actorId: '00000000-0000-4000-8000-000000000001',
    organizationId: '00000000-0000-4000-8000-000000000002',
    action: 'case.read',
    caseIds: ['00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004'],
    fields: ['IDENTITY', 'SECRET'],
    outcome: 'ALLOWED',
    requestId: 'req-1',
    detail: {
      zeta: 1,
      alpha: { y: [1, 'two', null, { b: true, a: 1.5 }], x: 'é€ 🙂' },
      note: 'q " b \\ \u2028 \u0001',
    },
  },
];

describe('the audit chain serialisation', () => {
  it("the database's payload around chainMiddle is hashAuditRow's payload, for rows of every shape", () => {
    let prev = GENESIS_HASH;
    for (const row of rows) {
      const { seq, ...rest } = row;
      const fromParts = createHash('sha256')
        .update(databasePayload(prev, seq, chainMiddle(rest)), 'utf8')
        .digest('hex');
      expect(fromParts).toBe(hashAuditRow(prev, row));
      prev = fromParts;
    }
  });

  it('keeps the serialisation of chains already written: a known row hashes as it always has', () => {
    const [, row] = rows;
    if (!row) throw new Error('no row');
    // Computed with the serialisation as first written (one canonicalJson of the whole array).
    expect(hashAuditRow(GENESIS_HASH, row)).toBe('610e847e9f700cb3a38196360454066d499e21907310d1dfb889a25d8615b868');
  });

  it('chainMiddle changes with every column it covers', () => {
    const [, row] = rows;
    if (!row) throw new Error('no row');
    const { seq: _seq, ...base } = row;
    const middle = chainMiddle(base);
    const changed = [
      { ...base, at: new Date(base.at.getTime() + 1) },
      { ...base, actorId: null },
      { ...base, organizationId: null },
      { ...base, action: 'case.update' },
      { ...base, caseIds: base.caseIds.slice(1) },
      { ...base, fields: ['IDENTITY'] },
      { ...base, outcome: 'DENIED' as const },
      { ...base, requestId: 'req-2' },
      { ...base, detail: { ...base.detail, zeta: 2 } },
    ];
    for (const other of changed) expect(chainMiddle(other)).not.toBe(middle);
  });
});
