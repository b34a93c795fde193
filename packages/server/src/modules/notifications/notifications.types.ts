import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'Something happened to a case your organization deals with. Carries a reference and the event only.',
})
export class Notification {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => String, { description: "What happened, e.g. 'transfer.submitted', 'transfer.declined'." })
  event!: string;

  @Field(() => ID, { nullable: true, description: 'The case.' })
  caseId!: string | null;

  @Field(() => String, { nullable: true, description: 'The case reference (REFERENCE: never to analysts).' })
  caseReference!: string | null;

  @Field(() => Date, { description: 'When.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When you marked it read.' })
  readAt!: Date | null;
}
