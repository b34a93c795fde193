/**
 * A page of cases read two ways on the database at `DATABASE_URL` (docs/BENCHMARKS.md, Round 11):
 * drizzle's `select(fields).from(cases)…` and `readSelected` (packages/server/src/db/rows.ts), the
 * same 51 rows of the case lists' 18 fields (the caller's relation among them as an SQL
 * expression), taking turns in rounds. Prints each one's wall and CPU time per read (the CPU is
 * this process's: building the statement, the driver's decoding, the mapping). Both answers are
 * checked equal first.
 *
 *   DATABASE_URL=… pnpm --filter @hrd/tests bench:reads [--rounds 4] [--reads 1500]
 */
import { parseArgs } from 'node:util';
import { openDatabase, readSelected, tables } from '@hrd/server';
import { desc, getTableColumns, sql } from 'drizzle-orm';

const { values: args } = parseArgs({
  options: { rounds: { type: 'string', default: '4' }, reads: { type: 'string', default: '1500' } },
});
if (!process.env.DATABASE_URL) {
  console.error('DATABASE_URL: a PostgreSQL database with cases (the demo data, `pnpm seed --scale N`).');
  process.exit(2);
}
const { cases } = tables;
const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolMax: 2 });
const { db } = handle;
const columns = getTableColumns(cases);
// The case lists' columns (cases.service.ts, `caseColumns`), with stand-ins for its two expressions.
const LISTED = [
  'id',
  'reference',
  'status',
  'urgency',
  'size',
  'version',
  'custodianId',
  'originId',
  'activities',
  'countryOfNationality',
  'countryOfAsylum',
  'hrdSummary',
  'riskSummary',
  'inHiding',
  'createdAt',
  'updatedAt',
] as const;
const fields = {
  ...Object.fromEntries(LISTED.map((key) => [key, columns[key]])),
  relation: sql<string>`CASE WHEN ${cases.size} > 2 THEN 'CUSTODIAN' ELSE 'RECEIVER' END`,
  assignedOfficerId: sql<null>`NULL::uuid`,
};
const variants = {
  drizzle: () => db.select(fields).from(cases).orderBy(desc(cases.createdAt), desc(cases.id)).limit(51).offset(0),
  readSelected: () =>
    readSelected(
      db,
      fields,
      sql`FROM ${cases} ORDER BY ${cases.createdAt} DESC, ${cases.id} DESC LIMIT ${51} OFFSET ${0}`,
    ),
};
const [a, b] = await Promise.all([variants.drizzle(), variants.readSelected()]);
if (a.length !== 51 || JSON.stringify(a) !== JSON.stringify(b)) throw new Error('the two reads answer differently');

const reads = Number(args.reads);
const totals = new Map<string, { wall: number; cpu: number }>();
for (let round = 0; round < Number(args.rounds); round++) {
  const order = Object.entries(variants);
  if (round % 2) order.reverse();
  for (const [name, read] of order) {
    for (let i = 0; i < 200; i++) await read();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < reads; i++) await read();
    const wall = ((performance.now() - t0) * 1000) / reads;
    const used = process.cpuUsage(cpu0);
    const cpu = (used.user + used.system) / reads;
    const total = totals.get(name) ?? { wall: 0, cpu: 0 };
    totals.set(name, { wall: total.wall + wall, cpu: total.cpu + cpu });
    console.log(`round ${round + 1} ${name.padEnd(12)} ${wall.toFixed(0)} µs wall, ${cpu.toFixed(0)} µs CPU per read`);
  }
}
for (const [name, total] of totals) {
  const n = Number(args.rounds);
  console.log(
    `${name.padEnd(12)} mean ${(total.wall / n).toFixed(0)} µs wall, ${(total.cpu / n).toFixed(0)} µs CPU per read`,
  );
}
await handle.close();
