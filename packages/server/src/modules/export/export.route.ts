/**
 * `GET /export/cases.csv`: the cases the caller may see, as CSV, with the `cases` query's filters
 * (query parameters, see export.params.ts) and only the columns the policy lets them read.
 *
 * - Signed in exactly as for GraphQL (the same context factory): no valid session or token → 401.
 * - A GET that changes nothing, but answers sensitive data: with the session cookie (not the
 *   Bearer header) a cross-site request (`Sec-Fetch-Site` other than same-origin/none) is refused
 *   and the attempt audited; responses are `no-store`, `nosniff`, and an attachment.
 * - The whole CSV is built first, then the request ends (audit appended, commit), and only then
 *   is it sent: if the audit cannot be written, nothing is exported (500).
 *
 * Only Node's own response API is used (statusCode, setHeader, end), so the handler also runs on
 * a plain `http` server.
 */
import type { Request, Response } from 'express';
import { readCredential } from '../../auth/authenticate.js';
import type { AppContext } from '../../context.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import { AppError, type ErrorCode, RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE_MESSAGE } from '../../graphql/errors.js';
import { endRequest } from '../../request/context-factory.js';
import { parseExportQuery } from './export.params.js';
import { EXPORT_AUDIT_ACTION, exportCases, MAX_EXPORT_ROWS } from './export.service.js';

export const EXPORT_CASES_PATH = '/export/cases.csv';

/** Fetch metadata values that prove a request came from the portal itself (or the address bar). */
const SAME_SITE_FETCH: ReadonlySet<string> = new Set(['same-origin', 'none']);

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
};

function securityHeaders(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

/** An error in the GraphQL shape, so clients handle both endpoints alike. */
function sendError(
  res: Response,
  status: number,
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  securityHeaders(res);
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }));
}

function isCrossSite(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  return !SAME_SITE_FETCH.has(value.trim().toLowerCase());
}

/** The handler for `GET /export/cases.csv`, given the context factory made in app.ts. */
export function exportCasesRoute(
  makeContext: (req: Request, res: Response) => Promise<AppContext>,
  options: { maxRows?: number; now?: () => Date } = {},
): (req: Request, res: Response) => Promise<void> {
  const maxRows = options.maxRows ?? MAX_EXPORT_ROWS;
  const now = options.now ?? (() => new Date());
  return async (req, res) => {
    let ctx: AppContext | undefined;
    try {
      ctx = await makeContext(req, res);

      const credential = readCredential({ authorization: req.headers.authorization, cookie: req.headers.cookie });
      if (credential.kind === 'cookie' && isCrossSite(req.headers['sec-fetch-site'])) {
        ctx.audit.record({ action: EXPORT_AUDIT_ACTION, outcome: 'DENIED', detail: { reason: 'cross-site request' } });
        await endRequest(ctx);
        sendError(res, 403, 'FORBIDDEN', 'Cases are exported from the portal itself or with a Bearer token.');
        return;
      }
      if (!ctx.viewer || ctx.credentialRejected) {
        // Commits the credential's denial, if the factory recorded one.
        await endRequest(ctx);
        sendError(res, 401, 'UNAUTHENTICATED', 'Sign in first.');
        return;
      }

      const query = parseExportQuery(new URL(req.originalUrl ?? req.url ?? '/', 'http://localhost').searchParams);
      const result = await exportCases(ctx, query, { maxRows });
      // Audit appended and committed before any byte of the CSV leaves.
      await endRequest(ctx);

      securityHeaders(res);
      res.statusCode = 200;
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="cases-${now().toISOString().slice(0, 10)}.csv"`);
      res.setHeader('X-Export-Rows', String(result.caseIds.length));
      if (result.truncated) res.setHeader('X-Export-Truncated', 'true');
      res.end(result.csv);
    } catch (error) {
      const code = error instanceof AppError ? (error.extensions.code as ErrorCode) : undefined;
      const status = code ? STATUS_OF[code] : undefined;
      if (ctx && error instanceof AppError && code && status) {
        try {
          await endRequest(ctx);
          const { code: _code, ...extensions } = error.extensions;
          sendError(res, status, code, error.message, extensions);
          return;
        } catch (endError) {
          ctx.log.error({ err: endError }, 'could not end the export request (audit or transaction)');
        }
      } else {
        (ctx?.log ?? (req as unknown as { log?: AppContext['log'] }).log)?.error({ err: error }, 'case export failed');
      }
      await ctx?.scope.abandon();
      if (!res.headersSent && (isDatabaseUnavailable(error) || code === 'SERVICE_UNAVAILABLE')) {
        res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
        sendError(res, 503, 'SERVICE_UNAVAILABLE', SERVICE_UNAVAILABLE_MESSAGE, {
          ...(ctx ? { requestId: ctx.requestId } : {}),
        });
        return;
      }
      if (!res.headersSent) {
        sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error', {
          ...(ctx ? { requestId: ctx.requestId } : {}),
        });
      }
    }
  };
}
