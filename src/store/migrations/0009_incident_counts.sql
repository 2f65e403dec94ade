-- Incidents per process and verification status, kept by the database itself so the process overview
-- reads a few rows instead of counting a million. Each writing statement appends one signed row per
-- (process, status) it changed: appending never waits on another writer's lock, where one counter row
-- per process would make every writer wait for a running import to commit. Readers sum the rows and
-- fold them together now and then (src/store/incident-queries.ts, `incidentCounts`).
CREATE TABLE "incident_counts" (
	"process_id" text NOT NULL,
	"verification_status" text NOT NULL,
	"n" bigint NOT NULL
);--> statement-breakpoint
CREATE INDEX "incident_counts_process" ON "incident_counts" USING btree ("process_id");--> statement-breakpoint
CREATE FUNCTION "incident_counts_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A tombstoned incident (deleted_at set) no longer counts; an update moves it between statuses.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO incident_counts (process_id, verification_status, n)
    SELECT process_id, verification_status, count(*) FROM new_rows WHERE deleted_at IS NULL GROUP BY 1, 2;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO incident_counts (process_id, verification_status, n)
    SELECT process_id, verification_status, sum(d) FROM (
      SELECT process_id, verification_status, -1 AS d FROM old_rows WHERE deleted_at IS NULL
      UNION ALL
      SELECT process_id, verification_status, 1 AS d FROM new_rows WHERE deleted_at IS NULL
    ) AS changes GROUP BY 1, 2 HAVING sum(d) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO incident_counts (process_id, verification_status, n)
    SELECT process_id, verification_status, -count(*) FROM old_rows WHERE deleted_at IS NULL GROUP BY 1, 2;
  ELSE
    DELETE FROM incident_counts;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "incident_counts_insert" AFTER INSERT ON "incidents" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "incident_counts_follow"();--> statement-breakpoint
CREATE TRIGGER "incident_counts_update" AFTER UPDATE ON "incidents" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "incident_counts_follow"();--> statement-breakpoint
CREATE TRIGGER "incident_counts_delete" AFTER DELETE ON "incidents" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "incident_counts_follow"();--> statement-breakpoint
CREATE TRIGGER "incident_counts_truncate" AFTER TRUNCATE ON "incidents"
  FOR EACH STATEMENT EXECUTE FUNCTION "incident_counts_follow"();--> statement-breakpoint
INSERT INTO "incident_counts" ("process_id", "verification_status", "n")
SELECT "process_id", "verification_status", count(*) FROM "incidents" WHERE "deleted_at" IS NULL GROUP BY 1, 2;
