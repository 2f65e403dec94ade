CREATE UNIQUE INDEX "assessments_one_correction_each" ON "assessments" USING btree ("supersedes_id") WHERE "assessments"."supersedes_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_level_on_scale" CHECK ("assessments"."level" IS NULL OR "assessments"."level" BETWEEN 0 AND 3);--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_not_self_correcting" CHECK ("assessments"."supersedes_id" IS NULL OR "assessments"."supersedes_id" <> "assessments"."id");--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_end_not_before_start" CHECK ("incidents"."end_date" IS NULL OR "incidents"."end_date" >= "incidents"."start_date");--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_ongoing_has_no_end" CHECK (NOT "incidents"."ongoing" OR "incidents"."end_date" IS NULL);--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_position_whole" CHECK (("incidents"."latitude" IS NULL) = ("incidents"."longitude" IS NULL));--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_end_not_before_start" CHECK ("meetings"."end_date" IS NULL OR "meetings"."end_date" >= "meetings"."date");--> statement-breakpoint
ALTER TABLE "places" ADD CONSTRAINT "places_not_own_parent" CHECK ("places"."parent_place_id" IS NULL OR "places"."parent_place_id" <> "places"."id");--> statement-breakpoint
ALTER TABLE "places" ADD CONSTRAINT "places_position_whole" CHECK (("places"."latitude" IS NULL) = ("places"."longitude" IS NULL));