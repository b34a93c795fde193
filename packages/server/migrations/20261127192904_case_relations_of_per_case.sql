-- hrd_case_relations_of(case) joined organizations with conditions on the case's transfers, and
-- the planner, guessing hundreds of organizations (a table of a few rows is below autovacuum's
-- analyse threshold, so it is planned without statistics), read each CASE branch as a hashed
-- sub-plan over every matching transfer of every case: one rebuild of one case (every offer,
-- acceptance, decline, referral) read the whole transfers table, 25–35 ms at 37,000 cases and
-- growing, and the scale seed, which rebuilds each chunk of 1,000 cases, slowed to a crawl.
-- Now the case's own transfers are read once, through transfers_case_idx, and every branch
-- looks only at them, whatever the statistics say. The relation of each organization is the same
-- CASE as before (CUSTODIAN is never a row; RECEIVER › IRCC › FORMER); the candidates are the
-- same (the origin, every IRCC organization, every sender and receiver of the case's transfers,
-- but never the custodian). tests/access/case-relations.db.test.ts compares the table with
-- hrd_case_relation for every organization and case after every kind of change.
CREATE OR REPLACE FUNCTION hrd_case_relations_of(p_case uuid) RETURNS TABLE (organization_id uuid, relation text)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  WITH c AS MATERIALIZED (
    SELECT c.origin_id, c.custodian_id FROM public.cases c WHERE c.id = p_case
  ), t AS MATERIALIZED (
    SELECT t.kind, t.status, t.from_organization_id, t.to_organization_id
      FROM public.transfers t WHERE t.case_id = p_case
  ), candidates AS (
    SELECT c.origin_id AS org FROM c
    UNION SELECT o.id FROM public.organizations o WHERE o.kind = 'IRCC'
    UNION SELECT t.to_organization_id FROM t
    UNION SELECT t.from_organization_id FROM t
  )
  SELECT x.org, x.relation FROM (
    SELECT o.id AS org,
           CASE
             WHEN EXISTS (SELECT 1 FROM t WHERE t.status = 'PENDING' AND t.kind <> 'RESETTLEMENT_REFERRAL'
                                           AND t.to_organization_id = o.id) THEN 'RECEIVER'
             WHEN o.kind = 'IRCC' AND EXISTS (SELECT 1 FROM t WHERE t.kind = 'RESETTLEMENT_REFERRAL'
                                                              AND t.status IN ('PENDING', 'ACCEPTED')) THEN 'IRCC'
             WHEN c.origin_id = o.id OR EXISTS (SELECT 1 FROM t WHERE t.from_organization_id = o.id
                                                              AND t.status = 'ACCEPTED'
                                                              AND t.kind <> 'RESETTLEMENT_REFERRAL') THEN 'FORMER'
           END AS relation
      FROM c
      CROSS JOIN candidates
      JOIN public.organizations o ON o.id = candidates.org
     WHERE o.id IS DISTINCT FROM c.custodian_id
  ) x
  WHERE x.relation IS NOT NULL
$$;
