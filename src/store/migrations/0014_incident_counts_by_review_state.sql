-- The overview's incident counts per review state as well (issue #9): the public's figures count only
-- the incidents the public may read (published, disputed), staff's count every state. Still a few rows
-- read per process, never the incidents themselves. The rows are recounted once, here.
ALTER TABLE "incident_counts" ADD COLUMN "review_state" text NOT NULL DEFAULT 'published';--> statement-breakpoint
CREATE OR REPLACE FUNCTION "incident_counts_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A tombstoned incident (deleted_at set) no longer counts; an update moves it between statuses and
  -- between review states (a draft that is published moves from one count to the other).
  IF TG_OP = 'INSERT' THEN
    INSERT INTO incident_counts (process_id, verification_status, review_state, n)
    SELECT process_id, verification_status, review_state, count(*) FROM new_rows WHERE deleted_at IS NULL
    GROUP BY 1, 2, 3;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO incident_counts (process_id, verification_status, review_state, n)
    SELECT process_id, verification_status, review_state, sum(d) FROM (
      SELECT process_id, verification_status, review_state, -1 AS d FROM old_rows WHERE deleted_at IS NULL
      UNION ALL
      SELECT process_id, verification_status, review_state, 1 AS d FROM new_rows WHERE deleted_at IS NULL
    ) AS changes GROUP BY 1, 2, 3 HAVING sum(d) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO incident_counts (process_id, verification_status, review_state, n)
    SELECT process_id, verification_status, review_state, -count(*) FROM old_rows WHERE deleted_at IS NULL
    GROUP BY 1, 2, 3;
  ELSE
    DELETE FROM incident_counts;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
DELETE FROM "incident_counts";--> statement-breakpoint
INSERT INTO "incident_counts" ("process_id", "verification_status", "review_state", "n")
SELECT "process_id", "verification_status", "review_state", count(*) FROM "incidents" WHERE "deleted_at" IS NULL
GROUP BY 1, 2, 3;
