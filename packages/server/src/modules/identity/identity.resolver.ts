import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../../context.js';
import { createApiToken, listApiTokens, login, logout, me, revokeApiToken } from './identity.service.js';
import { ApiToken, CreatedApiToken, Session, User } from './identity.types.js';

@Resolver()
export class IdentityResolver {
  @Mutation(() => Session, {
    description:
      'Signs in. Also sets an httpOnly, SameSite=Strict session cookie for the portal. Wrong email and wrong password give the same UNAUTHENTICATED answer; repeated failures are RATE_LIMITED.',
  })
  login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: AppContext,
  ): Promise<Session> {
    return login(ctx, email, password);
  }

  @Mutation(() => Boolean, { description: "Ends the caller's session at once and clears the cookie." })
  logout(@Ctx() ctx: AppContext): Promise<boolean> {
    return logout(ctx);
  }

  @Query(() => User, { description: 'The caller, with organization and roles.' })
  me(@Ctx() ctx: AppContext): Promise<User> {
    return me(ctx);
  }

  @Query(() => [ApiToken], { description: "The caller's own API tokens (never their secrets)." })
  apiTokens(@Ctx() ctx: AppContext): Promise<ApiToken[]> {
    return listApiTokens(ctx);
  }

  @Mutation(() => CreatedApiToken, {
    description:
      'Creates a personal API token for scripts and tools. The secret is returned once and stored only as a hash.',
  })
  createApiToken(
    @Arg('name', () => String, { description: 'A name to recognise it by.' }) name: string,
    @Arg('expiresInDays', () => Int, { description: 'Lifetime in days, 1 to 365.' }) expiresInDays: number,
    @Ctx() ctx: AppContext,
  ): Promise<CreatedApiToken> {
    return createApiToken(ctx, name, expiresInDays);
  }

  @Mutation(() => ApiToken, { description: 'Revokes one of your API tokens: it stops working at once.' })
  revokeApiToken(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext): Promise<ApiToken> {
    return revokeApiToken(ctx, id);
  }
}
