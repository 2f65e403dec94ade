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

export const Place = z.object({
  processId: Id,
  kind: z.enum(placeKinds),
  names: Names,
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  geoPrecision: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1),
  parentPlaceId: Id.optional(),
  description: z.string().max(5000).default(""),
  sources: Sources,
});
