import type { DecisionOutcome, ImmigrationStage } from '@hrd/schema';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context.js';
import type { ImmigrationFileRecord } from '../cases/cases.resolver.js';
import { guardField } from '../cases/cases.service.js';
import { ImmigrationCheck, ImmigrationFile, Officer } from './ircc.types.js';

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
}
