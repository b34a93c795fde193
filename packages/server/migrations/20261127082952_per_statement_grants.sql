-- Performance (issue #10): the per-row check of the SELECT policies on persons, charges,
-- assessments, assessment answers, transfers, files, checks and cited charges.
--
-- 1. hrd_can looked the caller's grant up in access_grants for every row (a query per row, about a
--    third of its cost). The grants of the caller's roles for a class depend on nothing in the
--    row: hrd_caller_grants(class) reads them once per statement (an uncorrelated sub-select in
--    the policy is an InitPlan), and hrd_can_with takes them as an argument. Same logic as
--    hrd_can: the relation from the case, then the strongest of the caller's grants for it
--    ('assigned': only the officer the case's file is assigned to).
--
-- 2. The FOR ALL "write" policies also applied to SELECT, so a caller who may only read paid two
--    checks a row (read OR write). Each is split into INSERT, UPDATE and DELETE policies with the
--    same expressions. What SELECT admits is unchanged: a 'write' grant passes the read check too,
--    so "read OR write" was "read". UPDATE and DELETE still need the write check (and UPDATE, as
--    before, rows the SELECT policy admits); INSERT the write check.
--
-- hrd_caller_grants keeps its own search_path (it runs once per statement). hrd_can_with runs per
-- row and, like hrd_can (migration policy_functions_without_search_path), has none: it names
-- every table and function with its schema.
CREATE FUNCTION hrd_caller_grants(p_class text) RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT coalesce(array_agg(DISTINCT g.relation || ':' || g."grant"), '{}')
    FROM public.access_grants g
   WHERE g.field_class = p_class
     AND g.role = ANY (coalesce(nullif(current_setting('hrd.roles', true), ''), '{}')::text[])
$$;
--> statement-breakpoint
CREATE FUNCTION hrd_can_with(p_case uuid, p_class text, p_write boolean, p_grants text[]) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
DECLARE
  v_org uuid := nullif(pg_catalog.current_setting('hrd.org_id', true), '')::uuid;
  v_custodian uuid;
  v_origin uuid;
  v_relation text;
BEGIN
  IF v_org IS NULL OR p_grants IS NULL OR pg_catalog.cardinality(p_grants) = 0 THEN
    RETURN false;
  END IF;
  SELECT c.custodian_id, c.origin_id INTO v_custodian, v_origin FROM public.cases c WHERE c.id = p_case;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  IF v_custodian = v_org THEN
    v_relation := 'CUSTODIAN';
  ELSIF EXISTS (SELECT 1 FROM public.transfers t
                 WHERE t.case_id = p_case AND t.status = 'PENDING'
                   AND t.kind <> 'RESETTLEMENT_REFERRAL' AND t.to_organization_id = v_org) THEN
    v_relation := 'RECEIVER';
  ELSIF pg_catalog.current_setting('hrd.org_kind', true) = 'IRCC' AND EXISTS (SELECT 1 FROM public.transfers t
                 WHERE t.case_id = p_case AND t.kind = 'RESETTLEMENT_REFERRAL'
                   AND t.status IN ('PENDING', 'ACCEPTED')) THEN
    v_relation := 'IRCC';
  ELSIF v_origin = v_org OR EXISTS (SELECT 1 FROM public.transfers t
                 WHERE t.case_id = p_case AND t.from_organization_id = v_org
                   AND t.status = 'ACCEPTED' AND t.kind <> 'RESETTLEMENT_REFERRAL') THEN
    v_relation := 'FORMER';
  ELSE
    RETURN false;
  END IF;
  IF (v_relation || ':write') = ANY (p_grants) THEN
    RETURN true;
  END IF;
  IF p_write THEN
    RETURN false;
  END IF;
  IF (v_relation || ':read') = ANY (p_grants) THEN
    RETURN true;
  END IF;
  RETURN (v_relation || ':assigned') = ANY (p_grants) AND EXISTS (
    SELECT 1 FROM public.immigration_files f
     WHERE f.case_id = p_case
       AND f.assigned_officer_id = nullif(pg_catalog.current_setting('hrd.user_id', true), '')::uuid);
END
$$;
--> statement-breakpoint
ALTER POLICY persons_select ON persons
  USING (hrd_can_with(case_id, 'IDENTITY', false, (SELECT hrd_caller_grants('IDENTITY'))));
--> statement-breakpoint
ALTER POLICY charges_select ON charges
  USING (hrd_can_with(case_id, 'CHARGES', false, (SELECT hrd_caller_grants('CHARGES'))));
--> statement-breakpoint
ALTER POLICY assessments_select ON assessments
  USING (hrd_can_with(case_id, 'ASSESSMENT', false, (SELECT hrd_caller_grants('ASSESSMENT'))));
--> statement-breakpoint
ALTER POLICY assessment_answers_select ON assessment_answers
  USING (hrd_can_with(case_id, 'ASSESSMENT', false, (SELECT hrd_caller_grants('ASSESSMENT'))));
--> statement-breakpoint
ALTER POLICY transfers_select ON transfers
  USING (hrd_can_with(case_id, 'META', false, (SELECT hrd_caller_grants('META'))));
--> statement-breakpoint
ALTER POLICY immigration_files_select ON immigration_files
  USING (hrd_can_with(case_id, 'META', false, (SELECT hrd_caller_grants('META'))));
--> statement-breakpoint
ALTER POLICY immigration_checks_select ON immigration_checks
  USING (hrd_can_with(case_id, 'IRCC_INTERNAL', false, (SELECT hrd_caller_grants('IRCC_INTERNAL'))));
--> statement-breakpoint
ALTER POLICY decision_cited_charges_select ON decision_cited_charges
  USING (hrd_can_with(case_id, 'IRCC_INTERNAL', false, (SELECT hrd_caller_grants('IRCC_INTERNAL'))));
--> statement-breakpoint
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
      ('persons', 'IDENTITY'), ('charges', 'CHARGES'), ('assessments', 'ASSESSMENT'),
      ('assessment_answers', 'ASSESSMENT'), ('immigration_files', 'IRCC_INTERNAL'),
      ('immigration_checks', 'IRCC_INTERNAL'), ('decision_cited_charges', 'IRCC_INTERNAL')) AS v(tbl, cls)
  LOOP
    EXECUTE format('DROP POLICY %I ON %I', t.tbl || '_write', t.tbl);
    EXECUTE format('CREATE POLICY %I ON %I FOR INSERT TO hrd_app WITH CHECK (hrd_can(case_id, %L, true))',
                   t.tbl || '_insert', t.tbl, t.cls);
    EXECUTE format('CREATE POLICY %I ON %I FOR UPDATE TO hrd_app USING (hrd_can(case_id, %L, true)) WITH CHECK (hrd_can(case_id, %L, true))',
                   t.tbl || '_update', t.tbl, t.cls, t.cls);
    EXECUTE format('CREATE POLICY %I ON %I FOR DELETE TO hrd_app USING (hrd_can(case_id, %L, true))',
                   t.tbl || '_delete', t.tbl, t.cls);
  END LOOP;
END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hrd_caller_grants(text), hrd_can_with(uuid, text, boolean, text[]) TO hrd_app;
