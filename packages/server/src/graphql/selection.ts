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
