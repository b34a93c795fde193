/**
 * The portal's operations as an allowlist (persisted documents): the portal's build ships
 * `persisted-documents.json` (codegen: `sha256:<hash>` → operation text), and the portal sends an
 * operation by its hash alone. A hash on the list runs that exact text; an unknown hash answers
 * PERSISTED_QUERY_NOT_FOUND, and the client may then send the full text, which is an ad hoc query
 * like any other (through the query limits). Nothing is ever registered from a request: automatic
 * persisted queries are off, so a client cannot add to the list.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { RequestHandler } from 'express';

export type PersistedDocuments = ReadonlyMap<string, string>;

/** Reads the manifest, or an empty list when the portal is not built. */
export function loadPersistedDocuments(path: string): PersistedDocuments {
  if (!existsSync(path)) return new Map();
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const entries = Object.entries(parsed).filter(
    (entry): entry is [string, string] => /^sha256:[0-9a-f]{64}$/.test(entry[0]) && typeof entry[1] === 'string',
  );
  return new Map(entries);
}

interface Body {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown>;
}

const notFound = {
  errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }],
};

/** Resolves `documentId` or `extensions.persistedQuery.sha256Hash` to the listed text. */
export function persistedDocumentsMiddleware(documents: PersistedDocuments): RequestHandler {
  return (req, res, next) => {
    const body = req.body as Body | Body[] | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return next();
    const hash = body.extensions?.persistedQuery?.sha256Hash;
    const id =
      typeof body.documentId === 'string'
        ? body.documentId
        : typeof hash === 'string'
          ? `sha256:${hash.toLowerCase()}`
          : undefined;
    if (body.extensions?.persistedQuery) {
      // Never the automatic-persisted-queries protocol: the extension is consumed here.
      const { persistedQuery: _ignored, ...rest } = body.extensions;
      body.extensions = rest;
    }
    if (id === undefined) return next();
    delete body.documentId;
    if (typeof body.query === 'string' && body.query.length > 0) return next();
    const text = documents.get(id);
    if (!text) {
      res.status(200).json(notFound);
      return;
    }
    body.query = text;
    res.locals.persistedDocument = true;
    next();
  };
}
