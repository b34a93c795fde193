-- Performance (issue #10): the audit append in one round trip instead of two. The server sent the
-- lock-and-head call, computed the rows' hashes, then sent the INSERT; this function takes the
-- chain's advisory lock, reads the head after it, and inserts the rows with their hashes.
--
-- The hash is the one audit/chain.ts computes and verify.ts checks: sha256 (hex) of the canonical
-- JSON array [format, seq, at, actor, organization, action, case ids, fields, outcome, request id,
-- detail, prev hash]. The server serialises everything but seq and the previous hash (which only
-- the database knows once the lock is held) as `middle`, the elements from `at` to `detail`
-- without the brackets; the function joins the array around it. seq is an integer and the format
-- and hashes are plain ASCII, so their JSON is the same on both sides (a test compares the
-- hashes with the server's own for rows of every shape, and every append test verifies the chain).
--
-- As in hrd_audit_lock_head, the head is read after the lock by a statement of its own (PL/pgSQL
-- in a VOLATILE function: a new snapshot per statement under READ COMMITTED), so it sees the
-- previous writer's rows.
CREATE FUNCTION hrd_audit_append(p_key bigint, p_format text, p_rows jsonb) RETURNS TABLE (seq bigint, hash text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_seq bigint;
  v_hash text;
  v_prev text;
  r record;
BEGIN
  PERFORM pg_advisory_xact_lock(p_key);
  SELECT e.seq, e.hash INTO v_seq, v_hash FROM public.audit_events e ORDER BY e.seq DESC LIMIT 1;
  IF NOT FOUND THEN
    v_seq := 0;
    v_hash := repeat('0', 64);
  END IF;
  FOR r IN
    SELECT x.* FROM jsonb_array_elements(p_rows) WITH ORDINALITY AS e(row, n),
         jsonb_to_record(e.row) AS x(at timestamptz, actor_id uuid, organization_id uuid, action text,
                                     case_ids uuid[], fields text[], outcome text, request_id text,
                                     detail jsonb, middle text)
     ORDER BY e.n
  LOOP
    v_seq := v_seq + 1;
    v_prev := v_hash;
    v_hash := encode(sha256(convert_to(
      '[' || to_json(p_format)::text || ',' || v_seq::text || ',' || r.middle || ',' || to_json(v_prev)::text || ']',
      'UTF8')), 'hex');
    INSERT INTO public.audit_events (seq, at, actor_id, organization_id, action, case_ids, fields, outcome,
                                     request_id, detail, prev_hash, hash)
    VALUES (v_seq, r.at, r.actor_id, r.organization_id, r.action, r.case_ids, r.fields, r.outcome,
            r.request_id, r.detail, v_prev, v_hash);
  END LOOP;
  seq := v_seq;
  hash := v_hash;
  RETURN NEXT;
END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hrd_audit_append(bigint, text, jsonb) TO hrd_app;
--> statement-breakpoint
-- Its two-step predecessor is no longer called.
DROP FUNCTION hrd_audit_lock_head(bigint);
