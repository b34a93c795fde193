import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../../context.js';
import { listNotifications, markNotificationRead } from './notifications.service.js';
import { Notification } from './notifications.types.js';

@Resolver()
export class NotificationResolver {
  @Query(() => [Notification], { description: 'Your notifications, newest first.' })
  notifications(
    @Ctx() ctx: AppContext,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
  ): Promise<Notification[]> {
    return listNotifications(ctx, unreadOnly, first);
  }

  @Mutation(() => Notification, { description: 'Marks a notification read.' })
  markNotificationRead(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext): Promise<Notification> {
    return markNotificationRead(ctx, id);
  }
}
