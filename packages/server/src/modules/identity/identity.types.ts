import type { Role } from '@hrd/schema';
import { Field, ID, ObjectType } from 'type-graphql';
import { GqlEnum } from '../../graphql/enums.js';
import { Organization } from '../organizations/organizations.types.js';

@ObjectType({ description: 'A person who signs in, belonging to one organization and holding roles there.' })
export class User {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => String, { description: 'Sign-in email address.' })
  email!: string;

  @Field(() => String, { description: 'Name shown to colleagues.' })
  displayName!: string;

  @Field(() => Organization, { description: 'The organization the user belongs to.' })
  organization!: Organization;

  @Field(() => [GqlEnum.Role], { description: 'Roles held in that organization.' })
  roles!: Role[];

  @Field(() => Boolean, { description: 'False once deactivated: a deactivated user cannot sign in or use tokens.' })
  active!: boolean;
}

@ObjectType({ description: 'A signed-in session.' })
export class Session {
  @Field(() => String, {
    description: 'The session token, for `Authorization: Bearer`. The portal uses the httpOnly cookie instead.',
  })
  token!: string;

  @Field(() => Date, { description: 'When the session ends; sign in again after.' })
  expiresAt!: Date;

  @Field(() => User, { description: 'Who signed in.' })
  user!: User;
}

@ObjectType({ description: "A personal API token for an analyst's own tools. The secret is shown once, at creation." })
export class ApiToken {
  @Field(() => ID, { description: 'Stable identifier (used to revoke it).' })
  id!: string;

  @Field(() => String, { description: 'A name to recognise the token by.' })
  name!: string;

  @Field(() => Date, { description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When it stops working.' })
  expiresAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was revoked, if it was.' })
  revokedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was last used.' })
  lastUsedAt!: Date | null;
}

@ObjectType({ description: 'A newly created API token with its secret, which is never shown again.' })
export class CreatedApiToken {
  @Field(() => String, { description: 'The secret: send it as `Authorization: Bearer <token>`. Store it safely.' })
  token!: string;

  @Field(() => ApiToken, { description: 'The token record.' })
  apiToken!: ApiToken;
}

export const MAX_API_TOKEN_DAYS = 365;
export const API_TOKEN_DAYS = { min: 1, max: MAX_API_TOKEN_DAYS } as const;
