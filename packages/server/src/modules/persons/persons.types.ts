import type { ChargeOutcome, PartnerView } from '@hrd/schema';
import { Field, ID, InputType } from 'type-graphql';
import { GqlEnum } from '../../graphql/enums.js';

@InputType({ description: 'A charge or conviction against a person on the case.' })
export class ChargeInput {
  @Field(() => ID, { description: 'The person charged (on the same case).' })
  personId!: string;

  @Field(() => String, { description: 'What the charge says.' })
  description!: string;

  @Field(() => String, { description: 'Where it was brought.' })
  jurisdiction!: string;

  @Field(() => String, { nullable: true, description: 'When, YYYY-MM-DD.' })
  date?: string | null;

  @Field(() => GqlEnum.ChargeOutcome, { nullable: true, description: 'Where it stands (default PENDING).' })
  outcome?: ChargeOutcome | null;

  @Field(() => GqlEnum.PartnerView, {
    nullable: true,
    description: "The partner's view (default UNKNOWN). JUDICIAL_HARASSMENT is shown to IRCC as such.",
  })
  partnerView?: PartnerView | null;

  @Field(() => String, { nullable: true, description: "The partner's note on the charge." })
  partnerNote?: string | null;
}

@InputType({ description: 'Changes to a charge; omitted fields stay as they are.' })
export class ChargePatch {
  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  jurisdiction?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  date?: string | null;

  @Field(() => GqlEnum.ChargeOutcome, { nullable: true })
  outcome?: ChargeOutcome | null;

  @Field(() => GqlEnum.PartnerView, { nullable: true })
  partnerView?: PartnerView | null;

  @Field(() => String, { nullable: true })
  partnerNote?: string | null;
}
