import { Field, ObjectType } from 'type-graphql';

/**
 * Shared by every connection type. In a module of its own, with no imports of the modules that
 * use it: a class from a module still being evaluated (an import cycle, such as cases.types ↔
 * ircc.types) is not yet initialized when TypeScript's `design:type` metadata reads it, and the
 * built server then fails at start (tsx and vitest emit no metadata, so only the build shows it).
 */
@ObjectType({ description: 'Where a page stands in the whole list.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the last item of this page.' })
  endCursor!: string | null;
}
