-- Row-level security: the second wall behind the policy module (ACCESS.md, "Defense in depth").
--
-- Every GraphQL request runs in one transaction that switches to the role `hrd_app` (which owns
-- nothing and cannot bypass RLS) and sets, transaction-locally:
--   hrd.user_id, hrd.org_id, hrd.org_kind, hrd.roles (a text[] literal such as '{CASEWORKER}').
-- The policies below read them through small STABLE functions. The relation of the caller's
-- organization to a case is computed by hrd_case_relation(), SECURITY DEFINER so that it can read
-- transfers without recursing into their own policies. The grants come from `access_grants`,
-- which the server fills from the access table in @hrd/schema at every migration, so the
-- database and the policy module read the same matrix.

DO $$
BEGIN
  CREATE ROLE hrd_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
EXCEPTION WHEN duplicate_object THEN NULL;
END
$$;
--> statement-breakpoint
CREATE TABLE access_grants (
  relation text NOT NULL,
  role text NOT NULL,
  field_class text NOT NULL,
  "grant" text NOT NULL CHECK ("grant" IN ('none', 'read', 'write', 'aggregate', 'assigned')),
  PRIMARY KEY (relation, role, field_class)
);
--> statement-breakpoint
CREATE FUNCTION hrd_user() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('hrd.user_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION hrd_org() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('hrd.org_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION hrd_roles() RETURNS text[] LANGUAGE sql STABLE AS
$$ SELECT coalesce(nullif(current_setting('hrd.roles', true), ''), '{}')::text[] $$;
--> statement-breakpoint
CREATE FUNCTION hrd_case_relation(p_case uuid, p_custodian uuid, p_origin uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE
    WHEN s.org IS NULL THEN NULL
    WHEN p_custodian = s.org THEN 'CUSTODIAN'
    WHEN EXISTS (SELECT 1 FROM transfers t
                  WHERE t.case_id = p_case AND t.status = 'PENDING'
                    AND t.kind <> 'RESETTLEMENT_REFERRAL' AND t.to_organization_id = s.org) THEN 'RECEIVER'
    WHEN s.kind = 'IRCC' AND EXISTS (SELECT 1 FROM transfers t
                  WHERE t.case_id = p_case AND t.kind = 'RESETTLEMENT_REFERRAL'
                    AND t.status IN ('PENDING', 'ACCEPTED')) THEN 'IRCC'
    WHEN p_origin = s.org OR EXISTS (SELECT 1 FROM transfers t
                  WHERE t.case_id = p_case AND t.from_organization_id = s.org
                    AND t.status = 'ACCEPTED' AND t.kind <> 'RESETTLEMENT_REFERRAL') THEN 'FORMER'
  END
  FROM (SELECT nullif(current_setting('hrd.org_id', true), '')::uuid AS org,
               current_setting('hrd.org_kind', true) AS kind) s
$$;
--> statement-breakpoint
CREATE FUNCTION hrd_case_relation_by_id(p_case uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT hrd_case_relation(c.id, c.custodian_id, c.origin_id) FROM cases c WHERE c.id = p_case
$$;
--> statement-breakpoint
-- May the caller, through this relation, read (or write) this class of the case?
CREATE FUNCTION hrd_relation_allows(p_case uuid, p_relation text, p_class text, p_write boolean) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce(bool_or(
    CASE g."grant"
      WHEN 'write' THEN true
      WHEN 'read' THEN NOT p_write
      WHEN 'assigned' THEN NOT p_write AND EXISTS (
        SELECT 1 FROM immigration_files f WHERE f.case_id = p_case AND f.assigned_officer_id = hrd_user())
      ELSE false
    END), false)
  FROM access_grants g
  WHERE p_relation IS NOT NULL AND g.relation = p_relation AND g.field_class = p_class
    AND g.role = ANY (hrd_roles())
$$;
--> statement-breakpoint
CREATE FUNCTION hrd_can(p_case uuid, p_class text, p_write boolean) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT hrd_relation_allows(p_case, hrd_case_relation_by_id(p_case), p_class, p_write)
$$;
--> statement-breakpoint
ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY cases_select ON cases FOR SELECT TO hrd_app
  USING (hrd_relation_allows(id, hrd_case_relation(id, custodian_id, origin_id), 'META', false));
--> statement-breakpoint
-- A case is created by its first custodian, which is also its origin.
CREATE POLICY cases_insert ON cases FOR INSERT TO hrd_app
  WITH CHECK (custodian_id = hrd_org() AND origin_id = hrd_org());
--> statement-breakpoint
-- Custodians edit; receivers take custody on accepting; IRCC records outcomes on the case.
CREATE POLICY cases_update ON cases FOR UPDATE TO hrd_app
  USING (hrd_case_relation(id, custodian_id, origin_id) IN ('CUSTODIAN', 'RECEIVER', 'IRCC'))
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE persons ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY persons_select ON persons FOR SELECT TO hrd_app USING (hrd_can(case_id, 'IDENTITY', false));
--> statement-breakpoint
CREATE POLICY persons_write ON persons FOR ALL TO hrd_app
  USING (hrd_can(case_id, 'IDENTITY', true)) WITH CHECK (hrd_can(case_id, 'IDENTITY', true));
--> statement-breakpoint
ALTER TABLE charges ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY charges_select ON charges FOR SELECT TO hrd_app USING (hrd_can(case_id, 'CHARGES', false));
--> statement-breakpoint
CREATE POLICY charges_write ON charges FOR ALL TO hrd_app
  USING (hrd_can(case_id, 'CHARGES', true)) WITH CHECK (hrd_can(case_id, 'CHARGES', true));
--> statement-breakpoint
ALTER TABLE assessments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY assessments_select ON assessments FOR SELECT TO hrd_app USING (hrd_can(case_id, 'ASSESSMENT', false));
--> statement-breakpoint
CREATE POLICY assessments_write ON assessments FOR ALL TO hrd_app
  USING (hrd_can(case_id, 'ASSESSMENT', true)) WITH CHECK (hrd_can(case_id, 'ASSESSMENT', true));
--> statement-breakpoint
ALTER TABLE assessment_answers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY assessment_answers_select ON assessment_answers FOR SELECT TO hrd_app
  USING (hrd_can(case_id, 'ASSESSMENT', false));
--> statement-breakpoint
CREATE POLICY assessment_answers_write ON assessment_answers FOR ALL TO hrd_app
  USING (hrd_can(case_id, 'ASSESSMENT', true)) WITH CHECK (hrd_can(case_id, 'ASSESSMENT', true));
--> statement-breakpoint
ALTER TABLE transfers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY transfers_select ON transfers FOR SELECT TO hrd_app USING (hrd_can(case_id, 'META', false));
--> statement-breakpoint
-- Only the custodian sends a case on (or refers it).
CREATE POLICY transfers_insert ON transfers FOR INSERT TO hrd_app
  WITH CHECK (from_organization_id = hrd_org() AND hrd_case_relation_by_id(case_id) = 'CUSTODIAN');
--> statement-breakpoint
-- The sender withdraws, the receiver (or IRCC, for a referral) decides.
CREATE POLICY transfers_update ON transfers FOR UPDATE TO hrd_app
  USING (from_organization_id = hrd_org() OR to_organization_id = hrd_org()) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE immigration_files ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY immigration_files_select ON immigration_files FOR SELECT TO hrd_app USING (hrd_can(case_id, 'META', false));
--> statement-breakpoint
CREATE POLICY immigration_files_write ON immigration_files FOR ALL TO hrd_app
  USING (hrd_can(case_id, 'IRCC_INTERNAL', true)) WITH CHECK (hrd_can(case_id, 'IRCC_INTERNAL', true));
--> statement-breakpoint
ALTER TABLE immigration_checks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY immigration_checks_select ON immigration_checks FOR SELECT TO hrd_app
  USING (hrd_can(case_id, 'IRCC_INTERNAL', false));
--> statement-breakpoint
CREATE POLICY immigration_checks_write ON immigration_checks FOR ALL TO hrd_app
  USING (hrd_can(case_id, 'IRCC_INTERNAL', true)) WITH CHECK (hrd_can(case_id, 'IRCC_INTERNAL', true));
--> statement-breakpoint
ALTER TABLE decision_cited_charges ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY decision_cited_charges_select ON decision_cited_charges FOR SELECT TO hrd_app
  USING (hrd_can(case_id, 'IRCC_INTERNAL', false));
--> statement-breakpoint
CREATE POLICY decision_cited_charges_write ON decision_cited_charges FOR ALL TO hrd_app
  USING (hrd_can(case_id, 'IRCC_INTERNAL', true)) WITH CHECK (hrd_can(case_id, 'IRCC_INTERNAL', true));
--> statement-breakpoint
ALTER TABLE information_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- IRCC officers ask; the custodian partner reads and answers.
CREATE POLICY information_requests_select ON information_requests FOR SELECT TO hrd_app
  USING (hrd_can(case_id, 'IRCC_INTERNAL', false)
         OR (hrd_case_relation_by_id(case_id) = 'CUSTODIAN' AND hrd_can(case_id, 'IDENTITY', false)));
--> statement-breakpoint
CREATE POLICY information_requests_insert ON information_requests FOR INSERT TO hrd_app
  WITH CHECK (hrd_can(case_id, 'IRCC_INTERNAL', true));
--> statement-breakpoint
CREATE POLICY information_requests_update ON information_requests FOR UPDATE TO hrd_app
  USING (hrd_can(case_id, 'IRCC_INTERNAL', true)
         OR (hrd_case_relation_by_id(case_id) = 'CUSTODIAN' AND hrd_can(case_id, 'IDENTITY', true)))
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notifications_select ON notifications FOR SELECT TO hrd_app
  USING (organization_id = hrd_org() AND (user_id IS NULL OR user_id = hrd_user()));
--> statement-breakpoint
CREATE POLICY notifications_update ON notifications FOR UPDATE TO hrd_app
  USING (organization_id = hrd_org() AND (user_id IS NULL OR user_id = hrd_user())) WITH CHECK (true);
--> statement-breakpoint
-- Notifications are written for other organizations as events happen.
CREATE POLICY notifications_insert ON notifications FOR INSERT TO hrd_app WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE reference_counters ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY reference_counters_own ON reference_counters FOR ALL TO hrd_app
  USING (organization_id = hrd_org()) WITH CHECK (organization_id = hrd_org());
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO hrd_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO hrd_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM hrd_app;
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON access_grants FROM hrd_app;
--> statement-breakpoint
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO hrd_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO hrd_app;
