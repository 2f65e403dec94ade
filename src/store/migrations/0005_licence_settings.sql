CREATE TABLE "licence_settings" (
	"licence_id" text PRIMARY KEY NOT NULL,
	"public_use" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "licence_settings_public_use" CHECK ("licence_settings"."public_use" IN ('include', 'count_only', 'exclude'))
);
