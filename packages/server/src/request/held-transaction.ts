import { TransactionRollbackError } from 'drizzle-orm';
import type { Database } from '../db/client.js';

/** A transaction kept open across a request, finished (commit or roll back) at its end. */
export interface HeldTransaction {
  readonly tx: Database;
  finish(commit: boolean): Promise<void>;
}

/**
 * Opens a transaction, runs `setup` in it, and hands it out until `finish` is called. Works with
 * both drivers' `transaction()` (postgres.js reserves a connection; PGlite queues).
 */
export function openHeldTransaction(db: Database, setup: (tx: Database) => Promise<void>): Promise<HeldTransaction> {
  return new Promise<HeldTransaction>((resolveOpen, rejectOpen) => {
    let release: (commit: boolean) => void = () => {};
    const gate = new Promise<boolean>((resolve) => {
      release = resolve;
    });
    let opened = false;
    const done = db
      .transaction(async (tx) => {
        const scoped = tx as unknown as Database;
        await setup(scoped);
        opened = true;
        resolveOpen({
          tx: scoped,
          finish: async (commit) => {
            release(commit);
            await done;
          },
        });
        if (!(await gate)) tx.rollback();
      })
      .catch((error: unknown) => {
        if (!opened) {
          rejectOpen(error);
          return;
        }
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
    // A failure is reported through `finish`; never as an unhandled rejection.
    done.catch(() => {});
  });
}
