/**
 * What the fault, multi-server and backup tests share: a throwaway PostgreSQL server of their own
 * (they stop, restart and dump it, so they cannot use the run's shared one) with a migrated,
 * seeded database, and the built server run as a child process against it.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type DatabaseHandle, openDatabase, seedDemo } from '@hrd/server';
import postgres from 'postgres';
import { type PgCluster, type PgClusterOptions, startPgCluster } from '../support/pg-cluster.js';
import { TEST_KEYRING, TEST_MASTER_KEYS, TEST_SESSION_SECRET } from '../support/server.js';

export const SERVER_MAIN = fileURLToPath(new URL('../../packages/server/dist/main.js', import.meta.url));

export interface SeededCluster {
  readonly cluster: PgCluster;
  /** The application database's URL (as its owner, the cluster's superuser). */
  readonly url: string;
  /** An owner connection (no row-level security) for checks. */
  readonly owner: DatabaseHandle;
  close(): Promise<void>;
}

/** A cluster of its own with database `name` migrated and seeded with the demo data set. */
export async function seededCluster(options: PgClusterOptions & { name?: string } = {}): Promise<SeededCluster> {
  const cluster = await startPgCluster(options);
  const name = options.name ?? 'hrd';
  let owner: DatabaseHandle | undefined;
  try {
    const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end();
    owner = await openDatabase({ databaseUrl: cluster.urlFor(name), poolMax: 2 });
    await owner.migrate();
    await seedDemo(owner.db, { keyring: TEST_KEYRING });
  } catch (error) {
    await owner?.close().catch(() => {});
    cluster.destroy();
    throw error;
  }
  const handle = owner;
  return {
    cluster,
    url: cluster.urlFor(name),
    owner: handle,
    close: async () => {
      await handle.close().catch(() => {});
      cluster.destroy();
    },
  };
}

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it printed so far. */
  output(): string;
  /** SIGKILL, if it still runs. */
  kill(): void;
}

/** Starts `packages/server/dist/main.js` on `databaseUrl` and waits for its URL. */
export async function startServerProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [SERVER_MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: TEST_SESSION_SECRET,
      MASTER_KEYS: TEST_MASTER_KEYS,
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let url: string | undefined;
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  for (let i = 0; i < 300 && !url && !gone; i++) {
    url = /running at (http:\/\/\S+)/.exec(output)?.[1];
    if (!url) await new Promise((r) => setTimeout(r, 100));
  }
  if (!url) {
    child.kill('SIGKILL');
    throw new Error(`the server did not start:\n${output}`);
  }
  return {
    url,
    child,
    exited,
    output: () => output,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** A minimal client for a server at `url` (for a child process, where there is no TestServer). */
export function httpClient(url: string) {
  return {
    url,
    graphql: async <T>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as {
        data?: T;
        errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
      };
      return { status: response.status, body, headers: response.headers };
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
