import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context.js';
import { AppError } from '../../graphql/errors.js';
import { canEverRead } from '../../policy/policy.js';
import { requireViewer } from '../identity/identity.service.js';
import { listNotifications, markNotificationRead } from './notifications.service.js';
import { Notification } from './notifications.types.js';

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => [Notification], { description: 'Your notifications, newest first.' })
  notifications(
    @Ctx() ctx: AppContext,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
  ): Promise<Notification[]> {
    return listNotifications(ctx, unreadOnly, first);
  }

  @FieldResolver(() => String, { nullable: true })
  caseReference(@Root() n: Notification, @Ctx() ctx: AppContext): string | null {
    // REFERENCE: a role that may never read references (an analyst) is denied, and audited.
    if (!canEverRead(requireViewer(ctx), 'REFERENCE')) {
      ctx.audit.record({
        action: 'case.read',
        outcome: 'DENIED',
        caseIds: n.caseId ? [n.caseId] : [],
        fields: ['REFERENCE'],
      });
      throw new AppError('FORBIDDEN', 'Your role may not read case references.', { fieldClass: 'REFERENCE' });
    }
    return n.caseReference;
  }

  @Mutation(() => Notification, { description: 'Marks a notification read.' })
  markNotificationRead(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext): Promise<Notification> {
    return markNotificationRead(ctx, id);
  }
}
