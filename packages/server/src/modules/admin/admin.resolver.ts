import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../../context.js';
import { User } from '../identity/identity.types.js';
import { Organization } from '../organizations/organizations.types.js';
import { createUser, deactivateUser, listUsers, registerThirdPartyOrganization } from './admin.service.js';
import { CreateUserInput } from './admin.types.js';

@Resolver()
export class AdminResolver {
  @Query(() => [User], { description: "The users of the caller's own organization (organization admins)." })
  users(@Ctx() ctx: AppContext): Promise<User[]> {
    return listUsers(ctx);
  }

  @Mutation(() => User, { description: 'Creates a user in the admin’s organization (organization admins).' })
  createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: AppContext): Promise<User> {
    return createUser(ctx, input);
  }

  @Mutation(() => User, {
    description: "Deactivates a user of the admin's organization: their sessions and API tokens stop working at once.",
  })
  deactivateUser(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext): Promise<User> {
    return deactivateUser(ctx, id);
  }

  @Mutation(() => Organization, { description: 'Registers a third-party organization (PD admins).' })
  registerThirdPartyOrganization(
    @Arg('name', () => String) name: string,
    @Arg('countryCode', () => String, { nullable: true, description: 'ISO 3166-1 alpha-2.' }) countryCode:
      | string
      | null,
    @Ctx() ctx: AppContext,
  ): Promise<Organization> {
    return registerThirdPartyOrganization(ctx, name, countryCode);
  }
}
