/**
 * `pnpm audit:head`: prints the audit chain's head as `{"seq":N,"hash":"..."}`. Keep it outside
 * the database (a ticket, a log shipped elsewhere): `pnpm audit:verify --head` checks against it.
 */
import { readAuditHead } from '../audit/verify.js';
import { ConfigError, loadConfig } from '../config.js';
import { describe, openMigratedDatabase } from '../startup.js';

try {
  const config = loadConfig();
  const database = await openMigratedDatabase(config);
  try {
    const head = await readAuditHead(database.db);
    process.stdout.write(`${JSON.stringify({ seq: head.seq, hash: head.hash })}\n`);
  } finally {
    await database.close();
  }
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : describe(error)}\n`);
  process.exit(1);
}
