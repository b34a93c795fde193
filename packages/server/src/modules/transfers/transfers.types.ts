import type { TransferKind, TransferStatus } from '@hrd/schema';
import { Field, ID, ObjectType } from 'type-graphql';
import type { transfers } from '../../db/schema.js';
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

/**
 * The transfers columns each Transfer field reads (graphql/selection.ts, `selectedColumns`): a
 * case's transfers are read with the columns its selection shows. `from` and `to` load their
 * organizations; `decidedBy` loads a user. A field missing here reads whole rows.
 */
export const TRANSFER_FIELD_COLUMNS = {
  id: ['id'],
  kind: ['kind'],
  status: ['status'],
  from: ['fromOrganizationId'],
  to: ['toOrganizationId'],
  note: ['note'],
  reason: ['decisionReason'],
  createdAt: ['createdAt'],
  decidedAt: ['decidedAt'],
  decidedBy: ['decidedBy'],
  case: ['caseId'],
} as const satisfies Record<string, readonly (keyof typeof transfers.$inferSelect)[]>;

/**
 * Read with every selection: the row's keys, and the two organizations whose members alone may
 * read its note, reason and decider (the resolvers compare the caller with them).
 */
export const TRANSFER_ROW_KEYS = ['id', 'caseId', 'fromOrganizationId', 'toOrganizationId'] as const;
