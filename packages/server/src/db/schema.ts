/**
 * Tables of the whole domain model (DOMAIN.md). Table shapes are the database's; the GraphQL
 * types in modules/ are the API's, and the two are kept apart on purpose.
 *
 * Enum columns are `text` with a check constraint built from the shared vocabulary
 * (@hrd/schema), so adding a value is a reviewed migration, not an `ALTER TYPE`.
 */
import {
  AuditOutcome,
  CaseStatus,
  ChargeOutcome,
  CheckKind,
  CheckResult,
  Criterion,
  CriterionAnswer,
  DecisionOutcome,
  HrdActivity,
  ImmigrationStage,
  InformationRequestStatus,
  OrganizationKind,
  PartnerView,
  PersonRole,
  Role,
  Sex,
  SubmissionCategory,
  TransferKind,
  TransferStatus,
  Urgency,
} from '@hrd/schema';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { allOf, createdAt, oneOf, tstz, updatedAt } from './columns.js';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

const iso2 = (name: string) => char(name, { length: 2 });
const isoCheck = (name: string, column: string) => check(name, sql`${sql.identifier(column)} ~ '^[A-Z]{2}$'`);

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind').$type<OrganizationKind>().notNull(),
    countryCode: iso2('country_code'),
    /** The prefix of the references of cases this organization creates, e.g. FLD in FLD-2026-0042. */
    referencePrefix: text('reference_prefix').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('organizations_kind_check', oneOf('kind', OrganizationKind.values)),
    check('organizations_reference_prefix_check', sql`${t.referencePrefix} ~ '^[A-Z][A-Z0-9]{1,9}$'`),
    uniqueIndex('organizations_reference_prefix_key').on(t.referencePrefix),
    isoCheck('organizations_country_code_check', 'country_code'),
    uniqueIndex('organizations_name_key').on(sql`lower(${t.name})`),
    // UNHCR, FLD, PD and IRCC exist once each; third parties are many.
    uniqueIndex('organizations_single_kind_key').on(t.kind).where(sql`${t.kind} <> 'THIRD_PARTY'`),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    /** argon2id hash; null for a user who has not set a password yet. */
    passwordHash: text('password_hash'),
    roles: text('roles').array().$type<Role[]>().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    index('users_organization_idx').on(t.organizationId),
    check('users_roles_check', allOf('roles', Role.values)),
  ],
);

/** Personal API tokens for analysts' own tools: only a hash is stored. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
    revokedAt: tstz('revoked_at'),
    lastUsedAt: tstz('last_used_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_key').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);

/**
 * Signed-in sessions. The session token is a signed JWT whose `jti` is this row's id: the
 * signature proves who issued it, this row lets logout and deactivation revoke it at once.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Failed sign-in counters, per account and per client address, in fixed windows. Kept in
 * PostgreSQL so the limit holds across several server processes.
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  windowStart: tstz('window_start').notNull(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: tstz('locked_until'),
});

/** Per organization and year, the last reference number handed out (gap-free references). */
export const referenceCounters = pgTable(
  'reference_counters',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    year: integer('year').notNull(),
    lastValue: integer('last_value').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.year] })],
);

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull(),
    custodianId: uuid('custodian_id')
      .notNull()
      .references(() => organizations.id),
    originId: uuid('origin_id')
      .notNull()
      .references(() => organizations.id),
    status: text('status').$type<CaseStatus>().notNull().default('DRAFT'),
    urgency: text('urgency').$type<Urgency>().notNull().default('NORMAL'),
    countryOfNationality: iso2('country_of_nationality'),
    countryOfAsylum: iso2('country_of_asylum'),
    activities: text('activities').array().$type<HrdActivity[]>().notNull().default(sql`'{}'::text[]`),
    hrdSummary: text('hrd_summary'),
    riskSummary: text('risk_summary'),
    inHiding: boolean('in_hiding').notNull().default(false),
    /** The number of persons on the case (kept by a trigger on persons). */
    size: integer('size').notNull().default(0),
    /** SECRET fields: AES-256-GCM ciphertexts under the case's own data key. */
    locationCiphertext: bytea('location_ciphertext'),
    safeContactCiphertext: bytea('safe_contact_ciphertext'),
    /** The case's data key, wrapped by the master key named in `masterKeyId`. */
    dataKeyWrapped: bytea('data_key_wrapped'),
    masterKeyId: text('master_key_id'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    referredAt: tstz('referred_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('cases_reference_key').on(t.reference),
    check('cases_status_check', oneOf('status', CaseStatus.values)),
    check('cases_urgency_check', oneOf('urgency', Urgency.values)),
    check('cases_activities_check', allOf('activities', HrdActivity.values)),
    isoCheck('cases_country_of_nationality_check', 'country_of_nationality'),
    isoCheck('cases_country_of_asylum_check', 'country_of_asylum'),
    check('cases_version_check', sql`${t.version} >= 1`),
    index('cases_custodian_status_idx').on(t.custodianId, t.status),
    index('cases_origin_idx').on(t.originId),
    index('cases_created_idx').on(t.createdAt, t.id),
    index('cases_updated_idx').on(t.updatedAt, t.id),
    index('cases_status_idx').on(t.status),
    index('cases_urgency_idx').on(t.urgency),
    index('cases_country_of_asylum_idx').on(t.countryOfAsylum),
    index('cases_referred_idx').on(t.referredAt),
    index('cases_activities_idx').using('gin', t.activities),
  ],
);

