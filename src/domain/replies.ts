import { z } from "zod";
import { Id, IsoDateTime, LanguageTag, Sources } from "./common.js";
import type { EntityData } from "./entities.js";
import { replyStates } from "./review-transitions.js";

/**
 * The right of reply and party submissions (issue #9, items 5 and 6), as domain definitions: the
 * store's tables and the routes follow these shapes.
 *
 * A reply is a party's answer, on the record, to something that concerns it (see concernedParties).
 * Its party and author come from the signed-in representative, never from the request body: the
 * platform exists so that one side cannot write in the other's name.
 */

/** The kinds of record a party may answer. An "allegation" is an incident's alleged breach. */
export const replyableKinds = ["incidents", "assessments", "interpretations"] as const;
export type ReplyableKind = (typeof replyableKinds)[number];
export const isReplyableKind = (kind: string): kind is ReplyableKind =>
  (replyableKinds as readonly string[]).includes(kind);

/** What a reply answers: a record, and for an incident optionally one of its alleged breaches. */
export const ReplyTarget = z.object({
  kind: z.enum(replyableKinds),
  id: Id,
  /** Answers the allegation that the incident breaches this provision, rather than the whole incident. */
  allegedBreachProvisionId: Id.optional(),
});
export type ReplyTarget = z.infer<typeof ReplyTarget>;

export const ReplyState = z.enum(replyStates);
export type ReplyState = z.infer<typeof ReplyState>;

/** What a representative sends to write or change a reply. */
export const ReplyInput = z.object({
  answers: ReplyTarget,
  text: z.string().trim().min(1, "a reply says something").max(20_000),
  language: LanguageTag.default("en"),
  sources: Sources,
});
export type ReplyInput = z.infer<typeof ReplyInput>;

/** A stored reply: the input, plus what the platform sets from the actor and the workflow. */
export const Reply = ReplyInput.extend({
  id: Id,
  /** The replying party: the representative's own party, set from the actor. */
  partyId: Id,
  /** The representative who wrote it (account id) and the name the history shows. */
  authorAccountId: Id,
  authorName: z.string().min(1).max(320),
  reviewState: ReplyState,
  /** When it was first published, beside what it answers; absent while a draft. */
  publishedAt: IsoDateTime.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Reply = z.infer<typeof Reply>;

/**
 * Party submissions: statements and evidence (documents), observations (incidents, access
 * observations) and a party's own reading of a commitment (interpretations). Each is stored as a
 * claim of that party, never as a finding of the mission.
 */
export const claimKinds = ["documents", "accessObservations", "incidents", "interpretations"] as const;
export type ClaimKind = (typeof claimKinds)[number];
export const isClaimKind = (kind: string): kind is ClaimKind =>
  (claimKinds as readonly string[]).includes(kind);

/**
 * The marker every record kind carries beside its data: set (to the representative's party) when a
 * party representative submitted the record, absent for the mission's own work. Interfaces show it
 * ("Azerbaijan's claim"), and the policy lets only that party's representatives change the record.
 */
export const PartyClaimMarker = z.object({ claimOfPartyId: Id.optional() });
export type PartyClaimMarker = z.infer<typeof PartyClaimMarker>;

export type PartyClaim<K extends ClaimKind> = EntityData<K> & { claimOfPartyId: string };

/**
 * Makes submitted data a claim of `partyId`: the fields that say who speaks are set to that party,
 * whatever the body said, and nothing in it can pass for a finding (an incident stays "reported",
 * its alleged breaches "alleged" by this party). A party speaks only for itself.
 */
export function stampPartyClaim<K extends ClaimKind>(
  kind: K,
  data: EntityData<K>,
  partyId: string,
): PartyClaim<K> {
  const stamped = stampers[kind](data, partyId) as EntityData<K>;
  return { ...stamped, claimOfPartyId: partyId };
}

type Stamper<K extends ClaimKind> = (data: EntityData<K>, partyId: string) => EntityData<K>;

const stampers: { [K in ClaimKind]: Stamper<K> } = {
  documents: (data, partyId) => ({ ...data, authorPartyId: partyId }),
  accessObservations: (data, partyId) => ({ ...data, reportedByPartyId: partyId }),
  interpretations: (data, partyId) => ({ ...data, partyId }),
  incidents: (data, partyId) => ({
    ...data,
    verificationStatus: "reported",
    allegedByPartyIds: [partyId],
    allegedBreaches: data.allegedBreaches.map((breach) => ({
      ...breach,
      allegedByPartyId: partyId,
      status: "alleged" as const,
    })),
  }),
};
