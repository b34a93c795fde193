-- IRCC's read of information requests goes through case_relations first, as its read of
-- immigration files does (migration immigration_files_ircc_fast_path): a request on a case in the
-- IRCC relation to the caller's organization is read with the caller's IRCC grant for
-- IRCC_INTERNAL, read once per statement, before hrd_can_with, which still decides every other row.
-- hrd_can_with admits such a row under that grant when it is 'read' or 'write', which is what
-- hrd_relation_grants answers, so the policy admits the same rows (a conditional grant would fall
-- through to hrd_can_with). At 100,000 cases an officer's list of requests checked each of the
-- 4,765 requests with hrd_can_with, twice (the list and its count): 259 ms (docs/BENCHMARKS.md,
-- Round 6). tests/access/rls.db.test.ts compares the policy with the policy as it stood before
-- any rewrite, for every demo user and a request on every case.
ALTER POLICY information_requests_select ON information_requests
  USING ((custodian_id = (SELECT hrd_org()) AND (SELECT hrd_relation_grants('CUSTODIAN', 'IDENTITY', false)))
         OR ((SELECT hrd_relation_grants('IRCC', 'IRCC_INTERNAL', false))
             AND EXISTS (SELECT 1 FROM case_relations r
                          WHERE r.case_id = information_requests.case_id AND r.organization_id = (SELECT hrd_org())
                            AND r.relation = 'IRCC'))
         OR ((SELECT EXISTS (SELECT 1 FROM unnest(hrd_caller_grants('IRCC_INTERNAL')) AS g WHERE g NOT LIKE '%:none'))
             AND hrd_can_with(case_id, 'IRCC_INTERNAL', false,
                   (SELECT ARRAY(SELECT g FROM unnest(hrd_caller_grants('IRCC_INTERNAL')) AS g WHERE g NOT LIKE '%:none')))));
