/**
 * The cap's figures, `statistics { quota(year) }`, against an independent count made here from the raw rows:
 * persons (families included) counted in the year of their RESETTLEMENT_REFERRAL (pending or
 * accepted), split by the case's outcome, per referring partner, against the year's cap and each
 * partner's target. Officers and analysts read them, nobody else. And the cap warning: an
 * approval that takes the year past its cap is flagged before and when it is made.
 */
import { queryRows, seedDemo } from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { type SignedIn, signIn } from '../support/session.js';
import { ACKNOWLEDGE, type CaseWithFile, DECIDE, errorOf, readFile, referredCase, run } from './ircc-support.js';

const FIGURES = `referredCases referredPersons inProcessPersons approvedPersons arrivedPersons refusedPersons withdrawnPersons`;
const QUOTA = `query Quota($year: Int!) {
  statistics {
    quota(year: $year) {
      year personCap remainingPersons overCap ${FIGURES}
      partners { organization { id } personTarget overTarget ${FIGURES} }
    }
  }
}`;

interface Figures {
  referredCases: number;
  referredPersons: number;
  inProcessPersons: number;
  approvedPersons: number;
  arrivedPersons: number;
  refusedPersons: number;
  withdrawnPersons: number;
}
interface PartnerFigures extends Figures {
  organization: { id: string };
  personTarget: number | null;
  overTarget: boolean;
}
interface Quota extends Figures {
  year: number;
  personCap: number | null;
  remainingPersons: number | null;
  overCap: boolean;
  partners: PartnerFigures[];
}

const zero = (): Figures => ({
  referredCases: 0,
  referredPersons: 0,
  inProcessPersons: 0,
  approvedPersons: 0,
  arrivedPersons: 0,
  refusedPersons: 0,
  withdrawnPersons: 0,
});

const YEARS = [2021, 2022, 2023, 2024, 2025, 2026];

