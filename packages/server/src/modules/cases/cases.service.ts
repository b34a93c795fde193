/**
 * Reading cases. Every case reaches the caller only with its relation, computed in the same
 * query; a case without a visible relation does not exist for them (NOT_FOUND, byte-for-byte as
 * for an id that never existed). Field classes are checked by `guardField` with the policy.
 */
import type { FieldClass, Relation } from '@hrd/schema';
import { grantFor } from '@hrd/schema';
import { and, asc, count, desc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { type Database, withCustomPlans } from '../../db/client.js';
import { readSelected } from '../../db/rows.js';
import { cases, immigrationFiles, organizations } from '../../db/schema.js';
import { AppError } from '../../graphql/errors.js';
import { isId } from '../../graphql/ids.js';
import { MAX_PAGE_SIZE } from '../../graphql/limit-values.js';
import { can, readsDependOnAssignment, visibleRelations } from '../../policy/policy.js';
import { caseColumn, type RelationProbe, relationIn, relationSql } from '../../policy/relations.js';
import type { Viewer } from '../../policy/viewer.js';
import { requireViewer } from '../identity/identity.service.js';
import { type CaseConnection, type CaseFilter, CaseOrder, type CaseRecord } from './cases.types.js';

export const CASE_NOT_FOUND = 'Case not found.';
export { MAX_PAGE_SIZE };

/** Field classes whose reads are written to the audit trail. */
const AUDITED_READS: ReadonlySet<FieldClass> = new Set([
  'IDENTITY',
  'CHARGES',
  'ASSESSMENT',
  'SECRET',
  'IRCC_INTERNAL',
]);

/**
 * The case's assigned officer, looked up for the rows a query returns: PostgreSQL evaluates a
 * sub-select in the output after ORDER BY … LIMIT has cut the page, while a join with the files
 * checked each file's row-level policy for every visible case before the page was cut.
 */
const assignedOfficer = () =>
  sql<string | null>`(SELECT f.assigned_officer_id FROM ${immigrationFiles} f WHERE f.case_id = ${caseColumn('id')})`;

/**
 * The columns of a CaseRecord, with the caller's relation computed in the same query. A query
 * that joins the case's file anyway (the officers' queue) passes the joined column. A caller none
 * of whose reads depends on the assigned officer (every role outside IRCC) does not look it up:
 * the file's row-level check, run for each row, was most of a page's cost.
 */
export function caseColumns(
  viewer: Viewer,
  assignedOfficerId: SQL<string | null> | typeof immigrationFiles.assignedOfficerId = readsDependOnAssignment(viewer)
    ? assignedOfficer()
    : sql<null>`NULL::uuid`,
) {
  return {
    id: cases.id,
    reference: cases.reference,
    status: cases.status,
    urgency: cases.urgency,
    size: cases.size,
    version: cases.version,
    custodianId: cases.custodianId,
    originId: cases.originId,
    activities: cases.activities,
    countryOfNationality: cases.countryOfNationality,
    countryOfAsylum: cases.countryOfAsylum,
    hrdSummary: cases.hrdSummary,
    riskSummary: cases.riskSummary,
    inHiding: cases.inHiding,
    createdAt: cases.createdAt,
    updatedAt: cases.updatedAt,
    relation: relationSql(viewer),
    assignedOfficerId,
  };
}

/**
 * The columns of `keys` only (all of them without keys). A record read with some columns has the
 * others undefined: only for a request whose selection reads no other (`CASE_FIELD_COLUMNS`).
 */
function someColumns<F extends Record<string, unknown>>(all: F, keys: readonly string[] | undefined): F {
  if (!keys) return all;
  // In the order of all of them: one statement text per set of columns, whatever the order asked.
  const wanted = new Set(keys);
  return Object.fromEntries(Object.entries(all).filter(([key]) => wanted.has(key))) as F;
}

/**
 * The application's own filter: only cases related to the caller under a relation their roles see.
 * `probe: 'row'` for a statement that reads a page or a single case (policy/relations.ts).
 */
export function visibleCasesCondition(viewer: Viewer, probe: RelationProbe = 'hash'): SQL {
  return relationIn(viewer, visibleRelations(viewer), { probe });
}

async function selectCases(db: Database, viewer: Viewer, where: SQL | undefined): Promise<CaseRecord[]> {
  return readSelected<CaseRecord>(
    db,
    caseColumns(viewer),
    sql`FROM ${cases} WHERE ${and(visibleCasesCondition(viewer, 'row'), where)}`,
  );
}

export async function getCase(ctx: AppContext, id: string): Promise<CaseRecord> {
  const viewer = requireViewer(ctx);
  const found = isId(id)
    ? (await selectCases(await ctx.scope.tx(), viewer, eq(cases.id, id.toLowerCase())))[0]
    : undefined;
  if (!found) throw new AppError('NOT_FOUND', CASE_NOT_FOUND);
  return found;
}

export async function getCaseByReference(ctx: AppContext, reference: string): Promise<CaseRecord> {
  const viewer = requireViewer(ctx);
  // Finding a case by its reference reads the reference: only under relations that may.
  const readable = requireReferenceReads(ctx, viewer, ['reference']);
  const trimmed = reference.trim().toUpperCase();
  const found =
    trimmed.length > 0 && trimmed.length <= 64
      ? (
          await selectCases(
            await ctx.scope.tx(),
            viewer,
            and(eq(cases.reference, trimmed), relationIn(viewer, readable)),
          )
        )[0]
      : undefined;
  if (!found) throw new AppError('NOT_FOUND', CASE_NOT_FOUND);
  return found;
}

/**
 * The relations under which the caller may read references. None, while seeing cases (an
 * analyst): whatever looks a case up by reference is FORBIDDEN, and the denial is audited, before any lookup, so
 * the answer tells nothing about which references exist.
 */
function requireReferenceReads(ctx: AppContext, viewer: Viewer, path: ReadonlyArray<string>): Relation[] {
  const readable = relationsReading(viewer, 'REFERENCE');
  // A caller who sees no case at all (an ORG_ADMIN) finds nothing, as for any lookup.
  if (readable.length === 0 && visibleRelations(viewer).length > 0) {
    ctx.audit.record({ action: 'case.read', outcome: 'DENIED', fields: ['REFERENCE'] });
    throw new AppError('FORBIDDEN', 'Your role may not read or search case references.', {
      fieldClass: 'REFERENCE',
      paths: [[...path]],
    });
  }
  return readable;
}

/** Relations under which the caller may read a class (for filters on that class). */
function relationsReading(viewer: Viewer, fieldClass: FieldClass): Relation[] {
  return visibleRelations(viewer).filter((r) => {
    const grant = grantFor(r, viewer.roles, fieldClass);
    return grant === 'read' || grant === 'write';
  });
}

function filterConditions(ctx: AppContext, viewer: Viewer, filter: CaseFilter | null | undefined): SQL[] {
  if (!filter) return [];
  const out: SQL[] = [];
  if (filter.status?.length) out.push(inArray(cases.status, filter.status));
  if (filter.urgency?.length) out.push(inArray(cases.urgency, filter.urgency));
  if (filter.custodianKind?.length) {
    out.push(
      sql`${cases.custodianId} IN (SELECT o.id FROM ${organizations} o WHERE o.kind IN (${sql.join(
        filter.custodianKind.map((k) => sql`${k}`),
        sql`, `,
      )}))`,
    );
  }
  if (filter.countryOfAsylum?.length) {
    const codes = filter.countryOfAsylum.map((c) => c.trim().toUpperCase());
    if (codes.some((c) => !/^[A-Z]{2}$/.test(c))) {
      throw new AppError('BAD_USER_INPUT', 'A country is an ISO 3166-1 alpha-2 code.', {
        paths: [['filter', 'countryOfAsylum']],
      });
    }
    // A QUASI filter must not reveal QUASI values of cases the caller may not read them on.
    out.push(inArray(cases.countryOfAsylum, codes));
    out.push(relationIn(viewer, relationsReading(viewer, 'QUASI')));
  }
  if (filter.activity?.length) {
    out.push(
      sql`${cases.activities} && ARRAY[${sql.join(
        filter.activity.map((a) => sql`${a}`),
        sql`, `,
      )}]::text[]`,
    );
  }
  if (filter.referencePrefix) {
    // Like the country filter, but a role that can never read references is told so: a prefix
    // search is a way to probe references one character at a time.
    const readable = requireReferenceReads(ctx, viewer, ['filter', 'referencePrefix']);
    out.push(relationIn(viewer, readable));
    const prefix = filter.referencePrefix
      .trim()
      .toUpperCase()
      .replace(/[\\%_]/g, (m) => `\\${m}`);
    out.push(sql`${cases.reference} LIKE ${`${prefix}%`}`);
  }
  if (filter.createdAfter) out.push(gte(cases.createdAt, filter.createdAfter));
  if (filter.createdBefore) out.push(lt(cases.createdAt, filter.createdBefore));
  if (filter.referredAfter) out.push(gte(cases.referredAt, filter.referredAfter));
  if (filter.referredBefore) out.push(lt(cases.referredAt, filter.referredBefore));
  return out;
}

const URGENCY_RANK = sql`CASE ${cases.urgency} WHEN 'EMERGENCY' THEN 0 WHEN 'URGENT' THEN 1 ELSE 2 END`;

function orderBy(order: CaseOrder) {
  switch (order) {
    case CaseOrder.CREATED_ASC:
      return [asc(cases.createdAt), asc(cases.id)];
    case CaseOrder.UPDATED_DESC:
      return [desc(cases.updatedAt), desc(cases.id)];
    case CaseOrder.URGENCY:
      return [asc(URGENCY_RANK), asc(cases.createdAt), asc(cases.id)];
    default:
      return [desc(cases.createdAt), desc(cases.id)];
  }
}

export const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
export function decodeCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match?.[1]) throw new AppError('BAD_USER_INPUT', 'Unknown cursor.', { paths: [['after']] });
  return Number(match[1]) + 1;
}

