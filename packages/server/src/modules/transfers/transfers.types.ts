import type { TransferKind, TransferStatus } from '@hrd/schema';
import { Field, ID, ObjectType } from 'type-graphql';
import { GqlEnum } from '../../graphql/enums.js';
import { Organization } from '../organizations/organizations.types.js';

/** A transfer row as services hand it to resolvers. */
export interface TransferRecord {
  id: string;
  caseId: string;
  kind: TransferKind;
  status: TransferStatus;
  fromOrganizationId: string;
  toOrganizationId: string;
  note: string | null;
  decisionReason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy?: string | null;
}

@ObjectType({ description: 'A case moving from one organization to another (META).' })
export class Transfer {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => GqlEnum.TransferKind, { description: 'How the case moves.' })
  kind!: TransferKind;

  @Field(() => GqlEnum.TransferStatus, { description: 'Where the transfer stands.' })
  status!: TransferStatus;

  @Field(() => Organization, { description: 'The sending organization.' })
  from!: Organization;

  @Field(() => Organization, { description: 'The receiving organization.' })
  to!: Organization;

  @Field(() => String, {
    nullable: true,
    description: "The sender's note. Shown to the two organizations of the transfer only.",
  })
  note!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why it was declined or withdrawn. Shown to the two organizations of the transfer only.',
  })
  reason!: string | null;

  @Field(() => Date, { description: 'When it was sent.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was accepted, declined or withdrawn.' })
  decidedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Who accepted, declined or withdrew it (a name). Shown to the two organizations of the transfer only.',
  })
  decidedBy!: string | null;
}
