import type { AuditOutcome } from '@hrd/schema';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { GqlEnum } from '../../graphql/enums.js';

@ObjectType({ description: 'One entry of the audit trail: who did or saw what, never the values themselves.' })
export class AuditEvent {
  @Field(() => Int, { description: 'Position in the hash chain.' })
  seq!: number;

  @Field(() => Date, { description: 'When.' })
  at!: Date;

  @Field(() => ID, { nullable: true, description: 'Who (user id).' })
  actorId!: string | null;

  @Field(() => String, { nullable: true, description: "The actor's name." })
  actorName!: string | null;

  @Field(() => String, { nullable: true, description: "The actor's organization." })
  organizationName!: string | null;

  @Field(() => String, { description: "What, e.g. 'case.read', 'case.update'." })
  action!: string;

  @Field(() => [String], { description: 'The field classes touched.' })
  fields!: string[];

  @Field(() => GqlEnum.AuditOutcome, { description: 'Allowed or denied.' })
  outcome!: AuditOutcome;

  @Field(() => String, { nullable: true, description: 'The stated purpose, for reads of SECRET fields.' })
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: 'The request that did it.' })
  requestId!: string | null;
}

@ObjectType({ description: 'A page of audit events, newest first.' })
export class AuditEventPage {
  @Field(() => [AuditEvent], { description: 'The events.' })
  events!: AuditEvent[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null at the end.' })
  nextCursor!: string | null;
}