export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    role: text('role').$type<PersonRole>().notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    sex: text('sex').$type<Sex>(),
    nationality: iso2('nationality'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('persons_role_check', oneOf('role', PersonRole.values)),
    check('persons_sex_check', oneOf('sex', Sex.values)),
    isoCheck('persons_nationality_check', 'nationality'),
    index('persons_case_idx').on(t.caseId),
    // Exactly one PRINCIPAL per case: at most one here, at least one checked by the service.
    uniqueIndex('persons_one_principal_key').on(t.caseId).where(sql`${t.role} = 'PRINCIPAL'`),
  ],
);

export const charges = pgTable(
  'charges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    jurisdiction: text('jurisdiction').notNull(),
    date: date('date', { mode: 'string' }),
    outcome: text('outcome').$type<ChargeOutcome>().notNull().default('PENDING'),
    partnerView: text('partner_view').$type<PartnerView>().notNull().default('UNKNOWN'),
    partnerNote: text('partner_note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('charges_outcome_check', oneOf('outcome', ChargeOutcome.values)),
    check('charges_partner_view_check', oneOf('partner_view', PartnerView.values)),
    index('charges_case_idx').on(t.caseId),
    index('charges_person_idx').on(t.personId),
  ],
);

/** The partner's assessment of a case: one row per case, answers in `assessment_answers`. */
export const assessments = pgTable(
  'assessments',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => cases.id, { onDelete: 'cascade' }),
    primaryCategory: text('primary_category').$type<SubmissionCategory>(),
    secondaryCategory: text('secondary_category').$type<SubmissionCategory>(),
    /** A CONSENT override needs a stated reason (audited). */
    consentOverrideReason: text('consent_override_reason'),
    /** Why the custodian concluded the case is not eligible. */
    notEligibleReason: text('not_eligible_reason'),
    /** Why the custodian withdrew the case (a case is withdrawn only once every criterion was MET). */
    withdrawalReason: text('withdrawal_reason'),
    assessedBy: uuid('assessed_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  () => [
    check('assessments_primary_category_check', oneOf('primary_category', SubmissionCategory.values)),
    check('assessments_secondary_category_check', oneOf('secondary_category', SubmissionCategory.values)),
  ],
);

export const assessmentAnswers = pgTable(
  'assessment_answers',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => assessments.caseId, { onDelete: 'cascade' }),
    criterion: text('criterion').$type<Criterion>().notNull(),
    answer: text('answer').$type<CriterionAnswer>().notNull(),
    justification: text('justification').notNull().default(''),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: tstz('answered_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.criterion] }),
    check('assessment_answers_criterion_check', oneOf('criterion', Criterion.values)),
    check('assessment_answers_answer_check', oneOf('answer', CriterionAnswer.values)),
  ],
);

