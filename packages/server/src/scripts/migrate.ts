/** `pnpm db:migrate`: applies the committed migrations to the configured database. */
import { ConfigError, loadConfig } from '../config.js';
import { describe, openMigratedDatabase } from '../startup.js';

try {
  const config = loadConfig();
  const database = await openMigratedDatabase(config);
  await database.close();
  process.stdout.write(`Migrations applied (${database.driver}).\n`);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : describe(error)}\n`);
  process.exit(1);
}
