CREATE TABLE "extraction_items" (
	"id" text PRIMARY KEY NOT NULL,
	"document_id" text NOT NULL,
	"kind" text NOT NULL,
	"item_key" text NOT NULL,
	"span_start" integer NOT NULL,
	"span_end" integer NOT NULL,
	"text" text NOT NULL,
	"confidence" double precision NOT NULL,
	"rule" text NOT NULL,
	"suggestion" jsonb NOT NULL,
	"status" text DEFAULT 'suggested' NOT NULL,
	"decided" jsonb,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"record_id" text,
	"party_id" text,
	"claim_type" text,
	"target_party_id" text,
	"bears_on_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"extracted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "extraction_items_span" CHECK ("extraction_items"."span_start" >= 0 AND "extraction_items"."span_end" >= "extraction_items"."span_start"),
	CONSTRAINT "extraction_items_decided" CHECK (("extraction_items"."status" = 'suggested') = ("extraction_items"."decided_at" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "extraction_items" ADD CONSTRAINT "extraction_items_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "extraction_items_document_id_item_key_index" ON "extraction_items" USING btree ("document_id","item_key");--> statement-breakpoint
CREATE INDEX "extraction_items_document_id_kind_index" ON "extraction_items" USING btree ("document_id","kind");--> statement-breakpoint
CREATE INDEX "extraction_items_party_id_claim_type_status_index" ON "extraction_items" USING btree ("party_id","claim_type","status");--> statement-breakpoint
CREATE INDEX "extraction_items_record_id_kind_index" ON "extraction_items" USING btree ("record_id","kind");--> statement-breakpoint
CREATE INDEX "extraction_items_bears_on" ON "extraction_items" USING gin ("bears_on_ids" jsonb_path_ops);