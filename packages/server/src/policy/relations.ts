/**
 * The caller organization's relation to each case, as one SQL expression (the application's
 * side; row-level security computes the same with hrd_case_relation(), and a test compares them).
 */
import type { Relation } from '@hrd/schema';
import { type SQL, sql } from 'drizzle-orm';
import { cases, transfers } from '../db/schema.js';
import type { Viewer } from './viewer.js';

/** `CUSTODIAN | RECEIVER | IRCC | FORMER | NULL` for the row of `cases` in scope. */
export function relationSql(viewer: Viewer): SQL<Relation | null> {
  const org = viewer.organizationId;
  const ircc = viewer.organizationKind === 'IRCC';
  return sql<Relation | null>`CASE
    WHEN ${cases.custodianId} = ${org} THEN 'CUSTODIAN'
    WHEN EXISTS (SELECT 1 FROM ${transfers} rt WHERE rt.case_id = ${cases.id} AND rt.status = 'PENDING'
                  AND rt.kind <> 'RESETTLEMENT_REFERRAL' AND rt.to_organization_id = ${org}) THEN 'RECEIVER'
    WHEN ${ircc} AND EXISTS (SELECT 1 FROM ${transfers} rt WHERE rt.case_id = ${cases.id}
                  AND rt.kind = 'RESETTLEMENT_REFERRAL' AND rt.status IN ('PENDING', 'ACCEPTED')) THEN 'IRCC'
    WHEN ${cases.originId} = ${org} OR EXISTS (SELECT 1 FROM ${transfers} rt WHERE rt.case_id = ${cases.id}
                  AND rt.from_organization_id = ${org} AND rt.status = 'ACCEPTED'
                  AND rt.kind <> 'RESETTLEMENT_REFERRAL') THEN 'FORMER'
  END`;
}
