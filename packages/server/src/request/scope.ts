/**
 * One database transaction per GraphQL request, opened on first use, running as the role
 * `hrd_app` (row-level security applies) with the caller's identity in transaction-local
 * settings. Mutations run in savepoints, so a failed one leaves nothing behind while the
 * request's audit events still commit.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { AuditEventInput } from '../audit/index.js';
import { appendAuditEvents, sendAuditAppend } from '../audit/index.js';
import { type Database, queryRows, sendNow } from '../db/client.js';
import type { Viewer } from '../policy/viewer.js';
import type { AuditBuffer } from './audit-buffer.js';
import { type HeldTransaction, openHeldTransaction } from './held-transaction.js';

export const APP_DB_ROLE = 'hrd_app';

/** Benchmark-only switches (config.benchDisable): set only by the benchmark's server process, in code. */
export interface ScopeLayers {
  /** Skip `SET LOCAL ROLE hrd_app`: the owner's role, so row-level security does not apply. */
  readonly skipRls?: boolean;
  /** Skip the audit append at the end of the request. */
  readonly skipAudit?: boolean;
}

/**
 * The statement that sets the role and the caller's settings at the start of a transaction. One
 * statement: set_config('role', …, true) is SET LOCAL ROLE (the role is a setting too). JIT off: a
 * request's statements are short, and at scale PostgreSQL's cost estimates for a list under
 * row-level security pass jit_above_cost, where compiling took 50–90 ms of a 40 ms count
 * (docs/BENCHMARKS.md, Round 5).
 */
function callerScopeSql(viewer: Viewer | null, statementTimeoutMs: number, layers: ScopeLayers): SQL {
  return sql`SELECT set_config('statement_timeout', ${String(statementTimeoutMs)}, true),
      set_config('jit', 'off', true),
      ${layers.skipRls ? sql`` : sql`set_config('role', ${APP_DB_ROLE}, true),`}
      set_config('hrd.user_id', ${viewer?.userId ?? ''}, true),
      set_config('hrd.org_id', ${viewer?.organizationId ?? ''}, true),
      set_config('hrd.org_kind', ${viewer?.organizationKind ?? ''}, true),
      set_config('hrd.roles', ${`{${(viewer?.roles ?? []).join(',')}}`}, true)`;
}

/** Sets the role and the caller's settings at the start of a transaction, and waits for them. */
export async function enterCallerScope(
  tx: Database,
  viewer: Viewer | null,
  statementTimeoutMs: number,
  layers: ScopeLayers = {},
): Promise<void> {
  await tx.execute(callerScopeSql(viewer, statementTimeoutMs, layers));
}

/**
 * The caller was remembered from an earlier request and the check of their session, run in this
 * request's transaction, found it no longer as remembered: the transaction rolled back, and the
 * request must run again from a fresh lookup (endpoint.ts). Never an answer of its own.
 */
export class StaleCallerError extends Error {
  constructor() {
    super('The remembered caller is out of date.');
    this.name = 'StaleCallerError';
  }
}

export class RequestScope {
  private held: Promise<HeldTransaction> | undefined;
  /** The caller's settings' answer, when they were sent ahead of the first statement. */
  private settings: Promise<unknown> | undefined;
  /** The answer of `sessionCheck`, sent first in the transaction. */
  private checked: Promise<unknown[]> | undefined;
  /** The session check failed: nothing of this request may be answered or kept. */
  private staleCaller = false;

  constructor(
    private readonly db: Database,
    private viewer: Viewer | null,
    private readonly statementTimeoutMs: number,
    private readonly audit?: AuditBuffer,
    private readonly layers: ScopeLayers = {},
    /**
     * For a remembered caller (credential-cache.ts): the statement that checks their session, sent
     * first in the transaction (as the server's role); `finish` commits only if it found the
     * session as remembered, and otherwise throws StaleCallerError. A request that sends nothing
     * else runs the check alone at its end, before its answer.
     */
    private readonly sessionCheck?: SQL,
  ) {}

  /** The request ran on a remembered caller who is no longer as remembered: it must run again. */
  get callerStale(): boolean {
    return this.staleCaller;
  }

