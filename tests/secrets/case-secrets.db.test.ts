/**
 * Writing and destroying SECRET fields on each driver: `sealCaseSecrets` round-trips both fields
 * under one data key per case, clears and leaves fields as asked, stores no plaintext, and binds
 * each ciphertext to its case and field; `shredCaseSecrets` makes a case's secrets read as null
 * (over the API too) and leaves every other case alone.
 */
import {
  type Database,
  enterCallerScope,
  newMasterKeySpec,
  parseKeyring,
  queryRows,
  sealCaseSecrets,
  seedDemo,
  shredCaseSecrets,
  tables,
  unwrapDataKey,
} from '@hrd/server';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';
import { type SignedIn, signIn } from '../support/session.js';
import { demoViewer, insertCase, open, openAll, storedOne } from './secrets-support.js';

const hex = (value: Uint8Array | null) => (value ? Buffer.from(value).toString('hex') : null);

describe(`SECRET fields of a case on ${currentDriver()}`, { timeout: 30_000 }, () => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await openTestDatabase();
    db = database.db;
    await seedDemo(db, { keyring: TEST_KEYRING });
  });
  afterAll(() => database.close());

  it('seals both fields of a case without a data key (creating one) and they decrypt to what was given', async () => {
    const id = await insertCase(db);
    expect(await storedOne(db, id)).toMatchObject({ wrapped: null, masterKeyId: null, location: null });

    const location = 'Rue des Tilleuls 14, 3e étage, near the blue mosque — ☎ only after 21:00';
    const safeContact = 'Signal +00 000 000 via cousin “M.”';
    await sealCaseSecrets(db, TEST_KEYRING, id, { location, safeContact });

    const row = await storedOne(db, id);
    expect(row.masterKeyId).toBe(TEST_KEYRING.currentId);
    expect(row.wrapped?.length).toBe(12 + 16 + 32);
    expect(open(TEST_KEYRING, row)).toEqual({ location, safeContact });
  });

  it('a second seal keeps the data key; undefined leaves a field as it is, null clears it', async () => {
    const id = await insertCase(db);
    await sealCaseSecrets(db, TEST_KEYRING, id, { location: 'first place', safeContact: 'first contact' });
    const first = await storedOne(db, id);
    const dataKey = unwrapDataKey(TEST_KEYRING, id, first.wrapped as Buffer, first.masterKeyId as string);

    await sealCaseSecrets(db, TEST_KEYRING, id, { location: 'second place' });
    const second = await storedOne(db, id);
    expect(hex(second.wrapped)).toBe(hex(first.wrapped));
    expect(second.masterKeyId).toBe(first.masterKeyId);
    expect(unwrapDataKey(TEST_KEYRING, id, second.wrapped as Buffer, 'test1').equals(dataKey)).toBe(true);
    expect(hex(second.safeContact)).toBe(hex(first.safeContact));
    expect(open(TEST_KEYRING, second)).toEqual({ location: 'second place', safeContact: 'first contact' });

    // Sealing the same value again gives a new ciphertext (fresh IV), still the same data key.
    await sealCaseSecrets(db, TEST_KEYRING, id, { location: 'second place' });
    const again = await storedOne(db, id);
    expect(hex(again.location)).not.toBe(hex(second.location));
    expect(hex(again.wrapped)).toBe(hex(first.wrapped));

    await sealCaseSecrets(db, TEST_KEYRING, id, { safeContact: null });
    expect(open(TEST_KEYRING, await storedOne(db, id))).toEqual({ location: 'second place', safeContact: null });

    // Nothing given: nothing written.
    const before = await storedOne(db, id);
    await sealCaseSecrets(db, TEST_KEYRING, id, {});
    await sealCaseSecrets(db, TEST_KEYRING, id, { location: undefined, safeContact: undefined });
    expect(await storedOne(db, id)).toEqual(before);

    await sealCaseSecrets(db, TEST_KEYRING, id, { location: null, safeContact: null });
    const cleared = await storedOne(db, id);
    expect(cleared).toMatchObject({ location: null, safeContact: null, masterKeyId: 'test1' });
    expect(hex(cleared.wrapped)).toBe(hex(first.wrapped));

    await sealCaseSecrets(db, TEST_KEYRING, id, { safeContact: 'third contact' });
    const third = await storedOne(db, id);
    expect(hex(third.wrapped)).toBe(hex(first.wrapped));
    expect(open(TEST_KEYRING, third)).toEqual({ location: null, safeContact: 'third contact' });

    // Clearing a case that never had a key does not create one.
    const bare = await insertCase(db);
    await sealCaseSecrets(db, TEST_KEYRING, bare, { location: null });
    expect(await storedOne(db, bare)).toMatchObject({ wrapped: null, masterKeyId: null, location: null });
  });

  it('only encrypts and writes: version and updated_at are left to the caller', async () => {
    const id = await insertCase(db);
    const read = async () => {
      const [row] = await db
        .select({ version: tables.cases.version, updatedAt: tables.cases.updatedAt })
        .from(tables.cases)
        .where(eq(tables.cases.id, id));
      return row;
    };
    const before = await read();
    await sealCaseSecrets(db, TEST_KEYRING, id, { location: 'somewhere' });
    expect(await read()).toEqual(before);
  });

  it('stores no plaintext bytes, and a ciphertext moved to another case or field does not decrypt (AAD)', async () => {
    const a = await insertCase(db);
    const b = await insertCase(db);
    const location = 'Safe house at 42 Hidden Lane, Unit 7';
    const safeContact = 'Ask for Nadia at the bakery on Market Square';
    await sealCaseSecrets(db, TEST_KEYRING, a, { location, safeContact });
    await sealCaseSecrets(db, TEST_KEYRING, b, { location: 'case b place', safeContact: 'case b contact' });
    const rowA = await storedOne(db, a);
    const rowB = await storedOne(db, b);

    for (const column of [rowA.location, rowA.safeContact, rowA.wrapped]) {
      const stored = Buffer.from(column as Buffer);
      for (const plain of [location, safeContact, 'Hidden Lane', 'Nadia']) {
        expect(stored.includes(Buffer.from(plain, 'utf8'))).toBe(false);
        expect(stored.toString('latin1')).not.toContain(plain);
      }
    }
    // Not even as text in the row as PostgreSQL prints it (bytea in hex).
    const [printed] = await queryRows<{ t: string }>(db, sql`SELECT c::text AS t FROM cases c WHERE id = ${a}`);
    expect(printed?.t).toContain(hex(rowA.location));
    for (const plain of [location, safeContact, Buffer.from(location).toString('hex')]) {
      expect(printed?.t).not.toContain(plain);
    }

    // A's location ciphertext put into B (B's own key): fails. Into A's other field: fails.
    expect(() => open(TEST_KEYRING, { ...rowB, location: rowA.location })).toThrow();
    expect(() => open(TEST_KEYRING, { ...rowA, safeContact: rowA.location })).toThrow();
    // A's whole envelope (wrapped key and ciphertexts) put under B's id: the wrapped key fails.
    expect(() => open(TEST_KEYRING, { ...rowA, id: b })).toThrow();
    // Untouched, both still open.
    expect(open(TEST_KEYRING, rowA)).toEqual({ location, safeContact });
    expect(open(TEST_KEYRING, rowB)).toEqual({ location: 'case b place', safeContact: 'case b contact' });

    // The same through the database: A's location copied into B's row does not decrypt.
    await db.update(tables.cases).set({ locationCiphertext: rowA.location }).where(eq(tables.cases.id, b));
    expect(() => open(TEST_KEYRING, rowB)).not.toThrow();
    await expect(storedOne(db, b).then((row) => open(TEST_KEYRING, row))).rejects.toThrow();
    await db.update(tables.cases).set({ locationCiphertext: rowB.location }).where(eq(tables.cases.id, b));
    expect(open(TEST_KEYRING, await storedOne(db, b)).location).toBe('case b place');
  });

  it('never replaces a data key it cannot unwrap (its master key not configured)', async () => {
    const id = await insertCase(db);
    await sealCaseSecrets(db, TEST_KEYRING, id, { location: 'kept place', safeContact: 'kept contact' });
    const before = await storedOne(db, id);
    const other = parseKeyring(newMasterKeySpec('other'));
    await expect(sealCaseSecrets(db, other, id, { location: 'new place' })).rejects.toThrow(
      'master key test1 is not configured',
    );
    expect(await storedOne(db, id)).toEqual(before);
    expect(open(TEST_KEYRING, before)).toEqual({ location: 'kept place', safeContact: 'kept contact' });
  });

  it('seals as the caller under row-level security: the custodian may; for another org the case does not exist', async () => {
    const id = await insertCase(db, 'PD');
    const asCaller = (email: string, value: string) =>
      db.transaction(async (tx) => {
        const scoped = tx as unknown as Database;
        await enterCallerScope(scoped, demoViewer(email), 10_000);
        await sealCaseSecrets(scoped, TEST_KEYRING, id, { location: value });
      });
    await asCaller('caseworker@pd.demo', 'written by the custodian');
    expect(open(TEST_KEYRING, await storedOne(db, id)).location).toBe('written by the custodian');

    await expect(asCaller('caseworker@fld.demo', 'written by a stranger')).rejects.toThrow(`case ${id} not found`);
    expect(open(TEST_KEYRING, await storedOne(db, id)).location).toBe('written by the custodian');
  });

  describe('shredding', () => {
    let server: TestServer;
    let pd: SignedIn;
    let pdCases: string[];
    beforeAll(async () => {
      server = await startTestServer(database);
      pd = await signIn(server, 'caseworker@pd.demo');
      const list = await pd.graphql<{ cases: { edges: Array<{ node: { id: string; viewerRelation: string } }> } }>(
        '{ cases(first: 100) { edges { node { id viewerRelation } } } }',
      );
      pdCases = (list.body.data?.cases.edges ?? [])
        .filter((e) => e.node.viewerRelation === 'CUSTODIAN')
        .map((e) => e.node.id);
      expect(pdCases.length).toBeGreaterThanOrEqual(3);
    });
    afterAll(() => server.close());

    const READ = `query($id: ID!) { case(id: $id) { reference location(purpose: "shredding test") safeContact(purpose: "shredding test") } }`;

    it("destroys the case's data key: its secrets read as null (over the API too), other cases are unaffected", async () => {
      const [target, neighbour] = pdCases;
      if (!target || !neighbour) throw new Error('need two PD cases');

      const before = await openAll(db, TEST_KEYRING);
      const read = async (id: string) =>
        pd.graphql<{ case: { reference: string; location: string | null; safeContact: string | null } }>(READ, { id });
      const targetBefore = await read(target);
      expect(targetBefore.body.errors).toBeUndefined();
      expect(targetBefore.body.data?.case.location).toBe(before.get(target)?.location);
      expect(targetBefore.body.data?.case.location).toMatch(/^Demo safe house/);

      await shredCaseSecrets(db, target);

      expect(await storedOne(db, target)).toMatchObject({
        wrapped: null,
        masterKeyId: null,
        location: null,
        safeContact: null,
      });
      const targetAfter = await read(target);
      expect(targetAfter.body.errors).toBeUndefined();
      expect(targetAfter.body.data?.case).toEqual({
        reference: targetBefore.body.data?.case.reference,
        location: null,
        safeContact: null,
      });
      const neighbourAfter = await read(neighbour);
      expect(neighbourAfter.body.errors).toBeUndefined();
      expect(neighbourAfter.body.data?.case.location).toBe(before.get(neighbour)?.location);
      expect(neighbourAfter.body.data?.case.safeContact).toBe(before.get(neighbour)?.safeContact);

      // Every other case reads exactly as before.
      const after = await openAll(db, TEST_KEYRING);
      for (const [id, plain] of before) {
        expect(after.get(id)).toEqual(id === target ? { location: null, safeContact: null } : plain);
      }
      // Shredding again is harmless; an unknown case is an error.
      await shredCaseSecrets(db, target);
      await expect(shredCaseSecrets(db, '00000000-0000-4000-8000-000000000000')).rejects.toThrow('not found');

      // Writing a secret again starts a new data key; the old one is gone for good.
      await sealCaseSecrets(db, TEST_KEYRING, target, { location: 'moved after shredding' });
      const resealed = await storedOne(db, target);
      expect(resealed.wrapped).not.toBeNull();
      expect((await read(target)).body.data?.case).toMatchObject({
        location: 'moved after shredding',
        safeContact: null,
      });
    });

    it('a ciphertext left without its key (shredded elsewhere) also reads as null, not an error', async () => {
      const id = pdCases[2];
      if (!id) throw new Error('need a third PD case');
      expect((await storedOne(db, id)).location).not.toBeNull();
      // Only the key destroyed, ciphertexts left in place (what a bare UPDATE of the key columns does).
      await db.update(tables.cases).set({ dataKeyWrapped: null, masterKeyId: null }).where(eq(tables.cases.id, id));
      const response = await pd.graphql<{ case: { location: string | null } }>(READ, { id });
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data?.case).toMatchObject({ location: null, safeContact: null });
    });
  });
});
