/**
 * Drains the notifications outbox in process, with the same SQL on both drivers
 * (`FOR UPDATE SKIP LOCKED`, so several server processes share the work without doubles). The
 * mail hook only logs in development: no mail transport is configured in this project yet, so
 * elsewhere notifications stay in the portal and are marked mailed without sending anything.
 */
import { sql } from 'drizzle-orm';
import { type DatabaseHandle, queryRows } from '../../db/client.js';
import type { Logger } from '../../logger.js';

export interface OutboxMessage extends Record<string, unknown> {
  id: string;
  organization_id: string;
  event: string;
  case_reference: string | null;
}

export type MailHook = (message: OutboxMessage) => Promise<void>;

/** A message that failed this many times stays in the portal and is no longer mailed. */
export const MAX_MAIL_ATTEMPTS = 5;

export function developmentMailHook(log: Logger): MailHook {
  return async (message) => {
    log.info(
      { event: message.event, reference: message.case_reference, organizationId: message.organization_id },
      'mail (development: logged, not sent)',
    );
  };
}

/** One pass: up to `batch` unmailed notifications, each handed to the hook; returns how many. */
export async function drainOutbox(database: DatabaseHandle, hook: MailHook, batch = 50): Promise<number> {
  return database.db.transaction(async (tx) => {
    const rows = await queryRows<OutboxMessage>(
      tx as never,
      sql`SELECT id, organization_id, event, case_reference FROM notifications
           WHERE mailed_at IS NULL AND mail_attempts < ${MAX_MAIL_ATTEMPTS}
           ORDER BY created_at LIMIT ${batch} FOR UPDATE SKIP LOCKED`,
    );
    let sent = 0;
    for (const row of rows) {
      try {
        await hook(row);
        await tx.execute(
          sql`UPDATE notifications SET mailed_at = now(), mail_attempts = mail_attempts + 1 WHERE id = ${row.id}`,
        );
        sent += 1;
      } catch {
        // One failing message neither blocks the others nor retries forever.
        await tx.execute(sql`UPDATE notifications SET mail_attempts = mail_attempts + 1 WHERE id = ${row.id}`);
      }
    }
    return sent;
  });
}

/** Runs `drainOutbox` every `intervalMs` until stopped. */
export function startOutboxDrainer(
  database: DatabaseHandle,
  hook: MailHook,
  log: Logger,
  intervalMs = 2_000,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running
      .then(() => drainOutbox(database, hook))
      .catch((error: unknown) => log.warn({ err: error }, 'notification outbox pass failed'));
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
