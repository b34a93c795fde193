export { type App, createApp } from './app.js';
export * from './audit/index.js';
export { benchLayers, type Config, ConfigError, loadConfig } from './config.js';
export type { AppContext } from './context.js';
export {
  type Database,
  type DatabaseHandle,
  type DriverName,
  dumpPglite,
  MIGRATIONS_DIR,
  openDatabase,
  queryRows,
  withCustomPlans,
} from './db/client.js';
export { type RowReader, readSelected, rowReader, type SelectFields } from './db/rows.js';
export * as tables from './db/schema.js';
export { DEFAULT_QUERY_LIMITS, type QueryLimits } from './graphql/limit-values.js';
export { printSchemaSdl } from './graphql/print.js';
export { hiddenParts, RoleSchemas, schemaForRoles } from './graphql/role-schema.js';
export { buildAppSchema } from './graphql/schema.js';
export { createLogger } from './logger.js';
export { visibleCasesCondition } from './modules/cases/cases.service.js';
export { can, caseVisible, readsDependOnAssignment, visibleRelations } from './policy/policy.js';
export { relationSql } from './policy/relations.js';
export type { Viewer } from './policy/viewer.js';
export { APP_DB_ROLE, enterCallerScope, RequestScope } from './request/scope.js';
export * from './secrets/index.js';
export { type Keyring, newMasterKeySpec, parseKeyring } from './secrets/keyring.js';
export {
  DEMO_ORGANIZATIONS,
  DEMO_PASSWORD,
  DEMO_USERS,
  orgId as demoOrgId,
  SCENARIOS,
  seedDemo,
  userId as demoUserId,
} from './seed/demo.js';
export { type ScaleSeedResult, seedScale } from './seed/scale.js';
