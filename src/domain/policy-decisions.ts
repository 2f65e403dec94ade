import type { Actor } from "./actor.js";
import type { ReviewState } from "./common.js";
import { concerns, type PolicyKind } from "./concerned-parties.js";
import { appendOnlyEntities, type EntityName } from "./entities.js";
import {
  isStaffRole,
  kindLabels,
  kindRules,
  reviewerRoles,
  rolesPhrase,
  type StaffRole,
} from "./policy-rules.js";
import { isClaimKind, isReplyableKind } from "./replies.js";
import {
  findTransition,
  isPublicState,
  isReviewAction,
  type ReviewAction,
  reviewStateLabels,
  transitionsFor,
} from "./review-transitions.js";

/**
 * The decisions behind policy.ts, one function per group of actions. policy.ts is the entry point
 * and carries the rule table; this file is how each row of it is decided.
 */

export const recordActions = [
  "read",
  "update",
  "delete",
  "submit_for_review",
  "return_to_draft",
  "publish",
  "dispute",
  "retract",
  "reply",
] as const;
export const kindActions = ["create", "submit_claim", "import"] as const;
export const systemActions = [
  "manage_accounts",
  "manage_tokens",
  "manage_licences",
  "read_notifications",
  "manage_webhooks",
] as const;
export const policyActions = [...recordActions, ...kindActions, ...systemActions] as const;
export type RecordAction = (typeof recordActions)[number];
export type KindAction = (typeof kindActions)[number];
export type PolicyAction = (typeof policyActions)[number];

