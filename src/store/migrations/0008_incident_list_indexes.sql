DROP INDEX "incidents_process_id_start_date_index";--> statement-breakpoint
CREATE INDEX "incidents_list_process" ON "incidents" USING btree ("process_id","start_date","id");--> statement-breakpoint
CREATE INDEX "incidents_list_date" ON "incidents" USING btree ("start_date","id");--> statement-breakpoint
CREATE INDEX "incidents_list_type" ON "incidents" USING btree ("monitoring_type","start_date","id");--> statement-breakpoint
CREATE INDEX "incidents_list_status" ON "incidents" USING btree ("verification_status","start_date","id");--> statement-breakpoint
CREATE INDEX "incidents_list_event_type" ON "incidents" USING btree ("acled_event_type","start_date","id") WHERE "incidents"."acled_event_type" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "incidents_list_sub_event_type" ON "incidents" USING btree ("acled_sub_event_type","start_date","id") WHERE "incidents"."acled_sub_event_type" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "incidents_list_country" ON "incidents" USING btree ("country","start_date","id") WHERE "incidents"."country" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "incidents_list_admin1" ON "incidents" USING btree ("admin1","start_date","id") WHERE "incidents"."admin1" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "incidents_actors" ON "incidents" USING gin ("actors" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "incidents_alleged_by" ON "incidents" USING gin ("alleged_by_party_ids" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "incidents_alleged_breaches" ON "incidents" USING gin ("alleged_breaches" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "incidents_text" ON "incidents" USING gin (to_tsvector('simple'::regconfig, "title" || ' ' || coalesce("location_name", '') || ' ' || "location_description" || ' ' || "description"));--> statement-breakpoint
CREATE INDEX "incidents_position" ON "incidents" USING gist (point("longitude", "latitude"));