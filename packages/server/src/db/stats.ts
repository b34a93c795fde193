/**
 * What the database client is doing, for /metrics: statements in flight, transactions holding a
 * connection, and each statement's outcome and time (from the moment it asks for a connection to
 * its answer). postgres.js has no public pool statistics, so the client that drizzle uses is
 * wrapped: every statement drizzle sends goes through `unsafe()` (or PGlite's `query()`), and
 * every transaction through `begin()` (`transaction()`). Counting costs two clock reads and a
 * closure per statement; nothing of a statement (its text or values) is kept.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';

export type QueryListener = (seconds: number, ok: boolean) => void;

export class DatabaseStats {
  /** Statements sent (or waiting for a connection) and not yet answered. */
  queriesInFlight = 0;
  /** Transactions begun and not ended: each holds one of the pool's connections (or waits for one). */
  transactionsOpen = 0;
  private readonly listeners = new Set<QueryListener>();

  constructor(
    /** The pool's size: postgres.js's `max`, 1 for PGlite (one connection). */
    readonly poolMax: number,
  ) {}

  /** Calls `listener` with every statement's time and outcome, until the returned function is called. */
  onQuery(listener: QueryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A statement starts; call the returned function once when it is answered. */
  queryStarted(): (ok: boolean) => void {
    const started = performance.now();
    this.queriesInFlight++;
    return (ok) => {
      this.queriesInFlight--;
      if (this.listeners.size === 0) return;
      const seconds = (performance.now() - started) / 1000;
      for (const listener of this.listeners) listener(seconds, ok);
    };
  }

  /** A transaction starts; call the returned function once when it has ended. */
  transactionStarted(): () => void {
    this.transactionsOpen++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.transactionsOpen--;
    };
  }
}

type Pending = Promise<unknown> & { handle(): unknown; executed?: boolean };

/**
 * A postgres.js query is a lazy promise: it runs when first awaited (`handle()`), which is when
 * it starts to count. Its outcome is read with the native `then`, which neither runs it again nor
 * changes what its own awaiters see.
 */
function observePostgresQuery<T>(query: T, stats: DatabaseStats): T {
  const pending = query as unknown as Pending;
  const handle = pending.handle;
  pending.handle = function (this: Pending) {
    if (!this.executed) {
      const done = stats.queryStarted();
      Promise.prototype.then.call(
        this,
        () => done(true),
        () => done(false),
      );
    }
    return handle.call(this);
  };
  return query;
}

/**
 * The postgres.js client as drizzle uses it, counting: `unsafe()` (every drizzle statement),
 * `begin()` (a transaction: one connection reserved) and `savepoint()` (statements inside).
 * Everything else is the client itself.
 *
 * Every statement with parameters is also sent as a named prepared statement (drizzle asks for
 * unnamed ones unless a query is built with `.prepare()`). postgres.js then parses and describes
 * each statement text once per connection, instead of an extra round trip (Parse/Describe, then
 * Bind/Execute) for every statement, and PostgreSQL may keep its plan: docs/BENCHMARKS.md. Statement
 * texts are kept per connection until the connection is recycled (postgres.js's max_lifetime),
 * and stay few: the per-request loaders send one text each (`= ANY($1)`), whatever the page.
 */
export function instrumentPostgres<S extends object>(sql: S, stats: DatabaseStats): S {
  type Method = (...args: unknown[]) => unknown;
  type WithCallback = (...args: unknown[]) => Promise<unknown>;
  /** Calls `method` with its callback's client instrumented too (transactions, savepoints). */
  const wrapScope =
    (target: object, method: WithCallback) =>
    (...args: unknown[]): Promise<unknown> => {
      const fn = args.pop() as (tx: object) => unknown;
      return method.call(target, ...args, (tx: object) => fn(instrumentPostgres(tx, stats)));
    };
  return new Proxy(sql, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'unsafe') {
        return (...args: unknown[]) => {
          const [text, params, options] = args as [string, unknown[] | undefined, object | undefined];
          const prepared = params?.length ? [text, params, { ...options, prepare: true }] : args;
          return observePostgresQuery((value as Method).apply(target, prepared), stats);
        };
      }
      if (property === 'begin') {
        const begin = wrapScope(target, value as WithCallback);
        return (...args: unknown[]) => {
          const ended = stats.transactionStarted();
          return begin(...args).finally(ended);
        };
      }
      if (property === 'savepoint') return wrapScope(target, value as WithCallback);
      return value;
    },
  });
}

/** PGlite's client and its transactions: `query()` and `exec()` counted, `transaction()` as one. */
export function instrumentPglite<C extends PGlite | Transaction>(client: C, stats: DatabaseStats): C {
  return new Proxy(client, {
    get(target, property) {
      if (property === 'query' || property === 'exec') {
        const method = Reflect.get(target, property, target) as (...a: unknown[]) => Promise<unknown>;
        return async (...args: unknown[]) => {
          const done = stats.queryStarted();
          try {
            const result = await method.apply(target, args);
            done(true);
            return result;
          } catch (error) {
            done(false);
            throw error;
          }
        };
      }
      if (property === 'transaction') {
        return async (fn: (tx: Transaction) => Promise<unknown>) => {
          const ended = stats.transactionStarted();
          try {
            return await (target as PGlite).transaction((tx) => fn(instrumentPglite(tx, stats)));
          } finally {
            ended();
          }
        };
      }
      // PGlite keeps private fields: its methods run on the client itself, never on the proxy.
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
