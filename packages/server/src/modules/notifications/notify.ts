/**
 * Notifications: written in the same transaction as the event they report, into an outbox that
 * the portal lists and a mailer drains. They carry a case reference and what happened, never a
 * name, a location or a narrative.
 */
import type { Database } from '../../db/client.js';
import { notifications } from '../../db/schema.js';

/** Every event a notification may report: a closed list, so no free text can slip in. */
export const NOTIFICATION_EVENTS = [
  'transfer.submitted',
  'transfer.distributed',
  'transfer.offered',
  'transfer.accepted',
  'transfer.declined',
  'transfer.withdrawn',
  'case.referred',
  'case.withdrawn',
  'ircc.acknowledged',
  'ircc.information_requested',
  'ircc.information_answered',
  'ircc.approved',
  'ircc.refused',
  'ircc.arrived',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export async function notifyOrganization(
  tx: Database,
  organizationId: string,
  event: NotificationEvent,
  caseRef: { id: string; reference: string },
): Promise<void> {
  await tx
    .insert(notifications)
    .values({ organizationId, caseId: caseRef.id, caseReference: caseRef.reference, event });
}
