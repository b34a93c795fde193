/** The limits for ad hoc queries and their defaults (API.md); enforced in limits.ts. */
export interface QueryLimits {
  /** Nesting of fields. */
  readonly depth: number;
  /** Aliased fields in a document. */
  readonly aliases: number;
  /** Estimated cost: a field 1 plus its children, a page times its size. */
  readonly cost: number;
  /** Lexical tokens in a document. */
  readonly tokens: number;
  /** Operations in one batched HTTP request. */
  readonly batch: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  depth: 12,
  aliases: 30,
  cost: 5_000,
  tokens: 5_000,
  batch: 10,
};

/** Rows per page (`first`) of every list: more is BAD_USER_INPUT, checked by the services. */
export const MAX_PAGE_SIZE = 100;
