-- Information requests carry their case's custodian, as persons, charges and transfers do
-- (migration child_rows_carry_custodian), so that the custodian's read of them is a column
-- comparison.
--
-- Why: information_requests_select's IDENTITY branch (the custodian's caseworkers read the
-- requests about their cases) was hrd_can_with, which looks the case up, once per row of the whole
-- table: at 100,000 cases (4,765 requests) a caseworker's open requests took about 120 ms per
-- statement, and the list and its count are two (docs/BENCHMARKS.md, Round 6).
--
-- That branch admits a row exactly when the caller's organization is the case's custodian and the
-- caller's roles read IDENTITY as CUSTODIAN (migration information_requests_read_policy): with
-- the column, custodian_id = hrd_org() and hrd_relation_grants('CUSTODIAN', 'IDENTITY', false),
-- both read once per statement. The IRCC_INTERNAL branch is unchanged, but is not called at all
-- when the caller has no IRCC_INTERNAL grant (every partner role): hrd_can_with answered false for
-- them, one call per row.
--
-- The column is the database's, kept as on the other tables: hrd_child_custodian sets it on every
-- insert and on every update that changes case_id or custodian_id (it runs before
-- information_requests_guard_update: triggers fire in name order), and a custody move carries it
-- (hrd_cases_custodian_to_children). tests/access/rls.db.test.ts checks that every row agrees
-- with its case through inserts, forged writes and custody moves, and compares the policy with
-- the policy as it stood before either rewrite, for every demo user and a request on every case.
ALTER TABLE information_requests ADD COLUMN custodian_id uuid;
--> statement-breakpoint
UPDATE information_requests r SET custodian_id = c.custodian_id FROM cases c WHERE c.id = r.case_id;
--> statement-breakpoint
CREATE TRIGGER information_requests_custodian BEFORE INSERT OR UPDATE ON information_requests
  FOR EACH ROW EXECUTE FUNCTION hrd_child_custodian();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hrd_cases_custodian_to_children() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  UPDATE public.persons SET custodian_id = NEW.custodian_id WHERE case_id = NEW.id;
  UPDATE public.charges SET custodian_id = NEW.custodian_id WHERE case_id = NEW.id;
  UPDATE public.transfers SET custodian_id = NEW.custodian_id WHERE case_id = NEW.id;
  UPDATE public.information_requests SET custodian_id = NEW.custodian_id WHERE case_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
ALTER POLICY information_requests_select ON information_requests
  USING ((custodian_id = (SELECT hrd_org()) AND (SELECT hrd_relation_grants('CUSTODIAN', 'IDENTITY', false)))
         OR ((SELECT EXISTS (SELECT 1 FROM unnest(hrd_caller_grants('IRCC_INTERNAL')) AS g WHERE g NOT LIKE '%:none'))
             AND hrd_can_with(case_id, 'IRCC_INTERNAL', false,
                   (SELECT ARRAY(SELECT g FROM unnest(hrd_caller_grants('IRCC_INTERNAL')) AS g WHERE g NOT LIKE '%:none')))));
