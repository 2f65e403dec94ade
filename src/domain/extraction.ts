import { z } from "zod";

/**
 * What extraction found in a document, as the API shows it (issue #11): each item with its span in
 * the original text, its confidence and rule, its review state, and the records it names resolved to
 * their names. The web app takes its types from here.
 */
export const extractionKinds = ["mention", "date", "quote", "claim"] as const;
export const extractionStatuses = ["suggested", "accepted", "rejected", "corrected"] as const;
export const claimTypes = [
  "alleges_violation",
  "denies",
  "calls_on",
  "commits",
  "threatens",
  "demands",
] as const;

const NamedRecord = z.object({ id: z.string().nullable(), name: z.string() });

export const ExtractionItemView = z.object({
  id: z.string(),
  kind: z.enum(extractionKinds),
  spanStart: z.number().int(),
  spanEnd: z.number().int(),
  text: z.string(),
  confidence: z.number(),
  rule: z.string(),
  status: z.enum(extractionStatuses),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** The value that stands: the suggestion, the correction, or the suggestion a reviewer rejected. */
  value: z.record(z.string(), z.unknown()),
  /** mention: the record it names ("person" | "party" | "place"). */
  mentionKind: z.string().optional(),
  record: NamedRecord.nullable().optional(),
  /** quote: who said it; null when the text does not say (never a guess). */
  speaker: NamedRecord.nullable().optional(),
  /** claim. */
  claimType: z.enum(claimTypes).optional(),
  claimant: NamedRecord.nullable().optional(),
  target: NamedRecord.nullable().optional(),
  bearsOn: z
    .array(z.object({ kind: z.string(), id: z.string(), title: z.string(), score: z.number() }))
    .optional(),
  /** date: the day or range it resolves to against the publication date; null when it cannot. */
  resolved: z.object({ start: z.string(), end: z.string() }).nullable().optional(),
  approximate: z.boolean().optional(),
});
export type ExtractionItemView = z.infer<typeof ExtractionItemView>;

export const DocumentExtraction = z.object({
  mentions: z.array(ExtractionItemView),
  dates: z.array(ExtractionItemView),
  quotes: z.array(ExtractionItemView),
  claims: z.array(ExtractionItemView),
  /** Whether the caller may accept, reject and correct. */
  mayReview: z.boolean(),
});
export type DocumentExtraction = z.infer<typeof DocumentExtraction>;

const Actor = z.object({ text: z.string().max(300), recordId: z.string().max(120).nullable().optional() });

/** A reviewer's decision; a correction changes what the item says (the speaker, the date, the link). */
export const ExtractionDecision = z.object({
  action: z.enum(["accept", "reject", "correct", "reopen"]),
  correction: z
    .object({
      recordId: z.string().max(120).nullable().optional(),
      speaker: Actor.nullable().optional(),
      claimType: z.enum(claimTypes).optional(),
      claimant: Actor.nullable().optional(),
      target: Actor.nullable().optional(),
      bearsOn: z
        .array(
          z.object({
            kind: z.string().max(40),
            id: z.string().max(120),
            score: z.number().min(0).max(1).default(1),
          }),
        )
        .max(20)
        .optional(),
      resolved: z.object({ start: z.iso.date(), end: z.iso.date() }).nullable().optional(),
    })
    .optional(),
});
export type ExtractionDecision = z.infer<typeof ExtractionDecision>;
