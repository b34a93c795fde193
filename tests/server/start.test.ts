/**
 * The built server as a user starts it (`pnpm start`): a real process on the embedded database,
 * its start-up errors, and its graceful stop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../../packages/server/dist/main.js', import.meta.url));

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

function spawnServer(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    out += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function startServer(env: Record<string, string>): Promise<Started> {
  const started = spawnServer({ PORT: '0', ...env });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const match = /running at (http:\/\/\S+)/.exec(started.output());
    if (match?.[1]) return { ...started, url: match[1] };
    if (started.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  started.child.kill('SIGKILL');
  throw new Error(`server did not start:\n${started.output()}`);
}

describe('the built server on the embedded database (pnpm start)', () => {
  let dataDir: string;
  let server: Started;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hrd-start-'));
    server = await startServer({ DATA_DIR: dataDir });
  }, 90_000);
  afterAll(() => {
    server?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the URL and the demo sign-ins, having migrated and seeded on first start', () => {
    expect(server.output()).toContain('caseworker@fld.demo');
    expect(server.output()).toContain('analyst@ircc.demo');
  });

  it('serves /healthz, organizations and the portal', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok', database: 'ok' });
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organizations { name kind } }' }),
    });
    const body = (await response.json()) as { data: { organizations: Array<{ kind: string }> } };
    expect(body.data.organizations.map((o) => o.kind).sort()).toEqual(['FLD', 'IRCC', 'PD', 'UNHCR']);
    expect(await (await fetch(server.url)).text()).toContain('<div id="root">');
  });

  it('on SIGTERM finishes an in-flight request, then exits cleanly', async () => {
    const body = JSON.stringify({ query: '{ organizations { kind } }' });
    const half = Math.floor(body.length / 2);
    const { hostname, port } = new URL(server.url);
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          hostname,
          port,
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': body.length },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => {
            text += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      // Half the body now: the request is in flight when the signal arrives.
      req.write(body.slice(0, half));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(half)), 300);
      }, 300);
    });
    const { status, text } = await answer;
    expect(status).toBe(200);
    expect(text).toContain('"UNHCR"');
    expect(await server.exited).toBe(0);
    // New connections are refused once it has stopped.
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('reopens the same data directory without seeding again', async () => {
    const again = await startServer({ DATA_DIR: dataDir });
    try {
      const response = await fetch(`${again.url}/healthz`);
      expect(response.status).toBe(200);
    } finally {
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    }
    expect(again.output()).not.toContain('seeded the demo data set');
  }, 90_000);
});

describe('start-up errors are one clear line', () => {
  const run = async (env: Record<string, string>) => {
    const started = spawnServer(env);
    const code = await started.exited;
    return { code, output: started.output().trim() };
  };

  it('a bad PORT', async () => {
    const { code, output } = await run({ PORT: 'eighty' });
    expect(code).toBe(1);
    expect(output).toBe('Invalid configuration: PORT must be a whole number from 0 to 65535');
  });

  it('a malformed DATABASE_URL, without echoing it', async () => {
    const { code, output } = await run({ DATABASE_URL: 'mysql://root:s3cret-pw@db/hrd' });
    expect(code).toBe(1);
    expect(output).toBe(
      'Invalid configuration: DATABASE_URL must be a postgres:// or postgresql:// URL with a host (value not shown)',
    );
  });

  it('an unreachable database, without the password', async () => {
    const { code, output } = await run({
      DATABASE_URL: 'postgres://app:s3cret-pw@127.0.0.1:1/hrd',
      SESSION_SECRET: 'a'.repeat(40),
      MASTER_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
    });
    expect(code).toBe(1);
    expect(output.split('\n')).toHaveLength(1);
    expect(output).toMatch(/^Cannot connect to or migrate the database at DATABASE_URL: .*ECONNREFUSED/);
    expect(output).not.toContain('s3cret');
  });
});
