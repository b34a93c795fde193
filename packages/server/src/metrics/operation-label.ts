/**
 * The `operation` label of the GraphQL metrics, from a bounded set of values only: a caller picks
 * an operation's name, so a name taken as it comes would let anyone add time series (and fill the
 * metrics store) by renaming their query. The label is:
 *
 * - for a document on the portal's persisted list (its exact text): the operation's name there
 *   (`Me`, `CaseDetail`…), `source="persisted"`;
 * - for any other document: the name of its first root field, when the schema has that field
 *   (`cases`, `statistics`, `updateCase`…) or it is introspection (`__schema`, `__type`,
 *   `__typename`), else `other`; `source="adhoc"`. A caller-chosen name is never a label;
 * - `invalid` for a request with no document or no operation to run (parse failure, unknown
 *   `operationName`).
 */
import { type DocumentNode, type GraphQLSchema, getOperationAST, Kind, type OperationTypeNode } from 'graphql';
import type { PersistedDocuments } from '../graphql/persisted-documents.js';

export type OperationSource = 'persisted' | 'adhoc';

export interface OperationLabel {
  readonly operation: string;
  readonly source: OperationSource;
}

const INTROSPECTION = new Set(['__schema', '__type', '__typename']);
export const INVALID_OPERATION = 'invalid';
export const OTHER_OPERATION = 'other';

export class OperationLabels {
  private readonly persisted: ReadonlySet<string>;
  private readonly rootFields: ReadonlyMap<OperationTypeNode, ReadonlySet<string>>;

  constructor(schema: GraphQLSchema, persisted: PersistedDocuments) {
    this.persisted = new Set(persisted.values());
    const fields = new Map<OperationTypeNode, ReadonlySet<string>>();
    for (const kind of ['query', 'mutation', 'subscription'] as OperationTypeNode[]) {
      const type = schema.getRootType(kind);
      if (type) fields.set(kind, new Set(Object.keys(type.getFields())));
    }
    this.rootFields = fields;
  }

  /** The label of a request: its document (parsed, if it parsed), operation name and text. */
  label(document: DocumentNode | undefined, operationName: string | null | undefined, text: string | undefined) {
    const source: OperationSource = text !== undefined && this.persisted.has(text) ? 'persisted' : 'adhoc';
    const operation = document ? getOperationAST(document, operationName) : null;
    if (!operation) return { operation: INVALID_OPERATION, source };
    if (source === 'persisted') return { operation: operation.name?.value ?? OTHER_OPERATION, source };
    const first = operation.selectionSet.selections[0];
    if (first?.kind !== Kind.FIELD) return { operation: OTHER_OPERATION, source };
    const name = first.name.value;
    if (INTROSPECTION.has(name) || this.rootFields.get(operation.operation)?.has(name))
      return { operation: name, source };
    return { operation: OTHER_OPERATION, source };
  }
}
