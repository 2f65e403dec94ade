import { z } from "zod";
import { Id, IsoDate, Names, Sources } from "./common.js";

export const Process = z.object({
  name: z.string().min(1).max(300),
  slug: z.string().regex(/^[a-z0-9-]+$/),
  description: z.string().max(5000).default(""),
  startedOn: IsoDate.optional(),
  /** Shown as a banner wherever the process appears, so demo data is never taken for a live record. */
  isDemonstration: z.boolean().default(false),
  sources: Sources,
});

export const partyKinds = [
  "state",
  "de_facto_authority",
  "armed_group",
  "mediator",
  "international_body",
  "peacekeeping_mission",
  "court",
  "humanitarian_organisation",
] as const;

export const Party = z.object({
  processId: Id,
  kind: z.enum(partyKinds),
  /** A short label for tables and charts; the full names are in `names`. */
  shortName: z.string().min(1).max(80),
  names: Names,
  description: z.string().max(5000).default(""),
  /** Member parties of a collective party (the Minsk Group co-chairs: France, Russia, United States). */
  memberPartyIds: z.array(Id).default([]),
  sources: Sources,
});

export const PersonRole = z.object({
  office: z.string().min(1).max(300),
  partyId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

export const Person = z.object({
  processId: Id,
  names: Names,
  /** Roles over time: two people may share a surname, resolution is by role and date. */
  roles: z.array(PersonRole).default([]),
  sources: Sources,
});

export const placeKinds = [
  "country",
  "region",
  "district",
  "town",
  "village",
  "corridor",
  "checkpoint",
  "road",
  "line_of_contact_sector",
  "site",
] as const;

/** Places people and goods pass through, which have directions and access observations. */
export const crossingPlaceKinds = ["corridor", "checkpoint", "road"] as const satisfies readonly PlaceKind[];
type PlaceKind = (typeof placeKinds)[number];

/** A GeoJSON position: longitude first, then latitude (RFC 7946), in degrees. */
export const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/**
 * A place's shape, in GeoJSON: a point (a checkpoint) or a line (a corridor's road). The record's
 * latitude/longitude stay its representative point, for maps that draw one pin per place.
 */
export const PlaceGeometry = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Point"), coordinates: Position }),
  z.object({
    type: z.literal("LineString"),
    coordinates: z.array(Position).min(2, "a line has at least two positions").max(10_000),
  }),
]);
export type PlaceGeometry = z.infer<typeof PlaceGeometry>;

export const DirectionKey = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9_-]+$/, "a direction key is lower-case letters, digits, _ and - only");

/**
 * A way through a crossing place ("towards Stepanakert / Khankendi"), named by every side as a
 * place is; crossing counts name it by its key.
 */
export const PlaceDirection = z.object({ key: DirectionKey, names: Names });
export type PlaceDirection = z.infer<typeof PlaceDirection>;

export const Place = z.object({
  processId: Id,
  kind: z.enum(placeKinds),
  names: Names,
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  geoPrecision: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1),
  geometry: PlaceGeometry.optional(),
  /** The ways through a crossing place (crossingPlaceKinds); keys are unique within the place. */
  directions: z.array(PlaceDirection).max(20).default([]),
  parentPlaceId: Id.optional(),
  description: z.string().max(5000).default(""),
  sources: Sources,
});
