-- Search over records (issue 10, item 5). The stored vectors and the name expressions below are written
-- here by hand, outside the drizzle schema: a column drizzle knows is selected by every `select()` and
-- `returning()`, so each record, each API answer and each change event would carry its vector.
--
-- Records are written in any of the process's languages without a language field, so each vector holds
-- the words twice: through the 'russian' configuration (PostgreSQL maps its ASCII words to the English
-- stemmer and its Cyrillic words to the Russian one) and through 'simple' (every word as written, which
-- Armenian and Azerbaijani need and the incident list's prefix search relies on). Titles weigh A, the
-- rest B, as in documents.search_vector.
CREATE OR REPLACE FUNCTION peacetrack_record_vector(title text, body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT setweight(to_tsvector('russian'::regconfig, coalesce(title, '')), 'A')
            || setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A')
            || setweight(to_tsvector('russian'::regconfig, coalesce(body, '')), 'B')
            || setweight(to_tsvector('simple'::regconfig, coalesce(body, '')), 'B') $$;--> statement-breakpoint
-- Every name of a party, person or place (its `names` array of {text, lang}) as one string, for the
-- trigram indexes: a misspelling or another script's name still finds the record.
CREATE OR REPLACE FUNCTION peacetrack_names_text(names jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(string_agg(n.value->>'text', ' '), '') FROM jsonb_array_elements(names) AS n $$;--> statement-breakpoint
-- The incident list's word search (incident-queries.ts) now reads this column instead of the old
-- expression index: it holds the same 'simple' words, so its prefix matches are unchanged.
DROP INDEX "incidents_text";--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (peacetrack_record_vector("title", coalesce("location_name", '') || ' ' || "location_description" || ' ' || "description")) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "incidents_search" ON "incidents" USING gin ("search_vector");--> statement-breakpoint
ALTER TABLE "commitments" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (peacetrack_record_vector("title", "action" || ' ' || "object" || ' ' || "conditions")) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "commitments_search" ON "commitments" USING gin ("search_vector") WITH (fastupdate = off);--> statement-breakpoint
ALTER TABLE "provision_texts" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (peacetrack_record_vector('', "text")) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "provision_texts_search" ON "provision_texts" USING gin ("search_vector") WITH (fastupdate = off);--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (peacetrack_record_vector("title" || ' ' || coalesce("short_title", ''), "summary")) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "agreements_search" ON "agreements" USING gin ("search_vector") WITH (fastupdate = off);--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (peacetrack_record_vector("title", "outcome")) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "meetings_search" ON "meetings" USING gin ("search_vector") WITH (fastupdate = off);--> statement-breakpoint
-- GIN's pending list (fastupdate) makes inserts cheap but every search reads the whole list until a
-- vacuum merges it, and PGlite runs no autovacuum: documents and the small record tables, written a
-- few at a time, insert straight into their indexes. Incidents keep it: they arrive in bulk imports,
-- where the list pays for itself (and a full list is merged by the insert that fills it).
ALTER INDEX "documents_search" SET (fastupdate = off);--> statement-breakpoint
CREATE INDEX "parties_names_trgm" ON "parties" USING gin (("short_name" || ' ' || peacetrack_names_text("names")) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "persons_names_trgm" ON "persons" USING gin (peacetrack_names_text("names") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "places_names_trgm" ON "places" USING gin (peacetrack_names_text("names") gin_trgm_ops);
