/**
 * A database for one test file, on the driver of the running project: PGlite restored from the
 * migrated template, or a fresh copy of the template database on the throwaway server.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type DatabaseHandle, type DriverName, openDatabase } from '@hrd/server';
import postgres from 'postgres';
import { inject } from 'vitest';

export interface TestDatabase extends DatabaseHandle {
  /** For postgres: the database's own URL (to start a server process on it). */
  readonly url: string | undefined;
}

export const currentDriver = (): DriverName => inject('driver');

/** Opens a database for a test: migrated from the template, or `empty` (no tables at all). */
export async function openTestDatabase(
  options: { empty?: boolean; onQuery?: (query: string) => void } = {},
): Promise<TestDatabase> {
  if (currentDriver() === 'pglite') {
    const handle = await openDatabase(
      options.empty
        ? { dataDir: 'memory://', onQuery: options.onQuery }
        : {
            dataDir: 'memory://',
            loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]),
            onQuery: options.onQuery,
          },
    );
    return { ...handle, url: undefined };
  }
  const adminUrl = inject('postgresUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(
      options.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`,
    );
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolMax: 4, onQuery: options.onQuery });
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      const drop = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await drop.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}

/** The database's own message for a failed statement (drizzle wraps it as the error's cause). */
export async function dbFailure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const e = error as { message?: string; cause?: { message?: string } };
    return String(e.cause?.message ?? e.message);
  }
  return 'no error';
}
