import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';

const HEADER =
  '# Generated from the server code by `pnpm schema:emit`. Do not edit: `pnpm schema:check` fails when stale.\n\n';

/** The schema as committed SDL: sorted, so that the diff of a change shows only that change. */
export function printSchemaSdl(schema: GraphQLSchema): string {
  return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}
