/**
 * Limits for ad hoc queries (API.md): depth, aliases, cost, tokens, operations per
 * batch. Every rejection is QUERY_TOO_COMPLEX naming the limit and its value, and nothing else
 * (not what was found, nor anything about the schema).
 *
 * - depth, aliases: graphql-armor's validation rules (@escape.tech/graphql-armor),
 *   with our own rejection so the error has our code;
 * - cost: graphql-query-complexity (its CommonJS build, which shares the one `graphql` instance
 *   with the server under vitest too, STACK.md pitfall 5) with an estimator that makes a page cost its size: a field
 *   costs 1 plus its children, times `first` where it takes one (a list field costs its page size
 *   times its children); it needs the variables, so it runs once the operation is resolved;
 * - tokens: graphql-js's own `maxTokens` parse option (what graphql-armor's max-tokens does too,
 *   but its Apollo plugin throws outside Apollo's parse error handling);
 * - operations per batch: checked by the endpoint before any operation runs (endpoint.ts).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type DocumentNode,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { type ComplexityEstimatorArgs, getComplexity } from 'graphql-query-complexity/cjs';
import type { AppContext } from '../context.js';
import { AppError } from './errors.js';
import { MAX_PAGE_SIZE, type QueryLimits } from './limit-values.js';

export { DEFAULT_QUERY_LIMITS, type QueryLimits } from './limit-values.js';

export type LimitName = keyof QueryLimits | 'timeout';

const LIMIT_WORDS: Record<LimitName, string> = {
  depth: 'depth',
  aliases: 'number of aliases',
  cost: 'cost',
  tokens: 'number of tokens',
  batch: 'number of operations in a batch',
  timeout: 'time',
};

/** The one shape of every limit's rejection. */
export function limitError(limit: LimitName, max: number, unit = ''): AppError {
  return new AppError('QUERY_TOO_COMPLEX', `The query exceeds the ${LIMIT_WORDS[limit]} limit (${max}${unit}).`, {
    limit,
    max,
    http: { status: 400 },
  });
}

/** graphql-armor's rules, each reporting our own error instead of its message. */
export function limitValidationRules(limits: QueryLimits): ValidationRule[] {
  const reject =
    (limit: keyof QueryLimits) =>
    (context: ValidationContext | null): void => {
      context?.reportError(limitError(limit, limits[limit]));
    };
  const common = { propagateOnRejection: false, exposeLimits: false } as const;
  const armor = new ApolloArmor({
    maxDepth: {
      ...common,
      n: limits.depth,
      ignoreIntrospection: true,
      // A fragment spread is not a level: the same fields nest as deep written either way.
      flattenFragments: true,
      onReject: [reject('depth')],
    },
    maxAliases: { ...common, n: limits.aliases, onReject: [reject('aliases')] },
    maxDirectives: { enabled: false },
    // Directives: bounded by the token limit. Cost, tokens: below. Suggestions: a caller's schema names only what they may see, and
    // anonymous callers get none (Apollo's hideSchemaDetailsFromClientErrors).
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return armor.protect().validationRules as ValidationRule[];
}

/**
 * A field costs 1 plus its children; a field that takes `first` costs that many times as much.
 * A page larger than any list serves counts as the largest one: the list refuses it itself
 * (BAD_USER_INPUT), which says more than a cost would.
 */
export function pageCostEstimator({ args, childComplexity }: ComplexityEstimatorArgs): number {
  const first = args.first;
  const pageSize =
    typeof first === 'number' && Number.isFinite(first) && first > 0 ? Math.min(first, MAX_PAGE_SIZE) : 1;
  return pageSize * (1 + childComplexity);
}

/** Variables longer than this (as JSON) are not worth remembering a cost for. */
const MAX_REMEMBERED_VARIABLES = 1024;
/** Costs remembered per document: one per operation name and variables, at most this many. */
const MAX_COSTS_PER_DOCUMENT = 32;

/**
 * The cost of an operation, remembered per schema and parsed document (Apollo hands the same
 * DocumentNode to every request with the same text), operation name and variables: a portal or
 * analyst asking the same query again does not walk it again. `undefined`: the variables do not
 * fit the operation (execution reports that as it always does).
 */
export type CostMeter = (
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
) => number | undefined;

/** The cost as graphql-query-complexity counts it with the page estimator; throws on bad variables. */
export const measureCost = (...[schema, document, operationName, variables]: Parameters<CostMeter>): number =>
  getComplexity({ schema, query: document, variables, operationName, estimators: [pageCostEstimator] });

export function createCostMeter(measure: (...args: Parameters<CostMeter>) => number = measureCost): CostMeter {
  const costs = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number | undefined>>>();
  return (schema, document, operationName, variables) => {
    const variablesJson = JSON.stringify(variables);
    const key = variablesJson.length <= MAX_REMEMBERED_VARIABLES ? `${operationName ?? ''}\n${variablesJson}` : null;
    let bySchema = costs.get(schema);
    if (!bySchema) {
      bySchema = new WeakMap();
      costs.set(schema, bySchema);
    }
    let known = bySchema.get(document);
    if (key !== null && known?.has(key)) return known.get(key);
    let cost: number | undefined;
    try {
      cost = measure(schema, document, operationName, variables);
    } catch {
      cost = undefined;
    }
    if (key !== null) {
      if (!known || known.size >= MAX_COSTS_PER_DOCUMENT) {
        known = new Map();
        bySchema.set(document, known);
      }
      known.set(key, cost);
    }
    return cost;
  };
}

/** Rejects an operation whose cost, with its variables, is over the limit. Runs before execution. */
export function costLimitPlugin(limits: QueryLimits): ApolloServerPlugin<AppContext> {
  const costOf = createCostMeter();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operationName, contextValue }) {
          const cost = costOf(schema, document, operationName ?? undefined, request.variables ?? {});
          // Bad variables: execution reports them as it always does.
          if (cost === undefined) return;
          if (cost > limits.cost) {
            if (contextValue.viewer) {
              contextValue.audit.record({
                action: 'graphql.rejected',
                outcome: 'DENIED',
                detail: { code: 'QUERY_TOO_COMPLEX', limit: 'cost' },
              });
            }
            throw limitError('cost', limits.cost);
          }
        },
      };
    },
  };
}

