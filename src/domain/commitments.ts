import { z } from "zod";
import { Id, IsoDate, Sources, WebUrl } from "./common.js";

export const Deadline = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("absolute"), date: IsoDate }),
  z.object({
    kind: z.literal("relative"),
    /** Another commitment, or an event described in words when it is not a record. */
    afterCommitmentId: Id.optional(),
    afterEvent: z.string().max(500).optional(),
    offsetDays: z.number().int().min(0),
  }),
  z.object({
    kind: z.literal("recurring"),
    firstDate: IsoDate,
    everyDays: z.number().int().min(1),
  }),
]);
export type Deadline = z.infer<typeof Deadline>;

export const Commitment = z.object({
  processId: Id,
  provisionId: Id.optional(),
  meetingId: Id.optional(),
  title: z.string().min(1).max(300),
  obligorPartyIds: z.array(Id).min(1, "a commitment has at least one obligor"),
  beneficiaryPartyIds: z.array(Id).default([]),
  action: z.string().min(1).max(2000),
  object: z.string().max(2000).default(""),
  deadline: Deadline.default({ kind: "none" }),
  duration: z.string().max(2000).default(""),
  renewal: z.string().max(2000).default(""),
  conditions: z.string().max(5000).default(""),
  dependsOnCommitmentIds: z.array(Id).default([]),
  categories: z.array(z.string().regex(/^[a-z_]+$/)).default([]),
  /** The places the commitment governs (the Lachin corridor for point 6). */
  placeIds: z.array(Id).default([]),
  sources: Sources,
});

/** The four-level scale of peace-accord implementation research, plus not applicable. */
export const implementationLevels = [0, 1, 2, 3] as const;
export const levelNames = ["not_initiated", "minimal", "intermediate", "full"] as const;

export const EvidenceLink = z.object({
  kind: z.enum(["incident", "document", "access_observation", "meeting", "source"]),
  id: Id.optional(),
  url: WebUrl.optional(),
  quote: z.string().max(4000).optional(),
  note: z.string().max(2000).optional(),
});

export const Assessment = z.object({
  commitmentId: Id,
  partyId: Id,
  asOf: IsoDate,
  /** null: not applicable as of this date. */
  level: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).nullable(),
  rationale: z.string().min(1).max(10000),
  evidence: z.array(EvidenceLink).default([]),
  assessor: z.string().min(1).max(200),
  supersedesId: Id.optional(),
  sources: Sources,
});

/** One party's reading of a commitment or provision; readings are shown side by side, none preferred. */
export const Interpretation = z.object({
  processId: Id,
  commitmentId: Id.optional(),
  provisionId: Id.optional(),
  partyId: Id,
  /** The words in dispute, e.g. "control" in point 9. */
  term: z.string().max(300).default(""),
  reading: z.string().min(1).max(20000),
  statedOn: IsoDate.optional(),
  sources: Sources,
});
