/**
 * Failed sign-in limits, per account and per client address, in fixed windows stored in
 * PostgreSQL (so several server processes share them). Each call is one upsert statement.
 */
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../db/client.js';

export interface ThrottleConfig {
  readonly maxFailuresPerAccount: number;
  readonly maxFailuresPerAddress: number;
  readonly windowSeconds: number;
}

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;

/** The class of the sign-in advisory locks (two-int form, apart from the audit chain's bigint lock). */
export const LOGIN_LOCK_CLASS = 0x4c4f4749; // 'LOGI'

/**
 * Serialises sign-ins under one throttle key (an account, a client address), across every server
 * process, until the caller's transaction ends. Without it, concurrent attempts all read the count
 * before any failure is written, and each gets its password checked: 18 parallel tries against a
 * limit of 6 had 13 checked, and 40 accounts tried at once from one address against its limit of
 * 10 had 13. With it, each attempt sees the failures of the ones before it. Take the account's
 * key first, then the address's (always in that order: no two sign-ins wait on each other).
 */
export async function lockThrottleKey(db: Database, key: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(${LOGIN_LOCK_CLASS}, hashtext(${key}))`);
}
export const addressKey = (address: string) => `address:${address}`;

/** Whether any of the keys has used up its failures in the current window. */
export async function isThrottled(
  db: Database,
  keys: ReadonlyArray<{ key: string; max: number }>,
  windowSeconds: number,
) {
  const rows = await queryRows<{ key: string; failures: number }>(
    db,
    sql`SELECT key, failures FROM login_throttle
         WHERE key IN (${sql.join(
           keys.map((k) => sql`${k.key}`),
           sql`, `,
         )})
           AND window_start > now() - make_interval(secs => ${windowSeconds})`,
  );
  return rows.some((row) => {
    const limit = keys.find((k) => k.key === row.key)?.max ?? Number.POSITIVE_INFINITY;
    return row.failures >= limit;
  });
}

/** Counts one failure against each key (a new window starts when the old one has passed). */
export async function recordFailure(db: Database, keys: readonly string[], windowSeconds: number): Promise<void> {
  for (const key of keys) {
    await db.execute(sql`
      INSERT INTO login_throttle (key, window_start, failures) VALUES (${key}, now(), 1)
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN login_throttle.window_start > now() - make_interval(secs => ${windowSeconds})
                        THEN login_throttle.failures + 1 ELSE 1 END,
        window_start = CASE WHEN login_throttle.window_start > now() - make_interval(secs => ${windowSeconds})
                            THEN login_throttle.window_start ELSE now() END`);
  }
}

/** A successful sign-in clears the account's counter (not the address's). */
export async function clearFailures(db: Database, key: string): Promise<void> {
  await db.execute(sql`DELETE FROM login_throttle WHERE key = ${key}`);
}