/** What the policy reads of a stored record; the record's own fields (for concernedParties) ride along. */
export interface PolicyRecord {
  readonly reviewState: ReviewState;
  /** The account that created it; absent for seeded and imported records. */
  readonly createdByAccountId?: string | null | undefined;
  /** The account that last submitted it for review (from its review history), for the four-eyes rule. */
  readonly submittedByAccountId?: string | null | undefined;
  /** Set when a party representative submitted it: the record is that party's claim. */
  readonly claimOfPartyId?: string | null | undefined;
  readonly [field: string]: unknown;
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

export const allow: Decision = { allowed: true };
export const refuse = (reason: string): Decision => ({ allowed: false, reason });

/** The caller as the rules see them. A representative without a party can do nothing but read. */
export type Who =
  | { type: "public" }
  | { type: "staff"; role: StaffRole; accountId: string; viaToken: boolean }
  | { type: "representative"; partyId: string; accountId: string; viaToken: boolean }
  | { type: "unbound" };

export function classify(actor: Actor): Who {
  if (actor.kind === "anonymous") return { type: "public" };
  const viaToken = actor.via === "token";
  if (isStaffRole(actor.role))
    return { type: "staff", role: actor.role, accountId: actor.accountId, viaToken };
  if (actor.partyId)
    return { type: "representative", partyId: actor.partyId, accountId: actor.accountId, viaToken };
  return { type: "unbound" };
}

export const signInFirst = "sign in first: the public can read published records and nothing more";
export const unboundReason =
  "this representative account is bound to no party: an administrator must set its party first";

export type Named = (partyId: string) => string;
export type Speaker = Extract<Who, { type: "staff" | "representative" }>;

/** The party whose words the record is: a reply's party, or the party that submitted a claim. */
function partyOf(kind: PolicyKind, record: PolicyRecord): string | undefined {
  const party = kind === "replies" ? record.partyId : record.claimOfPartyId;
  return typeof party === "string" && party.length > 0 ? party : undefined;
}

const isOwn = (who: Speaker, record: PolicyRecord) =>
  record.createdByAccountId === who.accountId || record.submittedByAccountId === who.accountId;

export function canRead(who: Who, kind: PolicyKind, record: PolicyRecord, name: Named): Decision {
  if (isPublicState(record.reviewState) || who.type === "staff") return allow;
  if (who.type === "representative" && partyOf(kind, record) === who.partyId) return allow;
  const state = reviewStateLabels[record.reviewState];
  if (who.type === "representative")
    return refuse(
      `a representative of ${name(who.partyId)} sees published records and ${name(who.partyId)}'s own submissions and replies; this record is ${state}`,
    );
  return refuse(`only published records are public; this one is ${state}`);
}

export function canActOnKind(who: Speaker, action: KindAction, kind: PolicyKind, name: Named): Decision {
  const label = kindLabels[kind];
  if (action === "import") {
    if (who.type !== "staff" || who.role !== "administrator")
      return refuse("only an administrator can import records");
    return kind === "replies"
      ? refuse("replies are written by the parties themselves, never imported")
      : allow;
  }
  if (action === "submit_claim") {
    if (who.type === "staff")
      return refuse("only a party representative submits claims, in their own party's name");
    return isClaimKind(kind)
      ? allow
      : refuse(
          `a party's claims are statements and evidence (documents), observations (incidents, access observations) and its readings (interpretations), not ${label}`,
        );
  }
  if (kind === "replies") return refuse('a reply is written with "reply" on the record it answers');
  if (who.type === "representative")
    return refuse(
      `a representative submits records as ${name(who.partyId)}'s claims (submit_claim), never as findings`,
    );
  const { authors } = kindRules[kind];
  return authors.includes(who.role) ? allow : refuse(`only ${rolesPhrase(authors)} can create ${label}`);
}

export function canActOnRecord(
  who: Speaker,
  action: RecordAction,
  kind: PolicyKind,
  record: PolicyRecord,
  name: Named,
) {
  if (action === "reply") return canReply(who, kind, record, name);
  if (kind === "replies") return canActOnReply(who, action, record, name);
  const state = record.reviewState;
  if (action === "update") return canChange(who, kind, record, name);
  if (action === "delete") {
    if (state === "under_review")
      return refuse("a record under review cannot be deleted: return it to draft first");
    if (state === "retracted") return refuse("a retracted record is kept as it was, never deleted");
    if (state !== "draft")
      return refuse(
        `only drafts, never public, are deleted: retract a ${state} record instead, with a reason`,
      );
    return canChange(who, kind, record, name);
  }
  if (action === "submit_for_review") {
    if (state !== "draft") return refuse(notFromHere(kind, action, state));
    return canChange(who, kind, record, name);
  }
  if (!isReviewAction(action)) return refuse(`"${action}" is not a move of the review workflow`);
  const claimant = partyOf(kind, record);
  if (action === "return_to_draft" && who.type === "representative" && claimant === who.partyId) {
    // Withdrawing one's own submission to change it gives nothing away: the representative may.
    return findTransition(kind, action, state) ? allow : refuse(notFromHere(kind, action, state));
  }
  if (who.type === "representative") return refuse(representativeReviewRefusal(action, name(who.partyId)));
  const ownWithdrawal =
    action === "return_to_draft" && isOwn(who, record) && kindRules[kind].authors.includes(who.role);
  if (!reviewerRoles.includes(who.role) && !ownWithdrawal) return refuse(reviewerOnly[action]);
  if (!findTransition(kind, action, state)) return refuse(notFromHere(kind, action, state));
  if (action === "publish" && isOwn(who, record))
    return refuse("four eyes: you created or submitted this record, so someone else must publish it");
  return allow;
}

function representativeReviewRefusal(action: ReviewAction, party: string): string {
  if (action === "return_to_draft")
    return `a representative of ${party} can withdraw only ${party}'s own submissions`;
  if (action === "publish")
    return `a representative never publishes: a mediator reviews ${party}'s submissions and publishes them as ${party}'s claims`;
  return `a representative never ${action === "dispute" ? "disputes" : "retracts"} records: ${party} answers them with a reply`;
}

const reviewerOnly: Record<"return_to_draft" | "publish" | "dispute" | "retract", string> = {
  return_to_draft: "only a mediator or an administrator can return someone else's record to draft",
  publish: "only a mediator or an administrator can publish a record",
  dispute: "only a mediator or an administrator can mark a record disputed",
  retract: "only a mediator or an administrator can retract a record",
};

const movedPast: Record<ReviewAction, string> = {
  submit_for_review: "submitted for review",
  return_to_draft: "returned to draft",
  publish: "published",
  dispute: "disputed",
  retract: "retracted",
};

/** "only a reply that is a draft can be published; this one is published", from the transition table. */
export function notFromHere(kind: PolicyKind, action: ReviewAction, state: ReviewState): string {
  const from = transitionsFor(kind)
    .filter((t) => t.action === action)
    .map((t) => reviewStateLabels[t.from]);
  const noun = kind === "replies" ? "reply" : "record";
  const hint =
    action === "publish" && state === "draft" && kind !== "replies" ? ": submit it for review first" : "";
  return `only a ${noun} that is ${from.join(" or ")} can be ${movedPast[action]}; this one is ${reviewStateLabels[state]}${hint}`;
}

/** Update a record (not a reply); deleting and submitting a draft take the same right. */
function canChange(who: Speaker, kind: EntityName, record: PolicyRecord, name: Named): Decision {
  const state = record.reviewState;
  const claimant = partyOf(kind, record);
  if (state === "under_review")
    return refuse(
      "a record under review is frozen, so that what is published is what was reviewed: return it to draft to change it",
    );
  if (who.type === "representative") {
    const party = name(who.partyId);
    if (claimant !== who.partyId)
      return refuse(
        `a representative of ${party} can change only ${party}'s own draft submissions and replies`,
      );
    return state === "draft"
      ? allow
      : refuse(
          `${party}'s submission is on the record once reviewed: submit another, or reply, rather than change it`,
        );
  }
  if (claimant)
    return refuse(
      `this is ${name(claimant)}'s claim: only ${name(claimant)}'s representatives can change it`,
    );
  if (state === "retracted") return refuse("a retracted record is kept as it was, not changed");
  const label = kindLabels[kind];
  const { authors, curators } = kindRules[kind];
  if (state === "draft") {
    if (curators.includes(who.role)) return allow;
    if (!authors.includes(who.role)) return refuse(`only ${rolesPhrase(authors)} can write ${label}`);
    const author = record.createdByAccountId;
    if (!author || author === who.accountId) return allow;
    return refuse(`only its author or ${rolesPhrase(curators)} can change someone else's draft (${label})`);
  }
  if (appendOnlyEntities.has(kind))
    return refuse(`published ${label} are appended, never edited: record a new one that supersedes this one`);
  return curators.includes(who.role)
    ? allow
    : refuse(`published ${label} are corrected only by ${rolesPhrase(curators)}`);
}

function canActOnReply(who: Speaker, action: RecordAction, record: PolicyRecord, name: Named): Decision {
  const party = partyOf("replies", record);
  const partyName = party ? name(party) : "its party";
  if (who.type !== "representative" || who.partyId !== party)
    return refuse(
      `this reply is ${partyName}'s own word: only ${partyName}'s representatives can ${action.replaceAll("_", " ")} it`,
    );
  const state = record.reviewState;
  switch (action) {
    case "update":
      return state === "draft" || state === "published"
        ? allow
        : refuse(`a ${state} reply is kept as it was`);
    case "delete":
      return state === "draft"
        ? allow
        : refuse("only a draft reply is deleted; a published one is retracted instead");
    case "publish":
    case "retract":
      return findTransition("replies", action, state) ? allow : refuse(notFromHere("replies", action, state));
    default:
      return refuse(
        "a reply is published by its party directly: it has no review to submit to, and is not disputed",
      );
  }
}

function canReply(who: Speaker, kind: PolicyKind, record: PolicyRecord, name: Named): Decision {
  if (who.type === "staff")
    return refuse(
      "replying is a party's right: only a party representative can reply, in their own party's name",
    );
  if (!isReplyableKind(kind))
    return refuse(
      `only incidents (and their allegations), assessments and interpretations take replies, not ${kindLabels[kind]}`,
    );
  if (!isPublicState(record.reviewState))
    return refuse(
      `only a published record can be replied to; this one is ${reviewStateLabels[record.reviewState]}`,
    );
  const party = name(who.partyId);
  return concerns(kind, record, who.partyId)
    ? allow
    : refuse(`a representative of ${party} cannot reply to a record that does not concern ${party}`);
}

/**
 * A party's notifications (what was published about it): the mission's staff read every party's, a
 * representative their own party's only. What a party is told is about published records, but which
 * records concern a party, and when, is that party's business.
 */
export function canReadNotifications(who: Speaker, partyId: string | undefined, name: Named): Decision {
  if (who.type === "staff") return allow;
  const party = name(who.partyId);
  if (partyId === who.partyId) return allow;
  return refuse(`a representative of ${party} reads only ${party}'s notifications`);
}

/**
 * A party's webhooks: where its notifications are sent, signed. An administrator manages any party's
 * (setting one up for a party that asks); a representative their own party's, since the party runs the
 * receiving end. Monitors and mediators do not: a webhook's address and secret are the party's.
 */
export function canManageWebhooks(who: Speaker, partyId: string, name: Named): Decision {
  if (who.type === "staff")
    return who.role === "administrator"
      ? allow
      : refuse("only an administrator, or the party's own representatives, can manage a party's webhooks");
  const party = name(who.partyId);
  return partyId === who.partyId
    ? allow
    : refuse(`a representative of ${party} can manage only ${party}'s own webhooks`);
}