export async function listCases(
  ctx: AppContext,
  args: { filter?: CaseFilter | null; orderBy?: CaseOrder | null; first?: number | null; after?: string | null },
  options: {
    countTotal: boolean;
    /** The CaseRecord keys the request reads of each case (`CASE_FIELD_COLUMNS`); absent: all. */
    columns?: readonly (keyof CaseRecord)[] | undefined;
  } = { countTotal: true },
): Promise<CaseConnection> {
  const viewer = requireViewer(ctx);
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new AppError('BAD_USER_INPUT', `first must be from 0 to ${MAX_PAGE_SIZE}.`, { paths: [['first']] });
  }
  const start = decodeCursor(args.after);
  const filters = filterConditions(ctx, viewer, args.filter);
  // The page looks each examined case's relation up; the count, which examines them all, hashes them.
  const pageConditions = and(visibleCasesCondition(viewer, 'row'), ...filters);
  const conditions = and(visibleCasesCondition(viewer), ...filters);
  const tx = await ctx.scope.tx();
  // The page and the count are sent together: one round trip (the driver pipelines them).
  const read = () =>
    Promise.all([
      readSelected<CaseRecord>(
        tx,
        someColumns(caseColumns(viewer), options.columns),
        sql`FROM ${cases} WHERE ${pageConditions} ORDER BY ${sql.join(orderBy(args.orderBy ?? CaseOrder.CREATED_DESC), sql`, `)} LIMIT ${first + 1} OFFSET ${start}`,
      ),
      options.countTotal ? tx.select({ n: count() }).from(cases).where(conditions) : undefined,
    ]);
  // Under two or more filters, a generic plan's guesses about them multiply: at 100,000 cases it
  // expected a few hundred rows where a search examined 27,000, and checked each one's relation
  // (row-level security's) one by one instead of hashing them, twice as slow as a plan for the
  // values at hand. One filter or none: the generic plan is as good, and planning costs ~1 ms.
  const [rows, total] = filters.length >= 2 ? await withCustomPlans(tx, read) : await read();
  return caseConnection(rows, first, start, total ? (total[0]?.n ?? 0) : undefined);
}

