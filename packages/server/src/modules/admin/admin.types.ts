import type { Role } from '@hrd/schema';
import { Field, ID, InputType } from 'type-graphql';
import { GqlEnum } from '../../graphql/enums.js';

@InputType({ description: 'A new user of an organization.' })
export class CreateUserInput {
  @Field(() => String, { description: 'Sign-in email address (unique).' })
  email!: string;

  @Field(() => String, { description: 'Name shown to colleagues.' })
  displayName!: string;

  @Field(() => [GqlEnum.Role], { description: "Roles to hold; each must suit the organization's kind." })
  roles!: Role[];

  @Field(() => String, { description: 'Initial password, at least 12 characters. Stored only as an argon2id hash.' })
  password!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "The organization; defaults to the admin's own. A PD admin may name a third-party organization PD registered.",
  })
  organizationId?: string | null;
}
