-- A case's size (its number of persons, which counts against the annual cap) is META: readers
-- who may not see the persons still see the size. It is kept on the case by a trigger, so it
-- can never disagree with the persons table.
ALTER TABLE cases ADD COLUMN size integer NOT NULL DEFAULT 0 CHECK (size >= 0);
--> statement-breakpoint
UPDATE cases c SET size = (SELECT count(*) FROM persons p WHERE p.case_id = c.id);
--> statement-breakpoint
CREATE FUNCTION persons_maintain_case_size() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE cases SET size = (SELECT count(*) FROM persons WHERE case_id = NEW.case_id) WHERE id = NEW.case_id;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE cases SET size = (SELECT count(*) FROM persons WHERE case_id = OLD.case_id) WHERE id = OLD.case_id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER persons_case_size AFTER INSERT OR DELETE OR UPDATE OF case_id ON persons
  FOR EACH ROW EXECUTE FUNCTION persons_maintain_case_size();
