/**
 * `pnpm seed --demo`: migrates the configured database and writes the demo data set.
 * `pnpm seed --scale N`: the demo data plus N synthetic cases (benchmarks; see docs/BENCHMARKS.md).
 */
import { parseArgs } from 'node:util';
import { ensureSecretFile } from '../auth/secret-file.js';
import { ConfigError, loadConfig } from '../config.js';
import { newMasterKeySpec, parseKeyring } from '../secrets/keyring.js';
import { seedDemo } from '../seed/demo.js';
import { seedScale } from '../seed/scale.js';
import { describe, openMigratedDatabase } from '../startup.js';

const USAGE = `Usage: pnpm seed --demo        (the demo organizations, users and synthetic cases)
       pnpm seed --scale N     (the demo data plus N synthetic cases, for benchmarks)
`;
const { values } = parseArgs({
  options: { demo: { type: 'boolean', default: false }, scale: { type: 'string' } },
  strict: true,
});
const scale = values.scale === undefined ? undefined : Number(values.scale);
if ((!values.demo && scale === undefined) || (scale !== undefined && (!Number.isInteger(scale) || scale < 0))) {
  process.stderr.write(USAGE);
  process.exit(2);
}
try {
  const config = loadConfig();
  const database = await openMigratedDatabase(config);
  const keyring = parseKeyring(
    config.masterKeys ?? (await ensureSecretFile(config.dataDir, 'master.keys', () => newMasterKeySpec())),
  );
  if (scale !== undefined) {
    const result = await seedScale(database.db, scale, {
      keyring,
      onProgress: (done, target) => process.stderr.write(`\r  ${done} / ${target} cases`),
    });
    await database.close();
    process.stderr.write('\n');
    process.stdout.write(
      `Scale data in place (${database.driver}): ${result.total} scale cases (${result.written} written now: ` +
        `${result.persons} persons, ${result.transfers} transfers, ${result.auditEvents} audit events) in ${(result.ms / 1000).toFixed(1)} s.\n`,
    );
  } else {
    const result = await seedDemo(database.db, { keyring });
    await database.close();
    process.stdout.write(
      `Demo data in place (${database.driver}): ${result.organizations} organizations, ${result.users} users, ${result.cases} cases.\n`,
    );
  }
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : describe(error)}\n`);
  process.exit(1);
}
