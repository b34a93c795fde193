/**
 * The benchmark's server process (server-process.ts) started as `pnpm start` starts the server:
 * Node itself with the start script's flags (tsx as a loader, so that killing the child kills the
 * server), `NODE_ENV=production` (graphql-js and other libraries take their production paths), no
 * logging. Used by `bench:api` and `bench:ab`.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Node's own flags in `pnpm start` (the heap's young generation among them). */
export const START_FLAGS = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start
  .split(/\s+/)
  .filter((arg) => arg.startsWith('--'));

/** What the server process prints when it listens (server-process.ts, `READY {…}`). */
export interface ServerUrls {
  api: string;
  /** The same API on a pool whose driver counts statements (the measured one does not). */
  counting: string;
  floor: string;
  /** The API once more per configuration: '' everything on, then each set of layers switched off. */
  layers: Record<string, string>;
}

export interface BenchServer extends ServerUrls {
  readonly pid: number;
  /** Stops the process and waits for it to exit. */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** Absent: the server's own default (the environment's DATABASE_URL). */
  databaseUrl?: string;
  masterKeys: string;
  sessionSecret: string;
  pool: number;
  /** Sets of layers to switch off, each served by an API of its own (`BENCH_LAYER_SETS`). */
  layerSets?: readonly string[];
  /** A V8 CPU profile of the server, written into this directory when it exits. */
  cpuProfileDir?: string;
}

export async function spawnBenchServer(options: SpawnOptions): Promise<BenchServer> {
  const child = spawn(
    process.execPath,
    [
      ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
      ...START_FLAGS,
      '--conditions=@hrd/source',
      '--import',
      'tsx',
      join(ROOT, 'tests', 'bench', 'api', 'server-process.ts'),
    ],
    {
      cwd: join(ROOT, 'tests'),
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: join(ROOT, 'packages', 'server', 'tsconfig.tsx.json'),
        NODE_ENV: 'production',
        ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
        MASTER_KEYS: options.masterKeys,
        SESSION_SECRET: options.sessionSecret,
        LOG_LEVEL: 'silent',
        PORT: '0',
        DB_POOL_MAX: String(options.pool),
        BENCH_LAYER_SETS: (options.layerSets ?? []).join(';'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const urls = await new Promise<ServerUrls>((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /READY (\{.*\})\n/.exec(buffer);
      if (match?.[1]) resolve(JSON.parse(match[1]) as ServerUrls);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });
  return {
    ...urls,
    pid: child.pid as number,
    stop: async () => {
      child.removeAllListeners('exit');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      process.off('exit', killOnExit);
    },
  };
}
