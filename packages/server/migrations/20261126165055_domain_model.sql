CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "assessment_answers" (
	"case_id" uuid NOT NULL,
	"criterion" text NOT NULL,
	"answer" text NOT NULL,
	"justification" text DEFAULT '' NOT NULL,
	"answered_by" uuid,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_answers_case_id_criterion_pk" PRIMARY KEY("case_id","criterion"),
	CONSTRAINT "assessment_answers_criterion_check" CHECK ("criterion" IN ('HRD_TRACK_RECORD', 'AT_RISK', 'REFUGEE_DEFINITION', 'NO_DURABLE_SOLUTION', 'CONSENT', 'FAMILY_VERIFIED')),
	CONSTRAINT "assessment_answers_answer_check" CHECK ("answer" IN ('MET', 'NOT_MET', 'UNKNOWN'))
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"primary_category" text,
	"secondary_category" text,
	"consent_override_reason" text,
	"assessed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assessments_primary_category_check" CHECK ("primary_category" IN ('LEGAL_PHYSICAL_PROTECTION', 'SURVIVOR_OF_VIOLENCE_TORTURE', 'WOMEN_GIRLS_AT_RISK', 'CHILDREN_AT_RISK', 'MEDICAL_NEEDS', 'FAMILY_REUNIFICATION', 'NO_ALTERNATIVE_DURABLE_SOLUTION')),
	CONSTRAINT "assessments_secondary_category_check" CHECK ("secondary_category" IN ('LEGAL_PHYSICAL_PROTECTION', 'SURVIVOR_OF_VIOLENCE_TORTURE', 'WOMEN_GIRLS_AT_RISK', 'CHILDREN_AT_RISK', 'MEDICAL_NEEDS', 'FAMILY_REUNIFICATION', 'NO_ALTERNATIVE_DURABLE_SOLUTION'))
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"organization_id" uuid,
	"action" text NOT NULL,
	"case_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"outcome" text NOT NULL,
	"request_id" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_outcome_check" CHECK ("outcome" IN ('ALLOWED', 'DENIED'))
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"custodian_id" uuid NOT NULL,
	"origin_id" uuid NOT NULL,
	"status" text DEFAULT 'DRAFT' NOT NULL,
	"urgency" text DEFAULT 'NORMAL' NOT NULL,
	"country_of_nationality" char(2),
	"country_of_asylum" char(2),
	"activities" text[] DEFAULT '{}'::text[] NOT NULL,
	"hrd_summary" text,
	"risk_summary" text,
	"in_hiding" boolean DEFAULT false NOT NULL,
	"location_ciphertext" "bytea",
	"safe_contact_ciphertext" "bytea",
	"data_key_wrapped" "bytea",
	"master_key_id" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"referred_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cases_status_check" CHECK ("status" IN ('DRAFT', 'SUBMITTED', 'IN_TRIAGE', 'DISTRIBUTED', 'DECLINED', 'IN_ASSESSMENT', 'NOT_ELIGIBLE', 'READY_TO_REFER', 'REFERRED', 'APPROVED', 'REFUSED', 'ARRIVED', 'WITHDRAWN')),
	CONSTRAINT "cases_urgency_check" CHECK ("urgency" IN ('EMERGENCY', 'URGENT', 'NORMAL')),
	CONSTRAINT "cases_activities_check" CHECK ("activities" <@ ARRAY['JOURNALISM', 'LAND_ENVIRONMENT', 'WOMENS_RIGHTS', 'LGBTIQ_RIGHTS', 'INDIGENOUS_RIGHTS', 'LABOUR_RIGHTS', 'ANTI_CORRUPTION', 'LEGAL_DEFENCE', 'OTHER']::text[]),
	CONSTRAINT "cases_country_of_nationality_check" CHECK ("country_of_nationality" ~ '^[A-Z]{2}$'),
	CONSTRAINT "cases_country_of_asylum_check" CHECK ("country_of_asylum" ~ '^[A-Z]{2}$'),
	CONSTRAINT "cases_version_check" CHECK ("cases"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "charges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"description" text NOT NULL,
	"jurisdiction" text NOT NULL,
	"date" date,
	"outcome" text DEFAULT 'PENDING' NOT NULL,
	"partner_view" text DEFAULT 'UNKNOWN' NOT NULL,
	"partner_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "charges_outcome_check" CHECK ("outcome" IN ('PENDING', 'CONVICTED', 'ACQUITTED', 'DROPPED')),
	CONSTRAINT "charges_partner_view_check" CHECK ("partner_view" IN ('JUDICIAL_HARASSMENT', 'ORDINARY', 'UNKNOWN'))
);
--> statement-breakpoint
CREATE TABLE "decision_cited_charges" (
	"case_id" uuid NOT NULL,
	"charge_id" uuid NOT NULL,
	CONSTRAINT "decision_cited_charges_case_id_charge_id_pk" PRIMARY KEY("case_id","charge_id")
);
--> statement-breakpoint
CREATE TABLE "immigration_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"result" text DEFAULT 'PENDING' NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "immigration_checks_kind_check" CHECK ("kind" IN ('ELIGIBILITY', 'MEDICAL', 'SECURITY', 'CRIMINALITY')),
	CONSTRAINT "immigration_checks_result_check" CHECK ("result" IN ('PENDING', 'PASSED', 'FAILED'))
);
--> statement-breakpoint
CREATE TABLE "immigration_files" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"file_number" text NOT NULL,
	"stage" text DEFAULT 'RECEIVED' NOT NULL,
	"assigned_officer_id" uuid,
	"expedited" boolean DEFAULT false NOT NULL,
	"interview_at" timestamp with time zone,
	"arrived_at" timestamp with time zone,
	"decision_outcome" text,
	"decision_reasons" text,
	"decision_override_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "immigration_files_stage_check" CHECK ("stage" IN ('RECEIVED', 'ELIGIBILITY_REVIEW', 'INTERVIEW', 'ADMISSIBILITY', 'DECISION', 'APPROVED', 'TRAVEL', 'ARRIVED', 'REFUSED')),
	CONSTRAINT "immigration_files_outcome_check" CHECK ("decision_outcome" IN ('APPROVED', 'REFUSED'))
);
--> statement-breakpoint
CREATE TABLE "information_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"question" text NOT NULL,
	"answer" text,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"asked_by" uuid,
	"answered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "information_requests_status_check" CHECK ("status" IN ('OPEN', 'ANSWERED')),
	CONSTRAINT "information_requests_answer_check" CHECK (("information_requests"."status" = 'ANSWERED') = ("information_requests"."answer" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid,
	"case_id" uuid,
	"case_reference" text,
	"event" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	"mailed_at" timestamp with time zone,
	"mail_attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"country_code" char(2),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_kind_check" CHECK ("kind" IN ('UNHCR', 'FLD', 'PD', 'THIRD_PARTY', 'IRCC')),
	CONSTRAINT "organizations_country_code_check" CHECK ("country_code" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"role" text NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"date_of_birth" date,
	"sex" text,
	"nationality" char(2),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "persons_role_check" CHECK ("role" IN ('PRINCIPAL', 'SPOUSE', 'CHILD', 'PARENT', 'SIBLING', 'OTHER_DEPENDANT')),
	CONSTRAINT "persons_sex_check" CHECK ("sex" IN ('F', 'M', 'X')),
	CONSTRAINT "persons_nationality_check" CHECK ("nationality" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "quota_targets" (
	"year" integer NOT NULL,
	"organization_id" uuid NOT NULL,
	"person_target" integer NOT NULL,
	CONSTRAINT "quota_targets_year_organization_id_pk" PRIMARY KEY("year","organization_id"),
	CONSTRAINT "quota_targets_person_target_check" CHECK ("quota_targets"."person_target" >= 0)
);
--> statement-breakpoint
CREATE TABLE "quotas" (
	"year" integer PRIMARY KEY NOT NULL,
	"person_cap" integer NOT NULL,
	CONSTRAINT "quotas_person_cap_check" CHECK ("quotas"."person_cap" >= 0)
);
--> statement-breakpoint
CREATE TABLE "reference_counters" (
	"organization_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_value" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "reference_counters_organization_id_year_pk" PRIMARY KEY("organization_id","year")
);
--> statement-breakpoint
CREATE TABLE "transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_organization_id" uuid NOT NULL,
	"to_organization_id" uuid NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"note" text,
	"decision_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "transfers_kind_check" CHECK ("kind" IN ('SUBMISSION', 'DISTRIBUTION', 'OFFER', 'RESETTLEMENT_REFERRAL')),
	CONSTRAINT "transfers_status_check" CHECK ("status" IN ('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN')),
	CONSTRAINT "transfers_decided_check" CHECK (("transfers"."status" = 'PENDING') = ("transfers"."decided_at" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "users_roles_check" CHECK ("roles" <@ ARRAY['CASEWORKER', 'INTAKE_COORDINATOR', 'REFERRER', 'OFFICER', 'ANALYST', 'ORG_ADMIN']::text[])
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_answers" ADD CONSTRAINT "assessment_answers_case_id_assessments_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."assessments"("case_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_answers" ADD CONSTRAINT "assessment_answers_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_custodian_id_organizations_id_fk" FOREIGN KEY ("custodian_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_origin_id_organizations_id_fk" FOREIGN KEY ("origin_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_cited_charges" ADD CONSTRAINT "decision_cited_charges_case_id_immigration_files_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."immigration_files"("case_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_cited_charges" ADD CONSTRAINT "decision_cited_charges_charge_id_charges_id_fk" FOREIGN KEY ("charge_id") REFERENCES "public"."charges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "immigration_checks" ADD CONSTRAINT "immigration_checks_case_id_immigration_files_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."immigration_files"("case_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "immigration_checks" ADD CONSTRAINT "immigration_checks_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "immigration_files" ADD CONSTRAINT "immigration_files_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "immigration_files" ADD CONSTRAINT "immigration_files_assigned_officer_id_users_id_fk" FOREIGN KEY ("assigned_officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "immigration_files" ADD CONSTRAINT "immigration_files_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_requests" ADD CONSTRAINT "information_requests_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_requests" ADD CONSTRAINT "information_requests_asked_by_users_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_requests" ADD CONSTRAINT "information_requests_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_targets" ADD CONSTRAINT "quota_targets_year_quotas_year_fk" FOREIGN KEY ("year") REFERENCES "public"."quotas"("year") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_targets" ADD CONSTRAINT "quota_targets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_counters" ADD CONSTRAINT "reference_counters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_from_organization_id_organizations_id_fk" FOREIGN KEY ("from_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_to_organization_id_organizations_id_fk" FOREIGN KEY ("to_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_events_case_ids_idx" ON "audit_events" USING gin ("case_ids");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_reference_key" ON "cases" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "cases_custodian_status_idx" ON "cases" USING btree ("custodian_id","status");--> statement-breakpoint
CREATE INDEX "cases_origin_idx" ON "cases" USING btree ("origin_id");--> statement-breakpoint
CREATE INDEX "cases_created_idx" ON "cases" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "cases_status_idx" ON "cases" USING btree ("status");--> statement-breakpoint
CREATE INDEX "cases_urgency_idx" ON "cases" USING btree ("urgency");--> statement-breakpoint
CREATE INDEX "cases_country_of_asylum_idx" ON "cases" USING btree ("country_of_asylum");--> statement-breakpoint
CREATE INDEX "cases_referred_idx" ON "cases" USING btree ("referred_at");--> statement-breakpoint
CREATE INDEX "cases_activities_idx" ON "cases" USING gin ("activities");--> statement-breakpoint
CREATE INDEX "charges_case_idx" ON "charges" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "charges_person_idx" ON "charges" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "immigration_checks_case_kind_key" ON "immigration_checks" USING btree ("case_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "immigration_files_number_key" ON "immigration_files" USING btree ("file_number");--> statement-breakpoint
CREATE INDEX "immigration_files_queue_idx" ON "immigration_files" USING btree ("stage","expedited","created_at");--> statement-breakpoint
CREATE INDEX "immigration_files_officer_idx" ON "immigration_files" USING btree ("assigned_officer_id");--> statement-breakpoint
CREATE INDEX "information_requests_case_idx" ON "information_requests" USING btree ("case_id","status");--> statement-breakpoint
CREATE INDEX "information_requests_status_idx" ON "information_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "notifications" USING btree ("organization_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_outbox_idx" ON "notifications" USING btree ("created_at") WHERE "notifications"."mailed_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_name_key" ON "organizations" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_single_kind_key" ON "organizations" USING btree ("kind") WHERE "organizations"."kind" <> 'THIRD_PARTY';--> statement-breakpoint
CREATE INDEX "persons_case_idx" ON "persons" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_one_principal_key" ON "persons" USING btree ("case_id") WHERE "persons"."role" = 'PRINCIPAL';--> statement-breakpoint
CREATE INDEX "transfers_case_idx" ON "transfers" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "transfers_to_status_idx" ON "transfers" USING btree ("to_organization_id","status","created_at");--> statement-breakpoint
CREATE INDEX "transfers_from_status_idx" ON "transfers" USING btree ("from_organization_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "transfers_one_pending_key" ON "transfers" USING btree ("case_id") WHERE "transfers"."status" = 'PENDING';--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_organization_idx" ON "users" USING btree ("organization_id");