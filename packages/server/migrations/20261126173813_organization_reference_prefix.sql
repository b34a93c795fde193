ALTER TABLE "organizations" ADD COLUMN "reference_prefix" text;--> statement-breakpoint
-- Existing rows: the kind for UNHCR, FLD, PD and IRCC; TP1, TP2, … for third parties.
UPDATE "organizations" o SET "reference_prefix" = CASE WHEN o.kind <> 'THIRD_PARTY' THEN o.kind
  ELSE 'TP' || (SELECT count(*) FROM "organizations" p WHERE p.kind = 'THIRD_PARTY' AND p.created_at <= o.created_at AND p.id <= o.id) END;--> statement-breakpoint
ALTER TABLE "organizations" ALTER COLUMN "reference_prefix" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_reference_prefix_key" ON "organizations" USING btree ("reference_prefix");--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_reference_prefix_check" CHECK ("organizations"."reference_prefix" ~ '^[A-Z][A-Z0-9]{1,9}$');
