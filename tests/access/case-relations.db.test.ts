/**
 * `case_relations` (migration case_relations): the RECEIVER, IRCC and FORMER organizations of each
 * case, which cases_select and the application's case filter read instead of looking every case's
 * transfers up. A wrong row would show a case to an organization that has no relation to it, or
 * hide one from its receiver: the table must say what hrd_case_relation computes, for every
 * organization and case, after the seed and after every kind of change; the caller reads only its
 * organization's rows and writes none.
 */
import { type Database, DEMO_USERS, demoOrgId, enterCallerScope, queryRows, seedDemo, type Viewer } from '@hrd/server';
import { sql, TransactionRollbackError } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoViewer } from '../secrets/secrets-support.js';
import { caseRelationsAgreement } from '../support/case-relations.js';
import { currentDriver, dbFailure, openTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_KEYRING } from '../support/server.js';

describe(`case_relations on ${currentDriver()}`, { timeout: 30_000 }, () => {
  let database: TestDatabase;
  const FLD = demoOrgId('FLD');
  const PD = demoOrgId('PD');
  const UNHCR = demoOrgId('UNHCR');
  const IRCC = demoOrgId('IRCC');

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
  });
  afterAll(() => database?.close());

  /** Runs `fn` as the owner in a transaction that is rolled back. */
  async function rolledBack(fn: (tx: Database) => Promise<void>): Promise<void> {
    let ran = false;
    await database.db
      .transaction(async (t) => {
        await fn(t as unknown as Database);
        ran = true;
        t.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
    expect(ran).toBe(true);
  }

  const relationsOf = async (tx: Database, caseId: string) =>
    Object.fromEntries(
      (
        await queryRows<{ organization_id: string; relation: string }>(
          tx,
          sql`SELECT organization_id, relation FROM case_relations WHERE case_id = ${caseId}`,
        )
      ).map((r) => [r.organization_id, r.relation]),
    );

  const irccOrgsOf = async (tx: Database, caseId: string) =>
    (await queryRows<{ ircc_orgs: string[] }>(tx, sql`SELECT ircc_orgs FROM cases WHERE id = ${caseId}`))[0]?.ircc_orgs;

  /** Inserts a pending transfer of a case (as the owner) and returns its id. */
  async function addPending(tx: Database, caseId: string, kind: string, from: string, to: string): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO transfers (case_id, kind, from_organization_id, to_organization_id)
          VALUES (${caseId}, ${kind}, ${from}, ${to}) RETURNING id`,
    );
    if (!row) throw new Error('the transfer was not inserted');
    return row.id;
  }

  /** A case FLD holds and created itself, with no transfer pending. */
  async function quietFldCase(tx: Database): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`SELECT c.id FROM cases c WHERE c.custodian_id = ${FLD} AND c.origin_id = ${FLD}
            AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.case_id = c.id)
          ORDER BY c.reference LIMIT 1`,
    );
    if (!row) throw new Error('the seed has no FLD case without transfers');
    return row.id;
  }

  it('says what hrd_case_relation computes, for every organization and seeded case', async () => {
    const agreement = await caseRelationsAgreement(database.db);
    expect(agreement.wrong).toBe(0);
    // Not vacuous: the seed has receivers, referrals and former custodians, and the table holds them all.
    expect(agreement.rows.RECEIVER).toBeGreaterThan(0);
    expect(agreement.rows.IRCC).toBeGreaterThan(0);
    expect(agreement.rows.FORMER).toBeGreaterThan(0);
    // Every referred case carries its IRCC organization (cases_carry_ircc_organizations).
    expect(agreement.irccOrgsWrong).toBe(0);
    expect(agreement.withIrccOrgs).toBeGreaterThan(0);
    expect((agreement.rows.RECEIVER ?? 0) + (agreement.rows.IRCC ?? 0) + (agreement.rows.FORMER ?? 0)).toBe(
      agreement.related,
    );
  });

  it('follows a transfer offered, accepted and the custody moved; declined; deleted; redirected', async () => {
    await rolledBack(async (tx) => {
      const caseId = await quietFldCase(tx);
      const agree = async () => expect((await caseRelationsAgreement(tx, sql`c.id = ${caseId}`)).wrong).toBe(0);
      expect(await relationsOf(tx, caseId)).toEqual({});

      const offer = await addPending(tx, caseId, 'DISTRIBUTION', FLD, PD);
      expect(await relationsOf(tx, caseId)).toEqual({ [PD]: 'RECEIVER' });
      await agree();

      await tx.execute(sql`UPDATE transfers SET status = 'ACCEPTED', decided_at = now() WHERE id = ${offer}`);
      await tx.execute(sql`UPDATE cases SET custodian_id = ${PD} WHERE id = ${caseId}`);
      // PD holds it now (CUSTODIAN, from the case itself); FLD is its origin and sent it.
      expect(await relationsOf(tx, caseId)).toEqual({ [FLD]: 'FORMER' });
      await agree();

      const declined = await addPending(tx, caseId, 'OFFER', PD, UNHCR);
      expect(await relationsOf(tx, caseId)).toEqual({ [FLD]: 'FORMER', [UNHCR]: 'RECEIVER' });
      await tx.execute(sql`UPDATE transfers SET status = 'DECLINED', decided_at = now() WHERE id = ${declined}`);
      expect(await relationsOf(tx, caseId)).toEqual({ [FLD]: 'FORMER' });
      await agree();

      // The origin changes (never by the application, but the table follows the case either way).
      await tx.execute(sql`UPDATE cases SET origin_id = ${UNHCR} WHERE id = ${caseId}`);
      expect(await relationsOf(tx, caseId)).toEqual({ [FLD]: 'FORMER', [UNHCR]: 'FORMER' });
      await tx.execute(sql`DELETE FROM transfers WHERE id = ${offer}`);
      expect(await relationsOf(tx, caseId)).toEqual({ [UNHCR]: 'FORMER' });
      await agree();

      // A pending transfer moved to another case: both cases are rebuilt.
      const pending = await addPending(tx, caseId, 'OFFER', PD, FLD);
      expect(await relationsOf(tx, caseId)).toEqual({ [UNHCR]: 'FORMER', [FLD]: 'RECEIVER' });
      const [other] = await queryRows<{ id: string }>(
        tx,
        sql`SELECT c.id FROM cases c WHERE c.custodian_id = ${PD} AND c.id <> ${caseId}
              AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.case_id = c.id AND t.status = 'PENDING')
            ORDER BY c.reference LIMIT 1`,
      );
      if (!other) throw new Error('the seed has no PD case without a pending transfer');
      await tx.execute(sql`UPDATE transfers SET case_id = ${other.id} WHERE id = ${pending}`);
      expect(await relationsOf(tx, caseId)).toEqual({ [UNHCR]: 'FORMER' });
      expect((await relationsOf(tx, other.id))[FLD]).toBe('RECEIVER');
      expect((await caseRelationsAgreement(tx, sql`c.id IN (${caseId}, ${other.id})`)).wrong).toBe(0);

      // A resettlement referral: IRCC is related while it is pending or accepted, not once declined.
      expect(await irccOrgsOf(tx, caseId)).toEqual([]);
      const referral = await addPending(tx, caseId, 'RESETTLEMENT_REFERRAL', PD, IRCC);
      expect(await relationsOf(tx, caseId)).toEqual({ [UNHCR]: 'FORMER', [IRCC]: 'IRCC' });
      expect(await irccOrgsOf(tx, caseId)).toEqual([IRCC]);
      await tx.execute(sql`UPDATE transfers SET status = 'ACCEPTED', decided_at = now() WHERE id = ${referral}`);
      expect(await relationsOf(tx, caseId)).toEqual({ [UNHCR]: 'FORMER', [IRCC]: 'IRCC' });
      await agree();
      // An organization that ceases to be of kind IRCC is no longer related to the referred cases;
      // and is again, at once, when it is of that kind again.
      await tx.execute(sql`UPDATE organizations SET kind = 'THIRD_PARTY' WHERE id = ${IRCC}`);
      expect(await relationsOf(tx, caseId)).toEqual({ [UNHCR]: 'FORMER' });
      expect(await irccOrgsOf(tx, caseId)).toEqual([]);
      await agree();
      await tx.execute(sql`UPDATE organizations SET kind = 'IRCC' WHERE id = ${IRCC}`);
      expect(await relationsOf(tx, caseId)).toEqual({ [UNHCR]: 'FORMER', [IRCC]: 'IRCC' });
      await tx.execute(sql`UPDATE transfers SET status = 'PENDING', decided_at = NULL WHERE id = ${referral}`);
      expect(await irccOrgsOf(tx, caseId)).toEqual([IRCC]);
      await tx.execute(sql`UPDATE transfers SET status = 'DECLINED', decided_at = now() WHERE id = ${referral}`);
      expect(await relationsOf(tx, caseId)).toEqual({ [UNHCR]: 'FORMER' });
      expect(await irccOrgsOf(tx, caseId)).toEqual([]);
      expect((await caseRelationsAgreement(tx)).wrong).toBe(0);
    });
  });

  it('a caller reads only its own organization’s rows, and writes none', async () => {
    const demo = DEMO_USERS.find((u) => u.email === 'caseworker@fld.demo');
    if (!demo) throw new Error('no FLD caseworker in the demo');
    const [user] = await queryRows<{ id: string }>(database.db, sql`SELECT id FROM users WHERE email = ${demo.email}`);
    const viewer: Viewer = {
      userId: user?.id ?? '',
      email: demo.email,
      displayName: demo.displayName,
      organizationId: FLD,
      organizationKind: 'FLD',
      roles: ['CASEWORKER'],
      via: { kind: 'session', sessionId: 'case-relations-test' },
    };
    const [someRow] = await queryRows<{ case_id: string }>(
      database.db,
      sql`SELECT case_id FROM case_relations WHERE organization_id <> ${FLD} LIMIT 1`,
    );
    const asCaller = async (statement: ReturnType<typeof sql>) => {
      let rows: Record<string, unknown>[] = [];
      await database.db
        .transaction(async (t) => {
          const tx = t as unknown as Database;
          await enterCallerScope(tx, viewer, 10_000);
          rows = await queryRows(tx, statement);
          t.rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof TransactionRollbackError)) throw error;
        });
      return rows;
    };
    const seen = await asCaller(sql`SELECT DISTINCT organization_id FROM case_relations`);
    expect(seen).toEqual([{ organization_id: FLD }]);
    for (const write of [
      sql`INSERT INTO case_relations (case_id, organization_id, relation) VALUES (${someRow?.case_id}, ${FLD}, 'FORMER')`,
      sql`UPDATE case_relations SET organization_id = ${FLD}`,
      sql`DELETE FROM case_relations`,
      sql`SELECT hrd_refresh_case_relations(${someRow?.case_id}::uuid)`,
      sql`SELECT * FROM hrd_case_relations_of(${someRow?.case_id}::uuid)`,
    ]) {
      expect(await dbFailure(asCaller(write))).toMatch(/permission denied/);
    }
  });

  it('a case’s IRCC organizations are derived, never written: a custodian’s write is overwritten, others’ refused', async () => {
    /** A quiet FLD case with one pending transfer of `kind` to `to` (the setup of an attempt). */
    const pendingTo = (kind: string, to: string) => async (tx: Database) => {
      const caseId = await quietFldCase(tx);
      await addPending(tx, caseId, kind, FLD, to);
      return caseId;
    };
    /** Sets a case up as the owner, then runs `statement` as the caller; all rolled back. */
    const attempt = async (
      setup: (tx: Database) => Promise<string>,
      viewer: Viewer,
      statement: (caseId: string) => ReturnType<typeof sql>,
    ) => {
      let outcome: { rows?: Record<string, unknown>[]; error?: string } = {};
      await rolledBack(async (tx) => {
        const caseId = await setup(tx);
        await enterCallerScope(tx, viewer, 10_000);
        outcome = await queryRows(tx, statement(caseId)).then(
          (rows) => ({ rows }),
          (error: unknown) => ({ error: String((error as { cause?: Error }).cause?.message ?? error) }),
        );
      });
      return outcome;
    };
    const forge = (caseId: string) =>
      sql`UPDATE cases SET ircc_orgs = ARRAY[${PD}, ${IRCC}]::uuid[] WHERE id = ${caseId} RETURNING ircc_orgs`;

    // The custodian may update its case, but the column is set again from case_relations.
    const byCustodian = await attempt(quietFldCase, demoViewer('caseworker@fld.demo'), forge);
    expect(byCustodian).toEqual({ rows: [{ ircc_orgs: [] }] });
    // A case it creates starts with none, whatever it writes.
    const created = await attempt(
      async () => 'unused',
      demoViewer('caseworker@fld.demo'),
      () => sql`INSERT INTO cases (reference, custodian_id, origin_id, ircc_orgs)
                VALUES ('FLD-2026-9901', ${FLD}, ${FLD}, ARRAY[${IRCC}]::uuid[]) RETURNING ircc_orgs`,
    );
    expect(created).toEqual({ rows: [{ ircc_orgs: [] }] });
    // A receiver and IRCC may change only what their relation allows.
    const byReceiver = await attempt(pendingTo('DISTRIBUTION', PD), demoViewer('intake@pd.demo'), forge);
    expect(byReceiver.error).toMatch(/a receiver can only take custody or decline/);
    const byIrcc = await attempt(
      pendingTo('RESETTLEMENT_REFERRAL', IRCC),
      demoViewer('officer@ircc.demo'),
      (caseId) => sql`UPDATE cases SET ircc_orgs = ARRAY[${PD}]::uuid[] WHERE id = ${caseId} RETURNING ircc_orgs`,
    );
    expect(byIrcc.error).toMatch(/IRCC records outcomes only/);
    expect((await caseRelationsAgreement(database.db)).wrong).toBe(0);
  });

  it.skipIf(currentDriver() !== 'postgres')(
    'two transactions changing one case’s transfers rebuild one after the other: the second sees the first',
    async () => {
      // Both change what PD is to the case: the first offers it to PD (RECEIVER), the second
      // records that PD once sent it (FORMER, unless RECEIVER). Rebuilt side by side, each from its
      // own snapshot, both would write a row for PD, and the second would fail on the first's.
      const caseId = await quietFldCase(database.db);
      const first = postgres(database.url as string, { max: 1, onnotice: () => {} });
      let settled = false;
      let adding: Promise<unknown> | undefined;
      try {
        await first.begin(async (tx) => {
          await tx`INSERT INTO transfers (case_id, kind, from_organization_id, to_organization_id)
                   VALUES (${caseId}, 'DISTRIBUTION', ${FLD}, ${PD})`;
          adding = database.db
            .transaction(async (w) => {
              await w.execute(
                sql`INSERT INTO transfers (case_id, kind, from_organization_id, to_organization_id, status, decided_at)
                    VALUES (${caseId}, 'OFFER', ${PD}, ${FLD}, 'ACCEPTED', now())`,
              );
            })
            .finally(() => {
              settled = true;
            });
          await new Promise((resolve) => setTimeout(resolve, 300));
          expect(settled).toBe(false);
        });
      } finally {
        await first.end();
      }
      // The second waited for the first, then rebuilt from both: no error, and PD is RECEIVER.
      await adding;
      expect(await relationsOf(database.db, caseId)).toEqual({ [PD]: 'RECEIVER' });
      expect((await caseRelationsAgreement(database.db, sql`c.id = ${caseId}`)).wrong).toBe(0);
    },
  );
});
