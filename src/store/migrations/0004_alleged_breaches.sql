-- An alleged breach now names who alleges it and where the allegation stands; the provisions listed
-- before become allegations without a named party, status "alleged".
UPDATE "incidents" SET "alleged_breaches" = (
	SELECT coalesce(jsonb_agg(jsonb_build_object('provisionId', provision, 'status', 'alleged', 'sources', '[]'::jsonb)), '[]'::jsonb)
	FROM jsonb_array_elements_text("alleged_breach_provision_ids") AS provision
) WHERE jsonb_array_length("alleged_breach_provision_ids") > 0;--> statement-breakpoint
ALTER TABLE "incidents" DROP COLUMN "alleged_breach_provision_ids";
