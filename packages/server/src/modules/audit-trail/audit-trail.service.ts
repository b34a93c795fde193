/**
 * `auditTrail(caseId)`: who did and saw what on a case, for its custodian and for IRCC officers
 * (ACCESS.md). Other callers get the same NOT_FOUND as for a case they cannot see, or FORBIDDEN
 * when they see the case but not its trail.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { queryRows } from '../../db/client.js';
import { AppError } from '../../graphql/errors.js';
import { canReadAuditTrail } from '../../policy/policy.js';
import { getCase } from '../cases/cases.service.js';
import { requireViewer } from '../identity/identity.service.js';
import type { AuditEventPage } from './audit-trail.types.js';

export async function auditTrail(
  ctx: AppContext,
  caseId: string,
  first: number,
  after: string | null | undefined,
): Promise<AuditEventPage> {
  const viewer = requireViewer(ctx);
  const record = await getCase(ctx, caseId);
  const allowed = canReadAuditTrail(viewer, record.relation);
  if (!allowed) {
    ctx.audit.record({ action: 'audit.read', outcome: 'DENIED', caseIds: [record.id] });
    throw new AppError('FORBIDDEN', 'Only the custodian and IRCC officers read a case’s audit trail.');
  }
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    throw new AppError('BAD_USER_INPUT', 'first must be from 1 to 100.', { paths: [['first']] });
  }
  const before = after ? Number.parseInt(after, 10) : null;
  if (after && (!Number.isSafeInteger(before) || (before ?? 0) < 1)) {
    throw new AppError('BAD_USER_INPUT', 'Unknown cursor.', { paths: [['after']] });
  }
  const tx = await ctx.scope.tx();
  const rows = await queryRows<{
    seq: string | number;
    at: Date | string;
    actor_id: string | null;
    actor_name: string | null;
    organization_name: string | null;
    action: string;
    fields: string[];
    outcome: 'ALLOWED' | 'DENIED';
    purpose: string | null;
    request_id: string | null;
  }>(tx, sql`SELECT * FROM hrd_audit_trail(${record.id}::uuid, ${before}::bigint, ${first + 1}::int)`);
  const page = rows.slice(0, first);
  return {
    events: page.map((r) => ({
      seq: Number(r.seq),
      at: new Date(r.at),
      actorId: r.actor_id,
      actorName: r.actor_name,
      organizationName: r.organization_name,
      action: r.action,
      fields: r.fields,
      outcome: r.outcome,
      purpose: r.purpose,
      requestId: r.request_id,
    })),
    nextCursor: rows.length > first ? String(page[page.length - 1]?.seq) : null,
  };
}
