import type { OrganizationKind } from '@hrd/schema';
import { Field, ID, ObjectType } from 'type-graphql';
import { GqlEnum } from '../../graphql/enums.js';

@ObjectType({ description: 'An organization taking part in the exchange: a partner, a third party, or IRCC.' })
export class Organization {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => GqlEnum.OrganizationKind, { description: 'What kind of organization this is.' })
  kind!: OrganizationKind;
}
