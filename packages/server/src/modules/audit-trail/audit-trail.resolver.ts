import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../../context.js';
import { auditTrail } from './audit-trail.service.js';
import { AuditEventPage } from './audit-trail.types.js';

@Resolver()
export class AuditTrailResolver {
  @Query(() => AuditEventPage, {
    description: "Who did and saw what on a case, newest first: for the case's custodian and IRCC officers.",
  })
  auditTrail(
    @Arg('caseId', () => ID) caseId: string,
    @Ctx() ctx: AppContext,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<AuditEventPage> {
    return auditTrail(ctx, caseId, first, after);
  }
}
