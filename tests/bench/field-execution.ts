/**
 * `pnpm bench` (second part) and `pnpm --filter @hrd/tests bench:fields`: what the GraphQL stack
 * costs per field, without the network or the database. A page of 50 cases, each with three
 * persons and one transfer, is served from memory through type-graphql resolvers shaped as the
 * server's (field resolvers taking `@Root()` and `@Ctx()`, plain fields, a guard per guarded
 * field) and executed by graphql-js, over and over; it prints microseconds per execution.
 *
 * The packages are the workspace's (patched: patches/type-graphql@2.0.0-rc.4.patch and
 * patches/graphql@16.13.2.patch) unless `--type-graphql DIR` and `--graphql DIR` name other
 * copies, such as unpatched ones installed with npm in a scratch folder (docs/BENCHMARKS.md,
 * Round 10), so that the patches' effect can be measured: run both, alternating, a few times.
 * Run it with NODE_ENV=production, as the server runs (graphql-js checks more otherwise).
 */

import { existsSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    'type-graphql': { type: 'string' },
    graphql: { type: 'string' },
    iterations: { type: 'string' },
  },
});
const fromServer = createRequire(new URL('../../packages/server/package.json', import.meta.url));
/** The folder of the package that `name` resolves to from the server (its entry's nearest package.json). */
function packageDir(name: string): string {
  let dir = dirname(fromServer.resolve(name));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}
const typeGraphqlDir = args['type-graphql'] ?? packageDir('type-graphql');
const graphqlDir = args.graphql ?? packageDir('graphql');
const ITERATIONS = Number(args.iterations ?? 3000);

// Every `graphql` that type-graphql (and graphql-scalars) loads is the chosen copy: one realm.
type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolveFilename = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  const redirected = request === 'graphql' || request.startsWith('graphql/') ? graphqlDir + request.slice(7) : request;
  return resolveFilename.call(this, redirected, ...rest);
};
fromServer('reflect-metadata');
const load = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: decorators applied by hand to plain classes
const tg = load(`${typeGraphqlDir}/build/cjs/index.js`) as any;
const { parse, execute } = load(graphqlDir) as typeof import('graphql');

type Decorator = (target: object, key: string, descriptorOrIndex?: unknown) => void;
const { ObjectType, Field, ID, Int, Resolver, FieldResolver, Root, Ctx, Query, buildSchemaSync } = tg;

interface Row {
  [key: string]: unknown;
}
interface Context {
  readonly allowed: boolean;
  readonly persons: Map<string, Row[]>;
  readonly transfers: Map<string, Row[]>;
}
function guard(ctx: Context): void {
  if (!ctx.allowed) throw new Error('FORBIDDEN');
}

class Person {}
for (const name of ['givenName', 'familyName', 'role'])
  (Field(() => String, { nullable: true }) as Decorator)(Person.prototype, name);
ObjectType()(Person);
class Transfer {}
for (const name of ['kind', 'status', 'createdAt']) (Field(() => String) as Decorator)(Transfer.prototype, name);
ObjectType()(Transfer);
class Case {}
(Field(() => ID) as Decorator)(Case.prototype, 'id');
for (const name of ['status', 'urgency', 'createdAt']) (Field(() => String) as Decorator)(Case.prototype, name);
(Field(() => Int) as Decorator)(Case.prototype, 'size');
ObjectType()(Case);

const CASES: Row[] = [];
class CaseResolver {
  cases(): Row[] {
    return CASES;
  }
  reference(c: Row, ctx: Context): unknown {
    guard(ctx);
    return c.reference;
  }
  persons(c: Row, ctx: Context): Row[] | undefined {
    return ctx.persons.get(c.id as string);
  }
  transfers(c: Row, ctx: Context): Row[] | undefined {
    return ctx.transfers.get(c.id as string);
  }
}
class PersonResolver {
  givenName(p: Row, ctx: Context): unknown {
    guard(ctx);
    return p.given_name;
  }
  familyName(p: Row, ctx: Context): unknown {
    guard(ctx);
    return p.family_name;
  }
}
function fieldResolver(target: { prototype: object }, name: string, type: () => unknown): void {
  const descriptor = Object.getOwnPropertyDescriptor(target.prototype, name);
  (FieldResolver(type, { nullable: true }) as Decorator)(target.prototype, name, descriptor);
  (Root() as Decorator)(target.prototype, name, 0);
  (Ctx() as Decorator)(target.prototype, name, 1);
}
(Query(() => [Case]) as Decorator)(
  CaseResolver.prototype,
  'cases',
  Object.getOwnPropertyDescriptor(CaseResolver.prototype, 'cases'),
);
fieldResolver(CaseResolver, 'reference', () => String);
fieldResolver(CaseResolver, 'persons', () => [Person]);
fieldResolver(CaseResolver, 'transfers', () => [Transfer]);
Resolver(() => Case)(CaseResolver);
fieldResolver(PersonResolver, 'givenName', () => String);
fieldResolver(PersonResolver, 'familyName', () => String);
Resolver(() => Person)(PersonResolver);
const schema = buildSchemaSync({ resolvers: [CaseResolver, PersonResolver], validate: false });

const persons = new Map<string, Row[]>();
const transfers = new Map<string, Row[]>();
for (let i = 0; i < 50; i++) {
  const id = `case-${i}`;
  CASES.push({ id, reference: `R-${i}`, status: 'DRAFT', urgency: 'NORMAL', size: 3, createdAt: '2026-01-01' });
  persons.set(
    id,
    [0, 1, 2].map((j) => ({ given_name: `G${j}`, family_name: `F${j}`, role: 'HRD' })),
  );
  transfers.set(id, [{ kind: 'TRANSFER', status: 'PENDING', createdAt: '2026-01-02' }]);
}
const document = parse(
  '{ cases { id reference status urgency size createdAt persons { givenName familyName role } transfers { kind status createdAt } } }',
);
const contextValue: Context = { allowed: true, persons, transfers };
function once(): void {
  const result = execute({ schema, document, contextValue }) as { errors?: readonly Error[]; data?: unknown };
  if (result.errors?.length || !result.data) throw new Error(`execution failed: ${result.errors?.[0]?.message}`);
}
for (let i = 0; i < 2000; i++) once();
const started = process.hrtime.bigint();
for (let i = 0; i < ITERATIONS; i++) once();
const micros = Number(process.hrtime.bigint() - started) / 1000 / ITERATIONS;
console.log(
  `Field execution (50 cases, 3 persons and 1 transfer each, ${ITERATIONS} executions, NODE_ENV=${process.env.NODE_ENV ?? ''}): ${micros.toFixed(1)} µs per execution`,
);
