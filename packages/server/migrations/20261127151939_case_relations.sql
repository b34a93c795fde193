-- Which organizations are RECEIVER or FORMER of each case, kept in a table, so that the cases an
-- organization sees are a look-up instead of a computation over every case.
--
-- Why: a case that the caller's organization does not hold was checked by cases_select with
-- hrd_relation_allows(hrd_case_relation(…)), two function calls that look the case's transfers up,
-- once per row (about 20 µs). With 100,000 cases, FLD's count of the cases it sees took 1.5 s under
-- RLS (0.15 s without), and its first page 45–95 ms; the application's own filter (relationSql)
-- hashed every accepted transfer from FLD, twice.
--
-- case_relations holds, for every case, one row per organization whose relation to it is
-- RECEIVER or FORMER, exactly as hrd_case_relation computes it for a caller outside IRCC:
--   * RECEIVER: a pending transfer of the case to the organization (not a resettlement referral);
--   * FORMER: otherwise, the organization is the case's origin, or an accepted transfer of the case
--     came from it (not a resettlement referral);
--   * never the custodian (its relation is CUSTODIAN: cases.custodian_id says so) and never IRCC
--     (an IRCC caller's relation is computed as before: it depends on the kind of organization).
-- The table is the database's, never the application's: hrd_app may read its own organization's
-- rows and write none. AFTER triggers rebuild a case's rows whenever what they derive from changes
-- (a transfer inserted, updated or deleted; a case's custodian or origin), in the same transaction.
-- The rebuild reads the case FOR NO KEY UPDATE first: two transactions changing one case's
-- transfers rebuild one after the other, and the second sees what the first committed (every
-- application write has already taken the case FOR UPDATE, so this adds no wait of its own).
-- tests/access/case-relations.db.test.ts holds the table equal to hrd_case_relation, for every
-- organization and case, after the demo seed, the scale seed and every kind of change.
CREATE TABLE case_relations (
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  relation text NOT NULL CHECK (relation IN ('RECEIVER', 'FORMER')),
  PRIMARY KEY (organization_id, case_id)
);
--> statement-breakpoint
CREATE INDEX case_relations_case_idx ON case_relations (case_id);
--> statement-breakpoint
ALTER TABLE case_relations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON case_relations FROM hrd_app;
--> statement-breakpoint
CREATE POLICY case_relations_select ON case_relations FOR SELECT TO hrd_app
  USING (organization_id = (SELECT hrd_org()));
--> statement-breakpoint
-- The rows of one case, as they should be now (no locking: callers lock).
CREATE FUNCTION hrd_case_relations_of(p_case uuid) RETURNS TABLE (organization_id uuid, relation text)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT o.org,
         CASE WHEN EXISTS (SELECT 1 FROM public.transfers t
                            WHERE t.case_id = p_case AND t.status = 'PENDING'
                              AND t.kind <> 'RESETTLEMENT_REFERRAL' AND t.to_organization_id = o.org)
              THEN 'RECEIVER' ELSE 'FORMER' END
    FROM public.cases c
    CROSS JOIN LATERAL (
      SELECT c.origin_id AS org
      UNION
      SELECT t.to_organization_id FROM public.transfers t
       WHERE t.case_id = c.id AND t.status = 'PENDING' AND t.kind <> 'RESETTLEMENT_REFERRAL'
      UNION
      SELECT t.from_organization_id FROM public.transfers t
       WHERE t.case_id = c.id AND t.status = 'ACCEPTED' AND t.kind <> 'RESETTLEMENT_REFERRAL'
    ) o
   WHERE c.id = p_case AND o.org IS NOT NULL AND o.org IS DISTINCT FROM c.custodian_id
$$;
--> statement-breakpoint
CREATE FUNCTION hrd_refresh_case_relations(p_case uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  -- Serialises rebuilds of one case; in READ COMMITTED the statements below then see what a
  -- rebuild before this one committed.
  PERFORM 1 FROM public.cases c WHERE c.id = p_case FOR NO KEY UPDATE;
  DELETE FROM public.case_relations r WHERE r.case_id = p_case;
  INSERT INTO public.case_relations (case_id, organization_id, relation)
    SELECT p_case, x.organization_id, x.relation FROM public.hrd_case_relations_of(p_case) x;
END
$$;
--> statement-breakpoint
CREATE FUNCTION hrd_transfers_to_case_relations() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM public.hrd_refresh_case_relations(OLD.case_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.case_id IS DISTINCT FROM OLD.case_id) THEN
    PERFORM public.hrd_refresh_case_relations(NEW.case_id);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER transfers_case_relations
  AFTER INSERT OR DELETE OR UPDATE OF case_id, kind, status, from_organization_id, to_organization_id ON transfers
  FOR EACH ROW EXECUTE FUNCTION hrd_transfers_to_case_relations();
--> statement-breakpoint
CREATE FUNCTION hrd_cases_to_case_relations() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM public.hrd_refresh_case_relations(NEW.id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER cases_case_relations AFTER INSERT OR UPDATE OF custodian_id, origin_id ON cases
  FOR EACH ROW EXECUTE FUNCTION hrd_cases_to_case_relations();
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION hrd_case_relations_of(uuid), hrd_refresh_case_relations(uuid),
  hrd_transfers_to_case_relations(), hrd_cases_to_case_relations() FROM PUBLIC, hrd_app;
--> statement-breakpoint
INSERT INTO case_relations (case_id, organization_id, relation)
  SELECT c.id, x.organization_id, x.relation FROM cases c CROSS JOIN LATERAL hrd_case_relations_of(c.id) x;
--> statement-breakpoint
-- cases_select: the custodian's fast path, then the table for RECEIVER and FORMER (each with the
-- caller's grant, read once per statement), then, for IRCC callers only, the full check as before.
-- Outside IRCC, hrd_case_relation is CUSTODIAN, RECEIVER, FORMER or nothing, and a plain grant
-- decides META for each (no 'assigned' grant outside IRCC): the policy admits the same rows.
ALTER POLICY cases_select ON cases
  USING ((custodian_id = (SELECT hrd_org()) AND (SELECT hrd_relation_grants('CUSTODIAN', 'META', false)))
         OR (custodian_id IS DISTINCT FROM (SELECT hrd_org())
             AND (SELECT coalesce(current_setting('hrd.org_kind', true), '') <> 'IRCC')
             AND EXISTS (SELECT 1 FROM case_relations r
                          WHERE r.case_id = cases.id AND r.organization_id = (SELECT hrd_org())
                            AND ((r.relation = 'RECEIVER' AND (SELECT hrd_relation_grants('RECEIVER', 'META', false)))
                              OR (r.relation = 'FORMER' AND (SELECT hrd_relation_grants('FORMER', 'META', false))))))
         OR ((SELECT coalesce(current_setting('hrd.org_kind', true), '') = 'IRCC')
             AND hrd_relation_allows(id, hrd_case_relation(id, custodian_id, origin_id), 'META', false)));
