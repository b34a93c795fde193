-- A second fast path for reading transfers: a pending transfer (not a referral to IRCC) to the
-- caller's organization, of a case another organization holds, makes the caller the case's
-- RECEIVER (hrd_can_with's second branch: this very row is the transfer it looks for), so whether
-- the caller's roles read META as RECEIVER decides, read once per statement. custodian_id is the
-- database's copy of the case's (migration child_rows_carry_custodian); where it is the caller's
-- organization the relation is CUSTODIAN, which the first branch answers, hence `<>`. Where
-- neither fast path holds, hrd_can_with decides, as before: the policy admits exactly the same
-- rows (tests/access/rls.db.test.ts compares it with hrd_can_with for every demo user and row).
--
-- Why: the case list computes each case's relation to the caller with EXISTS over the transfers
-- to the caller's organization, which PostgreSQL runs as a hashed subplan: every pending transfer
-- to the organization, each row checked by this policy. With 100,000 cases FLD has 1,588 of them:
-- building that hash through hrd_can_with (a case look-up per row) took about 20 ms of a page of
-- FLD's cases, 2.5 ms with this branch. (The same for accepted transfers from the organization,
-- the FORMER relation, needs the caller's grants as RECEIVER and as FORMER and was slower than
-- without it: not done.)
ALTER POLICY transfers_select ON transfers
  USING ((custodian_id = (SELECT hrd_org()) AND (SELECT hrd_relation_grants('CUSTODIAN', 'META', false)))
         OR (to_organization_id = (SELECT hrd_org()) AND status = 'PENDING' AND kind <> 'RESETTLEMENT_REFERRAL'
             AND custodian_id <> (SELECT hrd_org()) AND (SELECT hrd_relation_grants('RECEIVER', 'META', false)))
         OR hrd_can_with(case_id, 'META', false, (SELECT hrd_caller_grants('META'))));
