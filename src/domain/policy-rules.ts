import type { Role } from "./actor.js";
import type { PolicyKind } from "./concerned-parties.js";
import type { EntityName } from "./entities.js";

/**
 * The tables the permission policy (policy.ts) reads: who writes which kind of record. Kept apart
 * from the logic so that the rules can be read, and changed, in one place. docs/PERMISSIONS.md shows
 * the same tables; the matrix test (policy.test.ts) writes out every consequence.
 */

export const staffRoles = ["monitor", "mediator", "administrator"] as const satisfies readonly Role[];
export type StaffRole = (typeof staffRoles)[number];
export const isStaffRole = (role: Role): role is StaffRole => (staffRoles as readonly Role[]).includes(role);

/** Staff who may move records through review: publish, dispute, retract, return to draft. */
export const reviewerRoles: readonly StaffRole[] = ["mediator", "administrator"];

export interface KindRule {
  /** May create drafts of the kind, and change and submit the drafts they created. */
  authors: readonly StaffRole[];
  /** May also change drafts others created, and correct the kind once published (with its history). */
  curators: readonly StaffRole[];
}

// Field work: what monitors record. Once published it is corrected by an administrator only: a
// mediator reviews field work, and changing what they then publish would undo the four eyes.
const fieldWork: KindRule = {
  authors: ["monitor", "mediator", "administrator"],
  curators: ["administrator"],
};
// The negotiation record: formats, meetings, agreements and what they oblige, kept by mediators.
const negotiationRecord: KindRule = {
  authors: ["mediator", "administrator"],
  curators: ["mediator", "administrator"],
};
// The frame every other record hangs on: which process, which parties.
const frame: KindRule = { authors: ["administrator"], curators: ["administrator"] };

export const kindRules: Record<EntityName, KindRule> = {
  processes: frame,
  parties: frame,
  places: fieldWork,
  persons: fieldWork,
  documents: fieldWork,
  incidents: fieldWork,
  accessObservations: fieldWork,
  // Monitors propose assessments as drafts; published ones are never edited (appendOnlyEntities).
  assessments: fieldWork,
  formats: negotiationRecord,
  meetings: negotiationRecord,
  agreements: negotiationRecord,
  agreementVersions: negotiationRecord,
  provisions: negotiationRecord,
  provisionTexts: negotiationRecord,
  commitments: negotiationRecord,
  // A party's stated reading, recorded from its statements; parties also submit their own (claims).
  interpretations: negotiationRecord,
};

export const kindLabels: Record<PolicyKind, string> = {
  processes: "processes",
  parties: "parties",
  persons: "persons",
  places: "places",
  formats: "negotiation formats",
  meetings: "meetings",
  agreements: "agreements",
  agreementVersions: "agreement versions",
  provisions: "provisions",
  provisionTexts: "provision texts",
  commitments: "commitments",
  assessments: "assessments",
  interpretations: "interpretations",
  incidents: "incidents",
  accessObservations: "access observations",
  documents: "documents",
  replies: "replies",
};

const singular: Record<StaffRole, string> = {
  monitor: "a monitor",
  mediator: "a mediator",
  administrator: "an administrator",
};
const plural: Record<StaffRole, string> = {
  monitor: "monitors",
  mediator: "mediators",
  administrator: "administrators",
};

/** "an administrator", "mediators and administrators", "monitors, mediators and administrators". */
export function rolesPhrase(roles: readonly StaffRole[]): string {
  const [only] = roles;
  if (roles.length === 1 && only) return singular[only];
  const names = roles.map((role) => plural[role]);
  return names.length <= 1 ? (names[0] ?? "nobody") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
