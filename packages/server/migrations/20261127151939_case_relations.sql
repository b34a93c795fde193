-- Which organizations are RECEIVER, IRCC or FORMER of each case, kept in a table, so that the
-- cases an organization sees are a look-up instead of a computation over every case.
--
-- Why: a case that the caller's organization does not hold was checked by cases_select with
-- hrd_relation_allows(hrd_case_relation(…)), two function calls that look the case's transfers up,
-- once per row (about 20 µs). With 100,000 cases, FLD's count of the cases it sees took 1.5 s under
-- RLS (0.15 s without), its first page 45–95 ms, and an IRCC officer's queue 3.7 s; the
-- application's own filter (relationSql) hashed every accepted transfer from FLD, twice.
--
-- case_relations holds, for every case, one row per organization whose relation to it is
-- RECEIVER, IRCC or FORMER, exactly as hrd_case_relation computes it for a caller of that
-- organization (of its kind):
--   * RECEIVER: a pending transfer of the case to the organization (not a resettlement referral);
--   * IRCC: otherwise, an organization of kind IRCC, and a resettlement referral of the case is
--     pending or accepted;
--   * FORMER: otherwise, the organization is the case's origin, or an accepted transfer of the case
--     came from it (not a resettlement referral);
--   * never the custodian: its relation is CUSTODIAN, and cases.custodian_id says so.
-- The table is the database's, never the application's: hrd_app may read its own organization's
-- rows and write none. AFTER triggers rebuild a case's rows whenever what they derive from changes
-- (a transfer inserted, updated or deleted; a case's custodian or origin; an organization becoming
-- or ceasing to be of kind IRCC), in the same transaction. The rebuild reads the case FOR NO KEY
-- UPDATE first: two transactions changing one case rebuild one after the other, and the second
-- sees what the first committed (every application write has already taken the case FOR UPDATE,
-- so this adds no wait of its own). tests/access/case-relations.db.test.ts holds the table equal
-- to hrd_case_relation, for every organization and case, after the demo seed, the scale seed and
-- every kind of change.
CREATE TABLE case_relations (
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  relation text NOT NULL CHECK (relation IN ('RECEIVER', 'IRCC', 'FORMER')),
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
-- The rows of one case, as they should be now (no locking: callers lock). The candidates are the
-- organizations a transfer or the origin names, and those of kind IRCC when a referral is live;
-- the CASE is hrd_case_relation's, for each of them.
CREATE FUNCTION hrd_case_relations_of(p_case uuid) RETURNS TABLE (organization_id uuid, relation text)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT x.org, x.relation FROM (
    SELECT o.id AS org,
           CASE
             WHEN EXISTS (SELECT 1 FROM public.transfers t
                           WHERE t.case_id = c.id AND t.status = 'PENDING'
                             AND t.kind <> 'RESETTLEMENT_REFERRAL' AND t.to_organization_id = o.id) THEN 'RECEIVER'
             WHEN o.kind = 'IRCC' AND EXISTS (SELECT 1 FROM public.transfers t
                           WHERE t.case_id = c.id AND t.kind = 'RESETTLEMENT_REFERRAL'
                             AND t.status IN ('PENDING', 'ACCEPTED')) THEN 'IRCC'
             WHEN c.origin_id = o.id OR EXISTS (SELECT 1 FROM public.transfers t
                           WHERE t.case_id = c.id AND t.from_organization_id = o.id
                             AND t.status = 'ACCEPTED' AND t.kind <> 'RESETTLEMENT_REFERRAL') THEN 'FORMER'
           END AS relation
      FROM public.cases c
      JOIN public.organizations o
        ON o.id = c.origin_id
        OR o.kind = 'IRCC'
        OR o.id IN (SELECT t.to_organization_id FROM public.transfers t WHERE t.case_id = c.id)
        OR o.id IN (SELECT t.from_organization_id FROM public.transfers t WHERE t.case_id = c.id)
     WHERE c.id = p_case AND o.id IS DISTINCT FROM c.custodian_id
  ) x
  WHERE x.relation IS NOT NULL
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
-- An organization that becomes (or ceases to be) of kind IRCC: every case with a live referral.
-- Rare (the demo seed creates IRCC before any case), so a plain loop.
CREATE FUNCTION hrd_organizations_to_case_relations() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NEW.kind = 'IRCC' OR (TG_OP = 'UPDATE' AND OLD.kind = 'IRCC') THEN
    PERFORM public.hrd_refresh_case_relations(r.case_id)
       FROM (SELECT DISTINCT t.case_id FROM public.transfers t
              WHERE t.kind = 'RESETTLEMENT_REFERRAL' AND t.status IN ('PENDING', 'ACCEPTED')) r;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_case_relations AFTER INSERT OR UPDATE OF kind ON organizations
  FOR EACH ROW EXECUTE FUNCTION hrd_organizations_to_case_relations();
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION hrd_case_relations_of(uuid), hrd_refresh_case_relations(uuid),
  hrd_transfers_to_case_relations(), hrd_cases_to_case_relations(), hrd_organizations_to_case_relations()
  FROM PUBLIC, hrd_app;
--> statement-breakpoint
INSERT INTO case_relations (case_id, organization_id, relation)
  SELECT c.id, x.organization_id, x.relation FROM cases c CROSS JOIN LATERAL hrd_case_relations_of(c.id) x;
--> statement-breakpoint
-- cases_select: the custodian's fast path, then the caller's rows of the table, each relation with
-- the caller's grant for it, read once per statement. hrd_case_relation is CUSTODIAN (the column),
-- or the table's row, or nothing; and META has only plain grants ('read', 'write' or 'none': the
-- one 'assigned' grant is IRCC's for SECRET), which hrd_relation_grants answers exactly as
-- hrd_relation_allows did: the policy admits the same rows.
ALTER POLICY cases_select ON cases
  USING ((custodian_id = (SELECT hrd_org()) AND (SELECT hrd_relation_grants('CUSTODIAN', 'META', false)))
         OR (custodian_id IS DISTINCT FROM (SELECT hrd_org())
             AND EXISTS (SELECT 1 FROM case_relations r
                          WHERE r.case_id = cases.id AND r.organization_id = (SELECT hrd_org())
                            AND ((r.relation = 'RECEIVER' AND (SELECT hrd_relation_grants('RECEIVER', 'META', false)))
                              OR (r.relation = 'IRCC' AND (SELECT hrd_relation_grants('IRCC', 'META', false)))
                              OR (r.relation = 'FORMER' AND (SELECT hrd_relation_grants('FORMER', 'META', false)))))));
