-- Write walls that look at roles and at what a change does, not only at the relation:
-- an org admin or an analyst changes nothing; a custodian cannot give custody away by UPDATE;
-- a receiver can only take custody; IRCC can only record an outcome; a transfer can only be
-- decided (by its receiver) or withdrawn (by its sender), once, and never redirected.

DROP POLICY cases_update ON cases;
--> statement-breakpoint
CREATE POLICY cases_update ON cases FOR UPDATE TO hrd_app
  USING (
    hrd_relation_allows(id, hrd_case_relation(id, custodian_id, origin_id), 'IDENTITY', true)
    OR (hrd_case_relation(id, custodian_id, origin_id) = 'RECEIVER'
        AND hrd_relation_allows(id, 'RECEIVER', 'ASSESSMENT', false))
    OR (hrd_case_relation(id, custodian_id, origin_id) = 'IRCC'
        AND hrd_relation_allows(id, 'IRCC', 'IRCC_INTERNAL', true)))
  WITH CHECK (true);
--> statement-breakpoint
-- Column-level rules for the application role (the owner and SECURITY DEFINER code pass).
CREATE FUNCTION cases_guard_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  rel text;
  changed text[];
BEGIN
  IF current_user <> 'hrd_app' THEN
    RETURN NEW;
  END IF;
  rel := hrd_case_relation(OLD.id, OLD.custodian_id, OLD.origin_id);
  SELECT coalesce(array_agg(n.key ORDER BY n.key), '{}') INTO changed
    FROM jsonb_each(to_jsonb(NEW)) n JOIN jsonb_each(to_jsonb(OLD)) o USING (key)
   WHERE n.value IS DISTINCT FROM o.value;
  IF NEW.id <> OLD.id OR NEW.origin_id <> OLD.origin_id OR NEW.reference <> OLD.reference THEN
    RAISE EXCEPTION 'a case''s id, origin and reference never change' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF rel = 'CUSTODIAN' THEN
    IF NEW.custodian_id <> OLD.custodian_id THEN
      RAISE EXCEPTION 'custody moves only when the receiver accepts a transfer' USING ERRCODE = 'insufficient_privilege';
    END IF;
  ELSIF rel = 'RECEIVER' THEN
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
--> statement-breakpoint
CREATE TRIGGER cases_guard_update BEFORE UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION cases_guard_update();
--> statement-breakpoint
DROP POLICY transfers_insert ON transfers;
--> statement-breakpoint
CREATE POLICY transfers_insert ON transfers FOR INSERT TO hrd_app
  WITH CHECK (from_organization_id = hrd_org() AND status = 'PENDING'
              AND hrd_case_relation_by_id(case_id) = 'CUSTODIAN' AND hrd_can(case_id, 'IDENTITY', true));
--> statement-breakpoint
DROP POLICY transfers_update ON transfers;
--> statement-breakpoint
CREATE POLICY transfers_update ON transfers FOR UPDATE TO hrd_app
  USING (status = 'PENDING'
         AND (from_organization_id = hrd_org() OR to_organization_id = hrd_org())
         AND hrd_roles() && ARRAY['CASEWORKER', 'INTAKE_COORDINATOR', 'REFERRER', 'OFFICER'])
  WITH CHECK (true);
--> statement-breakpoint
CREATE FUNCTION transfers_guard_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed text[];
BEGIN
  IF current_user <> 'hrd_app' THEN
    RETURN NEW;
  END IF;
  SELECT coalesce(array_agg(n.key ORDER BY n.key), '{}') INTO changed
    FROM jsonb_each(to_jsonb(NEW)) n JOIN jsonb_each(to_jsonb(OLD)) o USING (key)
   WHERE n.value IS DISTINCT FROM o.value;
  IF OLD.status <> 'PENDING'
     OR NOT changed <@ ARRAY['status', 'decision_reason', 'decided_by', 'decided_at', 'version'] THEN
    RAISE EXCEPTION 'a transfer is decided or withdrawn once, and never redirected'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.status = 'WITHDRAWN' AND OLD.from_organization_id <> hrd_org() THEN
    RAISE EXCEPTION 'only the sender withdraws a transfer' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.status IN ('ACCEPTED', 'DECLINED') AND OLD.to_organization_id <> hrd_org() THEN
    RAISE EXCEPTION 'only the receiver accepts or declines a transfer' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER transfers_guard_update BEFORE UPDATE ON transfers FOR EACH ROW EXECUTE FUNCTION transfers_guard_update();
--> statement-breakpoint
DROP POLICY notifications_insert ON notifications;
--> statement-breakpoint
CREATE POLICY notifications_insert ON notifications FOR INSERT TO hrd_app WITH CHECK (hrd_user() IS NOT NULL);
--> statement-breakpoint
-- The audit chain: the application role appends, and reads only through the two functions
-- below (its head, for appending; a case's trail, for its custodian and IRCC officers).
REVOKE SELECT ON audit_events FROM hrd_app;
--> statement-breakpoint
CREATE FUNCTION hrd_audit_head() RETURNS TABLE (seq bigint, hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT e.seq, e.hash FROM audit_events e ORDER BY e.seq DESC LIMIT 1
$$;
--> statement-breakpoint
CREATE FUNCTION hrd_audit_trail(p_case uuid, p_before bigint, p_limit integer)
RETURNS TABLE (seq bigint, at timestamptz, actor_id uuid, actor_name text, organization_name text,
               action text, fields text[], outcome text, purpose text, request_id text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT e.seq, e.at, e.actor_id, u.display_name, o.name, e.action, e.fields, e.outcome,
         e.detail->>'purpose', e.request_id
    FROM audit_events e
    LEFT JOIN users u ON u.id = e.actor_id
    LEFT JOIN organizations o ON o.id = e.organization_id
   WHERE e.case_ids @> ARRAY[p_case]
     AND (p_before IS NULL OR e.seq < p_before)
     AND ((hrd_case_relation_by_id(p_case) = 'CUSTODIAN'
           AND hrd_roles() && ARRAY['CASEWORKER', 'INTAKE_COORDINATOR', 'REFERRER'])
       OR (hrd_case_relation_by_id(p_case) = 'IRCC' AND 'OFFICER' = ANY (hrd_roles())))
   ORDER BY e.seq DESC
   LIMIT p_limit
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hrd_audit_head(), hrd_audit_trail(uuid, bigint, integer) TO hrd_app;
