-- The same fast path for writing a case that cases_select has for reading one (migration
-- policy_functions_without_search_path): custodian_id = hrd_org() is the CUSTODIAN relation (the
-- first branch of hrd_case_relation), and whether the caller's roles write IDENTITY under it is read
-- once per statement (hrd_relation_grants, an InitPlan; hrd_relation_allows answers the same for a
-- write: only a 'write' grant allows one). Where it does not hold, the full check decides, as
-- before: the policy admits exactly the same rows (tests/access/rls.db.test.ts compares both
-- expressions for every demo user and case).
--
-- Why: the full check calls SECURITY DEFINER SQL functions (hrd_case_relation, hrd_relation_allows),
-- which PostgreSQL plans again in every statement that calls them; an update of one case (its
-- SELECT … FOR UPDATE and its UPDATE) spent most of its 0.7 and 1.2 ms there.
ALTER POLICY cases_update ON cases
  USING ((custodian_id = (SELECT hrd_org()) AND (SELECT hrd_relation_grants('CUSTODIAN', 'IDENTITY', true)))
         OR hrd_relation_allows(id, hrd_case_relation(id, custodian_id, origin_id), 'IDENTITY', true)
         OR (hrd_case_relation(id, custodian_id, origin_id) = 'RECEIVER'
             AND hrd_relation_allows(id, 'RECEIVER', 'ASSESSMENT', false))
         OR (hrd_case_relation(id, custodian_id, origin_id) = 'IRCC'
             AND hrd_relation_allows(id, 'IRCC', 'IRCC_INTERNAL', true)));
--> statement-breakpoint
-- The guard trigger of case updates, with the same shortcut: a case whose custodian is the
-- caller's organization is the CUSTODIAN relation without asking hrd_case_relation (a SQL function,
-- planned again in every statement), and the list of changed columns, which only the RECEIVER and
-- IRCC branches look at, is computed only there. Every branch decides as before.
CREATE OR REPLACE FUNCTION cases_guard_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  rel text;
  changed text[];
BEGIN
  IF current_user <> 'hrd_app' THEN
    RETURN NEW;
  END IF;
  IF OLD.custodian_id = hrd_org() THEN
    rel := 'CUSTODIAN';
  ELSE
    rel := hrd_case_relation(OLD.id, OLD.custodian_id, OLD.origin_id);
  END IF;
  IF NEW.id <> OLD.id OR NEW.origin_id <> OLD.origin_id OR NEW.reference <> OLD.reference THEN
    RAISE EXCEPTION 'a case''s id, origin and reference never change' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF rel = 'CUSTODIAN' THEN
    IF NEW.custodian_id <> OLD.custodian_id THEN
      RAISE EXCEPTION 'custody moves only when the receiver accepts a transfer' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END IF;
  IF rel IN ('RECEIVER', 'IRCC') THEN
    SELECT coalesce(array_agg(n.key ORDER BY n.key), '{}') INTO changed
      FROM jsonb_each(to_jsonb(NEW)) n JOIN jsonb_each(to_jsonb(OLD)) o USING (key)
     WHERE n.value IS DISTINCT FROM o.value;
  END IF;
  IF rel = 'RECEIVER' THEN
    -- A receiver accepts (takes custody) or declines (moves the status back); nothing else.
    IF (NEW.custodian_id <> OLD.custodian_id AND NEW.custodian_id <> hrd_org())
       OR NOT changed <@ ARRAY['custodian_id', 'status', 'updated_at', 'version'] THEN
      RAISE EXCEPTION 'a receiver can only take custody or decline' USING ERRCODE = 'insufficient_privilege';
    END IF;
  ELSIF rel = 'IRCC' THEN
    IF NOT changed <@ ARRAY['status', 'updated_at', 'version'] THEN
      RAISE EXCEPTION 'IRCC records outcomes only' USING ERRCODE = 'insufficient_privilege';
    END IF;
  ELSE
    RAISE EXCEPTION 'no write access to this case' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
