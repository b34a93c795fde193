-- A case carries the organizations that hold the IRCC relation to it (`ircc_orgs`: the IRCC rows
-- of case_relations, sorted), as its persons carry its custodian. IRCC reads referred cases by the
-- tens of thousands at once (the officers' queue, the analysts' counts), and the application's
-- filter looked each case's relation up in case_relations: at 100,000 cases the queue took 0.35 s.
-- Now, for a caller of an IRCC organization, the application compares its organization with a
-- column of the row being read (policy/relations.ts).
--
-- The column is derived, never written: hrd_refresh_case_relations sets it from the rows it has
-- just rebuilt, and a BEFORE trigger sets it again from case_relations on every insert of a case
-- and every update that writes the column, whoever writes it (a custodian's UPDATE of the column is
-- overwritten; a receiver's or IRCC's is refused by cases_guard_update, which runs first), so it
-- says exactly what the table says. tests/access/case-relations.db.test.ts compares the column with the table after the seed
-- and after every kind of change.
--
-- The policies do not read it. It is the last column of a wide row: any expression that names it
-- makes PostgreSQL unpack every column of every row it filters, and in cases_select, which every
-- caller's every read of cases passes through, that cost a caseworker's count of their 35,000
-- cases (of 100,000) 40 → 68 ms, for IRCC's queue to save 80 ms. RLS stays as it was.
ALTER TABLE cases ADD COLUMN ircc_orgs uuid[] NOT NULL DEFAULT '{}';
--> statement-breakpoint
CREATE FUNCTION hrd_case_ircc_orgs(p_case uuid) RETURNS uuid[]
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT coalesce(array_agg(r.organization_id ORDER BY r.organization_id), '{}')
    FROM public.case_relations r WHERE r.case_id = p_case AND r.relation = 'IRCC'
$$;
--> statement-breakpoint
CREATE FUNCTION hrd_cases_ircc_orgs() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  NEW.ircc_orgs := public.hrd_case_ircc_orgs(NEW.id);
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- Named after cases_guard_update, so that it runs after it (triggers of one event run by name).
-- An update that does not write the column keeps the value the rebuild set; one that writes it
-- (the rebuild's own, or a forgery) gets it set from the table. Not on every update: rotating the
-- master key rewrites every case, 20,000 in 1.20 s, and 1.38–1.59 s with a look-up for each.
CREATE TRIGGER cases_ircc_orgs BEFORE INSERT OR UPDATE OF ircc_orgs ON cases
  FOR EACH ROW EXECUTE FUNCTION hrd_cases_ircc_orgs();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hrd_refresh_case_relations(p_case uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  -- Serialises rebuilds of one case; in READ COMMITTED the statements below then see what a
  -- rebuild before this one committed.
  PERFORM 1 FROM public.cases c WHERE c.id = p_case FOR NO KEY UPDATE;
  DELETE FROM public.case_relations r WHERE r.case_id = p_case;
  INSERT INTO public.case_relations (case_id, organization_id, relation)
    SELECT p_case, x.organization_id, x.relation FROM public.hrd_case_relations_of(p_case) x;
  -- The case's IRCC organizations, written only when they changed (the trigger computes them).
  UPDATE public.cases c SET ircc_orgs = public.hrd_case_ircc_orgs(p_case)
   WHERE c.id = p_case AND c.ircc_orgs IS DISTINCT FROM public.hrd_case_ircc_orgs(p_case);
END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION hrd_case_ircc_orgs(uuid), hrd_cases_ircc_orgs() FROM PUBLIC, hrd_app;
--> statement-breakpoint
UPDATE cases c SET ircc_orgs = hrd_case_ircc_orgs(c.id)
 WHERE EXISTS (SELECT 1 FROM case_relations r WHERE r.case_id = c.id AND r.relation = 'IRCC');
