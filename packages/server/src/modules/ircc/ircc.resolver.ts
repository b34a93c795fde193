import type { CheckKind, CheckResult, DecisionOutcome, ImmigrationStage, InformationRequestStatus } from '@hrd/schema';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context.js';
import { GqlEnum } from '../../graphql/enums.js';
import { AppError } from '../../graphql/errors.js';
import { selectsChild } from '../../graphql/selection.js';
import type { ImmigrationFileRecord } from '../cases/cases.resolver.js';
import { decodeCursor, encodeCursor, guardField } from '../cases/cases.service.js';
import { Case, CaseConnection, type CaseRecord } from '../cases/cases.types.js';
import { presentOrganization } from '../organizations/organizations.present.js';
import { Organization } from '../organizations/organizations.types.js';
import { requireStatisticsAccess } from '../statistics/statistics.service.js';
import { Statistics } from '../statistics/statistics.types.js';
import {
  answerInformationRequest,
  type InformationRequestRecord,
  listInformationRequests,
  requestInformation,
} from './information-requests.service.js';
import {
  acknowledgeReferral,
  advanceStage,
  approvalWouldPassCap,
  assignOfficer,
  recordArrival,
  recordCheck,
  recordDecision,
  scheduleInterview,
} from './ircc.service.js';
import {
  DecisionResult,
  ImmigrationCheck,
  ImmigrationFile,
  ImmigrationQueueFilter,
  InformationRequest,
  InformationRequestConnection,
  InformationRequestFilter,
  Officer,
  PartnerQuota,
  QuotaReport,
  StaffMember,
} from './ircc.types.js';
import { immigrationQueue } from './queue.service.js';
import {
  type PartnerQuota as PartnerQuotaData,
  type QuotaReport as QuotaReportData,
  quotaReport,
} from './quota.service.js';

/** IRCC officers and analysts read the cap's figures (the statistics rule); nobody else. */
export async function readQuota(ctx: AppContext, year: number): Promise<QuotaReportData> {
  requireStatisticsAccess(ctx);
  if (!Number.isInteger(year) || year < 2021 || year > 2100) {
    throw new AppError('BAD_USER_INPUT', 'The stream opened in 2021: give a year from 2021.', { paths: [['year']] });
  }
  return quotaReport(await ctx.scope.tx(), year);
}

/** Stage and outcome are META; every other field of the file is IRCC_INTERNAL. */
@Resolver(() => ImmigrationFile)
export class ImmigrationFileResolver {
  @FieldResolver(() => String)
  stage(@Root() f: ImmigrationFileRecord): ImmigrationStage {
    return f.row.stage;
  }

  @FieldResolver(() => String, { nullable: true })
  decisionOutcome(@Root() f: ImmigrationFileRecord): DecisionOutcome | null {
    return f.row.decisionOutcome;
  }

  @FieldResolver(() => String, { nullable: true })
  fileNumber(@Root() f: ImmigrationFileRecord, @Ctx() ctx: AppContext): string {
    guardField(ctx, f.caseRecord, 'IRCC_INTERNAL');
    return f.row.fileNumber;
  }

  @FieldResolver(() => Boolean, { nullable: true })
  expedited(@Root() f: ImmigrationFileRecord, @Ctx() ctx: AppContext): boolean {
    guardField(ctx, f.caseRecord, 'IRCC_INTERNAL');
    return f.row.expedited;
  }

  @FieldResolver(() => Officer, { nullable: true })
  async assignedOfficer(@Root() f: ImmigrationFileRecord, @Ctx() ctx: AppContext): Promise<Officer | null> {
    guardField(ctx, f.caseRecord, 'IRCC_INTERNAL');
    if (!f.row.assignedOfficerId) return null;
    return ctx.loaders.user.load(f.row.assignedOfficerId);
  }

  @FieldResolver(() => [ImmigrationCheck], { nullable: true })
  async checks(@Root() f: ImmigrationFileRecord, @Ctx() ctx: AppContext): Promise<ImmigrationCheck[]> {
    guardField(ctx, f.caseRecord, 'IRCC_INTERNAL');
    return ctx.loaders.checksByCase.load(f.row.caseId);
  }

