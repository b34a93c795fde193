-- Persons referred per partner in a year, across every case: the cap counts all referrals, while
-- row-level security shows each caller only its own cases. Aggregates only, never case rows.
CREATE FUNCTION hrd_referred_persons(p_year integer)
RETURNS TABLE (organization_id uuid, persons bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.from_organization_id, sum(c.size)::bigint
    FROM transfers t JOIN cases c ON c.id = t.case_id
   WHERE t.kind = 'RESETTLEMENT_REFERRAL' AND t.status IN ('PENDING', 'ACCEPTED')
     AND extract(year FROM t.created_at) = p_year
   GROUP BY t.from_organization_id
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hrd_referred_persons(integer) TO hrd_app;
