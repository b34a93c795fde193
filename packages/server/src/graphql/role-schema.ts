/**
 * Per-role schemas: what introspection and validation show a signed-in caller. A field, input
 * field or type carries a field class in FIELD_CLASSES (@hrd/schema); a caller's schema leaves it
 * out when none of the caller's roles can ever read that class on a single case (`schemaShows`:
 * META always, and the reference too for a role that reads no case at all).
 * What refers to something left out goes too: a field whose type, or one of whose arguments'
 * types, is gone; an input type that loses a required field; an object type with no field left.
 * Types nothing refers to any more are pruned. The full schema is still what `schema.graphql`
 * holds, for code generation.
 *
 * The filtering is graphql-tools' `filterSchema` and `pruneSchema` (mapSchema keeps every field's
 * resolver and type-graphql's middlewares, so the filtered schema executes as the full one does).
 */

import { filterSchema, pruneSchema } from '@graphql-tools/utils';
import { FIELD_CLASSES, type FieldClass, type Role, schemaShows } from '@hrd/schema';
import {
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isRequiredInputField,
} from 'graphql';

export interface HiddenParts {
  readonly types: ReadonlySet<string>;
  /** `Type.field` coordinates of fields and input fields. */
  readonly fields: ReadonlySet<string>;
}

const builtIn = (type: GraphQLNamedType) => type.name.startsWith('__');

/** What a caller holding these roles must not see, derived from the access table. */
export function hiddenParts(schema: GraphQLSchema, roles: readonly Role[]): HiddenParts {
  const denied = (fieldClass: FieldClass) => !schemaShows(roles, fieldClass);
  const types = new Set<string>();
  const fields = new Set<string>();
  for (const [coordinate, fieldClass] of Object.entries(FIELD_CLASSES)) {
    if (!denied(fieldClass)) continue;
    if (coordinate.includes('.')) fields.add(coordinate);
    else types.add(coordinate);
  }
  const gone = (type: { name: string }) => types.has(type.name);
  const argGone = (arg: GraphQLArgument) => gone(getNamedType(arg.type));
  // Follow the references until nothing more falls away.
  for (let changed = true; changed; ) {
    changed = false;
    for (const type of Object.values(schema.getTypeMap())) {
      if (builtIn(type) || gone(type)) continue;
      if (isObjectType(type) || isInterfaceType(type)) {
        const all = Object.values(type.getFields());
        for (const field of all) {
          const coordinate = `${type.name}.${field.name}`;
          if (fields.has(coordinate)) continue;
          if (gone(getNamedType(field.type)) || field.args.some(argGone)) {
            fields.add(coordinate);
            changed = true;
          }
        }
        const isRoot = type === schema.getQueryType() || type === schema.getMutationType();
        if (!isRoot && all.every((f) => fields.has(`${type.name}.${f.name}`))) {
          types.add(type.name);
          changed = true;
        }
      } else if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields()) as GraphQLInputField[]) {
          const coordinate = `${type.name}.${field.name}`;
          if (!fields.has(coordinate) && gone(getNamedType(field.type))) {
            fields.add(coordinate);
            changed = true;
          }
          // An input that cannot be written without a hidden field is hidden as a whole.
          if (fields.has(coordinate) && (isRequiredInputField(field) || isNonNullType(field.type))) {
            types.add(type.name);
            changed = true;
            break;
          }
        }
      }
    }
  }
  return { types, fields };
}

/** The schema a caller holding these roles sees: the full one without the hidden parts. */
export function schemaForRoles(schema: GraphQLSchema, roles: readonly Role[]): GraphQLSchema {
  const hidden = hiddenParts(schema, roles);
  if (hidden.types.size === 0 && hidden.fields.size === 0) return schema;
  const keep = (typeName: string, fieldName: string) => !hidden.fields.has(`${typeName}.${fieldName}`);
  return pruneSchema(
    filterSchema({
      schema,
      typeFilter: (typeName) => !hidden.types.has(typeName),
      rootFieldFilter: (operation, fieldName) => keep(operation, fieldName),
      objectFieldFilter: keep,
      interfaceFieldFilter: keep,
      inputObjectFieldFilter: keep,
    }),
  );
}

/** One filtered schema per set of roles, made on first use and kept. */
export class RoleSchemas {
  private readonly cache = new Map<string, GraphQLSchema>();

  constructor(readonly full: GraphQLSchema) {}

  /** The cache key: the roles, sorted and deduplicated. */
  static key(roles: readonly Role[]): string {
    return [...new Set(roles)].sort().join(',');
  }

  for(roles: readonly Role[]): GraphQLSchema {
    const key = RoleSchemas.key(roles);
    let schema = this.cache.get(key);
    if (!schema) {
      schema = schemaForRoles(this.full, roles);
      this.cache.set(key, schema);
    }
    return schema;
  }
}
