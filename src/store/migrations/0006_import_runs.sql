CREATE TABLE "import_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"process_id" text NOT NULL,
	"dataset" text NOT NULL,
	"kind" text DEFAULT 'incidents' NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text,
	"file_bytes" bigint,
	"layout" text,
	"encoding" text,
	"state" text NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"actor" text NOT NULL,
	"dry_run" boolean DEFAULT false NOT NULL,
	"strict" boolean DEFAULT false NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"bytes_read" bigint DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"kept_deleted" integer DEFAULT 0 NOT NULL,
	"deleted" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"rejections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error_message" text,
	CONSTRAINT "import_runs_state" CHECK ("import_runs"."state" IN ('queued', 'running', 'done', 'failed', 'refused'))
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "import_hash" text;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_runs_process_id_queued_at_index" ON "import_runs" USING btree ("process_id","queued_at");