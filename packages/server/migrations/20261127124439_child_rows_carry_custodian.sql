-- Persons, charges and transfers carry their case's custodian, so that the custodian's read of
-- them is a column comparison, as cases_select's fast path is for the case itself.
--
-- Why: each of these rows was checked with hrd_can_with, which looks its case up (and, for a
-- caller who is not the custodian, the case's transfers) once per row: about 5–8 µs a row. A page
-- of 50 cases reads about 160 persons and 50 transfers; their two statements took 0.85 and 0.43 ms
-- under RLS, 0.29 and 0.24 ms with this fast path (EXPLAIN ANALYZE, the FLD caseworker's page).
--
-- The column is the database's, never the application's:
--   * a BEFORE INSERT OR UPDATE trigger sets it from the case on every insert, and on every update
--     that changes case_id or custodian_id, whatever the statement wrote (hrd_app cannot make a row
--     look like another organization's);
--   * it reads the case FOR SHARE, so a row added while another transaction moves custody waits
--     for that transaction and then reads the new custodian (every application write has already
--     taken the case FOR UPDATE, so this adds no wait of its own);
--   * an AFTER UPDATE trigger on cases carries a new custodian to the case's rows.
-- The application's schema does not declare it: nothing reads or writes it but these triggers and
-- the policies below. tests/access/rls.db.test.ts checks that every row agrees with its case, that
-- the triggers keep it so through inserts, forged writes and custody moves, and that each policy
-- admits exactly what hrd_can_with alone admits, for every demo user and row.
ALTER TABLE persons ADD COLUMN custodian_id uuid;
--> statement-breakpoint
ALTER TABLE charges ADD COLUMN custodian_id uuid;
--> statement-breakpoint
ALTER TABLE transfers ADD COLUMN custodian_id uuid;
--> statement-breakpoint
UPDATE persons p SET custodian_id = c.custodian_id FROM cases c WHERE c.id = p.case_id;
--> statement-breakpoint
UPDATE charges x SET custodian_id = c.custodian_id FROM cases c WHERE c.id = x.case_id;
--> statement-breakpoint
UPDATE transfers t SET custodian_id = c.custodian_id FROM cases c WHERE c.id = t.case_id;
--> statement-breakpoint
CREATE FUNCTION hrd_child_custodian() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.case_id = OLD.case_id AND NEW.custodian_id IS NOT DISTINCT FROM OLD.custodian_id THEN
    RETURN NEW;
  END IF;
  -- No case: the column stays empty and the foreign key refuses the row, as before.
  NEW.custodian_id := (SELECT c.custodian_id FROM public.cases c WHERE c.id = NEW.case_id FOR SHARE);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER persons_custodian BEFORE INSERT OR UPDATE ON persons
  FOR EACH ROW EXECUTE FUNCTION hrd_child_custodian();
--> statement-breakpoint
CREATE TRIGGER charges_custodian BEFORE INSERT OR UPDATE ON charges
  FOR EACH ROW EXECUTE FUNCTION hrd_child_custodian();
--> statement-breakpoint
-- Named to run before transfers_guard_update (triggers fire in name order), which then sees the
-- row as it will be stored.
CREATE TRIGGER transfers_custodian BEFORE INSERT OR UPDATE ON transfers
  FOR EACH ROW EXECUTE FUNCTION hrd_child_custodian();
--> statement-breakpoint
CREATE FUNCTION hrd_cases_custodian_to_children() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  UPDATE public.persons SET custodian_id = NEW.custodian_id WHERE case_id = NEW.id;
  UPDATE public.charges SET custodian_id = NEW.custodian_id WHERE case_id = NEW.id;
  UPDATE public.transfers SET custodian_id = NEW.custodian_id WHERE case_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER cases_custodian_to_children AFTER UPDATE OF custodian_id ON cases
  FOR EACH ROW WHEN (NEW.custodian_id IS DISTINCT FROM OLD.custodian_id)
  EXECUTE FUNCTION hrd_cases_custodian_to_children();
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION hrd_child_custodian(), hrd_cases_custodian_to_children() FROM PUBLIC, hrd_app;
--> statement-breakpoint
-- The custodian's fast path first; where it does not hold, hrd_can_with decides, as before.
-- custodian_id = hrd_org() is the CUSTODIAN relation (hrd_can_with's first branch), and
-- hrd_relation_grants answers, once per statement, what hrd_can_with answers for it on a read.
ALTER POLICY persons_select ON persons
  USING ((custodian_id = (SELECT hrd_org()) AND (SELECT hrd_relation_grants('CUSTODIAN', 'IDENTITY', false)))
         OR hrd_can_with(case_id, 'IDENTITY', false, (SELECT hrd_caller_grants('IDENTITY'))));
--> statement-breakpoint
ALTER POLICY charges_select ON charges
  USING ((custodian_id = (SELECT hrd_org()) AND (SELECT hrd_relation_grants('CUSTODIAN', 'CHARGES', false)))
         OR hrd_can_with(case_id, 'CHARGES', false, (SELECT hrd_caller_grants('CHARGES'))));
--> statement-breakpoint
ALTER POLICY transfers_select ON transfers
  USING ((custodian_id = (SELECT hrd_org()) AND (SELECT hrd_relation_grants('CUSTODIAN', 'META', false)))
         OR hrd_can_with(case_id, 'META', false, (SELECT hrd_caller_grants('META'))));
