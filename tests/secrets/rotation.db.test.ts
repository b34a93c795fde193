/**
 * Master key rotation on each driver: every data key is re-wrapped under the new current key in
 * small transactions, the field ciphertexts are not touched, every secret still reads the same,
 * the old key can then go; rows held by a writer are skipped and picked up later; the built
 * `keys:rotate` script (against PostgreSQL with MASTER_KEYS, and in embedded mode with
 * DATA_DIR/master.keys and --new-key).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkMasterKeys,
  type Database,
  MasterKeyMismatch,
  masterKeyUsage,
  newMasterKeySpec,
  openDatabase,
  parseKeyring,
  rotateMasterKeys,
  SCENARIOS,
  sealCaseSecrets,
  seedDemo,
  shredCaseSecrets,
  tables,
} from '@hrd/server';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { insertCase, open, openAll, stored, storedOne } from './secrets-support.js';

const DIST = fileURLToPath(new URL('../../packages/server/dist/', import.meta.url));

const A = newMasterKeySpec('ka');
const B = newMasterKeySpec('kb');
const C = newMasterKeySpec('kc');
const ONLY_A = parseKeyring(A);
const B_THEN_A = parseKeyring(`${B},${A}`);
const ONLY_B = parseKeyring(B);

const hex = (value: Uint8Array | null) => (value ? Buffer.from(value).toString('hex') : null);

// Each test seeds its own database (PGlite: a few seconds).
describe(`master key rotation on ${currentDriver()}`, { timeout: 60_000 }, () => {
  const opened: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of opened) await database.close();
  });

  /** A database with the demo data, its secrets sealed under key A. */
  async function seededUnderA(): Promise<TestDatabase> {
    const database = await openTestDatabase();
    opened.push(database);
    await seedDemo(database.db, { keyring: ONLY_A });
    return database;
  }

  it('re-wraps every data key under the new key, touches no ciphertext, and everything still reads the same', async () => {
    const { db } = await seededUnderA();
    const before = await stored(db);
    expect(before).toHaveLength(SCENARIOS.length);
    expect(new Set(before.map((row) => row.masterKeyId))).toEqual(new Set(['ka']));
    const plainBefore = await openAll(db, ONLY_A);
    for (const plain of plainBefore.values()) {
      expect(plain.location).toMatch(/^Demo safe house \d+/);
      expect(plain.safeContact).toMatch(/^Signal via demo contact \d+/);
    }

    // Small batches, so that several transactions are needed.
    expect(await rotateMasterKeys(db, B_THEN_A, { batchSize: 7 })).toEqual({
      rewrapped: SCENARIOS.length,
      remaining: 0,
    });

    const after = await stored(db);
    expect(after.map((row) => row.id)).toEqual(before.map((row) => row.id));
    for (const [i, row] of after.entries()) {
      const old = before[i];
      expect(row.masterKeyId).toBe('kb');
      expect(hex(row.wrapped)).not.toBe(hex(old?.wrapped ?? null));
      // The data key did not change, so neither did any ciphertext.
      expect(hex(row.location)).toBe(hex(old?.location ?? null));
      expect(hex(row.safeContact)).toBe(hex(old?.safeContact ?? null));
    }
    expect(await openAll(db, B_THEN_A)).toEqual(plainBefore);
    // The old key can go now: B alone reads everything; A alone reads nothing.
    expect(await openAll(db, ONLY_B)).toEqual(plainBefore);
    const first = after[0];
    if (!first) throw new Error('no case');
    expect(() => open(ONLY_A, first)).toThrow('master key kb is not configured');
    expect(await masterKeyUsage(db)).toEqual([{ masterKeyId: 'kb', cases: SCENARIOS.length }]);

    // Rotating again has nothing to do, with or without the old key.
    expect(await rotateMasterKeys(db, B_THEN_A)).toEqual({ rewrapped: 0, remaining: 0 });
    expect(await rotateMasterKeys(db, ONLY_B)).toEqual({ rewrapped: 0, remaining: 0 });
    expect(await stored(db)).toEqual(after);
  });

  it('skips cases without secrets and counts data keys under a master key it does not have as remaining', async () => {
    const { db } = await seededUnderA();
    // A seeded case with secrets, picked before the bare case is added (its random id could
    // otherwise sort into the same place, and then no secret would have been shredded).
    const shredded = (await stored(db)).filter((row) => row.wrapped !== null)[3]?.id as string;
    const bare = await insertCase(db);
    await shredCaseSecrets(db, shredded);
    const foreign = await insertCase(db);
    await sealCaseSecrets(db, parseKeyring(C), foreign, { location: 'under a key this run lacks' });
    const plainBefore = await openAll(db, parseKeyring(`${A},${C}`));

    expect(await rotateMasterKeys(db, B_THEN_A, { batchSize: 1 })).toEqual({
      rewrapped: SCENARIOS.length - 1,
      remaining: 1,
    });
    expect(await masterKeyUsage(db)).toEqual([
      { masterKeyId: 'kb', cases: SCENARIOS.length - 1 },
      { masterKeyId: 'kc', cases: 1 },
    ]);
    expect(await storedOne(db, bare)).toMatchObject({ wrapped: null, masterKeyId: null });
    expect(await storedOne(db, shredded)).toMatchObject({ wrapped: null, masterKeyId: null });
    expect(await openAll(db, parseKeyring(`${B},${C}`))).toEqual(plainBefore);

    // With C in the keyring too, the last one follows.
    expect(await rotateMasterKeys(db, parseKeyring(`${B},${A},${C}`))).toEqual({ rewrapped: 1, remaining: 0 });
    expect(await openAll(db, ONLY_B)).toEqual(plainBefore);

    await expect(rotateMasterKeys(db, B_THEN_A, { batchSize: 0 })).rejects.toThrow('batchSize');
  });

  it('stops at a data key that does not unwrap, naming the case; batches before it stay done', async () => {
    const { db } = await seededUnderA();
    const rows = await stored(db);
    const broken = rows[20]?.id as string;
    await db
      .update(tables.cases)
      .set({ dataKeyWrapped: randomBytes(60) })
      .where(eq(tables.cases.id, broken));
    await expect(rotateMasterKeys(db, B_THEN_A, { batchSize: 10 })).rejects.toThrow(
      `cannot unwrap the data key of case ${broken} with master key ka`,
    );
    const usage = await masterKeyUsage(db);
    expect(usage).toEqual([
      { masterKeyId: 'ka', cases: SCENARIOS.length - 20 },
      { masterKeyId: 'kb', cases: 20 },
    ]);
  });

  it('the master keys are checked against the database before a server starts: a missing or wrong key is named, never shown', async () => {
    const { db } = await seededUnderA();
    // Every key that wraps a data key is there and opens it (others may be there too).
    await checkMasterKeys(db, ONLY_A);
    await checkMasterKeys(db, B_THEN_A);
    const refusal = async (keyring: ReturnType<typeof parseKeyring>): Promise<string> => {
      const error = await checkMasterKeys(db, keyring).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MasterKeyMismatch);
      const message = (error as Error).message;
      // No key material in the message, whichever keys were given.
      for (const spec of [A, B, C]) expect(message).not.toContain(spec.split(':')[1]);
      return message;
    };
    // The key that wraps them is missing.
    expect(await refusal(ONLY_B)).toContain(
      `master key "ka" wraps the data keys of ${SCENARIOS.length} case(s) and is not configured`,
    );
    // A key under the same id that is not the one: it does not open them.
    const wrongA = parseKeyring(newMasterKeySpec('ka'));
    expect(await refusal(wrongA)).toContain(
      `master key "ka" does not open the data keys it is named on (${SCENARIOS.length} case(s))`,
    );
    // Both at once, each named.
    const foreign = await insertCase(db);
    await sealCaseSecrets(db, parseKeyring(C), foreign, { location: 'under key C' });
    const both = await refusal(wrongA);
    expect(both).toContain('master key "ka" does not open');
    expect(both).toContain('master key "kc" wraps the data keys of 1 case(s) and is not configured');
    // After a rotation to B by a run without C, B alone opens all but C's case; B with C opens all.
    await rotateMasterKeys(db, B_THEN_A);
    const onlyC = await refusal(ONLY_B);
    expect(onlyC).toContain('master key "kc" wraps the data keys of 1 case(s)');
    expect(onlyC).not.toContain('"ka"');
    expect(onlyC).not.toContain('"kb"');
    await checkMasterKeys(db, parseKeyring(`${B},${C}`));
    // A shredded case needs no key.
    await shredCaseSecrets(db, foreign);
    await checkMasterKeys(db, ONLY_B);
  });

  it('runs next to live writes: a case held by a writer is skipped, then picked up; concurrent seals stay readable', async () => {
    const database = await seededUnderA();
    const { db } = database;
    const ids = (await stored(db)).map((row) => row.id);
    const held = ids[10] as string;

    if (currentDriver() === 'postgres' && database.url) {
      // Another connection holds one case's row lock (a request writing it) during the rotation.
      const writer = postgres(database.url, { max: 1, onnotice: () => {} });
      try {
        await writer.begin(async (tx) => {
          await tx`SELECT id FROM cases WHERE id = ${held} FOR UPDATE`;
          expect(await rotateMasterKeys(db, B_THEN_A, { batchSize: 4 })).toEqual({
            rewrapped: SCENARIOS.length - 1,
            remaining: 1,
          });
        });
      } finally {
        await writer.end();
      }
      expect((await storedOne(db, held)).masterKeyId).toBe('ka');
      expect(await rotateMasterKeys(db, B_THEN_A)).toEqual({ rewrapped: 1, remaining: 0 });
    } else {
      // PGlite is one connection: a held transaction would block the rotation itself, so here
      // the rotation and the writers interleave statement by statement instead.
      expect(await rotateMasterKeys(db, B_THEN_A, { batchSize: 4 })).toMatchObject({ remaining: 0 });
    }

    // Writers sealing while another rotation (to C) runs, in both orders of arrival.
    const toC = parseKeyring(`${C},${B},${A}`);
    const writes = ids.slice(0, 12).map((id, i) => ({ id, location: `moved during rotation ${i}` }));
    const [result] = await Promise.all([
      rotateMasterKeys(db, toC, { batchSize: 3 }),
      ...writes.map((w, i) =>
        i % 2
          ? db.transaction((tx) => sealCaseSecrets(tx as unknown as Database, toC, w.id, { location: w.location }))
          : sealCaseSecrets(db, toC, w.id, { location: w.location }),
      ),
    ]);
    expect(result?.remaining).toBe(0);
    const final = await openAll(db, toC);
    for (const w of writes) expect(final.get(w.id)?.location).toBe(w.location);
    expect(await rotateMasterKeys(db, toC)).toEqual({ rewrapped: 0, remaining: 0 });
    expect(await masterKeyUsage(db)).toEqual([{ masterKeyId: 'kc', cases: SCENARIOS.length }]);
  });

  it('the built keys:rotate script (PostgreSQL and MASTER_KEYS; in embedded mode DATA_DIR/master.keys and --new-key)', async () => {
    const run = (env: Record<string, string>, ...args: string[]) => {
      const result = spawnSync(process.execPath, [join(DIST, 'scripts', 'keys-rotate.js'), ...args], {
        env: { PATH: process.env.PATH ?? '', ...env },
        cwd: tmpdir(),
      });
      return { status: result.status, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
    };

    if (currentDriver() === 'postgres') {
      const database = await seededUnderA();
      const plainBefore = await openAll(database.db, ONLY_A);
      // loadConfig asks for a session secret whenever DATABASE_URL is set.
      const env = { DATABASE_URL: database.url ?? '', SESSION_SECRET: 'keys-rotate-test-'.repeat(3) };

      expect(run({ ...env, MASTER_KEYS: `${B},${A}` })).toEqual({
        status: 0,
        stdout: `Re-wrapped ${SCENARIOS.length} data keys under kb; 0 remain\n`,
        stderr: '',
      });
      expect(await masterKeyUsage(database.db)).toEqual([{ masterKeyId: 'kb', cases: SCENARIOS.length }]);
      expect(await openAll(database.db, ONLY_B)).toEqual(plainBefore);
      expect(run({ ...env, MASTER_KEYS: `${B},${A}` }, '--batch-size', '5')).toEqual({
        status: 0,
        stdout: 'Re-wrapped 0 data keys under kb; 0 remain\n',
        stderr: '',
      });

      // --new-key only edits DATA_DIR/master.keys: refused, in one line, nothing done.
      const refused = run({ ...env, MASTER_KEYS: `${B},${A}` }, '--new-key');
      expect(refused.status).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(/^--new-key [^\n]*MASTER_KEYS[^\n]*\n$/);

      const noKeys = run(env);
      expect(noKeys).toEqual({
        status: 2,
        stdout: '',
        stderr: 'Invalid configuration: MASTER_KEYS is required with DATABASE_URL\n',
      });
      expect(run({ ...env, MASTER_KEYS: B }, '--batch-size', 'x').status).toBe(2);

      // A keyring without the key that wraps the data keys: nothing re-wrapped, the rest named.
      const lacking = run({ ...env, MASTER_KEYS: C });
      expect(lacking).toEqual({
        status: 1,
        stdout: `Re-wrapped 0 data keys under kc; ${SCENARIOS.length} remain\n`,
        stderr: `Data keys under master keys that are not configured (cannot be re-wrapped): kb: ${SCENARIOS.length}\n`,
      });
      expect(await openAll(database.db, ONLY_B)).toEqual(plainBefore);
      return;
    }

    // PGlite: the same rotation in process...
    const { db } = await seededUnderA();
    const plain = await openAll(db, ONLY_A);
    expect(await rotateMasterKeys(db, B_THEN_A)).toEqual({ rewrapped: SCENARIOS.length, remaining: 0 });
    expect(await openAll(db, ONLY_B)).toEqual(plain);

    // ...and the script in embedded mode, on a PGlite database in its own DATA_DIR.
    const dataDir = mkdtempSync(join(tmpdir(), 'hrd-keys-'));
    try {
      const k1 = newMasterKeySpec('k1');
      const keyFile = join(dataDir, 'master.keys');
      const embedded = await openDatabase({
        dataDir,
        loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]),
      });
      let plainBefore: Awaited<ReturnType<typeof openAll>>;
      try {
        await seedDemo(embedded.db, { keyring: parseKeyring(k1) });
        plainBefore = await openAll(embedded.db, parseKeyring(k1));
      } finally {
        await embedded.close();
      }
      writeFileSync(keyFile, `${k1}\n`, { mode: 0o600 });
      const env = { DATA_DIR: dataDir };

      expect(run(env)).toEqual({ status: 0, stdout: 'Re-wrapped 0 data keys under k1; 0 remain\n', stderr: '' });
      expect(run(env, '--new-key')).toEqual({
        status: 0,
        stdout: `Re-wrapped ${SCENARIOS.length} data keys under k2; 0 remain\n`,
        stderr: '',
      });
      const spec = readFileSync(keyFile, 'utf8').trim();
      const keyring = parseKeyring(spec);
      expect(keyring.currentId).toBe('k2');
      expect([...keyring.keys.keys()]).toEqual(['k2', 'k1']);
      expect(spec.endsWith(k1)).toBe(true);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);

      // MASTER_KEYS in the environment: --new-key is refused, even in embedded mode.
      const refused = run({ ...env, MASTER_KEYS: spec }, '--new-key');
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/^--new-key [^\n]*MASTER_KEYS[^\n]*\n$/);
      expect(readFileSync(keyFile, 'utf8').trim()).toBe(spec);

      const reopened = await openDatabase({ dataDir });
      try {
        expect(await masterKeyUsage(reopened.db)).toEqual([{ masterKeyId: 'k2', cases: SCENARIOS.length }]);
        // Readable with the file's keys, and with the new key alone.
        expect(await openAll(reopened.db, keyring)).toEqual(plainBefore);
        expect(await openAll(reopened.db, parseKeyring(spec.split(',')[0] ?? ''))).toEqual(plainBefore);
      } finally {
        await reopened.close();
      }

      const missing = run({ DATA_DIR: join(dataDir, 'elsewhere') });
      expect(missing.status).toBe(2);
      expect(missing.stderr).toMatch(/^Cannot read .*master\.keys \(ENOENT\)/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
