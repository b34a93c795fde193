import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context.js';
import { AppError } from '../../graphql/errors.js';
import { getCase } from '../cases/cases.service.js';
import { Case, type CaseRecord } from '../cases/cases.types.js';
import { presentOrganization } from '../organizations/organizations.present.js';
import { Organization } from '../organizations/organizations.types.js';
import { DistributionInput, DistributionTarget, TransferConnection, TransferFilter } from './transfers.inputs.js';
import {
  acceptTransfer,
  declineTransfer,
  distributeCase,
  distributeCases,
  getTransfer,
  listTransfers,
  offerToUnhcr,
  submitToPd,
  withdrawTransfer,
} from './transfers.service.js';
import { Transfer, type TransferRecord } from './transfers.types.js';

const encode = (offset: number) => Buffer.from(`t:${offset}`).toString('base64url');
function decode(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const match = /^t:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match?.[1]) throw new AppError('BAD_USER_INPUT', 'Unknown cursor.', { paths: [['after']] });
  return Number(match[1]) + 1;
}

/** Whether the caller's organization is a party to the transfer (sender or receiver). */
const isParty = (ctx: AppContext, t: TransferRecord) =>
  !!ctx.viewer &&
  (ctx.viewer.organizationId === t.fromOrganizationId || ctx.viewer.organizationId === t.toOrganizationId);

@Resolver(() => Transfer)
export class TransferResolver {
  @Query(() => TransferConnection, {
    description:
      "Your organization's inbox and outbox of transfers: most urgent first, then oldest. `first` at most 100.",
  })
  async transfers(
    @Ctx() ctx: AppContext,
    @Arg('filter', () => TransferFilter, { nullable: true }) filter?: TransferFilter | null,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<TransferConnection> {
    const start = decode(after);
    const { rows, total } = await listTransfers(ctx, filter, first, start);
    return {
      edges: rows.map((node, i) => ({ cursor: encode(start + i), node })),
      pageInfo: {
        hasNextPage: start + rows.length < total,
        endCursor: rows.length ? encode(start + rows.length - 1) : null,
      },
      totalCount: total,
    };
  }

  @FieldResolver(() => Case, { nullable: true, description: 'The case moved (null if you can no longer see it).' })
  async case(@Root() t: TransferRecord, @Ctx() ctx: AppContext): Promise<CaseRecord | null> {
    return getCase(ctx, t.caseId).catch(() => null);
  }

  @Mutation(() => Transfer, { description: 'A third party submits its DRAFT case to PD (SUBMITTED).' })
  async submitToPd(
    @Arg('caseId', () => ID) caseId: string,
    @Ctx() ctx: AppContext,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<TransferRecord> {
    return getTransfer(ctx, await submitToPd(ctx, caseId, note));
  }

  @Mutation(() => Transfer, {
    description:
      "PD intake distributes a case in triage to FLD or UNHCR (pending their answer), or to PD's own inventory (at once).",
  })
  async distributeCase(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('to', () => DistributionTarget) to: DistributionTarget,
    @Ctx() ctx: AppContext,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<TransferRecord> {
    return getTransfer(ctx, await distributeCase(ctx, caseId, to, note));
  }

  @Mutation(() => [Transfer], {
    description: 'Distributes up to 100 cases in one transaction: all or none; an error names the failing case.',
  })
  async distributeCases(
    @Arg('items', () => [DistributionInput]) items: DistributionInput[],
    @Ctx() ctx: AppContext,
  ): Promise<TransferRecord[]> {
    const ids = await distributeCases(ctx, items);
    return Promise.all(ids.map((id) => getTransfer(ctx, id)));
  }

  @Mutation(() => Transfer, { description: 'PD intake declines a submission, with a reason the third party sees.' })
  async declineSubmission(
    @Arg('transferId', () => ID) transferId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: AppContext,
  ): Promise<TransferRecord> {
    return declineTransfer(ctx, transferId, reason, 'SUBMISSION');
  }

  @Mutation(() => Transfer, { description: 'FLD or PD offers a case from its inventory to UNHCR.' })
  async offerToUnhcr(
    @Arg('caseId', () => ID) caseId: string,
    @Ctx() ctx: AppContext,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<TransferRecord> {
    return getTransfer(ctx, await offerToUnhcr(ctx, caseId, note));
  }

  @Mutation(() => Transfer, {
    description: 'The receiver accepts a pending submission, distribution or offer, and becomes the custodian.',
  })
  async acceptTransfer(
    @Arg('transferId', () => ID) transferId: string,
    @Ctx() ctx: AppContext,
  ): Promise<TransferRecord> {
    return acceptTransfer(ctx, transferId);
  }

  @Mutation(() => Transfer, { description: 'The receiver declines a pending transfer, with a reason the sender sees.' })
  async declineTransfer(
    @Arg('transferId', () => ID) transferId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: AppContext,
  ): Promise<TransferRecord> {
    return declineTransfer(ctx, transferId, reason);
  }

  @Mutation(() => Transfer, { description: 'The sender withdraws a pending transfer.' })
  async withdrawTransfer(
    @Arg('transferId', () => ID) transferId: string,
    @Ctx() ctx: AppContext,
  ): Promise<TransferRecord> {
    return withdrawTransfer(ctx, transferId);
  }

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
  async decidedBy(@Root() t: TransferRecord, @Ctx() ctx: AppContext): Promise<string | null> {
    if (!isParty(ctx, t) || !t.decidedBy) return null;
    return (await ctx.loaders.user.load(t.decidedBy))?.displayName ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  reason(@Root() t: TransferRecord, @Ctx() ctx: AppContext): string | null {
    return isParty(ctx, t) ? t.decisionReason : null;
  }
}
