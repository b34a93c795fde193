/**
 * `auditTrail(caseId)`: who did and saw what on a case, for its custodian and for IRCC officers
 * (ACCESS.md). Other callers get the same NOT_FOUND as for a case they cannot see, or FORBIDDEN
 * when they see the case but not its trail.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { queryRows } from '../../db/client.js';
import { AppError } from '../../graphql/errors.js';
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
  const allowed =
    (record.relation === 'CUSTODIAN' &&
      viewer.roles.some((r) => r === 'CASEWORKER' || r === 'INTAKE_COORDINATOR' || r === 'REFERRER')) ||
    (record.relation === 'IRCC' && viewer.roles.includes('OFFICER'));
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
  }>(
    tx,
    sql`SELECT e.seq, e.at, e.actor_id, u.display_name AS actor_name, o.name AS organization_name, e.action,
               e.fields, e.outcome, e.detail->>'purpose' AS purpose, e.request_id
          FROM audit_events e
          LEFT JOIN users u ON u.id = e.actor_id
          LEFT JOIN organizations o ON o.id = e.organization_id
         WHERE e.case_ids @> ARRAY[${record.id}]::uuid[] ${before ? sql`AND e.seq < ${before}` : sql``}
         ORDER BY e.seq DESC LIMIT ${first + 1}`,
  );
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
