import {
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  Kind,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedColumns, selectsChild } from './selection.js';

/** The info of the operation's first root field, as far as selectsChild reads it. */
function infoFor(document: string): GraphQLResolveInfo {
  const parsed = parse(document);
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const field = operation?.selectionSet.selections[0];
  if (field?.kind !== Kind.FIELD) throw new Error('no root field');
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return { fieldNodes: [field], fragments } as unknown as GraphQLResolveInfo;
}

describe('selectsChild', () => {
  it('finds a child asked for directly, or under an alias', () => {
    expect(selectsChild(infoFor('{ cases { totalCount edges { cursor } } }'), 'totalCount')).toBe(true);
    expect(selectsChild(infoFor('{ cases { n: totalCount } }'), 'totalCount')).toBe(true);
  });

  it('finds it through inline and named fragments, nested', () => {
    expect(selectsChild(infoFor('{ cases { ... on CaseConnection { totalCount } } }'), 'totalCount')).toBe(true);
    expect(
      selectsChild(
        infoFor(`{ cases { ...Outer } }
          fragment Outer on CaseConnection { edges { cursor } ...Inner }
          fragment Inner on CaseConnection { ... { totalCount } }`),
        'totalCount',
      ),
    ).toBe(true);
  });

  it('counts a child under @skip or @include as selected', () => {
    expect(selectsChild(infoFor('{ cases { totalCount @skip(if: true) } }'), 'totalCount')).toBe(true);
  });

  it('is false when only deeper fields or other fields bear the name', () => {
    expect(selectsChild(infoFor('{ cases { edges { node { id } } pageInfo { hasNextPage } } }'), 'totalCount')).toBe(
      false,
    );
    expect(selectsChild(infoFor('{ cases { edges { node { transfers { totalCount: id } } } } }'), 'totalCount')).toBe(
      false,
    );
  });

  it('ends on fragments that spread each other', () => {
    // Invalid GraphQL (validation refuses cycles before execution), but the walk must still end.
    expect(
      selectsChild(
        infoFor(`{ cases { ...A } }
          fragment A on CaseConnection { ...B }
          fragment B on CaseConnection { ...A }`),
        'totalCount',
      ),
    ).toBe(false);
  });

  it('looks at every node of a field asked for twice', () => {
    const a = infoFor('{ cases { edges { cursor } } }');
    const b = infoFor('{ cases { totalCount } }');
    expect(selectsChild({ ...a, fieldNodes: [...a.fieldNodes, ...b.fieldNodes] }, 'totalCount')).toBe(true);
  });
});

describe('selectedColumns', () => {
  const COLUMNS = {
    id: ['id'],
    givenName: ['givenName'],
    sex: ['sex'],
    from: ['fromId'],
    decidedBy: ['decidedBy', 'fromId'],
  } as const;
  const ALWAYS = ['caseId', 'id'] as const;
  const columns = (document: string) => selectedColumns(infoFor(document), COLUMNS, ALWAYS);

  it('reads the columns of the fields asked for, under any alias, with the row keys, sorted and once', () => {
    expect(columns('{ persons { givenName } }')).toEqual(['caseId', 'givenName', 'id']);
    expect(columns('{ persons { name: givenName id decidedBy from { name } } }')).toEqual([
      'caseId',
      'decidedBy',
      'fromId',
      'givenName',
      'id',
    ]);
    expect(columns('{ persons { __typename } }')).toEqual(['caseId', 'id']);
  });

  it('follows inline and named fragments, nested, and ends on fragments that spread each other', () => {
    expect(
      columns(`{ persons { ...A ... on Person { sex } } }
        fragment A on Person { givenName ...B }
        fragment B on Person { ... { from { id } } ...A }`),
    ).toEqual(['caseId', 'fromId', 'givenName', 'id', 'sex']);
  });

  it('counts fields under @skip and @include, and every node of a field asked for twice', () => {
    expect(columns('{ persons { sex @skip(if: true) } }')).toEqual(['caseId', 'id', 'sex']);
    const a = infoFor('{ persons { givenName } }');
    const b = infoFor('{ persons { sex } }');
    expect(selectedColumns({ ...a, fieldNodes: [...a.fieldNodes, ...b.fieldNodes] }, COLUMNS, ALWAYS)).toEqual([
      'caseId',
      'givenName',
      'id',
      'sex',
    ]);
  });

  it('answers whole rows (undefined) for a field it has no columns for, wherever it is', () => {
    expect(columns('{ persons { givenName dateOfBirth } }')).toBeUndefined();
    expect(columns('{ persons { ... on Person { nationality } } }')).toBeUndefined();
    expect(columns('{ persons { ...A } } fragment A on Person { givenName version }')).toBeUndefined();
    // A fragment the document does not define, and names inherited from Object, are not columns.
    expect(columns('{ persons { ...Missing } }')).toBeUndefined();
    expect(columns('{ persons { toString constructor } }')).toBeUndefined();
  });

  it('walks a list of field nodes once, and answers each column map and row keys on their own', () => {
    const info = infoFor('{ persons { givenName } }');
    const first = selectedColumns(info, COLUMNS, ALWAYS);
    expect(selectedColumns(info, COLUMNS, ALWAYS)).toBe(first);
    expect(selectedColumns(info, { givenName: ['givenName', 'sex'] }, ALWAYS)).toEqual([
      'caseId',
      'givenName',
      'id',
      'sex',
    ]);
    expect(selectedColumns(info, COLUMNS, ['caseId'])).toEqual(['caseId', 'givenName']);
    // Another request's nodes (the same text, parsed again): walked on their own.
    expect(selectedColumns(infoFor('{ persons { givenName } }'), COLUMNS, ALWAYS)).not.toBe(first);
  });
});
