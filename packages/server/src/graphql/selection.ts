/**
 * What a request asks of a field's result, read from its selection set before resolving it: a
 * list resolver counts its total only when `totalCount` is asked for (the count is a second
 * statement over every visible row).
 */
import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * The child fields that `nodes` select, directly, through inline fragments and through named
 * fragments (each once), under any alias, `@skip` and `@include` included. `complete` is false when
 * a named fragment is not in the document.
 */
function fieldsOf(
  nodes: readonly FieldNode[],
  fragments: GraphQLResolveInfo['fragments'],
): { fields: FieldNode[]; complete: boolean } {
  const fields: FieldNode[] = [];
  const visited = new Set<string>();
  let complete = true;
  const collect = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments[selection.name.value];
        if (fragment) collect(fragment.selectionSet);
        else complete = false;
      }
    }
  };
  for (const node of nodes) collect(node.selectionSet);
  return { fields, complete };
}

/** The child fields the field being resolved selects (`fieldsOf` its field nodes). */
function childFields(info: GraphQLResolveInfo): { fields: FieldNode[]; complete: boolean } {
  return fieldsOf(info.fieldNodes, info.fragments);
}

/**
 * Whether the field being resolved selects a child field of this name, directly, through inline
 * fragments or through named fragments, under any alias. A child under `@skip` or `@include`
 * counts as selected: the answer errs towards doing the work.
 */
export function selectsChild(info: GraphQLResolveInfo, name: string): boolean {
  return childFields(info).fields.some((field) => field.name.value === name);
}

/**
 * The row columns that the field being resolved reads for the fields its selection asks of each
 * row, through inline and named fragments and under any alias; `always` are read in any case (the
 * row's keys and what its guards compare). `columnsOf` maps each field of the row's type to the
 * columns its resolver reads (none for a field served by a loader of its own). A field that
 * `columnsOf` does not name makes the answer `undefined`: read whole rows. So a field added to the
 * type and not to the map costs a wider read, never a missing value. A child under `@skip` or
 * `@include` counts as selected, as in `selectsChild`.
 */
export function selectedColumns<K extends string>(
  info: GraphQLResolveInfo,
  columnsOf: Readonly<Record<string, readonly K[]>>,
  always: readonly K[],
): K[] | undefined {
  // graphql-js hands every row of a list the same field nodes: the walk runs once per list.
  let known = columnsSeen.get(info.fieldNodes);
  if (!known) {
    known = new Map();
    columnsSeen.set(info.fieldNodes, known);
  }
  let byAlways = known.get(columnsOf);
  if (!byAlways) {
    byAlways = new Map();
    known.set(columnsOf, byAlways);
  }
  if (byAlways.has(always)) return byAlways.get(always) as K[] | undefined;
  const found = walkColumns(info, columnsOf, always);
  byAlways.set(always, found);
  return found;
}

/**
 * The answers of `selectedColumns` per field-node list (its fragments are those of the same
 * document), column map and `always` list.
 */
const columnsSeen = new WeakMap<
  GraphQLResolveInfo['fieldNodes'],
  Map<object, Map<readonly string[], readonly string[] | undefined>>
>();

function walkColumns<K extends string>(
  info: GraphQLResolveInfo,
  columnsOf: Readonly<Record<string, readonly K[]>>,
  always: readonly K[],
): K[] | undefined {
  return columnsFor(childFields(info), columnsOf, always);
}

/**
 * `selectedColumns` for the rows a list field's result holds further down its selection, along
 * `path` (a connection's `['edges', 'node']`): the fields selected under every field of that name
 * at each step, under any alias. Read once per list, so not remembered.
 */
export function selectedColumnsAt<K extends string>(
  info: GraphQLResolveInfo,
  path: readonly string[],
  columnsOf: Readonly<Record<string, readonly K[]>>,
  always: readonly K[],
): K[] | undefined {
  let level = childFields(info);
  for (const name of path) {
    const next = fieldsOf(
      level.fields.filter((field) => field.name.value === name),
      info.fragments,
    );
    level = { fields: next.fields, complete: level.complete && next.complete };
  }
  return columnsFor(level, columnsOf, always);
}

function columnsFor<K extends string>(
  { fields, complete }: { fields: FieldNode[]; complete: boolean },
  columnsOf: Readonly<Record<string, readonly K[]>>,
  always: readonly K[],
): K[] | undefined {
  if (!complete) return undefined;
  const columns = new Set<K>(always);
  for (const field of fields) {
    const name = field.name.value;
    if (name === '__typename') continue;
    const read = Object.hasOwn(columnsOf, name) ? columnsOf[name] : undefined;
    if (!read) return undefined;
    for (const column of read) columns.add(column);
  }
  return [...columns].sort();
}
