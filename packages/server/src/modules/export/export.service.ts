/**
 * The cases CSV: the `cases` query's own pages (`listCases`, so the same filters, visibility and
 * row-level security), with columns decided per case by the one policy (`can`), loaded through
 * the request's DataLoaders (a few queries per page), and one `case.export` audit event per
 * request listing every exported case and the field classes exported. Values are never logged.
 */
import type { FieldClass } from '@hrd/schema';
import type { AppContext } from '../../context.js';
import { can, canEverRead, visibleRelations } from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { listCases, MAX_PAGE_SIZE } from '../cases/cases.service.js';
import type { CaseRecord } from '../cases/cases.types.js';
import { requireViewer } from '../identity/identity.service.js';
import {
  EXPORT_COLUMNS,
  EXPORTABLE_CLASSES,
  type ExportableClass,
  type ExportColumn,
  type ExportRow,
  rowCells,
  toCsv,
} from './export.columns.js';
import type { ExportQuery } from './export.params.js';

/** At most this many rows per export; more is flagged as truncated (X-Export-Truncated). */
export const MAX_EXPORT_ROWS = 10_000;

export const EXPORT_AUDIT_ACTION = 'case.export';

export interface CaseExport {
  readonly csv: string;
  readonly columns: readonly string[];
  readonly caseIds: readonly string[];
  /** Classes that reached the CSV for at least one case (what the audit event lists). */
  readonly classes: readonly FieldClass[];
  /** More cases matched than the cap allowed. */
  readonly truncated: boolean;
}

/**
 * The classes that get a column: those the caller may read on a case under at least one of the
 * relations their roles see cases under. META always (the header alone tells nothing), so a
 * caller without cases still gets a well-formed, empty CSV; the reference as their schema shows it.
 */
export function headerClasses(viewer: Viewer): ExportableClass[] {
  const relations = visibleRelations(viewer);
  return EXPORTABLE_CLASSES.filter((fieldClass) => {
    if (fieldClass === 'META') return true;
    // The reference column follows the caller's schema: none for analysts (issue #7).
    if (fieldClass === 'REFERENCE') return canEverRead(viewer, 'REFERENCE');
    return relations.some((relation) => can(viewer, { relation, assignedOfficerId: null }, fieldClass, 'read'));
  });
}

function readableClasses(viewer: Viewer, record: CaseRecord, offered: readonly ExportableClass[]) {
  const access = { relation: record.relation, assignedOfficerId: record.assignedOfficerId };
  return new Set(offered.filter((fieldClass) => can(viewer, access, fieldClass, 'read')));
}

/** Loads what one page's rows need, in one batched query per kind, and builds the rows. */
async function buildPage(
  ctx: AppContext,
  viewer: Viewer,
  records: readonly CaseRecord[],
  offered: readonly ExportableClass[],
  columns: readonly ExportColumn[],
): Promise<{ cells: string[][]; classes: Set<ExportableClass> }> {
  const { loaders } = ctx;
  const readable = records.map((record) => readableClasses(viewer, record, offered));
  // Loaded only for the cases where the class is readable (row-level security agrees).
  const [orgs, files, persons, charges] = await Promise.all([
    Promise.all(
      records.flatMap((r) => [loaders.organization.load(r.custodianId), loaders.organization.load(r.originId)]),
    ),
    Promise.all(records.map((r) => loaders.fileByCase.load(r.id))),
    Promise.all(records.map((r, i) => (readable[i]?.has('IDENTITY') ? loaders.personsByCase.load(r.id) : null))),
    Promise.all(records.map((r, i) => (readable[i]?.has('CHARGES') ? loaders.chargesByCase.load(r.id) : null))),
  ]);
  const classes = new Set<ExportableClass>();
  const cells = records.map((record, i) => {
    const allowed = readable[i] ?? new Set<ExportableClass>();
    for (const c of allowed) classes.add(c);
    const file = files[i];
    const principal = persons[i]?.find((p) => p.role === 'PRINCIPAL') ?? null;
    const row: ExportRow = {
      record,
      custodianKind: orgs[2 * i]?.kind ?? null,
      originKind: orgs[2 * i + 1]?.kind ?? null,
      irccStage: file?.stage ?? null,
      irccOutcome: file?.decisionOutcome ?? null,
      principal: principal ? { givenName: principal.givenName, familyName: principal.familyName } : null,
      charges: charges[i] ?? null,
    };
    return rowCells(columns, row, allowed);
  });
  // The per-case caches are not needed past their page; keep the request's memory flat.
  for (const record of records) {
    loaders.fileByCase.clear(record.id);
    loaders.personsByCase.clear(record.id);
    loaders.chargesByCase.clear(record.id);
  }
  return { cells, classes };
}

/**
 * Builds the CSV of the cases the caller may see that match the query, page by page through
 * `listCases`, and records the export in the request's audit buffer. The caller ends the request
 * (audit appended, commit) before sending a byte, so there is no export without its audit.
 */
export async function exportCases(
  ctx: AppContext,
  query: ExportQuery,
  options: { maxRows?: number } = {},
): Promise<CaseExport> {
  const viewer = requireViewer(ctx);
  const maxRows = Math.max(1, Math.floor(options.maxRows ?? MAX_EXPORT_ROWS));
  const offered = headerClasses(viewer);
  const columns = EXPORT_COLUMNS.filter((c) => offered.includes(c.fieldClass));

  const rows: string[][] = [];
  const caseIds: string[] = [];
  // Offset pages in one READ COMMITTED transaction: a case created meanwhile may shift a page,
  // so a case seen twice is kept once.
  const seen = new Set<string>();
  const classes = new Set<ExportableClass>();
  let after: string | null = null;
  let truncated = false;
  for (;;) {
    // Never more than the cap: the last page asks only for what still fits.
    const page = await listCases(ctx, {
      filter: query.filter,
      orderBy: query.orderBy,
      first: Math.min(MAX_PAGE_SIZE, maxRows - caseIds.length),
      after,
    });
    const records = page.edges.map((e) => e.node).filter((r) => !seen.has(r.id));
    if (records.length) {
      const built = await buildPage(ctx, viewer, records, offered, columns);
      rows.push(...built.cells);
      for (const c of built.classes) classes.add(c);
      for (const r of records) {
        seen.add(r.id);
        caseIds.push(r.id);
      }
    }
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
    if (caseIds.length >= maxRows) {
      truncated = true;
      break;
    }
    after = page.pageInfo.endCursor;
  }

  const exported = EXPORTABLE_CLASSES.filter((c) => classes.has(c));
  ctx.audit.record({
    action: EXPORT_AUDIT_ACTION,
    outcome: 'ALLOWED',
    caseIds,
    fields: exported,
    detail: truncated ? { format: 'csv', truncated: true } : { format: 'csv' },
  });
  return {
    csv: toCsv(columns, rows),
    columns: columns.map((c) => c.name),
    caseIds,
    classes: exported,
    truncated,
  };
}
