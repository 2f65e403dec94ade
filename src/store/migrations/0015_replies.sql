CREATE TABLE "replies" (
	"id" text PRIMARY KEY NOT NULL,
	"record_kind" text NOT NULL,
	"record_id" text NOT NULL,
	"alleged_breach_provision_id" text,
	"party_id" text NOT NULL,
	"text" text NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"author_account_id" text NOT NULL,
	"author_name" text NOT NULL,
	"review_state" text DEFAULT 'published' NOT NULL,
	"review_history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "replies_record_kind" CHECK ("replies"."record_kind" IN ('incidents', 'assessments', 'interpretations')),
	CONSTRAINT "replies_review_state" CHECK ("replies"."review_state" IN ('draft', 'published', 'retracted'))
);
--> statement-breakpoint
ALTER TABLE "replies" ADD CONSTRAINT "replies_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replies" ADD CONSTRAINT "replies_author_account_id_accounts_id_fk" FOREIGN KEY ("author_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "replies_record_kind_record_id_index" ON "replies" USING btree ("record_kind","record_id");--> statement-breakpoint
CREATE INDEX "replies_party_id_index" ON "replies" USING btree ("party_id");