/**
 * The built server and scripts on each driver: `pnpm db:migrate` and `pnpm seed --demo` against
 * a PostgreSQL server, or the embedded first start on PGlite; then `organizations` over HTTP.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newMasterKeySpec } from '@hrd/server';
import { afterAll, describe, expect, it } from 'vitest';
import { currentDriver, openTestDatabase, type TestDatabase } from '../support/database.js';

const DIST = fileURLToPath(new URL('../../packages/server/dist/', import.meta.url));

describe(`the built server on ${currentDriver()}`, () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('migrates, seeds, starts, answers organizations, and stops on SIGTERM', async () => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'warn' };
    if (currentDriver() === 'postgres') {
      const database: TestDatabase = await openTestDatabase({ empty: true });
      cleanups.push(() => database.close());
      env.DATABASE_URL = database.url ?? '';
      env.SESSION_SECRET = 'test-session-secret-'.repeat(3);
      env.MASTER_KEYS = newMasterKeySpec('ci1');
      const migrate = execFileSync(process.execPath, [join(DIST, 'scripts/migrate.js')], { env }).toString();
      expect(migrate).toContain('Migrations applied (postgres)');
      const seed = execFileSync(process.execPath, [join(DIST, 'scripts/seed.js'), '--demo'], { env }).toString();
      expect(seed).toMatch(/Demo data in place \(postgres\): 5 organizations, 9 users, \d+ cases/);
      const created = execFileSync(
        process.execPath,
        [
          join(DIST, 'scripts/user-create.js'),
          '--email',
          'first.admin@fld.example',
          '--name',
          'First admin',
          '--org',
          'FLD',
          '--role',
          'ORG_ADMIN',
        ],
        { env, input: 'a-strong-production-password\n' },
      ).toString();
      expect(created).toBe('Created first.admin@fld.example (ORG_ADMIN) in FLD.\n');
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), 'hrd-driver-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      env.DATA_DIR = dataDir;
    }

    const child = spawn(process.execPath, [join(DIST, 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(() => {
      child.kill('SIGKILL');
    });
    let output = '';
    child.stdout.on('data', (c) => {
      output += c;
    });
    child.stderr.on('data', (c) => {
      output += c;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let url: string | undefined;
    for (let i = 0; i < 600 && !url; i++) {
      url = /running at (http:\/\/\S+)/.exec(output)?.[1];
      if (!url) await new Promise((r) => setTimeout(r, 100));
    }
    expect(url, output).toBeDefined();
    expect(output).toContain(currentDriver() === 'postgres' ? 'data: DATABASE_URL' : 'Demo mode');

    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organizations { kind } }' }),
    });
    const body = (await response.json()) as { data: { organizations: Array<{ kind: string }> } };
    expect(body.data.organizations.map((o) => o.kind).sort()).toEqual(['FLD', 'IRCC', 'PD', 'UNHCR']);

    if (currentDriver() === 'postgres') {
      const login = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            'mutation { login(email: "first.admin@fld.example", password: "a-strong-production-password") { user { roles organization { kind } } } }',
        }),
      });
      expect(((await login.json()) as { data: unknown }).data).toEqual({
        login: { user: { roles: ['ORG_ADMIN'], organization: { kind: 'FLD' } } },
      });
    }

    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    if (currentDriver() === 'postgres') {
      // Started again with a master key of the same id that is not the one the demo's secrets were
      // sealed under: the server refuses to start, says why, and shows no key.
      const wrongKey = newMasterKeySpec('ci1');
      const refused = spawnSync(process.execPath, [join(DIST, 'main.js')], {
        env: { ...env, MASTER_KEYS: wrongKey },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(refused.status, refused.stdout + refused.stderr).toBe(1);
      expect(refused.stderr).toContain(
        'The master keys (MASTER_KEYS, or DATA_DIR/master.keys) do not match the database',
      );
      expect(refused.stderr).toContain('master key "ci1" does not open the data keys it is named on');
      expect(refused.stdout + refused.stderr).not.toContain(wrongKey.split(':')[1] as string);
      expect(refused.stdout + refused.stderr).not.toContain(env.MASTER_KEYS as string);
      expect(refused.stdout).not.toContain('running at');
    }
  }, 90_000);
});
