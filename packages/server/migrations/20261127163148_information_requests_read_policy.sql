-- information_requests_select called hrd_can (a SQL function: the relation and the grants looked
-- up again for every row) up to twice per row, and hrd_case_relation_by_id once: with 100,000
-- cases (4,765 requests), FLD's caseworker's home page counted its open requests in 880 ms, and
-- listed five in as long. The same two branches, through hrd_can_with, with the caller's grants
-- read once per statement (InitPlans):
--   * IRCC_INTERNAL, as hrd_can(case_id, 'IRCC_INTERNAL', false) (a test holds hrd_can_with with
--     hrd_caller_grants equal to hrd_can for every class);
--   * IDENTITY as the case's CUSTODIAN: hrd_can_with given only the caller's CUSTODIAN grants for
--     IDENTITY admits a row exactly when the relation is CUSTODIAN and that grant reads, which is
--     hrd_case_relation_by_id(case_id) = 'CUSTODIAN' AND hrd_can(case_id, 'IDENTITY', false).
-- 'none' grants are left out of the arrays (they grant nothing): a caller with no grant in a
-- branch answers false at once, without looking the case up.
-- tests/access/rls.db.test.ts compares it with the policy as it stood, for every demo user and row.
ALTER POLICY information_requests_select ON information_requests
  USING (hrd_can_with(case_id, 'IRCC_INTERNAL', false,
           (SELECT ARRAY(SELECT g FROM unnest(hrd_caller_grants('IRCC_INTERNAL')) AS g WHERE g NOT LIKE '%:none')))
         OR hrd_can_with(case_id, 'IDENTITY', false,
              (SELECT ARRAY(SELECT g FROM unnest(hrd_caller_grants('IDENTITY')) AS g
                             WHERE g LIKE 'CUSTODIAN:%' AND g NOT LIKE '%:none'))));
