/**
 * Backup and restore (issue #9, item 7b), as docs/OPERATIONS.md tells an operator to do it:
 * `pg_dump -Fc` of a database in use, `pg_restore` into a new database (on the same server, and
 * on a new server where only the role `hrd_app` was created first), then: every table holds the
 * same rows, the audit chain verifies up to the head kept at backup time, the built server starts
 * on the restore and serves a demo user, and SECRET fields decrypt with the same MASTER_KEYS and
 * not without them (a server given other keys refuses to start).
 */
import { join } from 'node:path';
import {
  type DatabaseHandle,
  newMasterKeySpec,
  openDatabase,
  parseKeyring,
  queryRows,
  readAuditHead,
  verifyAuditChain,
} from '@hrd/server';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseInput } from '../casework/casework-support.js';
import { open, storedOne } from '../secrets/secrets-support.js';
import { type PgCluster, runPgTool, startPgCluster } from '../support/pg-cluster.js';
import { startTestServer, TEST_KEYRING, TEST_MASTER_KEYS } from '../support/server.js';
import { signIn } from '../support/session.js';
import { httpClient, type SeededCluster, seededCluster, startServerProcess } from './cluster-support.js';

const PURPOSE = 'backup and restore test';
const READ_SECRETS = `query($id: ID!) { case(id: $id) { reference location(purpose: "${PURPOSE}") safeContact(purpose: "${PURPOSE}") } }`;

/** Every table of the application (and drizzle's migration journal), each with its row count and a digest of its rows. */
async function fingerprint(db: DatabaseHandle['db']): Promise<Record<string, { rows: number; digest: string }>> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
         WHERE table_schema IN ('public', 'drizzle') AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const result: Record<string, { rows: number; digest: string }> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ rows: number; digest: string | null }>(
      db,
      sql.raw(`SELECT count(*)::int AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${name} t`),
    );
    result[name] = { rows: Number(row?.rows ?? 0), digest: row?.digest ?? '' };
  }
  return result;
}

const connectionArgs = (cluster: PgCluster) => ['-h', '127.0.0.1', '-p', String(cluster.port), '-U', 'postgres'];

