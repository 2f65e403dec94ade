-- Events already written take this migration's transaction id: they all come before any later
-- event, in seq order, which is the order they had.
DROP INDEX "record_events_entity_seq_index";--> statement-breakpoint
ALTER TABLE "record_events" ADD COLUMN "xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
CREATE INDEX "record_events_xid_seq_index" ON "record_events" USING btree ("xid","seq");--> statement-breakpoint
CREATE INDEX "record_events_entity_xid_index" ON "record_events" USING btree ("entity","xid");