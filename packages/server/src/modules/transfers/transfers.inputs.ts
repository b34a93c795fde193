import type { TransferKind, TransferStatus } from '@hrd/schema';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GqlEnum } from '../../graphql/enums.js';
import { PageInfo } from '../../graphql/page-info.js';
import { Transfer, type TransferRecord } from './transfers.types.js';

export enum TransferDirection {
  INCOMING = 'INCOMING',
  OUTGOING = 'OUTGOING',
}
registerEnumType(TransferDirection, {
  name: 'TransferDirection',
  description: 'Transfers to your organization (an inbox) or from it.',
  valuesConfig: { INCOMING: { description: 'Sent to your organization.' }, OUTGOING: { description: 'Sent by it.' } },
});

export enum DistributionTarget {
  FLD = 'FLD',
  UNHCR = 'UNHCR',
  PD = 'PD',
}
registerEnumType(DistributionTarget, {
  name: 'DistributionTarget',
  description: 'Where PD distributes a case: FLD or UNHCR (who accept or decline), or PD itself (at once).',
});

@InputType({ description: 'Filters for `transfers`.' })
export class TransferFilter {
  @Field(() => TransferDirection, { nullable: true, description: 'Incoming, outgoing, or both (omitted).' })
  direction?: TransferDirection | null;

  @Field(() => [GqlEnum.TransferKind], { nullable: true })
  kind?: TransferKind[] | null;

  @Field(() => [GqlEnum.TransferStatus], { nullable: true })
  status?: TransferStatus[] | null;
}

@InputType({ description: 'One case of a bulk distribution.' })
export class DistributionInput {
  @Field(() => ID, { description: 'A case in triage.' })
  caseId!: string;

  @Field(() => DistributionTarget, { description: 'Where to.' })
  to!: DistributionTarget;

  @Field(() => String, { nullable: true, description: 'A note for the receiver.' })
  note?: string | null;
}

@ObjectType({ description: 'One transfer in a page.' })
export class TransferEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Transfer)
  node!: TransferRecord;
}

@ObjectType({ description: 'A page of transfers: most urgent first, then oldest.' })
export class TransferConnection {
  @Field(() => [TransferEdge])
  edges!: TransferEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