describe('backup with pg_dump and restore with pg_restore', () => {
  let sc: SeededCluster;
  let second: PgCluster | undefined;
  const handles: DatabaseHandle[] = [];
  const cleanups: Array<() => unknown> = [];
  let dumpFile: string;
  let secretCase: { id: string; location: string; safeContact: string };
  let original: Record<string, { rows: number; digest: string }>;
  let keptHead: { seq: number; hash: string };

  beforeAll(async () => {
    sc = await seededCluster();
    // Some use first: a case with SECRET fields written through the API, and audited reads of it.
    const database = await openDatabase({ databaseUrl: sc.url, poolMax: 2 });
    handles.push(database);
    const server = await startTestServer(database);
    try {
      const fld = await signIn(server, 'caseworker@fld.demo');
      const input = newCaseInput({}, 'backup');
      const created = await fld.graphql<{ createCase: { id: string } }>(
        `mutation($input: CreateCaseInput!) { createCase(input: $input) { id } }`,
        { input },
      );
      const id = created.body.data?.createCase.id;
      if (!id) throw new Error(JSON.stringify(created.body.errors));
      secretCase = { id, location: input.location, safeContact: input.safeContact };
      const read = await fld.graphql<{ case: { location: string } }>(READ_SECRETS, { id });
      expect(read.body.data?.case.location).toBe(input.location);
    } finally {
      await server.close();
    }

    // The backup: the head of the audit chain is noted with it (kept apart from the dump).
    keptHead = await readAuditHead(sc.owner.db);
    original = await fingerprint(sc.owner.db);
    dumpFile = join(sc.cluster.dir, 'hrd.dump');
    runPgTool('pg_dump', ['-Fc', ...connectionArgs(sc.cluster), '-d', 'hrd', '-f', dumpFile]);
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    for (const handle of handles) await handle.close().catch(() => {});
    second?.destroy();
    await sc?.close();
  });

  async function restoreInto(cluster: PgCluster, name: string, options: { createRole: boolean }) {
    const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
    try {
      if (options.createRole) {
        await admin.unsafe(`CREATE ROLE hrd_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT`);
      }
      await admin.unsafe(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    runPgTool('pg_restore', [...connectionArgs(cluster), '-d', name, '--exit-on-error', '--no-password', dumpFile]);
    const handle = await openDatabase({ databaseUrl: cluster.urlFor(name), poolMax: 2 });
    handles.push(handle);
    return handle;
  }

  it('restores every row and an intact audit chain into a new database on the same server', async () => {
    const restored = await restoreInto(sc.cluster, 'hrd_restored', { createRole: false });
    expect(await fingerprint(restored.db)).toEqual(original);
    expect(original['public.cases']?.rows).toBeGreaterThan(10);
    expect(original['public.audit_events']?.rows).toBeGreaterThan(0);
    const chain = await verifyAuditChain(restored.db, { expectedHead: keptHead });
    expect(chain.ok, JSON.stringify(chain.broken)).toBe(true);
    expect(chain.head).toEqual(keptHead);
  });

  it('on a new server: the built server starts on the restore, signs a demo user in, reads a case and its SECRET fields', async () => {
    second = await startPgCluster();
    const restored = await restoreInto(second, 'hrd', { createRole: true });
    expect(await fingerprint(restored.db)).toEqual(original);
    expect((await verifyAuditChain(restored.db, { expectedHead: keptHead })).ok).toBe(true);

    // The server migrates at start: on a restore that is nothing to do.
    const server = await startServerProcess(second.urlFor('hrd'), { MASTER_KEYS: TEST_MASTER_KEYS });
    cleanups.push(() => server.kill());
    const fld = await signIn(httpClient(server.url), 'caseworker@fld.demo');
    const read = await fld.graphql<{ case: { reference: string; location: string; safeContact: string } }>(
      READ_SECRETS,
      { id: secretCase.id },
    );
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.case).toMatchObject({ location: secretCase.location, safeContact: secretCase.safeContact });
    const journal = await queryRows<{ n: number }>(
      restored.db,
      sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
    );
    expect(journal[0]?.n).toBe(original['drizzle.__drizzle_migrations']?.rows);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);

    // The stored ciphertexts open with the same master keys only.
    const stored = await storedOne(restored.db, secretCase.id);
    expect(open(TEST_KEYRING, stored)).toEqual({ location: secretCase.location, safeContact: secretCase.safeContact });
    expect(() => open(parseKeyring(newMasterKeySpec('test1')), stored)).toThrow();

    // A server given other keys refuses to start on the restore, naming the key id (never a key),
    // rather than serve everything but where the defenders are.
    const otherKeys = newMasterKeySpec('test1');
    const refusal = await startServerProcess(second.urlFor('hrd'), { MASTER_KEYS: otherKeys }).then(
      (started) => {
        cleanups.push(() => started.kill());
        return 'started';
      },
      (error: Error) => error.message,
    );
    expect(refusal).toContain('master key "test1" does not open the data keys it is named on');
    expect(refusal).not.toContain('running at');
    for (const hidden of [otherKeys, TEST_MASTER_KEYS, secretCase.location, secretCase.safeContact]) {
      expect(refusal).not.toContain(hidden.split(':').at(-1));
    }

    // Told to (a restore whose keys are lost), it starts and signs users in, but reveals no SECRET field.
    const wrongKeys = await startServerProcess(second.urlFor('hrd'), {
      MASTER_KEYS: otherKeys,
      START_WITH_UNREADABLE_SECRETS: 'true',
    });
    cleanups.push(() => wrongKeys.kill());
    expect(wrongKeys.output()).toContain('starting with unreadable SECRET fields');
    expect(wrongKeys.output()).not.toContain(otherKeys.split(':')[1] as string);
    const fld2 = await signIn(httpClient(wrongKeys.url), 'caseworker@fld.demo');
    const refused = await fld2.graphql<{ case: { location: string | null } | null }>(READ_SECRETS, {
      id: secretCase.id,
    });
    const body = JSON.stringify(refused.body);
    expect(body).not.toContain(secretCase.location);
    expect(body).not.toContain(secretCase.safeContact);
    // The rest of the case is served; each SECRET field is null with an error (logged server-side).
    expect(refused.body.data?.case?.location).toBeNull();
    expect(refused.body.errors?.map((e) => [(e as { path?: string[] }).path?.at(-1), e.extensions?.code])).toEqual([
      ['location', 'INTERNAL_SERVER_ERROR'],
      ['safeContact', 'INTERNAL_SERVER_ERROR'],
    ]);
    wrongKeys.child.kill('SIGTERM');
    expect((await wrongKeys.exited).code).toBe(0);
  }, 90_000);
});
