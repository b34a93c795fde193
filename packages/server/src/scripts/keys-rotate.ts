/**
 * `pnpm keys:rotate [--new-key] [--batch-size N]`: re-wraps every case's data key that is not
 * under the current master key (the first of MASTER_KEYS, or of DATA_DIR/master.keys in embedded
 * mode) with that key, in small transactions, next to live traffic. The SECRET ciphertexts are not
 * touched. Prints `Re-wrapped N data keys under <id>; M remain`.
 *
 * Exit 0: nothing remains under an older key. Exit 1: some remain (rows locked by a writer: run it
 * again; or under a master key that is not configured: named on stderr), or the rotation failed.
 * Exit 2: bad arguments or configuration (one line on stderr).
 *
 * Keep every old key in MASTER_KEYS, on every server and for this run, until this reports 0
 * remain; only then remove it. Without downtime: add the new key everywhere second (`old,new`),
 * then make it first everywhere (`new,old`), then rotate, then drop `old`.
 *
 * `--new-key` (embedded mode only): prepends a freshly generated key to DATA_DIR/master.keys,
 * keeping the old ones, and rotates to it. Stop the embedded server first (PGlite is one process),
 * and start it again afterwards so it reads the new key. With MASTER_KEYS in the environment it is
 * refused: the operator puts the new key first in MASTER_KEYS instead.
 *
 * A relative DATA_DIR is taken from where `pnpm` was run. With DATABASE_URL, the configuration also
 * asks for SESSION_SECRET (as for every script; this one does not use it).
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { type Keyring, newMasterKeySpec, nextMasterKeyId, parseKeyring } from '../secrets/keyring.js';
import { masterKeyUsage, rotateMasterKeys } from '../secrets/rotation.js';
import { describe, openMigratedDatabase } from '../startup.js';

class UsageError extends Error {}

const USAGE = 'Usage: keys:rotate [--new-key] [--batch-size N]';
const KEY_FILE = 'master.keys';

function options(): { newKey: boolean; batchSize: number } {
  let values: { 'new-key'?: boolean | undefined; 'batch-size'?: string | undefined };
  try {
    ({ values } = parseArgs({
      options: { 'new-key': { type: 'boolean' }, 'batch-size': { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. ${USAGE}`);
  }
  const batchSize = values['batch-size'] === undefined ? 100 : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    throw new UsageError(`--batch-size must be a whole number from 1 to 10000. ${USAGE}`);
  }
  return { newKey: values['new-key'] === true, batchSize };
}

/** Embedded mode: the keys in DATA_DIR/master.keys, with a new current key prepended if asked. */
async function embeddedKeyring(dataDir: string, newKey: boolean): Promise<Keyring> {
  const file = join(dataDir, KEY_FILE);
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`Cannot read ${file} (${code}): is DATA_DIR right? The server creates it on first start.`);
  }
  let keyring: Keyring;
  try {
    keyring = parseKeyring(text);
  } catch {
    throw new UsageError(`${file} must hold id:base64-of-32-bytes[,id:...] (value not shown)`);
  }
  if (!newKey) return keyring;
  const updated = `${newMasterKeySpec(nextMasterKeyId(keyring))},${text}`;
  // Write-then-rename: the old keys are never half-written, whatever happens.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${updated}\n`, { mode: 0o600 });
  await rename(temporary, file);
  return parseKeyring(updated);
}

try {
  const { newKey, batchSize } = options();
  // A relative DATA_DIR is taken from where `pnpm` was run (as `pnpm start` does), not packages/server.
  const dataDir = process.env.DATA_DIR || './.data';
  const config = loadConfig({ ...process.env, DATA_DIR: resolve(process.env.INIT_CWD ?? process.cwd(), dataDir) });
  let keyring: Keyring;
  if (config.masterKeys) {
    if (newKey) {
      throw new UsageError(
        '--new-key only edits DATA_DIR/master.keys; MASTER_KEYS is set: put the new key first in MASTER_KEYS instead',
      );
    }
    keyring = parseKeyring(config.masterKeys);
  } else if (config.databaseUrl) {
    throw new ConfigError('Invalid configuration: MASTER_KEYS is required with DATABASE_URL');
  } else {
    keyring = await embeddedKeyring(config.dataDir, newKey);
  }

  const database = await openMigratedDatabase(config);
  let result: Awaited<ReturnType<typeof rotateMasterKeys>>;
  let unknown: Array<{ masterKeyId: string | null; cases: number }> = [];
  try {
    result = await rotateMasterKeys(database.db, keyring, { batchSize });
    if (result.remaining > 0) {
      unknown = (await masterKeyUsage(database.db)).filter((u) => !u.masterKeyId || !keyring.keys.has(u.masterKeyId));
    }
  } finally {
    await database.close();
  }
  process.stdout.write(
    `Re-wrapped ${result.rewrapped} data keys under ${keyring.currentId}; ${result.remaining} remain\n`,
  );
  if (result.remaining > 0) {
    const missing = unknown.map((u) => `${u.masterKeyId ?? '(none)'}: ${u.cases}`).join(', ');
    process.stderr.write(
      missing
        ? `Data keys under master keys that are not configured (cannot be re-wrapped): ${missing}\n`
        : 'Some cases were being written during the rotation: run keys:rotate again\n',
    );
    process.exitCode = 1;
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof UsageError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${describe(error)}\n`);
  process.exit(1);
}
