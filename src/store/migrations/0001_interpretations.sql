CREATE TABLE "interpretations" (
	"id" text PRIMARY KEY NOT NULL,
	"review_state" text DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"process_id" text NOT NULL,
	"commitment_id" text,
	"provision_id" text,
	"party_id" text NOT NULL,
	"term" text DEFAULT '' NOT NULL,
	"reading" text NOT NULL,
	"stated_on" date,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "interpretations" ADD CONSTRAINT "interpretations_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpretations" ADD CONSTRAINT "interpretations_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpretations" ADD CONSTRAINT "interpretations_provision_id_provisions_id_fk" FOREIGN KEY ("provision_id") REFERENCES "public"."provisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpretations" ADD CONSTRAINT "interpretations_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interpretations_commitment_id_index" ON "interpretations" USING btree ("commitment_id");--> statement-breakpoint
CREATE INDEX "interpretations_provision_id_index" ON "interpretations" USING btree ("provision_id");--> statement-breakpoint
CREATE INDEX "record_events_entity_seq_index" ON "record_events" USING btree ("entity","seq");