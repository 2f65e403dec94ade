-- Trigram matching for names in any script (search); PGlite loads the extension on open.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "document_band_keys" (
	"band_key" text NOT NULL,
	"document_id" text NOT NULL,
	CONSTRAINT "document_band_keys_band_key_document_id_pk" PRIMARY KEY("band_key","document_id")
);
--> statement-breakpoint
CREATE TABLE "document_fingerprints" (
	"document_id" text PRIMARY KEY NOT NULL,
	"signature" jsonb NOT NULL,
	"shingle_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_intakes" (
	"id" text PRIMARY KEY NOT NULL,
	"process_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"via" text NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"feed_id" text,
	"outcome" text NOT NULL,
	"document_id" text,
	"error_code" text,
	"error_message" text,
	CONSTRAINT "document_intakes_outcome" CHECK (("document_intakes"."outcome" = 'failed') = ("document_intakes"."document_id" IS NULL AND "document_intakes"."error_code" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "document_originals" (
	"document_id" text PRIMARY KEY NOT NULL,
	"bytes" "bytea" NOT NULL,
	"byte_length" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_similarities" (
	"document_id" text NOT NULL,
	"other_document_id" text NOT NULL,
	"score" double precision NOT NULL,
	"jaccard" double precision NOT NULL,
	"containment" double precision NOT NULL,
	"found_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_similarities_document_id_other_document_id_pk" PRIMARY KEY("document_id","other_document_id"),
	CONSTRAINT "document_similarities_not_self" CHECK ("document_similarities"."document_id" <> "document_similarities"."other_document_id")
);
--> statement-breakpoint
CREATE TABLE "evidence_links" (
	"id" text PRIMARY KEY NOT NULL,
	"document_id" text NOT NULL,
	"record_kind" text NOT NULL,
	"record_id" text NOT NULL,
	"passage_start" integer,
	"passage_end" integer,
	"quote" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	CONSTRAINT "evidence_links_passage" CHECK (("evidence_links"."passage_start" IS NULL AND "evidence_links"."passage_end" IS NULL) OR ("evidence_links"."passage_start" >= 0 AND "evidence_links"."passage_end" > "evidence_links"."passage_start"))
);
--> statement-breakpoint
CREATE TABLE "feed_items" (
	"feed_id" text NOT NULL,
	"item_key" text NOT NULL,
	"document_id" text,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feed_items_feed_id_item_key_pk" PRIMARY KEY("feed_id","item_key")
);
--> statement-breakpoint
CREATE TABLE "feeds" (
	"id" text PRIMARY KEY NOT NULL,
	"process_id" text NOT NULL,
	"url" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"kind" text,
	"document_kind" text DEFAULT 'news_article' NOT NULL,
	"publisher" text DEFAULT '' NOT NULL,
	"publish_as" text DEFAULT 'draft' NOT NULL,
	"fetch_articles" boolean DEFAULT true NOT NULL,
	"poll_interval_minutes" integer DEFAULT 60 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"etag" text,
	"last_modified" text,
	"last_polled_at" timestamp with time zone,
	"next_poll_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_status" text,
	"last_error" text,
	"last_new_items" integer DEFAULT 0 NOT NULL,
	"items_total" integer DEFAULT 0 NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"polling_since" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
DROP INDEX "documents_sha256_index";--> statement-breakpoint
ALTER TABLE "documents" ALTER COLUMN "language" SET DEFAULT 'und';--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "author" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "language_source" text DEFAULT 'detected' NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "published_date_source" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "received_via" text DEFAULT 'paste' NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "content_type" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "file_name" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "encoding" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "cleaned_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "cleaning_edits" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "is_cluster_original" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (CASE "documents"."language" WHEN 'en' THEN setweight(to_tsvector('english'::regconfig, "documents"."title"), 'A') || setweight(to_tsvector('english'::regconfig, "documents"."cleaned_text"), 'B') WHEN 'ru' THEN setweight(to_tsvector('russian'::regconfig, "documents"."title"), 'A') || setweight(to_tsvector('russian'::regconfig, "documents"."cleaned_text"), 'B') ELSE setweight(to_tsvector('simple'::regconfig, "documents"."title"), 'A') || setweight(to_tsvector('simple'::regconfig, "documents"."cleaned_text"), 'B') END) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "document_band_keys" ADD CONSTRAINT "document_band_keys_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_fingerprints" ADD CONSTRAINT "document_fingerprints_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_intakes" ADD CONSTRAINT "document_intakes_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_intakes" ADD CONSTRAINT "document_intakes_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_originals" ADD CONSTRAINT "document_originals_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_similarities" ADD CONSTRAINT "document_similarities_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_similarities" ADD CONSTRAINT "document_similarities_other_document_id_documents_id_fk" FOREIGN KEY ("other_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_links" ADD CONSTRAINT "evidence_links_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_items" ADD CONSTRAINT "feed_items_feed_id_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."feeds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_items" ADD CONSTRAINT "feed_items_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feeds" ADD CONSTRAINT "feeds_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_band_keys_document_id_index" ON "document_band_keys" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "document_intakes_document_id_at_index" ON "document_intakes" USING btree ("document_id","at");--> statement-breakpoint
CREATE INDEX "document_intakes_process_id_at_index" ON "document_intakes" USING btree ("process_id","at");--> statement-breakpoint
CREATE INDEX "evidence_links_record_kind_record_id_index" ON "evidence_links" USING btree ("record_kind","record_id");--> statement-breakpoint
CREATE INDEX "evidence_links_document_id_index" ON "evidence_links" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "feeds_process_id_url_index" ON "feeds" USING btree ("process_id","url");--> statement-breakpoint
CREATE INDEX "feeds_active_next_poll_at_index" ON "feeds" USING btree ("active","next_poll_at");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_process_sha256" ON "documents" USING btree ("process_id","sha256") WHERE "documents"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "documents_duplicate_cluster_id_index" ON "documents" USING btree ("duplicate_cluster_id");--> statement-breakpoint
CREATE INDEX "documents_search" ON "documents" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "documents_title_trgm" ON "documents" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
-- Documents stored before cleaning existed: their cleaned text starts as the text itself.
UPDATE "documents" SET "cleaned_text" = "text" WHERE "cleaned_text" = '';
