import type { EntityData, EntityName } from "./entities.js";

/** Every kind of record the permission policy speaks about: the entities, and replies. */
export type PolicyKind = EntityName | "replies";

type Loose<K extends EntityName> = Partial<EntityData<K>> & { id?: string };
type ConcernRule<K extends EntityName> = (record: Loose<K>) => readonly (string | undefined)[];

/**
 * Whom each kind of record is about: the parties the record names as acting, obliged, alleging or
 * alleged against. A representative may reply to a record that concerns their party; a party is told
 * when something about it is published. Only the record's own fields count (the policy is pure): a
 * provision concerns its agreement's parties, but that is read through the agreement, not here.
 */
const concernRules: { [K in EntityName]: ConcernRule<K> } = {
  processes: () => [],
  parties: (r) => [r.id],
  persons: (r) => (r.roles ?? []).map((role) => role.partyId),
  places: () => [],
  formats: (r) => [...(r.mediatorPartyIds ?? []), ...(r.memberPartyIds ?? [])],
  meetings: (r) => [...(r.mediatorPartyIds ?? []), ...(r.participantPartyIds ?? [])],
  agreements: (r) => [...(r.signatoryPartyIds ?? []), ...(r.guarantorPartyIds ?? []), r.issuerPartyId],
  agreementVersions: () => [],
  provisions: () => [],
  provisionTexts: () => [],
  commitments: (r) => [...(r.obligorPartyIds ?? []), ...(r.beneficiaryPartyIds ?? [])],
  // An assessment judges one obligor's implementation: it is about that party alone.
  assessments: (r) => [r.partyId],
  // A reading attributed to a party concerns that party: it may answer "that is not our reading".
  interpretations: (r) => [r.partyId],
  // Everyone named in the incident: its actors (perpetrators, targets, observers), those who allege it,
  // and those who allege that it breaches a provision.
  incidents: (r) => [
    ...(r.actors ?? []).map((actor) => actor.partyId),
    ...(r.allegedByPartyIds ?? []),
    ...(r.allegedBreaches ?? []).map((breach) => breach.allegedByPartyId),
  ],
  accessObservations: (r) => [r.reportedByPartyId],
  documents: (r) => [r.authorPartyId],
};

/**
 * The parties a record concerns, each once, in a stable order. `record` may be a summary row: missing
 * fields count as naming nobody.
 */
export function concernedParties(kind: PolicyKind, record: object): string[] {
  const named =
    kind === "replies"
      ? [(record as { partyId?: string }).partyId]
      : (concernRules[kind] as ConcernRule<EntityName>)(record as Loose<EntityName>);
  const ids = named.filter((id): id is string => typeof id === "string" && id.length > 0);
  return [...new Set(ids)].sort();
}

export const concerns = (kind: PolicyKind, record: object, partyId: string): boolean =>
  concernedParties(kind, record).includes(partyId);
