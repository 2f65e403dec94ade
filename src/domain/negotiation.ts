import { z } from "zod";
import { Id, IsoDate, Sources } from "./common.js";

export const StatusChange = <T extends readonly [string, ...string[]]>(statuses: T) =>
  z.object({
    status: z.enum(statuses),
    from: IsoDate,
    note: z.string().max(2000).optional(),
    sources: Sources,
  });

export const formatStatuses = ["active", "suspended", "ended"] as const;

export const NegotiationFormat = z.object({
  processId: Id,
  name: z.string().min(1).max(300),
  mediatorPartyIds: z.array(Id).default([]),
  /** Parties with equal standing in the format. */
  memberPartyIds: z.array(Id).default([]),
  principles: z.string().max(20000).default(""),
  statusHistory: z.array(StatusChange(formatStatuses)).default([]),
  sources: Sources,
});

export const meetingLevels = [
  "leaders",
  "ministers",
  "deputy_prime_ministers",
  "military",
  "technical",
  "representatives",
] as const;
export const agendaTopics = [
  "humanitarian",
  "infrastructure",
  "security",
  "political",
  "detainees",
  "border",
  "transport",
] as const;

export const Meeting = z.object({
  processId: Id,
  formatId: Id.optional(),
  title: z.string().min(1).max(500),
  date: IsoDate,
  endDate: IsoDate.optional(),
  placeId: Id.optional(),
  level: z.enum(meetingLevels),
  mediatorPartyIds: z.array(Id).default([]),
  participantPartyIds: z.array(Id).default([]),
  participantPersonIds: z.array(Id).default([]),
  agendaTopics: z.array(z.enum(agendaTopics)).default([]),
  outcome: z.string().max(20000).default(""),
  documentIds: z.array(Id).default([]),
  sources: Sources,
});
