/**
 * The annual cap (DOMAIN.md, "Quota"): persons, families included, against the year's cap and each
 * partner's target. A case counts in the year of its referral (the year whose cap the referral was
 * checked against), unless the referral was withdrawn or declined before IRCC acknowledged it;
 * its outcome then moves it between in process, approved (arrivals included), arrived, refused and
 * withdrawn. Computed in SQL by `hrd_quota_usage(year)` across every case: aggregates only.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../db/client.js';
import { organizations, quotas, quotaTargets, transfers } from '../../db/schema.js';

export interface PartnerQuota {
  organizationId: string;
  personTarget: number | null;
  referredCases: number;
  referredPersons: number;
  inProcessPersons: number;
  approvedPersons: number;
  arrivedPersons: number;
  refusedPersons: number;
  withdrawnPersons: number;
}

export interface QuotaReport {
  year: number;
  personCap: number | null;
  referredCases: number;
  referredPersons: number;
  inProcessPersons: number;
  approvedPersons: number;
  arrivedPersons: number;
  refusedPersons: number;
  withdrawnPersons: number;
  partners: PartnerQuota[];
}

type UsageRow = {
  organization_id: string;
  referred_cases: string | number;
  referred_persons: string | number | null;
  in_process_persons: string | number | null;
  approved_persons: string | number | null;
  arrived_persons: string | number | null;
  refused_persons: string | number | null;
  withdrawn_persons: string | number | null;
};

const n = (v: string | number | null | undefined) => Number(v ?? 0);

export async function quotaReport(tx: Database, year: number): Promise<QuotaReport> {
  const usage = await queryRows<UsageRow>(tx, sql`SELECT * FROM hrd_quota_usage(${year})`);
  const [cap] = await tx.select().from(quotas).where(eq(quotas.year, year));
  const targets = await tx.select().from(quotaTargets).where(eq(quotaTargets.year, year));
  const partnerIds = [...new Set([...usage.map((u) => u.organization_id), ...targets.map((t) => t.organizationId)])];
  const kinds = partnerIds.length
    ? await tx
        .select({ id: organizations.id, name: organizations.name })
        .from(organizations)
        .where(inArray(organizations.id, partnerIds))
    : [];
  const order = (id: string) => kinds.find((k) => k.id === id)?.name ?? id;
  const partners = partnerIds
    .map((organizationId): PartnerQuota => {
      const u = usage.find((r) => r.organization_id === organizationId);
      return {
        organizationId,
        personTarget: targets.find((t) => t.organizationId === organizationId)?.personTarget ?? null,
        referredCases: n(u?.referred_cases),
        referredPersons: n(u?.referred_persons),
        inProcessPersons: n(u?.in_process_persons),
        approvedPersons: n(u?.approved_persons),
        arrivedPersons: n(u?.arrived_persons),
        refusedPersons: n(u?.refused_persons),
        withdrawnPersons: n(u?.withdrawn_persons),
      };
    })
    .sort((a, b) => order(a.organizationId).localeCompare(order(b.organizationId)));
  const sum = (key: keyof Omit<PartnerQuota, 'organizationId' | 'personTarget'>) =>
    partners.reduce((total, p) => total + p[key], 0);
  return {
    year,
    personCap: cap?.personCap ?? null,
    referredCases: sum('referredCases'),
    referredPersons: sum('referredPersons'),
    inProcessPersons: sum('inProcessPersons'),
    approvedPersons: sum('approvedPersons'),
    arrivedPersons: sum('arrivedPersons'),
    refusedPersons: sum('refusedPersons'),
    withdrawnPersons: sum('withdrawnPersons'),
    partners,
  };
}

/** The year a case was referred in (its RESETTLEMENT_REFERRAL), or this year if none. */
export async function referralYear(tx: Database, caseId: string): Promise<number> {
  const [row] = await tx
    .select({ year: sql<number>`extract(year FROM ${transfers.createdAt} AT TIME ZONE 'UTC')::int` })
    .from(transfers)
    .where(
      and(
        eq(transfers.caseId, caseId),
        eq(transfers.kind, 'RESETTLEMENT_REFERRAL'),
        sql`${transfers.status} IN ('PENDING', 'ACCEPTED')`,
      ),
    );
  return Number(row?.year ?? new Date().getUTCFullYear());
}
