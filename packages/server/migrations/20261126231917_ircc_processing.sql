-- IRCC processing (DOMAIN.md, "IRCC stages"): file numbers, the cap's figures, and a column
-- guard on information requests.

-- File numbers GAR-<year>-<nnnnn>, gap-free per year. The first number of a year continues after
-- the highest one already present (files loaded by a seed or a migration from an older system).
CREATE TABLE file_number_counters (
  year integer PRIMARY KEY,
  last integer NOT NULL CHECK (last >= 1)
);
--> statement-breakpoint
REVOKE ALL ON file_number_counters FROM hrd_app;
--> statement-breakpoint
CREATE FUNCTION hrd_next_file_number(p_year integer) RETURNS text
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO file_number_counters AS c (year, last)
  VALUES (p_year, 1 + coalesce((SELECT max(substring(f.file_number FROM '([0-9]+)$')::integer)
                                  FROM immigration_files f
                                 WHERE f.file_number LIKE 'GAR-' || p_year || '-%'), 0))
  ON CONFLICT (year) DO UPDATE SET last = c.last + 1
  RETURNING 'GAR-' || p_year || '-' || lpad(last::text, 5, '0')
$$;
--> statement-breakpoint
-- The cap's figures for a year, per referring partner, in persons (families included) and cases.
-- A case counts in the (UTC) year of its referral (the year whose cap the referral was checked
-- against), unless the referral was withdrawn or declined before IRCC acknowledged it. Across
-- every case, whatever the caller sees: aggregates only, never case rows.
CREATE FUNCTION hrd_quota_usage(p_year integer)
RETURNS TABLE (organization_id uuid, referred_cases bigint, referred_persons bigint, in_process_persons bigint,
               approved_persons bigint, arrived_persons bigint, refused_persons bigint, withdrawn_persons bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.from_organization_id,
         count(*)::bigint,
         sum(c.size)::bigint,
         (sum(c.size) FILTER (WHERE c.status = 'REFERRED'))::bigint,
         (sum(c.size) FILTER (WHERE c.status IN ('APPROVED', 'ARRIVED')))::bigint,
         (sum(c.size) FILTER (WHERE c.status = 'ARRIVED'))::bigint,
         (sum(c.size) FILTER (WHERE c.status = 'REFUSED'))::bigint,
         (sum(c.size) FILTER (WHERE c.status = 'WITHDRAWN'))::bigint
    FROM transfers t JOIN cases c ON c.id = t.case_id
   WHERE t.kind = 'RESETTLEMENT_REFERRAL' AND t.status IN ('PENDING', 'ACCEPTED')
     AND extract(year FROM t.created_at AT TIME ZONE 'UTC') = p_year
   GROUP BY t.from_organization_id
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hrd_quota_usage(integer) TO hrd_app;
--> statement-breakpoint
-- IRCC asks, the custodian answers once; neither rewrites the other's words.
CREATE FUNCTION information_requests_guard_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed text[];
BEGIN
  IF current_user <> 'hrd_app' THEN
    RETURN NEW;
  END IF;
  SELECT coalesce(array_agg(n.key ORDER BY n.key), '{}') INTO changed
    FROM jsonb_each(to_jsonb(NEW)) n JOIN jsonb_each(to_jsonb(OLD)) o USING (key)
   WHERE n.value IS DISTINCT FROM o.value;
  IF OLD.status <> 'OPEN' OR NEW.status <> 'ANSWERED'
     OR NOT changed <@ ARRAY['answer', 'status', 'answered_by', 'answered_at', 'version']
     OR hrd_case_relation_by_id(OLD.case_id) <> 'CUSTODIAN' THEN
    RAISE EXCEPTION 'an information request is answered once, by the custodian' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER information_requests_guard_update BEFORE UPDATE ON information_requests
  FOR EACH ROW EXECUTE FUNCTION information_requests_guard_update();
--> statement-breakpoint
-- Whether a file is deferred (an open information request) is META: whoever sees the case sees
-- it, though only IRCC officers and the custodian read the requests themselves.
CREATE FUNCTION hrd_open_information_requests(p_cases uuid[]) RETURNS TABLE (case_id uuid, open bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT r.case_id, count(*)::bigint
    FROM information_requests r
   WHERE r.case_id = ANY (p_cases) AND r.status = 'OPEN' AND hrd_can(r.case_id, 'META', false)
   GROUP BY r.case_id
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hrd_open_information_requests(uuid[]) TO hrd_app;