/**
 * A page of cases as a connection, from `first + 1` rows read at `start`. `total` is undefined
 * when the request did not ask for `totalCount` (selection.ts), and then the connection has no
 * total at all: reading it would fail the request, never answer a made-up number.
 */
export function caseConnection(
  rows: CaseRecord[],
  first: number,
  start: number,
  total: number | undefined,
): CaseConnection {
  const page = rows.slice(0, first);
  const connection = {
    edges: page.map((node, i) => ({ cursor: encodeCursor(start + i), node })),
    pageInfo: {
      hasNextPage: rows.length > first,
      endCursor: page.length ? encodeCursor(start + page.length - 1) : null,
    },
  };
  if (total !== undefined) return { ...connection, totalCount: total };
  return Object.defineProperty(connection, 'totalCount', {
    enumerable: true,
    get(): never {
      throw new Error('totalCount was read but not counted: the selection check missed it');
    },
  }) as CaseConnection;
}

/**
 * Whether the caller may read a class of fields on this case. Denied: the field's answer is
 * null with a FORBIDDEN error naming its path (thrown here), and the denial is audited. Allowed
 * reads of sensitive classes are audited (one event per request and kind of access).
 */
export function guardField(
  ctx: AppContext,
  record: CaseRecord,
  fieldClass: FieldClass,
  detail?: Record<string, unknown>,
): void {
  const viewer = requireViewer(ctx);
  const allowed = can(
    viewer,
    { relation: record.relation, assignedOfficerId: record.assignedOfficerId },
    fieldClass,
    'read',
  );
  if (!allowed) {
    ctx.audit.record({ action: 'case.read', outcome: 'DENIED', caseIds: [record.id], fields: [fieldClass] });
    throw new AppError('FORBIDDEN', `Your role may not read ${fieldClass} fields of this case.`, {
      fieldClass,
    });
  }
  if (AUDITED_READS.has(fieldClass)) {
    ctx.audit.record({
      action: 'case.read',
      outcome: 'ALLOWED',
      caseIds: [record.id],
      fields: [fieldClass],
      ...(detail ? { detail } : {}),
    });
  }
}