  @FieldResolver(() => String, { nullable: true })
  decisionReasons(@Root() f: ImmigrationFileRecord, @Ctx() ctx: AppContext): string | null {
    guardField(ctx, f.caseRecord, 'IRCC_INTERNAL');
    return f.row.decisionReasons;
  }

  @FieldResolver(() => Date, { nullable: true })
  interviewAt(@Root() f: ImmigrationFileRecord, @Ctx() ctx: AppContext): Date | null {
    guardField(ctx, f.caseRecord, 'IRCC_INTERNAL');
    return f.row.interviewAt;
  }

  @FieldResolver(() => Date, { nullable: true })
  arrivedAt(@Root() f: ImmigrationFileRecord, @Ctx() ctx: AppContext): Date | null {
    guardField(ctx, f.caseRecord, 'IRCC_INTERNAL');
    return f.row.arrivedAt;
  }
  @FieldResolver(() => Boolean)
  async deferred(@Root() f: ImmigrationFileRecord, @Ctx() ctx: AppContext): Promise<boolean> {
    return (await ctx.loaders.openRequestsByCase.load(f.row.caseId)) > 0;
  }

  @FieldResolver(() => Int, { nullable: true })
  version(@Root() f: ImmigrationFileRecord, @Ctx() ctx: AppContext): number {
    guardField(ctx, f.caseRecord, 'IRCC_INTERNAL');
    return f.row.version;
  }

  @FieldResolver(() => Officer, { nullable: true })
  async decidedBy(@Root() f: ImmigrationFileRecord, @Ctx() ctx: AppContext): Promise<Officer | null> {
    guardField(ctx, f.caseRecord, 'IRCC_INTERNAL');
    return f.row.decidedBy ? ctx.loaders.user.load(f.row.decidedBy) : null;
  }

  @FieldResolver(() => Date, { nullable: true })
  decidedAt(@Root() f: ImmigrationFileRecord, @Ctx() ctx: AppContext): Date | null {
    guardField(ctx, f.caseRecord, 'IRCC_INTERNAL');
    return f.row.decidedAt;
  }

  @FieldResolver(() => [ID], { nullable: true })
  async citedChargeIds(@Root() f: ImmigrationFileRecord, @Ctx() ctx: AppContext): Promise<string[]> {
    guardField(ctx, f.caseRecord, 'IRCC_INTERNAL');
    return ctx.loaders.citedChargesByCase.load(f.row.caseId);
  }

  @FieldResolver(() => String, { nullable: true })
  overrideNote(@Root() f: ImmigrationFileRecord, @Ctx() ctx: AppContext): string | null {
    guardField(ctx, f.caseRecord, 'IRCC_INTERNAL');
    return f.row.decisionOverrideNote;
  }

  @FieldResolver(() => Boolean, { nullable: true })
  async approvalWouldPassCap(@Root() f: ImmigrationFileRecord, @Ctx() ctx: AppContext): Promise<boolean> {
    guardField(ctx, f.caseRecord, 'IRCC_INTERNAL');
    return approvalWouldPassCap(ctx, f.caseRecord, f.row);
  }
}

const officerPresent = (ctx: AppContext, id: string | null) => (id ? ctx.loaders.user.load(id) : null);

@Resolver(() => InformationRequest)
export class InformationRequestResolver {
  @FieldResolver(() => ID)
  id(@Root() r: InformationRequestRecord): string {
    return r.row.id;
  }

  @FieldResolver(() => Case)
  case(@Root() r: InformationRequestRecord): CaseRecord {
    return r.caseRecord;
  }

  @FieldResolver(() => String)
  question(@Root() r: InformationRequestRecord): string {
    return r.row.question;
  }

  @FieldResolver(() => String, { nullable: true })
  answer(@Root() r: InformationRequestRecord): string | null {
    return r.row.answer;
  }

  @FieldResolver(() => GqlEnum.InformationRequestStatus)
  status(@Root() r: InformationRequestRecord): InformationRequestStatus {
    return r.row.status;
  }

  @FieldResolver(() => Date)
  askedAt(@Root() r: InformationRequestRecord): Date {
    return r.row.createdAt;
  }

  @FieldResolver(() => Date, { nullable: true })
  answeredAt(@Root() r: InformationRequestRecord): Date | null {
    return r.row.answeredAt;
  }

