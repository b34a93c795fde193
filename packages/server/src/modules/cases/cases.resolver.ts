import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context.js';
import { selectedColumns, selectedColumnsAt, selectsChild } from '../../graphql/selection.js';
import { decryptSecretField } from '../../secrets/case-secrets.js';
import { ImmigrationFile } from '../ircc/ircc.types.js';
import { presentOrganization } from '../organizations/organizations.present.js';
import { Organization } from '../organizations/organizations.types.js';
import {
  TRANSFER_FIELD_COLUMNS,
  TRANSFER_ROW_KEYS,
  Transfer,
  type TransferRecord,
} from '../transfers/transfers.types.js';
import { getCase, getCaseByReference, guardField, listCases } from './cases.service.js';
import {
  Assessment,
  CASE_FIELD_COLUMNS,
  CASE_ROW_KEYS,
  Case,
  CaseConnection,
  CaseFilter,
  CaseOrder,
  type CaseRecord,
  CaseRelationEnum,
  Charge,
  HrdProfile,
  PERSON_FIELD_COLUMNS,
  PERSON_ROW_KEYS,
  Person,
} from './cases.types.js';

/** ImmigrationFile as the resolver hands it on: with the case, to guard its internal fields. */
export interface ImmigrationFileRecord {
  readonly caseRecord: CaseRecord;
  readonly row: NonNullable<Awaited<ReturnType<AppContext['loaders']['fileByCase']['load']>>>;
}

@Resolver(() => Case)
export class CaseResolver {
  @Query(() => Case, {
    nullable: true,
    description:
      'One case, or null with NOT_FOUND when you have no relation to it (the same answer as for an id that never existed).',
  })
  case(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext): Promise<CaseRecord> {
    return getCase(ctx, id);
  }

  @Query(() => Case, {
    nullable: true,
    description:
      'One case by its reference, or null with NOT_FOUND. FORBIDDEN to a role that may not read references (analysts).',
  })
  caseByReference(@Arg('reference', () => String) reference: string, @Ctx() ctx: AppContext): Promise<CaseRecord> {
    return getCaseByReference(ctx, reference);
  }

  @Query(() => CaseConnection, {
    description: 'The cases your organization has a relation to, as a Relay connection. `first` is at most 100.',
  })
  cases(
    @Ctx() ctx: AppContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => CaseFilter, { nullable: true }) filter?: CaseFilter | null,
    @Arg('orderBy', () => CaseOrder, { nullable: true, defaultValue: CaseOrder.CREATED_DESC })
    orderBy?: CaseOrder | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<CaseConnection> {
    return listCases(
      ctx,
      { filter, orderBy, first, after },
      {
        countTotal: selectsChild(info, 'totalCount'),
        // Each case with the columns its selection shows: a page of 51 cases read 592 → 421 µs
        // (docs/BENCHMARKS.md, Round 12).
        columns: selectedColumnsAt(info, ['edges', 'node'], CASE_FIELD_COLUMNS, CASE_ROW_KEYS),
      },
    );
  }

  @FieldResolver(() => Organization)
  async custodian(@Root() c: CaseRecord, @Ctx() ctx: AppContext): Promise<Organization> {
    return this.organization(ctx, c.custodianId);
  }

  @FieldResolver(() => Organization)
  async origin(@Root() c: CaseRecord, @Ctx() ctx: AppContext): Promise<Organization> {
    return this.organization(ctx, c.originId);
  }

  private async organization(ctx: AppContext, id: string): Promise<Organization> {
    const org = await ctx.loaders.organization.load(id);
    if (!org) throw new Error(`organization ${id} missing`);
    return presentOrganization(ctx.viewer, org);
  }

  @FieldResolver(() => String, { nullable: true })
  reference(@Root() c: CaseRecord, @Ctx() ctx: AppContext): string {
    guardField(ctx, c, 'REFERENCE');
    return c.reference;
  }

  @FieldResolver(() => CaseRelationEnum)
  viewerRelation(@Root() c: CaseRecord): string {
    return c.relation;
  }

