import { Arg, Ctx, FieldResolver, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../../context.js';
import { caseCounts, processingTimes, requireStatisticsAccess } from './statistics.service.js';
import {
  CaseCountTable,
  ProcessingEvent,
  ProcessingTimeTable,
  Statistics,
  StatisticsCondition,
  StatisticsDimension,
} from './statistics.types.js';

@Resolver(() => Statistics)
export class StatisticsResolver {
  @Query(() => Statistics, {
    nullable: true,
    description:
      'Aggregates over the cases IRCC sees, with small-cell suppression: IRCC analysts and officers only ' +
      '(FORBIDDEN for everyone else).',
  })
  statistics(@Ctx() ctx: AppContext): Statistics {
    requireStatisticsAccess(ctx);
    return { threshold: ctx.config.statisticsSuppressionThreshold };
  }

  @FieldResolver(() => CaseCountTable, {
    nullable: true,
    description:
      'Cases and persons (the sum of case sizes) by 1 to 3 dimensions, every group below the threshold suppressed. ' +
      'Grouped by ACTIVITY, a case counts once in each of its activities. `filter` keeps cases whose value on ' +
      'each named dimension is one of the given values; groupBy and filter name at most 4 dimensions together. Null, with an error, for bad input.',
  })
  async caseCounts(
    @Ctx() ctx: AppContext,
    @Arg('groupBy', () => [StatisticsDimension]) groupBy: StatisticsDimension[],
    @Arg('filter', () => [StatisticsCondition], { nullable: true }) filter?: StatisticsCondition[] | null,
  ): Promise<CaseCountTable> {
    return caseCounts(ctx, groupBy, filter);
  }

  @FieldResolver(() => ProcessingTimeTable, {
    nullable: true,
    description:
      'Days from one event to a later one (median and 90th percentile) over the cases that have both, by 1 to 3 ' +
      'dimensions, every group below the threshold suppressed. Null, with an error, for bad input.',
  })
  async processingTimes(
    @Ctx() ctx: AppContext,
    @Arg('from', () => ProcessingEvent) from: ProcessingEvent,
    @Arg('to', () => ProcessingEvent) to: ProcessingEvent,
    @Arg('groupBy', () => [StatisticsDimension]) groupBy: StatisticsDimension[],
    @Arg('filter', () => [StatisticsCondition], { nullable: true }) filter?: StatisticsCondition[] | null,
  ): Promise<ProcessingTimeTable> {
    return processingTimes(ctx, from, to, groupBy, filter);
  }
}
