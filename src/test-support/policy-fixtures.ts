import fc from "fast-check";
import { type AccountActor, type Actor, anonymous, type Role, roles } from "../domain/actor.js";
import { reviewStates } from "../domain/common.js";
import { entityNames } from "../domain/entities.js";
import type { PolicyKind, PolicyRecord, ReadableFilter } from "../domain/policy.js";

/** Actors, records and generators for the permission policy's tests (src/domain/policy.test.ts). */

export const P = "armenia";
export const Q = "azerbaijan";
export const partyName = (id: string) => ({ armenia: "Armenia", azerbaijan: "Azerbaijan" })[id] ?? id;

export const account = (role: Role, extra: Partial<AccountActor> = {}): Actor => ({
  kind: "account",
  accountId: `${role}-1`,
  name: `${role}@example.org`,
  role,
  via: "session",
  ...extra,
});
export const monitor = account("monitor");
export const mediator = account("mediator");
export const administrator = account("administrator");
export const representative = account("party_representative", { partyId: P, accountId: "rep-armenia" });
export const unboundRepresentative = account("party_representative", { accountId: "rep-nobody" });

/** Kinds grouped where the expected rows are the same; every kind is in exactly one group. */
export const groups = {
  frame: ["processes", "parties"],
  fieldPlain: ["places", "persons"],
  fieldClaimable: ["documents", "accessObservations"],
  incidents: ["incidents"],
  assessments: ["assessments"],
  negotiation: [
    "formats",
    "meetings",
    "agreements",
    "agreementVersions",
    "provisions",
    "provisionTexts",
    "commitments",
  ],
  interpretations: ["interpretations"],
  replies: ["replies"],
} as const satisfies Record<string, readonly PolicyKind[]>;
export type Group = keyof typeof groups;
export const entityGroups: Group[] = [
  "frame",
  "fieldPlain",
  "fieldClaimable",
  "incidents",
  "assessments",
  "negotiation",
  "interpretations",
];

/** Data that makes a record of `kind` concern `party`, field by field as concernedParties reads it. */
export function about(kind: PolicyKind, party: string): Record<string, unknown> {
  const data: Partial<Record<PolicyKind, Record<string, unknown>>> = {
    parties: { id: party },
    persons: { roles: [{ office: "Minister", partyId: party }] },
    formats: { memberPartyIds: [party] },
    meetings: { participantPartyIds: [party] },
    agreements: { signatoryPartyIds: [party] },
    commitments: { obligorPartyIds: [party] },
    assessments: { partyId: party },
    interpretations: { partyId: party },
    incidents: { actors: [{ partyId: party, role: "alleged_perpetrator" }] },
    accessObservations: { reportedByPartyId: party },
    documents: { authorPartyId: party },
    replies: { partyId: party },
  };
  return data[kind] ?? {};
}

/** A record as a representative of `party` submits it: its claim, speaking for itself. */
export const claimOf = (party: string) => (kind: PolicyKind) => ({
  ...(kind === "incidents" ? { allegedByPartyIds: [party] } : about(kind, party)),
  claimOfPartyId: party,
  createdByAccountId: `rep-${party}`,
});
/** The mission's work about `party`, created and submitted by someone else. */
export const staffWorkAbout = (party: string) => (kind: PolicyKind) => ({
  ...about(kind, party),
  createdByAccountId: "someone-else",
  submittedByAccountId: "someone-else",
});
/** The mission's work about P, created by `actor`. */
export const ownWork = (actor: Actor) => (kind: PolicyKind) => ({
  ...about(kind, P),
  createdByAccountId: actor.kind === "account" ? actor.accountId : undefined,
});
/** Seeded or imported work about P: no account created it. */
export const unownedWork = (kind: PolicyKind) => about(kind, P);
/** A reply by `party`'s representative (used with the kind "replies"). */
export const replyOf = (party: string) => (kind: PolicyKind) => ({
  ...about(kind, party),
  createdByAccountId: `rep-${party}`,
});

const parties = ["armenia", "azerbaijan", "russia"];
export const anyActor: fc.Arbitrary<Actor> = fc.oneof(
  fc.constant(anonymous),
  fc
    .record({
      kind: fc.constant("account" as const),
      accountId: fc.constantFrom("a1", "a2"),
      name: fc.constant("someone@example.org"),
      role: fc.constantFrom(...roles),
      partyId: fc.option(fc.constantFrom(...parties), { nil: undefined }),
      via: fc.constantFrom("session" as const, "token" as const),
    })
    .map((a) => (a.role === "party_representative" ? a : { ...a, partyId: undefined })),
);
export const anyKind = fc.constantFrom<PolicyKind>(...entityNames, "replies");
export const anyRecord: fc.Arbitrary<PolicyRecord> = fc.record({
  reviewState: fc.constantFrom(...reviewStates),
  createdByAccountId: fc.option(fc.constantFrom("a1", "a2"), { nil: undefined }),
  submittedByAccountId: fc.option(fc.constantFrom("a1", "a2"), { nil: undefined }),
  claimOfPartyId: fc.option(fc.constantFrom(...parties), { nil: undefined }),
  partyId: fc.constantFrom(...parties),
  allegedByPartyIds: fc.subarray(parties),
});

/** The filter as SQL reads it: `review_state IN (...) OR <party column> = $party` (NULL matches nothing). */
export function admits(filter: ReadableFilter, record: PolicyRecord): boolean {
  if ("all" in filter) return true;
  if (filter.reviewStates.includes(record.reviewState)) return true;
  const owned = filter.orOwnedByParty;
  return owned !== undefined && record[owned.field] === owned.partyId;
}
