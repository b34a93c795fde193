/** Once per test run: a throwaway PostgreSQL server with a migrated template database. */
// Relative import: vitest resolves global setups without the workspace's source condition.

import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../packages/server/src/db/client.js';
import { startPgCluster } from './pg-cluster.js';

export const TEMPLATE = 'hrd_template';

export default async function setup(project: TestProject) {
  const cluster = await startPgCluster();
  try {
    const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${TEMPLATE}`);
    await admin.end();
    const handle = await openDatabase({ databaseUrl: cluster.urlFor(TEMPLATE), poolMax: 1 });
    await handle.migrate();
    await handle.close();
  } catch (error) {
    cluster.destroy();
    throw error;
  }
  project.provide('driver', 'postgres');
  project.provide('postgresUrl', cluster.url);
  project.provide('postgresTemplate', TEMPLATE);
  process.stdout.write(`[postgres] tests run on a throwaway PostgreSQL server on port ${cluster.port}\n`);
  return () => cluster.destroy();
}
