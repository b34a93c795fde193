/**
 * A throwaway PostgreSQL cluster for tests and benchmarks (STACK.md, pitfall 7): initdb and
 * pg_ctl on a free port in a temp folder, run as the `postgres` user when we are root. Stopped
 * and removed when done, even on failure.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

/** Where initdb and pg_ctl are, or null with the reason. */
export function findPostgresBinaries(): { binDir: string } | { missing: string } {
  const fromEnv = process.env.PG_BIN_DIR;
  for (const dir of fromEnv ? [fromEnv, ...BIN_DIRS] : BIN_DIRS) {
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return { binDir: dir };
  }
  return {
    missing: `PostgreSQL server binaries (initdb, pg_ctl) not found in ${BIN_DIRS.join(', ')}; install them with \`apt-get install -y postgresql\` or set PG_BIN_DIR`,
  };
}

/**
 * Runs one of PostgreSQL's client or server programs (pg_dump, pg_restore, psql…) from the
 * binaries' folder, as the `postgres` user when we are root, and returns what it printed.
 */
export function runPgTool(command: string, args: string[]): string {
  const found = findPostgresBinaries();
  if ('missing' in found) throw new Error(found.missing);
  const exe = join(found.binDir, command);
  const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
  return execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: tmpdir() }).toString();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PgCluster {
  /** A superuser URL to the `postgres` database. */
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** A URL to another database of the same cluster. */
  urlFor(database: string): string;
  /**
   * Stops the server (immediate mode: like a crash, no checkpoint) without removing its files.
   * Asynchronous, so that a server in the same process goes on answering meanwhile.
   */
  stop(): Promise<void>;
  /** Starts it again after `stop()`, on the same port; resolves when it accepts connections. */
  start(): Promise<void>;
  /** Stops it and removes its files. */
  destroy(): void;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function commandLine(binDir: string, command: string, args: string[]): [string, string[]] {
  const exe = join(binDir, command);
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
}

function run(binDir: string, command: string, args: string[]): void {
  const [file, argv] = commandLine(binDir, command, args);
  execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: tmpdir() });
}

function runAsync(binDir: string, command: string, args: string[]): Promise<void> {
  const [file, argv] = commandLine(binDir, command, args);
  return new Promise((resolve, reject) => {
    execFile(file, argv, { cwd: tmpdir() }, (error, _stdout, stderr) =>
      error ? reject(new Error(`${command} failed: ${stderr || error.message}`)) : resolve(),
    );
  });
}

export interface PgClusterOptions {
  /**
   * Keep PostgreSQL's durability (fsync, synchronous_commit, full_page_writes on): for tests that
   * stop the server in immediate mode and count on every acknowledged commit surviving it. Off
   * by default, for speed.
   */
  durable?: boolean;
}

export async function startPgCluster(clusterOptions: PgClusterOptions = {}): Promise<PgCluster> {
  const found = findPostgresBinaries();
  if ('missing' in found) throw new Error(found.missing);
  const { binDir } = found;
  const dir = mkdtempSync(join(tmpdir(), 'hrd-pg-'));
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const dataDir = join(dir, 'data');
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    ...(clusterOptions.durable
      ? ['-c fsync=on', '-c synchronous_commit=on', '-c full_page_writes=on']
      : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    '-c max_connections=200',
  ].join(' ');
  const startArgs = ['-D', dataDir, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start'];
  const stopArgs = ['-D', dataDir, '-m', 'immediate', '-w', 'stop'];
  const start = () => run(binDir, 'pg_ctl', startArgs);
  const stop = () => {
    try {
      run(binDir, 'pg_ctl', stopArgs);
    } catch {
      // already stopped
    }
  };
  try {
    run(binDir, 'initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    start();
  } catch (error) {
    stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    url: urlFor('postgres'),
    port,
    dir,
    urlFor,
    stop: () => runAsync(binDir, 'pg_ctl', stopArgs),
    start: () => runAsync(binDir, 'pg_ctl', startArgs),
    destroy: () => {
      stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