/** graphql-js's message when `maxTokens` stops the parser (graphql 16, pinned). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more that? \d+ tokens\. Parsing aborted\.$/;

/**
 * Rewrites the errors that limits cause but that reach us in another shape: graphql-js's token
 * limit (a parse error), our own limit errors wrapped by Apollo as validation errors, and the
 * database's statement timeout (SQLSTATE 57014), which otherwise would be an internal error.
 */
export function limitErrorFor(
  formatted: GraphQLFormattedError,
  error: unknown,
  limits: QueryLimits,
  statementTimeoutMs: number,
): GraphQLFormattedError | undefined {
  if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT_MESSAGE.test(formatted.message)) {
    return shape(limitError('tokens', limits.tokens));
  }
  const original = originalOf(error);
  if (original instanceof AppError && original.extensions.code === 'QUERY_TOO_COMPLEX') {
    return { ...shape(original), ...(formatted.locations ? { locations: formatted.locations } : {}) };
  }
  if (isStatementTimeout(error)) {
    return {
      ...shape(limitError('timeout', statementTimeoutMs, ' ms')),
      ...(formatted.path ? { path: formatted.path } : {}),
    };
  }
  return undefined;
}

function shape(error: AppError): GraphQLFormattedError {
  const { http: _http, ...extensions } = error.extensions;
  return { message: error.message, extensions };
}

function originalOf(error: unknown): unknown {
  let current = error;
  for (let i = 0; i < 5 && current && typeof current === 'object'; i++) {
    const next = (current as GraphQLError).originalError;
    if (!next) break;
    current = next;
  }
  return current;
}

/** The statement timeout, whichever driver or wrapper reports it: SQLSTATE 57014 in the chain. */
export function isStatementTimeout(error: unknown): boolean {
  let current = error;
  for (let i = 0; i < 8 && current && typeof current === 'object'; i++) {
    const e = current as { code?: unknown; originalError?: unknown; cause?: unknown };
    if (e.code === '57014') return true;
    current = e.originalError ?? e.cause;
  }
  return false;
}
