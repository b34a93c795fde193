import { and, desc, eq, isNull, or } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { notifications } from '../../db/schema.js';
import { AppError } from '../../graphql/errors.js';
import { isId } from '../../graphql/ids.js';
import { requireViewer } from '../identity/identity.service.js';
import type { Notification } from './notifications.types.js';

/** The caller's notifications: their organization's, addressed to everyone there or to them. */
export async function listNotifications(ctx: AppContext, unreadOnly: boolean, first: number): Promise<Notification[]> {
  const viewer = requireViewer(ctx);
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    throw new AppError('BAD_USER_INPUT', 'first must be from 1 to 100.', { paths: [['first']] });
  }
  const tx = await ctx.scope.tx();
  return tx
    .select({
      id: notifications.id,
      event: notifications.event,
      caseId: notifications.caseId,
      caseReference: notifications.caseReference,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(
      and(
        eq(notifications.organizationId, viewer.organizationId),
        or(isNull(notifications.userId), eq(notifications.userId, viewer.userId)),
        unreadOnly ? isNull(notifications.readAt) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(first);
}

export async function markNotificationRead(ctx: AppContext, id: string): Promise<Notification> {
  const viewer = requireViewer(ctx);
  if (!isId(id)) throw new AppError('NOT_FOUND', 'Notification not found.');
  const tx = await ctx.scope.tx();
  const [row] = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.id, id.toLowerCase()),
        eq(notifications.organizationId, viewer.organizationId),
        or(isNull(notifications.userId), eq(notifications.userId, viewer.userId)),
      ),
    )
    .returning();
  if (!row) throw new AppError('NOT_FOUND', 'Notification not found.');
  return row;
}
