/**
 * Starts the server: validated configuration, database (migrated; demo data on the first start
 * of the embedded database), HTTP, and a graceful stop on SIGTERM/SIGINT.
 */
import 'reflect-metadata';
import { count } from 'drizzle-orm';
import { createApp } from './app.js';
import { ensureSecretFile } from './auth/secret-file.js';
import { ConfigError, loadConfig, requireServerSecrets } from './config.js';
import { organizations } from './db/schema.js';
import { createLogger } from './logger.js';
import { developmentMailHook, startOutboxDrainer } from './modules/notifications/outbox.js';
import { newMasterKeySpec, parseKeyring } from './secrets/keyring.js';
import { checkMasterKeys, MasterKeyMismatch } from './secrets/rotation.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './seed/demo.js';
import { describe, openMigratedDatabase } from './startup.js';

async function main(): Promise<void> {
  const config = loadConfig();
  requireServerSecrets(config);
  const log = createLogger(config.logLevel);
  const database = await openMigratedDatabase(config);
  const sessionSecret = config.sessionSecret ?? (await ensureSecretFile(config.dataDir, 'session.secret'));
  const keyring = parseKeyring(
    config.masterKeys ?? (await ensureSecretFile(config.dataDir, 'master.keys', () => newMasterKeySpec())),
  );

  if (config.demo) {
    const [row] = await database.db.select({ n: count() }).from(organizations);
    if ((row?.n ?? 0) === 0) {
      const seeded = await seedDemo(database.db, { keyring });
      log.info(seeded, 'seeded the demo data set on first start');
    }
  }

  // Master keys that do not open the database's data keys: refuse to start, rather than serve
  // everything but where the defenders are (unless told to, for a restore whose keys are lost).
  try {
    await checkMasterKeys(database.db, keyring);
  } catch (error) {
    if (!(error instanceof MasterKeyMismatch && config.startWithUnreadableSecrets)) throw error;
    log.error({ err: error }, 'starting with unreadable SECRET fields (START_WITH_UNREADABLE_SECRETS=true)');
  }

  const app = await createApp({ config, database, log, sessionSecret, keyring });
  const outbox = startOutboxDrainer(
    database,
    config.env === 'development' ? developmentMailHook(log) : async () => {},
    log,
  );
  const url = await app.listen();
  const metricsUrl = app.metricsUrl();
  log.info({ url, metricsUrl, driver: database.driver, demo: config.demo }, 'server listening');
  printBanner(url, config.demo, database.driver === 'pglite' ? config.dataDir : 'DATABASE_URL', metricsUrl);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    const force = setTimeout(
      () => {
        log.error('shutdown took too long; exiting');
        process.exit(1);
      },
      config.shutdownDelayMs + config.shutdownGraceMs + 5_000,
    );
    force.unref();
    try {
      // Requests already sent may still wait in the listen backlog or be half-read: closing the
      // listener now would reset them. Go on serving for a moment, each answer closing its
      // connection and /healthz saying 503, then stop listening and finish what is in flight.
      app.beginDrain();
      await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
      await app.stop();
      await outbox.stop();
      await database.close();
      log.info('shutdown complete');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

function printBanner(url: string, demo: boolean, where: string, metricsUrl: string | undefined): void {
  const lines = [
    '',
    `  HRD Referral Exchange is running at ${url}`,
    `  GraphQL: ${url}/graphql   health: ${url}/healthz   data: ${where}`,
  ];
  if (metricsUrl) lines.push(`  Metrics (Prometheus, operators only): ${metricsUrl}`);
  if (demo) {
    lines.push('', '  Demo mode (embedded database, synthetic data). Demo sign-ins:');
    for (const u of DEMO_USERS) lines.push(`    ${u.email.padEnd(28)} ${u.role}`);
    lines.push(`  Password for every demo sign-in: ${DEMO_PASSWORD}`);
  }
  lines.push('');
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof MasterKeyMismatch) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Failed to start: ${describe(error)}\n`);
  }
  process.exit(1);
});