export const transfers = pgTable(
  'transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<TransferKind>().notNull(),
    fromOrganizationId: uuid('from_organization_id')
      .notNull()
      .references(() => organizations.id),
    toOrganizationId: uuid('to_organization_id')
      .notNull()
      .references(() => organizations.id),
    status: text('status').$type<TransferStatus>().notNull().default('PENDING'),
    note: text('note'),
    /** The receiver's reason for declining, or the sender's for withdrawing. */
    decisionReason: text('decision_reason'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: tstz('decided_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('transfers_kind_check', oneOf('kind', TransferKind.values)),
    check('transfers_status_check', oneOf('status', TransferStatus.values)),
    check('transfers_decided_check', sql`(${t.status} = 'PENDING') = (${t.decidedAt} IS NULL)`),
    index('transfers_case_idx').on(t.caseId, t.createdAt),
    index('transfers_to_status_idx').on(t.toOrganizationId, t.status, t.createdAt),
    index('transfers_from_status_idx').on(t.fromOrganizationId, t.status, t.createdAt),
    // A case has at most one pending transfer at a time.
    uniqueIndex('transfers_one_pending_key').on(t.caseId).where(sql`${t.status} = 'PENDING'`),
  ],
);

export const immigrationFiles = pgTable(
  'immigration_files',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => cases.id, { onDelete: 'cascade' }),
    fileNumber: text('file_number').notNull(),
    stage: text('stage').$type<ImmigrationStage>().notNull().default('RECEIVED'),
    assignedOfficerId: uuid('assigned_officer_id').references(() => users.id),
    expedited: boolean('expedited').notNull().default(false),
    interviewAt: tstz('interview_at'),
    arrivedAt: tstz('arrived_at'),
    decisionOutcome: text('decision_outcome').$type<DecisionOutcome>(),
    decisionReasons: text('decision_reasons'),
    decisionOverrideNote: text('decision_override_note'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: tstz('decided_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('immigration_files_number_key').on(t.fileNumber),
    check('immigration_files_stage_check', oneOf('stage', ImmigrationStage.values)),
    check('immigration_files_outcome_check', oneOf('decision_outcome', DecisionOutcome.values)),
    index('immigration_files_queue_idx').on(t.stage, t.expedited, t.createdAt),
    index('immigration_files_officer_idx').on(t.assignedOfficerId),
  ],
);

export const immigrationChecks = pgTable(
  'immigration_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => immigrationFiles.caseId, { onDelete: 'cascade' }),
    kind: text('kind').$type<CheckKind>().notNull(),
    result: text('result').$type<CheckResult>().notNull().default('PENDING'),
    note: text('note'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: tstz('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    check('immigration_checks_kind_check', oneOf('kind', CheckKind.values)),
    check('immigration_checks_result_check', oneOf('result', CheckResult.values)),
    uniqueIndex('immigration_checks_case_kind_key').on(t.caseId, t.kind),
  ],
);

/** The charges a decision relied on (a refusal on criminality grounds must cite them). */
export const decisionCitedCharges = pgTable(
  'decision_cited_charges',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => immigrationFiles.caseId, { onDelete: 'cascade' }),
    chargeId: uuid('charge_id')
      .notNull()
      .references(() => charges.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.chargeId] })],
);

export const informationRequests = pgTable(
  'information_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    question: text('question').notNull(),
    answer: text('answer'),
    status: text('status').$type<InformationRequestStatus>().notNull().default('OPEN'),
    askedBy: uuid('asked_by').references(() => users.id),
    answeredBy: uuid('answered_by').references(() => users.id),
    createdAt: createdAt(),
    answeredAt: tstz('answered_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('information_requests_status_check', oneOf('status', InformationRequestStatus.values)),
    check('information_requests_answer_check', sql`(${t.status} = 'ANSWERED') = (${t.answer} IS NOT NULL)`),
    index('information_requests_case_idx').on(t.caseId, t.status),
    index('information_requests_status_idx').on(t.status, t.createdAt),
  ],
);

/** The annual cap of the stream, in persons (families included). */
export const quotas = pgTable(
  'quotas',
  {
    year: integer('year').primaryKey(),
    personCap: integer('person_cap').notNull(),
  },
  (t) => [check('quotas_person_cap_check', sql`${t.personCap} >= 0`)],
);

/** A partner's own share of a year's cap (FLD: up to 125 persons). */
export const quotaTargets = pgTable(
  'quota_targets',
  {
    year: integer('year')
      .notNull()
      .references(() => quotas.year, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    personTarget: integer('person_target').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.organizationId] }),
    check('quota_targets_person_target_check', sql`${t.personTarget} >= 0`),
  ],
);

/**
 * Append-only, hash-chained record of mutations, reads of IDENTITY/SECRET fields and denials.
 * One row per request and kind of access: `case_ids` and `fields` list what was touched.
 * Values themselves are never stored here.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: tstz('at').notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id),
    organizationId: uuid('organization_id').references(() => organizations.id),
    action: text('action').notNull(),
    caseIds: uuid('case_ids').array().notNull().default(sql`'{}'::uuid[]`),
    fields: text('fields').array().notNull().default(sql`'{}'::text[]`),
    outcome: text('outcome').$type<AuditOutcome>().notNull(),
    requestId: text('request_id'),
    /** Non-sensitive detail: a stated purpose, an override note's presence, an error code. */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    check('audit_events_outcome_check', oneOf('outcome', AuditOutcome.values)),
    index('audit_events_case_ids_idx').using('gin', t.caseIds),
    index('audit_events_actor_idx').on(t.actorId, t.at),
  ],
);

/**
 * The notifications outbox: written in the same transaction as the event it reports, shown in
 * the portal and drained by a mailer. It carries a reference and what happened, never identifying
 * or secret content.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** A single recipient, or null for every user of the organization. */
    userId: uuid('user_id').references(() => users.id),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'cascade' }),
    caseReference: text('case_reference'),
    event: text('event').notNull(),
    createdAt: createdAt(),
    readAt: tstz('read_at'),
    mailedAt: tstz('mailed_at'),
    mailAttempts: integer('mail_attempts').notNull().default(0),
  },
  (t) => [
    index('notifications_recipient_idx').on(t.organizationId, t.userId, t.createdAt),
    index('notifications_outbox_idx').on(t.createdAt).where(sql`${t.mailedAt} IS NULL`),
  ],
);