  @FieldResolver(() => Officer, { nullable: true })
  async askedBy(@Root() r: InformationRequestRecord, @Ctx() ctx: AppContext): Promise<Officer | null> {
    // Officers' names stay at IRCC (IRCC_INTERNAL): the partner sees that IRCC asked.
    if (r.caseRecord.relation !== 'IRCC') return null;
    return officerPresent(ctx, r.row.askedBy);
  }

  @FieldResolver(() => StaffMember, { nullable: true })
  async answeredBy(@Root() r: InformationRequestRecord, @Ctx() ctx: AppContext): Promise<StaffMember | null> {
    return officerPresent(ctx, r.row.answeredBy);
  }

  @FieldResolver(() => Int)
  version(@Root() r: InformationRequestRecord): number {
    return r.row.version;
  }
}

function presentQuota(report: QuotaReportData): QuotaReport {
  return {
    ...report,
    remainingPersons: report.personCap === null ? null : report.personCap - report.approvedPersons,
    overCap: report.personCap !== null && report.approvedPersons > report.personCap,
    partners: report.partners.map((p) => ({
      ...p,
      overTarget: p.personTarget !== null && p.referredPersons > p.personTarget,
    })),
  };
}

@Resolver(() => PartnerQuota)
export class PartnerQuotaResolver {
  @FieldResolver(() => Organization)
  async organization(@Root() p: PartnerQuotaData, @Ctx() ctx: AppContext): Promise<Organization> {
    const org = await ctx.loaders.organization.load(p.organizationId);
    if (!org) throw new Error('a partner of the quota is missing');
    return presentOrganization(ctx.viewer, org);
  }
}

/** The cap's figures, as `statistics { quota(year) }` (API.md): IRCC officers and analysts. */
@Resolver(() => Statistics)
export class QuotaStatisticsResolver {
  @FieldResolver(() => QuotaReport, {
    description:
      "A year's cap in persons: referred, in process, approved and arrived, against the cap and each partner's target. Programme totals per partner, not small cells: not suppressed.",
  })
  async quota(@Ctx() ctx: AppContext, @Arg('year', () => Int) year: number): Promise<QuotaReport> {
    return presentQuota(await readQuota(ctx, year));
  }
}

/** IRCC's queries and mutations (API.md, "Mutations: IRCC"). */
@Resolver()
export class IrccResolver {
  @Query(() => CaseConnection, {
    description:
      "IRCC officers' work list: expedited (EMERGENCY) files first, then the oldest. By default the files still in process.",
  })
  immigrationQueue(
    @Ctx() ctx: AppContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => ImmigrationQueueFilter, { nullable: true }) filter?: ImmigrationQueueFilter | null,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<CaseConnection> {
    return immigrationQueue(
      ctx,
      { filter, first, after },
      {
        countTotal: selectsChild(info, 'totalCount'),
        page: selectsChild(info, 'edges') || selectsChild(info, 'pageInfo'),
      },
    );
  }

