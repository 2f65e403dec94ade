import { z } from "zod";
import { IsoDate } from "./common.js";
import { claimTypes } from "./extraction.js";

/**
 * "Says and does" (issue #11, item 3): a party's confirmed words — its commitments, declarations of
 * readiness, denials, demands, threats and allegations, as reviewers confirmed them in the documents —
 * on one time axis with its record: the assessments of what it owes and the incidents alleged against
 * it. The API validates with these, the OpenAPI document comes from them, the web app takes its types.
 */

export const SaysAndDoesQuery = z
  .object({
    from: IsoDate.optional().describe("only what is dated on or after this day"),
    to: IsoDate.optional().describe("only what is dated on or before this day"),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: "from is after to",
    path: ["from"],
  });
export type SaysAndDoesQuery = z.output<typeof SaysAndDoesQuery>;

/** A claim a reviewer accepted or corrected, with the passage it stands on. */
export const SaidClaim = z.object({
  id: z.string(),
  date: IsoDate,
  /** "published": the document's publication date; "received": it has none, the day it came in. */
  dateSource: z.enum(["published", "received"]),
  claimType: z.enum(claimTypes),
  text: z.string(),
  partyId: z.string().nullable().describe("the claimant's party"),
  partyName: z.string().nullable(),
  targetPartyId: z.string().nullable(),
  bearsOnIds: z.array(z.string()),
  documentId: z.string(),
  documentTitle: z.string(),
  /** Offsets into the document's original text: the web links `/documents/:id?passage=start-end`. */
  spanStart: z.number().int(),
  spanEnd: z.number().int(),
});
export type SaidClaim = z.output<typeof SaidClaim>;

/** A standing assessment (one no readable correction supersedes) of what a party owes. */
export const DoneAssessment = z.object({
  id: z.string(),
  commitmentId: z.string(),
  commitmentTitle: z.string(),
  partyId: z.string(),
  partyName: z.string(),
  asOf: IsoDate,
  /** 0–3 on the compliance scale; null: not assessable. */
  level: z.number().int().min(0).max(3).nullable(),
  reviewState: z.string(),
});
export type DoneAssessment = z.output<typeof DoneAssessment>;

/** Why an incident is on the party's (or commitment's) record. */
export const allegationGrounds = ["alleged_perpetrator", "perpetrator", "alleged_breach"] as const;

export const AllegedIncident = z.object({
  id: z.string(),
  title: z.string(),
  date: IsoDate,
  endDate: IsoDate.nullable(),
  grounds: z.array(z.enum(allegationGrounds)),
  /** The provisions the incident is alleged to breach (of those that concern the view). */
  provisionIds: z.array(z.string()),
  verificationStatus: z.string(),
  reviewState: z.string(),
});
export type AllegedIncident = z.output<typeof AllegedIncident>;

export const MonthCount = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), count: z.number().int() });
export type MonthCount = z.output<typeof MonthCount>;

const Limits = z.object({
  truncated: z
    .boolean()
    .describe("true when a list reached its limit; narrow the range with from and to to see the rest"),
});

export const PartySaysAndDoes = Limits.extend({
  partyId: z.string(),
  partyName: z.string(),
  from: IsoDate.nullable(),
  to: IsoDate.nullable(),
  claims: z.array(SaidClaim).describe("the party's confirmed claims, oldest first"),
  assessments: z.array(DoneAssessment).describe("standing assessments of the party as obligor, by asOf"),
  incidents: z.array(AllegedIncident).describe("incidents alleged against the party, oldest first"),
  threatsPerMonth: z.array(MonthCount).describe("confirmed claims of type threatens, counted per month"),
});
export type PartySaysAndDoes = z.output<typeof PartySaysAndDoes>;

export const CommitmentSaysAndDoes = Limits.extend({
  commitmentId: z.string(),
  commitmentTitle: z.string(),
  provisionId: z.string().nullable(),
  obligorPartyIds: z.array(z.string()),
  from: IsoDate.nullable(),
  to: IsoDate.nullable(),
  claims: z.array(SaidClaim).describe("confirmed claims bearing on the commitment or its provision"),
  assessments: z.array(DoneAssessment).describe("standing assessments per obligor party, by asOf"),
  incidents: z.array(AllegedIncident).describe("incidents alleged to breach the commitment's provision"),
});
export type CommitmentSaysAndDoes = z.output<typeof CommitmentSaysAndDoes>;

/** Claims, assessments or incidents returned at most per list. */
export const saysAndDoesLimit = 2000;

/** The passage address the web app opens for a claim. */
export const passageUrl = (claim: Pick<SaidClaim, "documentId" | "spanStart" | "spanEnd">) =>
  `/documents/${encodeURIComponent(claim.documentId)}?passage=${claim.spanStart}-${claim.spanEnd}`;

/** Threat claims per calendar month, months without threats left out, oldest first. */
export function countPerMonth(claims: readonly Pick<SaidClaim, "date" | "claimType">[], type = "threatens") {
  const counts = new Map<string, number>();
  for (const claim of claims)
    if (claim.claimType === type)
      counts.set(claim.date.slice(0, 7), (counts.get(claim.date.slice(0, 7)) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([month, count]) => ({ month, count }));
}
