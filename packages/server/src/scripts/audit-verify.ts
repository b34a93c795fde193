/**
 * `pnpm audit:verify [--head '{"seq":N,"hash":"..."}' | --head-file path]`: walks the audit chain.
 * Exit 0: `Audit chain OK: ...`. Exit 1: `Audit chain BROKEN at seq S: reason`. Exit 2: it could
 * not verify (bad arguments, configuration or database), with one line on stderr.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AuditHead } from '../audit/audit.types.js';
import { verifyAuditChain } from '../audit/verify.js';
import { ConfigError, loadConfig } from '../config.js';
import { describe, openMigratedDatabase } from '../startup.js';

class UsageError extends Error {}

function expectedHead(): AuditHead | undefined {
  let values: { head?: string | undefined; 'head-file'?: string | undefined };
  try {
    ({ values } = parseArgs({ options: { head: { type: 'string' }, 'head-file': { type: 'string' } } }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Usage: audit:verify [--head JSON | --head-file path]`);
  }
  if (values.head !== undefined && values['head-file'] !== undefined) {
    throw new UsageError('Give either --head or --head-file, not both');
  }
  let text = values.head;
  let source = '--head';
  const file = values['head-file'];
  if (file !== undefined) {
    // Relative to where `pnpm` was run, not to packages/server.
    const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
    source = `--head-file ${path}`;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new UsageError(`Cannot read ${source}: ${(error as { code?: string }).code ?? 'unreadable'}`);
    }
  }
  if (text === undefined) return undefined;
  let head: unknown;
  try {
    head = JSON.parse(text);
  } catch {
    throw new UsageError(`${source} is not JSON: expected {"seq":N,"hash":"<64 hex digits>"}`);
  }
  const { seq, hash } = (head ?? {}) as { seq?: unknown; hash?: unknown };
  if (
    typeof seq !== 'number' ||
    !Number.isSafeInteger(seq) ||
    seq < 0 ||
    typeof hash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(hash)
  ) {
    throw new UsageError(`${source} must be {"seq":N,"hash":"<64 hex digits>"} as printed by audit:head`);
  }
  return { seq, hash };
}

try {
  const head = expectedHead();
  const config = loadConfig();
  const database = await openMigratedDatabase(config);
  let result: Awaited<ReturnType<typeof verifyAuditChain>>;
  try {
    result = await verifyAuditChain(database.db, head ? { expectedHead: head } : {});
  } finally {
    await database.close();
  }
  if (result.broken) {
    process.stdout.write(`Audit chain BROKEN at seq ${result.broken.seq}: ${result.broken.reason}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(
      `Audit chain OK: ${result.events} events, head seq ${result.head.seq} hash ${result.head.hash}\n`,
    );
  }
} catch (error) {
  const known = error instanceof ConfigError || error instanceof UsageError;
  process.stderr.write(`${known ? (error as Error).message : describe(error)}\n`);
  process.exit(2);
}
