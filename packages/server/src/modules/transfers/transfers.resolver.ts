import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context.js';
import { presentOrganization } from '../organizations/organizations.present.js';
import { Organization } from '../organizations/organizations.types.js';
import { Transfer, type TransferRecord } from './transfers.types.js';

/** Whether the caller's organization is a party to the transfer (sender or receiver). */
const isParty = (ctx: AppContext, t: TransferRecord) =>
  !!ctx.viewer &&
  (ctx.viewer.organizationId === t.fromOrganizationId || ctx.viewer.organizationId === t.toOrganizationId);

@Resolver(() => Transfer)
export class TransferResolver {
  @FieldResolver(() => Organization)
  async from(@Root() t: TransferRecord, @Ctx() ctx: AppContext): Promise<Organization> {
    const org = await ctx.loaders.organization.load(t.fromOrganizationId);
    if (!org) throw new Error('transfer sender missing');
    return presentOrganization(ctx.viewer, org);
  }

  @FieldResolver(() => Organization)
  async to(@Root() t: TransferRecord, @Ctx() ctx: AppContext): Promise<Organization> {
    const org = await ctx.loaders.organization.load(t.toOrganizationId);
    if (!org) throw new Error('transfer receiver missing');
    return presentOrganization(ctx.viewer, org);
  }

  /** Free text written for the receiver: shown to the two parties of this transfer only. */
  @FieldResolver(() => String, { nullable: true })
  note(@Root() t: TransferRecord, @Ctx() ctx: AppContext): string | null {
    return isParty(ctx, t) ? t.note : null;
  }

  @FieldResolver(() => String, { nullable: true })
  reason(@Root() t: TransferRecord, @Ctx() ctx: AppContext): string | null {
    return isParty(ctx, t) ? t.decisionReason : null;
  }
}