  /**
   * The request's transaction (opened now if it is not yet). On PostgreSQL the caller's settings
   * are handed to the connection without waiting for their answer, and the request's first
   * statement follows them in the same round trip. Nothing can run before them: the transaction
   * holds one connection, which runs statements in the order they were sent, and the settings are
   * sent before this returns. If they fail, the transaction is aborted and every statement after
   * them fails too (and `finish` reports their own error): nothing runs outside the caller's scope.
   */
  async tx(): Promise<Database> {
    this.held ??= openHeldTransaction(this.db, async (tx) => {
      if (this.sessionCheck) {
        const check = sendNow(tx, this.sessionCheck);
        check?.catch(() => {});
        this.checked = check ?? Promise.resolve(await queryRows(tx, this.sessionCheck));
      }
      const query = callerScopeSql(this.viewer, this.statementTimeoutMs, this.layers);
      const sent = sendNow(tx, query);
      if (!sent) {
        await tx.execute(query);
        return;
      }
      sent.catch(() => {});
      this.settings = sent;
    });
    return (await this.held).tx;
  }

  /** Runs a change in a savepoint of the request's transaction: all of it, or none of it. */
  async mutate<T>(fn: (tx: Database) => Promise<T>): Promise<T> {
    const tx = await this.tx();
    const mark = this.audit?.checkpoint();
    try {
      return await tx.transaction(async (savepoint) => fn(savepoint as unknown as Database));
    } catch (error) {
      if (mark !== undefined) this.audit?.discardAllowedSince(mark);
      throw error;
    }
  }

  /**
   * Ends the request: appends its audit events (chained, in this transaction) and commits.
   * If that fails, everything rolls back and the error is thrown: no answer without its audit.
   */
  async finish(events: readonly AuditEventInput[]): Promise<void> {
    if (!this.held && events.length === 0) {
      // Nothing to commit: a remembered caller's session is checked by the check alone.
      if (this.sessionCheck) this.requireLive(await queryRows(this.db, this.sessionCheck));
      return;
    }
    let held: HeldTransaction;
    try {
      if (!this.held) await this.tx();
      held = await (this.held as Promise<HeldTransaction>);
    } catch (error) {
      this.held = undefined;
      throw error;
    }
    const audited = events.length > 0 && !this.layers.skipAudit;
    let sent: Promise<unknown> | undefined;
    try {
      await this.requireLiveCaller();
      // Settings that failed failed the request's statements too: nothing is committed.
      await this.settings;
      // The audit goes to the server ahead of the COMMIT, in the same round trip (postgres.js).
      sent = audited ? sendAuditAppend(held.tx, events) : undefined;
      if (audited && !sent) await appendAuditEvents(held.tx, events, { inCallerTransaction: true });
    } catch (error) {
      await held.finish(false).catch(() => {});
      throw error;
    }
    // With the append sent ahead, the COMMIT is asked for before it answers; the request counts
    // as committed only if both did.
    sent?.catch(() => {});
    const committed = held.finish(true);
    // Handled from now on: a lost connection fails the COMMIT too, and may fail it before the
    // append's answer is in, while this still waits for that (Node ends a process on a rejection
    // that nothing waits for). Its failure is reported below all the same.
    committed.catch(() => {});
    try {
      await sent;
    } catch (error) {
      // The append failed: the transaction was aborted, and its COMMIT became a ROLLBACK.
      await committed.catch(() => {});
      throw error;
    }
    await committed;
  }

  /**
   * Ends a request whose transaction can no longer commit (a statement was cut off by the
   * statement timeout): rolls it all back, then appends the request's audit events in a
   * transaction of their own, so that even a cut-off request leaves its audit.
   */
  async rollBackKeepingAudit(events: readonly AuditEventInput[]): Promise<void> {
    if (this.sessionCheck) {
      try {
        if (!this.held) await this.tx();
        await this.requireLiveCaller();
      } catch (error) {
        await this.abandon();
        this.held = undefined;
        throw error;
      }
    }
    await this.abandon();
    this.held = undefined;
    if (events.length) await this.db.transaction(async (tx) => appendAuditEvents(tx as unknown as Database, events));
  }

  /** Throws StaleCallerError if the session check (if any) found the caller not as remembered. */
  private async requireLiveCaller(): Promise<void> {
    if (this.sessionCheck) this.requireLive(await this.checked);
  }

  private requireLive(rows: readonly unknown[] | undefined): void {
    if (rows?.length === 1) return;
    this.staleCaller = true;
    throw new StaleCallerError();
  }

  /** Rolls back without writing anything (the request failed before its end). */
  async abandon(): Promise<void> {
    if (!this.held) return;
    const held = await this.held.catch(() => undefined);
    await held?.finish(false).catch(() => {});
  }
}
