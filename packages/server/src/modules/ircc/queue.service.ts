/**
 * The officers' work list: files IRCC is processing, expedited (EMERGENCY) first, then the oldest.
 * By default the files still in process (not ARRIVED, not REFUSED, case not withdrawn).
 */
import type { ImmigrationStage, OrganizationKind } from '@hrd/schema';
import { and, count, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { readSelected } from '../../db/rows.js';
import { cases, immigrationFiles, informationRequests, organizations, transfers } from '../../db/schema.js';
import { AppError } from '../../graphql/errors.js';
import { isId } from '../../graphql/ids.js';
import { hasPermission } from '../../policy/policy.js';
import {
  caseColumns,
  caseConnection,
  decodeCursor,
  MAX_PAGE_SIZE,
  visibleCasesCondition,
} from '../cases/cases.service.js';
import type { CaseConnection, CaseRecord } from '../cases/cases.types.js';
import { requireViewer } from '../identity/identity.service.js';

export interface QueueFilter {
  stage?: ImmigrationStage[] | null;
  assignedOfficerId?: string | null;
  unassigned?: boolean | null;
  partner?: OrganizationKind[] | null;
  expedited?: boolean | null;
  deferred?: boolean | null;
}

const openRequest = sql`EXISTS (SELECT 1 FROM ${informationRequests} r
  WHERE r.case_id = ${cases.id} AND r.status = 'OPEN')`;

export async function immigrationQueue(
  ctx: AppContext,
  args: { filter?: QueueFilter | null; first?: number | null; after?: string | null },
  options: { countTotal: boolean; page?: boolean } = { countTotal: true },
): Promise<CaseConnection> {
  const viewer = requireViewer(ctx);
  if (!hasPermission(viewer, 'ircc:process')) {
    ctx.audit.record({ action: 'ircc.queue', outcome: 'DENIED' });
    throw new AppError('FORBIDDEN', "The immigration queue is IRCC officers' work list.");
  }
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new AppError('BAD_USER_INPUT', `first must be from 0 to ${MAX_PAGE_SIZE}.`, { paths: [['first']] });
  }
  const start = decodeCursor(args.after);
  const f = args.filter ?? {};
  const conditions: SQL[] = [visibleCasesCondition(viewer)];
  if (f.stage?.length) {
    conditions.push(inArray(immigrationFiles.stage, f.stage));
  } else {
    conditions.push(sql`${immigrationFiles.stage} NOT IN ('ARRIVED', 'REFUSED')`, sql`${cases.status} <> 'WITHDRAWN'`);
  }
  if (f.assignedOfficerId) {
    conditions.push(
      isId(f.assignedOfficerId)
        ? eq(immigrationFiles.assignedOfficerId, f.assignedOfficerId.toLowerCase())
        : sql`false`,
    );
  }
  if (f.unassigned === true) conditions.push(isNull(immigrationFiles.assignedOfficerId));
  if (f.unassigned === false) conditions.push(sql`${immigrationFiles.assignedOfficerId} IS NOT NULL`);
  if (f.partner?.length) {
    // The partner that referred the file (its live referral's sender), whoever holds the case now:
    // a refused case offered on to UNHCR stays the referring partner's file.
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${transfers} t JOIN ${organizations} o ON o.id = t.from_organization_id
        WHERE t.case_id = ${cases.id} AND t.kind = 'RESETTLEMENT_REFERRAL' AND t.status IN ('PENDING', 'ACCEPTED')
          AND o.kind IN (${sql.join(
            f.partner.map((k) => sql`${k}`),
            sql`, `,
          )}))`,
    );
  }
  if (f.expedited !== undefined && f.expedited !== null) conditions.push(eq(immigrationFiles.expedited, f.expedited));
  if (f.deferred === true) conditions.push(openRequest);
  if (f.deferred === false) conditions.push(sql`NOT ${openRequest}`);
  const where = and(...conditions);
  const tx = await ctx.scope.tx();
  const countAll = async () =>
    (
      await tx
        .select({ n: count() })
        .from(cases)
        .innerJoin(immigrationFiles, eq(immigrationFiles.caseId, cases.id))
        .where(where)
    )[0]?.n ?? 0;
  // Only the count asked for (the officer's home asks the queue's size): no page, so no sort of
  // every file and no case columns read for each (OfficerHome at 100,000 cases: 334–358 → 291–312
  // ms, docs/BENCHMARKS.md Round 7).
  if (options.page === false) {
    return caseConnection([], first, start, options.countTotal ? await countAll() : undefined);
  }
  // The files that match, in the queue's order, with their count, are found first with only what
  // orders them; the case columns are read for the page's rows alone. The count's window and the
  // sort carried every matching case's whole row before (at 100,000 cases 35,000 of them, spilled
  // to disk: the queue's statement 230–243 → 170–180 ms, docs/BENCHMARKS.md Round 12).
  const matching = sql`WITH q AS (SELECT ${cases.id} AS id, ${immigrationFiles.expedited} AS expedited,
      ${immigrationFiles.createdAt} AS filed, ${immigrationFiles.assignedOfficerId} AS officer${
        options.countTotal ? sql`, count(*) OVER () AS total` : sql``
      }
    FROM ${cases} INNER JOIN ${immigrationFiles} ON ${immigrationFiles.caseId} = ${cases.id} WHERE ${where}
    ORDER BY ${immigrationFiles.expedited} DESC, ${immigrationFiles.createdAt} ASC, ${cases.id} ASC
    LIMIT ${first + 1} OFFSET ${start})`;
  const page = await readSelected<CaseRecord & { totalCount?: number | string }>(
    tx,
    pageColumns(viewer, options.countTotal),
    sql`FROM q INNER JOIN ${cases} ON ${cases.id} = q.id ORDER BY q.expedited DESC, q.filed ASC, q.id ASC`,
    matching,
  );
  const rows = page.map(({ totalCount: _total, ...row }) => row as CaseRecord);
  if (!options.countTotal) return caseConnection(rows, first, start, undefined);
  // The count came with the page (a window over every matching file, which the sort reads
  // anyway); a page past the end has no row to carry it, and is counted on its own.
  const counted = page[0]?.totalCount;
  if (counted !== undefined) return caseConnection(rows, first, start, Number(counted));
  if (start === 0) return caseConnection(rows, first, start, 0);
  return caseConnection(rows, first, start, await countAll());
}

/**
 * The queue's columns, with the number of every matching file when the request asks for
 * `totalCount`: the page must sort every file the officer may see (there is no index for the
 * queue's order under row-level security), so counting them in the same statement costs nothing
 * more, where a second statement read them all again (at 100,000 cases, 0.5 s; docs/BENCHMARKS.md,
 * Round 6).
 */
function pageColumns(viewer: Parameters<typeof caseColumns>[0], countTotal: boolean) {
  const columns = caseColumns(viewer, sql<string | null>`q.officer`);
  return countTotal ? { ...columns, totalCount: sql<number>`q.total` } : columns;
}
