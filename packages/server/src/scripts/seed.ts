/** `pnpm seed --demo`: migrates the configured database and writes the demo data set. */
import { parseArgs } from 'node:util';
import { ensureSecretFile } from '../auth/secret-file.js';
import { ConfigError, loadConfig } from '../config.js';
import { newMasterKeySpec, parseKeyring } from '../secrets/keyring.js';
import { seedDemo } from '../seed/demo.js';
import { describe, openMigratedDatabase } from '../startup.js';

const { values } = parseArgs({ options: { demo: { type: 'boolean', default: false } }, strict: true });
if (!values.demo) {
  process.stderr.write('Usage: pnpm seed --demo   (writes the demo organizations, users and synthetic cases)\n');
  process.exit(2);
}
try {
  const config = loadConfig();
  const database = await openMigratedDatabase(config);
  const keyring = parseKeyring(
    config.masterKeys ?? (await ensureSecretFile(config.dataDir, 'master.keys', () => newMasterKeySpec())),
  );
  const result = await seedDemo(database.db, { keyring });
  await database.close();
  process.stdout.write(
    `Demo data in place (${database.driver}): ${result.organizations} organizations, ${result.users} users, ${result.cases} cases.\n`,
  );
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : describe(error)}\n`);
  process.exit(1);
}