describe(`the cap's figures on ${currentDriver()}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  let officer: SignedIn;
  let analyst: SignedIn;

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
    officer = await signIn(server, 'officer@ircc.demo');
    analyst = await signIn(server, 'analyst@ircc.demo');
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  /** Every referral as stored, counted in JavaScript: the expected report for a year. */
  async function expectedQuota(year: number): Promise<Quota> {
    const referrals = await queryRows<{
      from: string;
      created_at: Date | string;
      status: string;
      size: number;
      persons: number;
    }>(
      database.db,
      sql`SELECT t.from_organization_id AS "from", t.created_at, c.status, c.size,
                 (SELECT count(*)::int FROM persons p WHERE p.case_id = c.id) AS persons
            FROM transfers t JOIN cases c ON c.id = t.case_id
           WHERE t.kind = 'RESETTLEMENT_REFERRAL' AND t.status IN ('PENDING', 'ACCEPTED')`,
    );
    const [cap] = await queryRows<{ person_cap: number }>(
      database.db,
      sql`SELECT person_cap FROM quotas WHERE year = ${year}`,
    );
    const targets = await queryRows<{ organization_id: string; person_target: number }>(
      database.db,
      sql`SELECT organization_id, person_target FROM quota_targets WHERE year = ${year}`,
    );
    const byPartner = new Map<string, Figures>();
    for (const t of targets) byPartner.set(t.organization_id, zero());
    for (const r of referrals) {
      // The size on the case is the number of its persons: families count in full.
      expect(r.size).toBe(r.persons);
      if (new Date(r.created_at).getUTCFullYear() !== year) continue;
      const f = byPartner.get(r.from) ?? zero();
      byPartner.set(r.from, f);
      f.referredCases += 1;
      f.referredPersons += r.size;
      if (r.status === 'REFERRED') f.inProcessPersons += r.size;
      if (r.status === 'APPROVED' || r.status === 'ARRIVED') f.approvedPersons += r.size;
      if (r.status === 'ARRIVED') f.arrivedPersons += r.size;
      if (r.status === 'REFUSED') f.refusedPersons += r.size;
      if (r.status === 'WITHDRAWN') f.withdrawnPersons += r.size;
    }
    const partners = [...byPartner.entries()].map(([id, f]): PartnerFigures => {
      const target = targets.find((t) => t.organization_id === id)?.person_target ?? null;
      return {
        organization: { id },
        personTarget: target,
        overTarget: target !== null && f.referredPersons > target,
        ...f,
      };
    });
    const total = zero();
    for (const p of partners) {
      for (const key of Object.keys(total) as (keyof Figures)[]) total[key] += p[key];
    }
    const personCap = cap?.person_cap ?? null;
    return {
      year,
      personCap,
      remainingPersons: personCap === null ? null : personCap - total.approvedPersons,
      overCap: personCap !== null && total.approvedPersons > personCap,
      ...total,
      partners: partners.sort((a, b) => a.organization.id.localeCompare(b.organization.id)),
    };
  }

  const quotaOf = async (user: SignedIn, year: number): Promise<Quota> => {
    const q = (await run<{ statistics: { quota: Quota } }>(user, QUOTA, { year })).statistics.quota;
    return { ...q, partners: [...q.partners].sort((a, b) => a.organization.id.localeCompare(b.organization.id)) };
  };

  it('matches an independent count for every year 2021–2026, for officers and analysts alike', async () => {
    let sawFamilies = false;
    const seen = zero();
    for (const year of YEARS) {
      const expected = await expectedQuota(year);
      expect(await quotaOf(officer, year), `${year}`).toEqual(expected);
      expect(await quotaOf(analyst, year), `${year}`).toEqual(expected);
      if (expected.referredPersons > expected.referredCases) sawFamilies = true;
      for (const key of Object.keys(seen) as (keyof Figures)[]) seen[key] += expected[key];
    }
    // The seed exercises what is counted: every outcome but withdrawn (next test), families
    // (persons > cases), and the caps.
    expect(seen.referredCases).toBeGreaterThan(0);
    expect(seen.inProcessPersons).toBeGreaterThan(0);
    expect(seen.approvedPersons).toBeGreaterThan(seen.arrivedPersons);
    expect(seen.arrivedPersons).toBeGreaterThan(0);
    expect(seen.refusedPersons).toBeGreaterThan(0);
    expect(sawFamilies).toBe(true);
    expect((await expectedQuota(2021)).personCap).toBe(250);
    expect((await expectedQuota(2026)).personCap).toBe(500);
  });

  it('counts a referral withdrawn after acknowledgment as withdrawn, and one withdrawn before not at all', async () => {
    const fld = await signIn(server, 'caseworker@fld.demo');
    const year = new Date().getUTCFullYear();
    const before = await quotaOf(analyst, year);
    const WITHDRAW = `mutation W($id: ID!) { withdrawCase(caseId: $id, reason: "Quota test withdrawal") { status } }`;
    const acknowledged = await referredCase(fld, 'NORMAL', 'quota-ack');
    await run(officer, ACKNOWLEDGE, { id: acknowledged.transferId });
    await run(fld, WITHDRAW, { id: acknowledged.id });
    const pending = await referredCase(fld, 'NORMAL', 'quota-pending');
    await run(fld, WITHDRAW, { id: pending.id });
    const after = await quotaOf(analyst, year);
    expect(after).toEqual(await expectedQuota(year));
    // Each test case is a principal and a spouse: two persons.
    expect(after.withdrawnPersons).toBe(before.withdrawnPersons + 2);
    expect(after.referredPersons).toBe(before.referredPersons + 2);
    expect(after.referredCases).toBe(before.referredCases + 1);
    const partner = (q: Quota) => q.partners.find((p) => p.organization.id === fld.organizationId);
    expect(partner(after)?.withdrawnPersons).toBe((partner(before)?.withdrawnPersons ?? 0) + 2);
  });

  it('counts families: a seeded referred case has more than one person, and all of them count', async () => {
    const [family] = await queryRows<{ id: string; size: number; year: number }>(
      database.db,
      sql`SELECT c.id, c.size, extract(year FROM t.created_at AT TIME ZONE 'UTC')::int AS year
            FROM transfers t JOIN cases c ON c.id = t.case_id
           WHERE t.kind = 'RESETTLEMENT_REFERRAL' AND t.status IN ('PENDING', 'ACCEPTED') AND c.size > 1
             AND extract(year FROM t.created_at AT TIME ZONE 'UTC') BETWEEN 2021 AND 2026
           ORDER BY c.size DESC LIMIT 1`,
    );
    expect(family?.size).toBeGreaterThan(1);
    const before = await quotaOf(officer, family?.year as number);
    // One person fewer in that family is one person fewer in the year's figures.
    await database.db.execute(
      sql`DELETE FROM persons WHERE id = (SELECT id FROM persons WHERE case_id = ${family?.id} AND role <> 'PRINCIPAL' LIMIT 1)`,
    );
    const after = await quotaOf(officer, family?.year as number);
    expect(after.referredPersons).toBe(before.referredPersons - 1);
    expect(after.referredCases).toBe(before.referredCases);
    expect(after).toEqual(await expectedQuota(family?.year as number));
  });

  it('is for IRCC officers and analysts only', async () => {
    for (const email of [
      'caseworker@fld.demo',
      'caseworker@unhcr.demo',
      'caseworker@pd.demo',
      'intake@pd.demo',
      'referrer@civicshield.demo',
      'admin@pd.demo',
    ]) {
      const user = await signIn(server, email);
      const response = await user.graphql<{ statistics: { quota: Quota } | null }>(QUOTA, { year: 2025 });
      expect(response.body.data?.statistics ?? null, email).toBeNull();
      expect(errorOf(response).code, email).toBe('FORBIDDEN');
      expect(JSON.stringify(response.body), email).not.toContain('referredPersons');
    }
  });

  it('refuses a year before the stream opened', async () => {
    for (const user of [officer, analyst]) {
      for (const year of [2019, 2020]) {
        const error = errorOf(await user.graphql(QUOTA, { year }));
        expect(error.code).toBe('BAD_USER_INPUT');
        expect(error.extensions.paths).toEqual([['year']]);
      }
    }
  });

  describe('the cap warning', () => {
    /** Seeded files at DECISION with every check PASSED, and the year their referral counts in. */
    const decisionFiles = async () =>
      queryRows<{ id: string; size: number; year: number }>(
        database.db,
        sql`SELECT c.id, c.size, extract(year FROM t.created_at AT TIME ZONE 'UTC')::int AS year
              FROM immigration_files f JOIN cases c ON c.id = f.case_id
              JOIN transfers t ON t.case_id = c.id AND t.kind = 'RESETTLEMENT_REFERRAL' AND t.status = 'ACCEPTED'
             WHERE f.stage = 'DECISION' AND c.status = 'REFERRED'
               AND NOT EXISTS (SELECT 1 FROM information_requests r WHERE r.case_id = c.id AND r.status = 'OPEN')
               AND (SELECT count(*) FROM immigration_checks k WHERE k.case_id = c.id AND k.result = 'PASSED') = 4
             ORDER BY c.reference`,
      );
    const wouldPass = async (id: string) => {
      const response = await readFile(officer, id);
      expect(response.body.errors).toBeUndefined();
      return response.body.data?.case.immigrationFile?.approvalWouldPassCap;
    };
    const setCap = (year: number, cap: number) =>
      database.db.execute(sql`UPDATE quotas SET person_cap = ${cap} WHERE year = ${year}`);

    type Decided = {
      recordDecision: {
        case: CaseWithFile;
        passesCap: boolean;
        warnings: string[];
        quota: { year: number; personCap: number; approvedPersons: number; remainingPersons: number; overCap: boolean };
      };
    };

    it('flags an approval that would pass the cap, and the approval still succeeds with a warning', async () => {
      const [file] = await decisionFiles();
      if (!file) throw new Error('the seed has no file at DECISION with every check passed');
      const { id, size, year } = file;
      const start = await quotaOf(officer, year);
      const cap = start.personCap as number;
      expect(await wouldPass(id)).toBe(false);
      try {
        // Exactly reaching the cap is not passing it.
        await setCap(year, start.approvedPersons + size);
        expect(await wouldPass(id)).toBe(false);
        // One person less of room: approving would pass it.
        await setCap(year, start.approvedPersons + size - 1);
        expect(await wouldPass(id)).toBe(true);

        const decided = (await run<Decided>(officer, DECIDE, { caseId: id, outcome: 'APPROVED' })).recordDecision;
        expect(decided.case.status).toBe('APPROVED');
        expect(decided.passesCap).toBe(true);
        expect(decided.warnings).toHaveLength(1);
        expect(decided.warnings[0]).toContain(`past its cap of ${start.approvedPersons + size - 1}`);
        expect(decided.quota).toMatchObject({
          year,
          approvedPersons: start.approvedPersons + size,
          remainingPersons: -1,
          overCap: true,
        });
        const [audited] = await queryRows<{ detail: Record<string, unknown> }>(
          database.db,
          sql`SELECT detail FROM audit_events WHERE action = 'ircc.decision' AND outcome = 'ALLOWED'
               AND case_ids @> ARRAY[${id}::uuid]`,
        );
        expect(audited?.detail).toEqual({ outcome: 'APPROVED', passesCap: true });
        // Decided: the question no longer arises.
        expect(await wouldPass(id)).toBe(false);
      } finally {
        await setCap(year, cap);
      }
      expect((await quotaOf(officer, year)).personCap).toBe(cap);
    });

    it('with the cap as seeded, an approval does not pass it: no flag, no warning', async () => {
      const [file] = await decisionFiles();
      if (!file) throw new Error('the seed has no second file at DECISION with every check passed');
      expect(await wouldPass(file.id)).toBe(false);
      const decided = (await run<Decided>(officer, DECIDE, { caseId: file.id, outcome: 'APPROVED' })).recordDecision;
      expect(decided.case.status).toBe('APPROVED');
      expect(decided.passesCap).toBe(false);
      expect(decided.warnings).toEqual([]);
      expect(decided.quota.overCap).toBe(false);
    });
  });
});
