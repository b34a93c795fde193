import { type Config, ConfigError } from './config.js';
import { type DatabaseHandle, openDatabase } from './db/client.js';

/** Opens the configured database and migrates it, turning failures into one clear line. */
export async function openMigratedDatabase(config: Config): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolMax: config.dbPoolMax,
    });
  } catch (error) {
    throw new ConfigError(`Cannot open the embedded database in DATA_DIR (${config.dataDir}): ${describe(error)}`);
  }
  try {
    await handle.migrate();
  } catch (error) {
    await handle.close().catch(() => {});
    const where = config.databaseUrl ? 'the database at DATABASE_URL' : `the embedded database in ${config.dataDir}`;
    throw new ConfigError(`Cannot connect to or migrate ${where}: ${describe(error)}`);
  }
  return handle;
}

/** A one-line description of a startup error that never includes a connection string. */
export function describe(error: unknown): string {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.code ?? e?.cause?.code;
  const message = (e?.cause?.message ?? e?.message ?? String(error))
    .split('\n')[0]
    ?.replace(/postgres(ql)?:\/\/\S+/g, '[url]');
  return code && !message?.includes(code) ? `${code} ${message}` : (message ?? 'unknown error');
}
