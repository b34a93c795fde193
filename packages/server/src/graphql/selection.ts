/**
 * What a request asks of a field's result, read from its selection set before resolving it: a
 * list resolver counts its total only when `totalCount` is asked for (the count is a second
 * statement over every visible row).
 */
import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved selects a child field of this name, directly, through inline
 * fragments or through named fragments, under any alias. A child under `@skip` or `@include`
 * counts as selected: the answer errs towards doing the work.
 */
export function selectsChild(info: GraphQLResolveInfo, name: string): boolean {
  const visited = new Set<string>();
  const search = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return selection.name.value === name;
        case Kind.INLINE_FRAGMENT:
          return search(selection.selectionSet);
        case Kind.FRAGMENT_SPREAD: {
          const fragmentName = selection.name.value;
          if (visited.has(fragmentName)) return false;
          visited.add(fragmentName);
          return search(info.fragments[fragmentName]?.selectionSet);
        }
        default:
          return true;
      }
    });
  return info.fieldNodes.some((node) => search(node.selectionSet));
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
  const columns = new Set<K>(always);
  const visited = new Set<string>();
  const collect = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).every((selection) => {
      switch (selection.kind) {
        case Kind.FIELD: {
          const name = selection.name.value;
          if (name === '__typename') return true;
          const read = Object.hasOwn(columnsOf, name) ? columnsOf[name] : undefined;
          if (!read) return false;
          for (const column of read) columns.add(column);
          return true;
        }
        case Kind.INLINE_FRAGMENT:
          return collect(selection.selectionSet);
        case Kind.FRAGMENT_SPREAD: {
          const fragmentName = selection.name.value;
          if (visited.has(fragmentName)) return true;
          visited.add(fragmentName);
          const fragment = info.fragments[fragmentName];
          return fragment !== undefined && collect(fragment.selectionSet);
        }
        default:
          return false;
      }
    });
  if (!info.fieldNodes.every((node) => collect(node.selectionSet))) return undefined;
  return [...columns].sort();
}
