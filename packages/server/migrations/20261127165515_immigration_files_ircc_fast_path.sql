-- immigration_files_select checked every file with hrd_can_with, which looks the case and its
-- transfers up (about 15 µs a row): with 100,000 cases (52,414 files) an IRCC officer's queue read
-- every file twice (the page and its count), 1.4 s. IRCC's relation to a case is now a row of
-- case_relations (migration case_relations): a file of a case in the IRCC relation to the caller's
-- organization is read with the caller's IRCC grant for META, read once per statement, before
-- hrd_can_with, which still decides every other row. hrd_can_with answers exactly that for such a
-- row (META has only plain grants), so the policy admits the same rows;
-- tests/access/rls.db.test.ts compares it with hrd_can_with alone, for every demo user and file.
ALTER POLICY immigration_files_select ON immigration_files
  USING ((EXISTS (SELECT 1 FROM case_relations r
                   WHERE r.case_id = immigration_files.case_id AND r.organization_id = (SELECT hrd_org())
                     AND r.relation = 'IRCC')
          AND (SELECT hrd_relation_grants('IRCC', 'META', false)))
         OR hrd_can_with(case_id, 'META', false, (SELECT hrd_caller_grants('META'))));
