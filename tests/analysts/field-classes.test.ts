/**
 * FIELD_CLASSES (@hrd/schema) against the full schema: every entry names a real type or field,
 * every field of the fully classified types has a class, and the per-role schemas derived from
 * it are cached per role set and keep the full schema whole.
 */
import { FIELD_CLASSES, FULLY_CLASSIFIED_TYPES, Role, schemaShows } from '@hrd/schema';
import { buildAppSchema, RoleSchemas, schemaForRoles } from '@hrd/server';
import { type GraphQLSchema, isInputObjectType, isObjectType, validateSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';

describe('field classes and per-role schemas', () => {
  let full: GraphQLSchema;
  beforeAll(async () => {
    full = await buildAppSchema();
  });

  it('every entry names a type, field or input field of the full schema', () => {
    const missing = Object.keys(FIELD_CLASSES).filter((key) => {
      const [typeName, fieldName] = key.split('.') as [string, string | undefined];
      const type = full.getType(typeName);
      if (!type) return true;
      if (!fieldName) return false;
      return !((isObjectType(type) || isInputObjectType(type)) && fieldName in type.getFields());
    });
    expect(missing).toEqual([]);
  });

  it.each(FULLY_CLASSIFIED_TYPES)('every field of %s has a class', (typeName) => {
    const type = full.getType(typeName);
    expect(isObjectType(type)).toBe(true);
    const unclassified = Object.keys(isObjectType(type) ? type.getFields() : {}).filter(
      (f) => !(`${typeName}.${f}` in FIELD_CLASSES),
    );
    expect(unclassified).toEqual([]);
  });

  it.each(Role.values)("%s's schema is a valid schema without the classes the role never reads", (role) => {
    const schema = schemaForRoles(full, [role]);
    expect(validateSchema(schema)).toEqual([]);
    for (const [key, fieldClass] of Object.entries(FIELD_CLASSES)) {
      const [typeName, fieldName] = key.split('.') as [string, string | undefined];
      const type = schema.getType(typeName);
      const present =
        !!type && (!fieldName || ((isObjectType(type) || isInputObjectType(type)) && fieldName in type.getFields()));
      if (!schemaShows([role], fieldClass)) expect(present, `${role}: ${key}`).toBe(false);
    }
  });

  it('one schema per role set, whatever the order; the full schema is untouched', () => {
    const schemas = new RoleSchemas(full);
    expect(schemas.for(['ANALYST', 'ORG_ADMIN'])).toBe(schemas.for(['ORG_ADMIN', 'ANALYST', 'ANALYST']));
    expect(schemas.for(['ANALYST'])).not.toBe(schemas.for(['OFFICER']));
    expect(Object.keys(schemas.for(['ANALYST']).getTypeMap())).not.toContain('Person');
    expect(full.getType('Person')).toBeDefined();
    // A role set reads what any of its roles reads: an analyst who is also an officer sees persons.
    const both = schemas.for(['ANALYST', 'OFFICER']);
    const caseType = both.getType('Case');
    expect(isObjectType(caseType) && 'persons' in caseType.getFields()).toBe(true);
  });
});
