import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The stable error codes of API.md, carried in `extensions.code`. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  RATE_LIMITED: 'RATE_LIMITED',
  /** The database cannot be reached: nothing was done, try again shortly (HTTP 503). */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An expected failure, with a stable code and safe-to-show message and extensions. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export const SERVICE_UNAVAILABLE_MESSAGE =
  'The service is temporarily unavailable; nothing was changed. Try again shortly.';
/** Seconds a client should wait before retrying a SERVICE_UNAVAILABLE answer (`Retry-After`). */
export const RETRY_AFTER_SECONDS = 1;

/** The answer to a request that met an unreachable database, with its HTTP status for Apollo. */
export function serviceUnavailable(): AppError {
  return new AppError(ErrorCode.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE_MESSAGE, {
    http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
  });
}

const KNOWN_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  // Apollo's own codes for malformed requests.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Whether `code` is one of the stable codes a client may see (API.md, and Apollo's own). */
export const isKnownErrorCode = (code: string): boolean => KNOWN_CODES.has(code);

/**
 * Masks unexpected errors: outside development the client sees only INTERNAL_SERVER_ERROR and
 * the request id, never a stack, SQL or constraint name. The caller logs the original.
 */
export function maskError(
  formatted: GraphQLFormattedError,
  options: { development: boolean; requestId?: string | undefined },
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && KNOWN_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: options.development ? (formatted.extensions ?? {}) : extensions };
  }
  if (options.development) return formatted;
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: {
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      ...(options.requestId ? { requestId: options.requestId } : {}),
    },
  };
}