  @FieldResolver(() => [Transfer])
  async transfers(
    @Root() c: CaseRecord,
    @Ctx() ctx: AppContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TransferRecord[]> {
    // Rows with the columns the selection shows (and always the parties' organizations).
    return ctx.loaders
      .transfersByCaseReading(selectedColumns(info, TRANSFER_FIELD_COLUMNS, TRANSFER_ROW_KEYS))
      .load(c.id);
  }

  @FieldResolver(() => String, { nullable: true })
  countryOfNationality(@Root() c: CaseRecord, @Ctx() ctx: AppContext): string | null {
    guardField(ctx, c, 'QUASI');
    return c.countryOfNationality;
  }

  @FieldResolver(() => String, { nullable: true })
  countryOfAsylum(@Root() c: CaseRecord, @Ctx() ctx: AppContext): string | null {
    guardField(ctx, c, 'QUASI');
    return c.countryOfAsylum;
  }

  @FieldResolver(() => [Person], { nullable: true })
  async persons(@Root() c: CaseRecord, @Ctx() ctx: AppContext, @Info() info: GraphQLResolveInfo): Promise<Person[]> {
    guardField(ctx, c, 'IDENTITY');
    // Rows with the columns the selection shows.
    return ctx.loaders.personsByCaseReading(selectedColumns(info, PERSON_FIELD_COLUMNS, PERSON_ROW_KEYS)).load(c.id);
  }

  @FieldResolver(() => HrdProfile, { nullable: true })
  hrdProfile(@Root() c: CaseRecord, @Ctx() ctx: AppContext): HrdProfile {
    guardField(ctx, c, 'IDENTITY');
    return { activities: c.activities, summary: c.hrdSummary, riskSummary: c.riskSummary };
  }

  @FieldResolver(() => Boolean, { nullable: true })
  inHiding(@Root() c: CaseRecord, @Ctx() ctx: AppContext): boolean {
    guardField(ctx, c, 'IDENTITY');
    return c.inHiding;
  }

  @FieldResolver(() => [Charge], { nullable: true })
  async charges(@Root() c: CaseRecord, @Ctx() ctx: AppContext): Promise<Charge[]> {
    guardField(ctx, c, 'CHARGES');
    return ctx.loaders.chargesByCase.load(c.id);
  }

  @FieldResolver(() => Assessment, { nullable: true })
  async assessment(@Root() c: CaseRecord, @Ctx() ctx: AppContext): Promise<Assessment | null> {
    guardField(ctx, c, 'ASSESSMENT');
    const [row, answers] = await Promise.all([
      ctx.loaders.assessmentByCase.load(c.id),
      ctx.loaders.answersByCase.load(c.id),
    ]);
    if (!row) return null;
    return {
      answers: answers.map((a) => ({ criterion: a.criterion, answer: a.answer, justification: a.justification })),
      primaryCategory: row.primaryCategory,
      secondaryCategory: row.secondaryCategory,
      consentOverrideReason: row.consentOverrideReason,
      notEligibleReason: row.notEligibleReason,
      withdrawalReason: row.withdrawalReason,
      updatedAt: row.updatedAt,
    };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Where the defender is (SECRET). Requires a stated purpose, recorded with the read in the audit trail.',
  })
  async location(
    @Root() c: CaseRecord,
    @Arg('purpose', () => String, { description: 'Why you need it; recorded in the audit trail.' }) purpose: string,
    @Ctx() ctx: AppContext,
  ): Promise<string | null> {
    return decryptSecretField(ctx, c, 'location', purpose);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'How to reach the defender safely (SECRET). Requires a stated purpose, recorded in the audit trail.',
  })
  async safeContact(
    @Root() c: CaseRecord,
    @Arg('purpose', () => String, { description: 'Why you need it; recorded in the audit trail.' }) purpose: string,
    @Ctx() ctx: AppContext,
  ): Promise<string | null> {
    return decryptSecretField(ctx, c, 'safeContact', purpose);
  }

  @FieldResolver(() => ImmigrationFile, { nullable: true })
  async immigrationFile(@Root() c: CaseRecord, @Ctx() ctx: AppContext): Promise<ImmigrationFileRecord | null> {
    const row = await ctx.loaders.fileByCase.load(c.id);
    return row ? { caseRecord: c, row } : null;
  }
}
