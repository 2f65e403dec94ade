ALTER TABLE "incidents" ADD COLUMN "disorder_type" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "interaction_code" integer;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "civilian_targeting" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "iso_code" integer;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "admin1" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "admin2" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "admin3" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "location_name" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "ucdp_where_precision" integer;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "source_names" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "source_scale" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "tags" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "source_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "alleged_breaches" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "licence" text DEFAULT 'own' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_acled_id" ON "incidents" USING btree ("process_id",("external_ids"->>'acled')) WHERE ("incidents"."external_ids"->>'acled') IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_ucdp_id" ON "incidents" USING btree ("process_id",("external_ids"->>'ucdp')) WHERE ("incidents"."external_ids"->>'ucdp') IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_gdelt_id" ON "incidents" USING btree ("process_id",("external_ids"->>'gdelt')) WHERE ("incidents"."external_ids"->>'gdelt') IS NOT NULL;