  @Query(() => InformationRequestConnection, {
    description:
      "IRCC's questions and the custodians' answers: officers see those on files IRCC processes, caseworkers those on cases their organization holds. Open first, then oldest.",
  })
  async informationRequests(
    @Ctx() ctx: AppContext,
    @Arg('filter', () => InformationRequestFilter, { nullable: true }) filter?: InformationRequestFilter | null,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<InformationRequestConnection> {
    const start = decodeCursor(after);
    const { rows, total } = await listInformationRequests(ctx, filter, first, start);
    return {
      edges: rows.map((node, i) => ({ cursor: encodeCursor(start + i), node })),
      pageInfo: {
        hasNextPage: start + rows.length < total,
        endCursor: rows.length ? encodeCursor(start + rows.length - 1) : null,
      },
      totalCount: total,
    };
  }

  @Mutation(() => Case, {
    description: 'IRCC accepts a pending referral and opens its ImmigrationFile (stage RECEIVED).',
  })
  acknowledgeReferral(@Arg('transferId', () => ID) transferId: string, @Ctx() ctx: AppContext): Promise<CaseRecord> {
    return acknowledgeReferral(ctx, transferId);
  }

  @Mutation(() => Case, { description: 'Assigns the file to an IRCC officer (null unassigns it).' })
  assignOfficer(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('officerId', () => ID, { nullable: true }) officerId: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true, description: "The file's version you saw." })
    expectedVersion: number | null,
    @Ctx() ctx: AppContext,
  ): Promise<CaseRecord> {
    return assignOfficer(ctx, caseId, officerId ?? null, expectedVersion);
  }

  @Mutation(() => Case, {
    description:
      'Moves the file to its next stage (INVALID_TRANSITION otherwise, with the allowed moves). Decisions and arrivals have their own mutations.',
  })
  advanceStage(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('to', () => GqlEnum.ImmigrationStage) to: ImmigrationStage,
    @Arg('expectedVersion', () => Int, { nullable: true, description: "The file's version you saw." })
    expectedVersion: number | null,
    @Ctx() ctx: AppContext,
  ): Promise<CaseRecord> {
    return advanceStage(ctx, caseId, to, expectedVersion);
  }

  @Mutation(() => Case, { description: "Records a check's result and an IRCC-internal note." })
  recordCheck(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('kind', () => GqlEnum.CheckKind) kind: CheckKind,
    @Arg('result', () => GqlEnum.CheckResult) result: CheckResult,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true, description: "The file's version you saw." })
    expectedVersion: number | null,
    @Ctx() ctx: AppContext,
  ): Promise<CaseRecord> {
    return recordCheck(ctx, caseId, kind, result, note, expectedVersion);
  }

  @Mutation(() => Case, { description: 'Sets the interview date (up to the INTERVIEW stage).' })
  scheduleInterview(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('at', () => Date) at: Date,
    @Arg('expectedVersion', () => Int, { nullable: true, description: "The file's version you saw." })
    expectedVersion: number | null,
    @Ctx() ctx: AppContext,
  ): Promise<CaseRecord> {
    return scheduleInterview(ctx, caseId, at, expectedVersion);
  }

  @Mutation(() => DecisionResult, {
    description:
      "Records IRCC's decision at the DECISION stage. A refusal states reasons (IRCC-internal) and, on criminality grounds, cites the charges it relied on; citing a charge the partner flagged JUDICIAL_HARASSMENT needs an override note, recorded in the audit trail. The partner sees the outcome and is told of a refusal at once.",
  })
  async recordDecision(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('outcome', () => GqlEnum.DecisionOutcome) outcome: DecisionOutcome,
    @Arg('reasons', () => String, { nullable: true }) reasons: string | null,
    @Arg('citedChargeIds', () => [ID], { nullable: true }) citedChargeIds: string[] | null,
    @Arg('overrideNote', () => String, { nullable: true }) overrideNote: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true, description: "The file's version you saw." })
    expectedVersion: number | null,
    @Ctx() ctx: AppContext,
  ): Promise<DecisionResult> {
    const answer = await recordDecision(ctx, caseId, {
      outcome,
      reasons,
      citedChargeIds,
      overrideNote,
      expectedVersion,
    });
    return { ...answer, quota: presentQuota(answer.quota) };
  }

  @Mutation(() => Case, { description: 'Records the arrival in Canada (TRAVEL → ARRIVED); the case becomes ARRIVED.' })
  recordArrival(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('arrivedAt', () => Date, { nullable: true, description: 'Default: now.' }) arrivedAt: Date | null,
    @Arg('expectedVersion', () => Int, { nullable: true, description: "The file's version you saw." })
    expectedVersion: number | null,
    @Ctx() ctx: AppContext,
  ): Promise<CaseRecord> {
    return recordArrival(ctx, caseId, arrivedAt, expectedVersion);
  }

  @Mutation(() => InformationRequest, {
    description: 'An officer asks the custodian partner a question; the file is deferred until it is answered.',
  })
  requestInformation(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('question', () => String) question: string,
    @Ctx() ctx: AppContext,
  ): Promise<InformationRequestRecord> {
    return requestInformation(ctx, caseId, question);
  }

  @Mutation(() => InformationRequest, {
    description: "The custodian partner's caseworker answers an open request, once.",
  })
  answerInformationRequest(
    @Arg('id', () => ID) id: string,
    @Arg('answer', () => String) answer: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: "The request's version you saw." })
    expectedVersion: number | null,
    @Ctx() ctx: AppContext,
  ): Promise<InformationRequestRecord> {
    return answerInformationRequest(ctx, id, answer, expectedVersion);
  }
}
