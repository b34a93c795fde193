import 'reflect-metadata';
import { GraphQLSchema } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { AdminResolver } from '../modules/admin/admin.resolver.js';
import { AuditTrailResolver } from '../modules/audit-trail/audit-trail.resolver.js';
import { CaseResolver } from '../modules/cases/cases.resolver.js';
import { CaseworkResolver } from '../modules/cases/casework.resolver.js';
import { IdentityResolver } from '../modules/identity/identity.resolver.js';
import {
  ImmigrationFileResolver,
  InformationRequestResolver,
  IrccResolver,
  PartnerQuotaResolver,
  QuotaStatisticsResolver,
} from '../modules/ircc/ircc.resolver.js';
import { NotificationResolver } from '../modules/notifications/notifications.resolver.js';
import { OrganizationResolver } from '../modules/organizations/organizations.resolver.js';
import { StatisticsResolver } from '../modules/statistics/statistics.resolver.js';
import { TransferResolver } from '../modules/transfers/transfers.resolver.js';
import { guardRootFields } from './auth-middleware.js';
import { vocabularyEnumTypes } from './enums.js';

export const RESOLVERS = [
  OrganizationResolver,
  IdentityResolver,
  AdminResolver,
  CaseResolver,
  CaseworkResolver,
  TransferResolver,
  ImmigrationFileResolver,
  IrccResolver,
  InformationRequestResolver,
  PartnerQuotaResolver,
  QuotaStatisticsResolver,
  AuditTrailResolver,
  NotificationResolver,
  StatisticsResolver,
] as const;

/** The full schema, as emitted to packages/schema/schema.graphql. */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...RESOLVERS],
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    validate: false,
    emitSchemaFile: false,
  });
  const config = schema.toConfig();
  const extra = vocabularyEnumTypes(new Set(config.types.map((t) => t.name)));
  return guardRootFields(extra.length ? new GraphQLSchema({ ...config, types: [...config.types, ...extra] }) : schema);
}
