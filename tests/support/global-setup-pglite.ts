/** Once per test run: a migrated PGlite database, dumped, which every test file restores (~0.4 s). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
// Relative import: vitest resolves global setups without the workspace's source condition.
import { dumpPglite, openDatabase } from '../../packages/server/src/db/client.js';

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'hrd-pglite-'));
  const handle = await openDatabase({ dataDir: 'memory://' });
  await handle.migrate();
  const dump = await dumpPglite(handle);
  await handle.close();
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('driver', 'pglite');
  project.provide('pgliteTemplate', file);
  process.stdout.write(
    '[pglite] tests run on PGlite (embedded PostgreSQL), restored per file from a migrated template\n',
  );
  return () => rmSync(dir, { recursive: true, force: true });
}
