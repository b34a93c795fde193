import 'reflect-metadata';
import { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { OrganizationResolver } from '../modules/organizations/organizations.resolver.js';
import { vocabularyEnumTypes } from './enums.js';

export const RESOLVERS = [OrganizationResolver] as const;

/** The full schema, as emitted to packages/schema/schema.graphql. */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...RESOLVERS],
    validate: false,
    emitSchemaFile: false,
  });
  const config = schema.toConfig();
  const extra = vocabularyEnumTypes(new Set(config.types.map((t) => t.name)));
  return extra.length ? new GraphQLSchema({ ...config, types: [...config.types, ...extra] }) : schema;
}
