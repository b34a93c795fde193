/**
 * Where analysts' aggregates are read: a PostgreSQL read replica (ANALYTICS_DATABASE_URL) when one
 * is configured, else the request's own transaction. On the replica each read is a short
 * READ ONLY transaction that enters the caller's scope exactly as the request's transaction does
 * (`SET LOCAL ROLE hrd_app` and the caller's settings), so row-level security applies the same.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Database } from '../db/client.js';
import { enterCallerScope } from './scope.js';

export async function readForAnalytics<T>(ctx: AppContext, read: (db: Database) => Promise<T>): Promise<T> {
  const replica = ctx.analyticsDatabase;
  if (!replica) return read(await ctx.scope.tx());
  return replica.db.transaction(async (tx) => {
    const scoped = tx as unknown as Database;
    // First statement of the transaction: nothing below can write, even through a bug.
    await scoped.execute(sql`SET TRANSACTION READ ONLY`);
    await enterCallerScope(scoped, ctx.viewer, ctx.config.statementTimeoutMs);
    return read(scoped);
  });
}
