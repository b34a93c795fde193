/**
 * "A database dump alone does not reveal where anyone is" (ACCESS.md, defense in depth 3): after
 * seeding with secrets, sealing a new one and rotating the master key, a real dump holds the
 * cases (their references, their ciphertexts) but none of the locations or safe contacts, in any
 * encoding. PostgreSQL: `pg_dump` of the test database. PGlite: the raw files of its data
 * directory (`dumpDataDir`), heap pages and WAL included.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  type Database,
  dumpPglite,
  newMasterKeySpec,
  parseKeyring,
  rotateMasterKeys,
  sealCaseSecrets,
  seedDemo,
} from '@hrd/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';
import { findPostgresBinaries } from '../support/pg-cluster.js';
import { TEST_KEYRING, TEST_MASTER_KEYS } from '../support/server.js';
import { openAll, type StoredSecrets, stored } from './secrets-support.js';

/** pg_dump: the test server's own, else PostgreSQL 15's, else the first under /usr/lib/postgresql. */
function findPgDump(): string {
  const found = findPostgresBinaries();
  const candidates = [
    ...('binDir' in found ? [join(found.binDir, 'pg_dump')] : []),
    '/usr/lib/postgresql/15/bin/pg_dump',
    ...(existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .sort()
          .map((v) => join('/usr/lib/postgresql', v, 'bin', 'pg_dump'))
      : []),
  ];
  const pgDump = candidates.find((path) => existsSync(path));
  if (!pgDump) throw new Error(`pg_dump not found (tried ${candidates.join(', ')})`);
  return pgDump;
}

/** Every way a plaintext could show up in a dump: as text, as bytea hex, as base64. */
function encodings(plain: string): string[] {
  const bytes = Buffer.from(plain, 'utf8');
  return [plain, bytes.toString('hex'), bytes.toString('base64')];
}

describe(`a dump of the database on ${currentDriver()}`, { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let db: Database;
  let plaintexts: string[];
  let rows: StoredSecrets[];

  beforeAll(async () => {
    database = await openTestDatabase();
    db = database.db;
    await seedDemo(db, { keyring: TEST_KEYRING });
    // One secret written by the write path, then a rotation to a new master key.
    const first = (await stored(db))[0];
    if (!first) throw new Error('no case');
    await sealCaseSecrets(db, TEST_KEYRING, first.id, { safeContact: 'Threema ID ZX81QW9K, ask for Leyla after dark' });
    const rotated = parseKeyring(`${newMasterKeySpec('dump2')},${TEST_MASTER_KEYS}`);
    expect((await rotateMasterKeys(db, rotated)).remaining).toBe(0);

    rows = await stored(db);
    // The plaintexts, computed with the keyring before looking at the dump.
    plaintexts = [...(await openAll(db, rotated)).values()].flatMap((p) =>
      [p.location, p.safeContact].filter((v): v is string => v !== null),
    );
    expect(plaintexts).toHaveLength(rows.length * 2);
    expect(plaintexts).toContain('Threema ID ZX81QW9K, ask for Leyla after dark');
  });
  afterAll(() => database.close());

  it('holds the cases and their ciphertexts, but no location or safe contact in any encoding', async () => {
    const sample = rows[5];
    if (!sample?.location || !sample.safeContact) throw new Error('no sealed case');

    if (currentDriver() === 'postgres') {
      if (!database.url) throw new Error('no database URL');
      // Over TCP as the superuser `postgres` (the throwaway cluster trusts local connections).
      const result = spawnSync(findPgDump(), ['--dbname', database.url, '--no-owner'], {
        maxBuffer: 512 * 1024 * 1024,
      });
      expect(result.stderr.toString()).toBe('');
      expect(result.status).toBe(0);
      const dump = result.stdout.toString('utf8');
      // A real dump of this database: the cases table, a seeded reference, the ciphertexts (bytea hex).
      expect(dump).toContain('COPY public.cases ');
      for (const row of rows) expect(dump).toContain(row.reference);
      expect(dump).toContain(`\\\\x${sample.location.toString('hex')}`);
      expect(dump).toContain(`\\\\x${sample.safeContact.toString('hex')}`);
      for (const plain of plaintexts) {
        for (const encoded of encodings(plain)) expect(dump).not.toContain(encoded);
      }
      expect(dump).not.toContain('Demo safe house');
      expect(dump).not.toContain('Signal via demo contact');
      return;
    }

    // PGlite: the data directory's raw bytes (a tar of heap files and WAL), gunzipped if compressed.
    // A checkpoint first writes the heap pages, so every current row is there whole (in the WAL a
    // record may be split by page headers).
    await db.execute(sql`CHECKPOINT`);
    const blob = await dumpPglite(database);
    let raw = Buffer.from(await blob.arrayBuffer());
    if (raw[0] === 0x1f && raw[1] === 0x8b) raw = gunzipSync(raw);
    expect(raw.length).toBeGreaterThan(1_000_000);
    for (const row of rows) expect(raw.includes(Buffer.from(row.reference, 'utf8'))).toBe(true);
    expect(raw.includes(sample.location)).toBe(true);
    expect(raw.includes(sample.safeContact)).toBe(true);
    for (const plain of plaintexts) {
      for (const encoded of encodings(plain)) expect(raw.includes(Buffer.from(encoded, 'utf8'))).toBe(false);
    }
    expect(raw.includes(Buffer.from('Demo safe house'))).toBe(false);
    expect(raw.includes(Buffer.from('Signal via demo contact'))).toBe(false);
  });
});
