CREATE TABLE "access_observations" (
	"id" text PRIMARY KEY NOT NULL,
	"review_state" text DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"process_id" text NOT NULL,
	"place_id" text NOT NULL,
	"observed_on" date NOT NULL,
	"status" text NOT NULL,
	"inbound_meaning" text DEFAULT '' NOT NULL,
	"counts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"reported_by_party_id" text,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"review_state" text DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"agreement_id" text NOT NULL,
	"label" text NOT NULL,
	"publisher" text NOT NULL,
	"language" text NOT NULL,
	"published_on" date,
	"source_url" text,
	"preamble" text DEFAULT '' NOT NULL,
	"complete" boolean DEFAULT true NOT NULL,
	"completeness_note" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" text PRIMARY KEY NOT NULL,
	"review_state" text DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"process_id" text NOT NULL,
	"title" text NOT NULL,
	"short_title" text,
	"kind" text NOT NULL,
	"signed_on" date,
	"effective_at" timestamp with time zone,
	"signatory_party_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"signatory_person_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"guarantor_party_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"issuer_party_id" text,
	"meeting_id" text,
	"status_history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" text PRIMARY KEY NOT NULL,
	"review_state" text DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"commitment_id" text NOT NULL,
	"party_id" text NOT NULL,
	"as_of" date NOT NULL,
	"level" integer,
	"rationale" text NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"assessor" text NOT NULL,
	"supersedes_id" text,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commitments" (
	"id" text PRIMARY KEY NOT NULL,
	"review_state" text DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"process_id" text NOT NULL,
	"provision_id" text,
	"meeting_id" text,
	"title" text NOT NULL,
	"obligor_party_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"beneficiary_party_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"action" text NOT NULL,
	"object" text DEFAULT '' NOT NULL,
	"deadline" jsonb DEFAULT '{"kind":"none"}'::jsonb NOT NULL,
	"duration" text DEFAULT '' NOT NULL,
	"renewal" text DEFAULT '' NOT NULL,
	"conditions" text DEFAULT '' NOT NULL,
	"depends_on_commitment_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" text PRIMARY KEY NOT NULL,
	"review_state" text DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"process_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"publisher" text DEFAULT '' NOT NULL,
	"author_party_id" text,
	"url" text,
	"language" text DEFAULT 'en' NOT NULL,
	"published_on" date,
	"text" text NOT NULL,
	"sha256" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"duplicate_cluster_id" text,
	"source_note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "negotiation_formats" (
	"id" text PRIMARY KEY NOT NULL,
	"review_state" text DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"process_id" text NOT NULL,
	"name" text NOT NULL,
	"mediator_party_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"member_party_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"principles" text DEFAULT '' NOT NULL,
	"status_history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"review_state" text DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"process_id" text NOT NULL,
	"title" text NOT NULL,
	"monitoring_type" text NOT NULL,
	"acled_event_type" text,
	"acled_sub_event_type" text,
	"start_date" date NOT NULL,
	"start_precision" text DEFAULT 'day' NOT NULL,
	"end_date" date,
	"end_precision" text,
	"ongoing" boolean DEFAULT false NOT NULL,
	"place_id" text,
	"location_description" text DEFAULT '' NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"geo_precision" integer DEFAULT 1 NOT NULL,
	"actors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fatalities" jsonb,
	"description" text DEFAULT '' NOT NULL,
	"alleged_breach_provision_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"alleged_by_party_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"verification_status" text DEFAULT 'reported' NOT NULL,
	"external_ids" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" text PRIMARY KEY NOT NULL,
	"review_state" text DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"process_id" text NOT NULL,
	"format_id" text,
	"title" text NOT NULL,
	"date" date NOT NULL,
	"end_date" date,
	"place_id" text,
	"level" text NOT NULL,
	"mediator_party_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"participant_party_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"participant_person_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"agenda_topics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome" text DEFAULT '' NOT NULL,
	"document_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parties" (
	"id" text PRIMARY KEY NOT NULL,
	"review_state" text DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"process_id" text NOT NULL,
	"kind" text NOT NULL,
	"short_name" text NOT NULL,
	"names" jsonb NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"member_party_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" text PRIMARY KEY NOT NULL,
	"review_state" text DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"process_id" text NOT NULL,
	"names" jsonb NOT NULL,
	"roles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "places" (
	"id" text PRIMARY KEY NOT NULL,
	"review_state" text DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"process_id" text NOT NULL,
	"kind" text NOT NULL,
	"names" jsonb NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"geo_precision" integer DEFAULT 1 NOT NULL,
	"parent_place_id" text,
	"description" text DEFAULT '' NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "processes" (
	"id" text PRIMARY KEY NOT NULL,
	"review_state" text DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"started_on" date,
	"is_demonstration" boolean DEFAULT false NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "processes_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "provision_texts" (
	"id" text PRIMARY KEY NOT NULL,
	"review_state" text DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"provision_id" text NOT NULL,
	"version_id" text NOT NULL,
	"text" text NOT NULL,
	"incomplete" boolean DEFAULT false NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provisions" (
	"id" text PRIMARY KEY NOT NULL,
	"review_state" text DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"agreement_id" text NOT NULL,
	"path" text NOT NULL,
	"heading" text DEFAULT '' NOT NULL,
	"categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"page_ref" text,
	"note" text DEFAULT '' NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_events" (
	"seq" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "record_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"entity" text NOT NULL,
	"record_id" text NOT NULL,
	"kind" text NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
ALTER TABLE "access_observations" ADD CONSTRAINT "access_observations_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_observations" ADD CONSTRAINT "access_observations_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_observations" ADD CONSTRAINT "access_observations_reported_by_party_id_parties_id_fk" FOREIGN KEY ("reported_by_party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_issuer_party_id_parties_id_fk" FOREIGN KEY ("issuer_party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_provision_id_provisions_id_fk" FOREIGN KEY ("provision_id") REFERENCES "public"."provisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_author_party_id_parties_id_fk" FOREIGN KEY ("author_party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_formats" ADD CONSTRAINT "negotiation_formats_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_format_id_negotiation_formats_id_fk" FOREIGN KEY ("format_id") REFERENCES "public"."negotiation_formats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parties" ADD CONSTRAINT "parties_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "places" ADD CONSTRAINT "places_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provision_texts" ADD CONSTRAINT "provision_texts_provision_id_provisions_id_fk" FOREIGN KEY ("provision_id") REFERENCES "public"."provisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provision_texts" ADD CONSTRAINT "provision_texts_version_id_agreement_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provisions" ADD CONSTRAINT "provisions_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_observations_place_id_observed_on_index" ON "access_observations" USING btree ("place_id","observed_on");--> statement-breakpoint
CREATE INDEX "agreement_versions_agreement_id_index" ON "agreement_versions" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "agreements_process_id_signed_on_index" ON "agreements" USING btree ("process_id","signed_on");--> statement-breakpoint
CREATE INDEX "assessments_commitment_id_party_id_as_of_index" ON "assessments" USING btree ("commitment_id","party_id","as_of");--> statement-breakpoint
CREATE INDEX "commitments_process_id_index" ON "commitments" USING btree ("process_id");--> statement-breakpoint
CREATE INDEX "commitments_provision_id_index" ON "commitments" USING btree ("provision_id");--> statement-breakpoint
CREATE INDEX "documents_process_id_published_on_index" ON "documents" USING btree ("process_id","published_on");--> statement-breakpoint
CREATE INDEX "documents_sha256_index" ON "documents" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "incidents_process_id_start_date_index" ON "incidents" USING btree ("process_id","start_date");--> statement-breakpoint
CREATE INDEX "incidents_place_id_index" ON "incidents" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "meetings_process_id_date_index" ON "meetings" USING btree ("process_id","date");--> statement-breakpoint
CREATE INDEX "parties_process_id_index" ON "parties" USING btree ("process_id");--> statement-breakpoint
CREATE INDEX "persons_process_id_index" ON "persons" USING btree ("process_id");--> statement-breakpoint
CREATE INDEX "places_process_id_index" ON "places" USING btree ("process_id");--> statement-breakpoint
CREATE UNIQUE INDEX "provision_texts_provision_id_version_id_index" ON "provision_texts" USING btree ("provision_id","version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "provisions_agreement_id_path_index" ON "provisions" USING btree ("agreement_id","path");--> statement-breakpoint
CREATE INDEX "record_events_entity_record_id_index" ON "record_events" USING btree ("entity","record_id");