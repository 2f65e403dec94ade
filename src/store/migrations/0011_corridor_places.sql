ALTER TABLE "commitments" ADD COLUMN "place_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "places" ADD COLUMN "geometry" jsonb;--> statement-breakpoint
ALTER TABLE "places" ADD COLUMN "directions" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "commitments_place_ids" ON "commitments" USING gin ("place_ids" jsonb_path_ops);--> statement-breakpoint
-- Crossing counts used to say "inbound" or "outbound", each observation spelling out in inbound_meaning
-- what inbound meant. Directions now belong to the place and counts name one by its key, so: a count
-- that gave no number says nothing and goes; a place whose observations count traffic gets the keys
-- "inbound" and "outbound", named by the latest meaning recorded; an observation that recorded another
-- meaning keeps it in its note, so nothing that was said is lost.
UPDATE "access_observations" SET "counts" = coalesce((
  SELECT jsonb_agg(e.c ORDER BY e.n) FROM jsonb_array_elements("counts") WITH ORDINALITY AS e(c, n)
  WHERE e.c ?| array['persons', 'vehicles', 'cargoTonnes']
), '[]'::jsonb) WHERE jsonb_array_length("counts") > 0;--> statement-breakpoint
WITH "meaning" AS (
  SELECT DISTINCT ON ("place_id") "place_id", "inbound_meaning" FROM "access_observations"
  WHERE jsonb_array_length("counts") > 0
  ORDER BY "place_id", ("inbound_meaning" <> '') DESC, "observed_on" DESC, "id" DESC
)
UPDATE "places" SET "directions" = jsonb_build_array(
  jsonb_build_object('key', 'inbound', 'names', jsonb_build_array(jsonb_build_object(
    'text', CASE WHEN m."inbound_meaning" <> '' THEN left(m."inbound_meaning", 300) ELSE 'inbound (its meaning was not recorded)' END,
    'lang', 'en', 'usedBy', '[]'::jsonb))),
  jsonb_build_object('key', 'outbound', 'names', jsonb_build_array(jsonb_build_object(
    'text', CASE WHEN m."inbound_meaning" <> '' THEN left('the opposite way to: ' || m."inbound_meaning", 300) ELSE 'outbound (its meaning was not recorded)' END,
    'lang', 'en', 'usedBy', '[]'::jsonb)))
) FROM "meaning" m WHERE "places"."id" = m."place_id";--> statement-breakpoint
UPDATE "access_observations" o SET "note" = left(
  CASE WHEN o."note" = '' THEN '' ELSE o."note" || E'\n' END || 'Recorded with "inbound" meaning: ' || o."inbound_meaning", 5000)
FROM "places" p
WHERE p."id" = o."place_id" AND o."inbound_meaning" <> ''
  AND o."inbound_meaning" IS DISTINCT FROM (p."directions" -> 0 -> 'names' -> 0 ->> 'text');--> statement-breakpoint
ALTER TABLE "access_observations" DROP COLUMN "inbound_meaning";