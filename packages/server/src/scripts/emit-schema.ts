/**
 * `pnpm schema:emit` writes packages/schema/schema.graphql from the server's code;
 * `pnpm schema:check` fails when the committed file is stale.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { printSchemaSdl } from '../graphql/print.js';
import { buildAppSchema } from '../graphql/schema.js';

const target = fileURLToPath(new URL('../../../schema/schema.graphql', import.meta.url));
const sdl = printSchemaSdl(await buildAppSchema());

if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== sdl) {
    process.stderr.write('packages/schema/schema.graphql is stale: run `pnpm schema:emit` and commit it.\n');
    process.exit(1);
  }
  process.stdout.write('schema.graphql is up to date.\n');
} else {
  await writeFile(target, sdl);
  process.stdout.write(`Wrote ${target}\n`);
}
